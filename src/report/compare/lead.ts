/**
 * A comparison in words: a change as text ("+12,345", "−3.1 percentage points") and the plain-language
 * lead of the report (what B does differently, with how sure it is).
 */
import type { CellStats, CompareRow, CompareSummary, Metric } from '../../core/types.js';
import { isShare } from '../cell-text.js';
import { formatCount, signedCount } from '../charts/format.js';
import { unitNoun } from '../lead.js';
import { both, hasStats, headlineRow, issuedByGroupRows, nameOf, programOf } from './common.js';

/** A share in signed percentage points with one decimal: "+0.6", "−3.1", "0". */
function signedPoints(x: number): string {
  const pp = Math.round(x * 1000) / 10;
  return pp === 0 ? '0' : `${pp > 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)}`;
}

/** A change as text: "+12,345", "−3.1 percentage points", "+4 days". */
export function formatChange(metric: Metric, x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (isShare(metric)) return `${signedPoints(x)} percentage points`;
  if (metric !== 'days_to_fill') return signedCount(x);
  return `${signedCount(x)} ${Math.abs(Math.round(x)) === 1 ? 'day' : 'days'}`;
}

/** The 5th–95th percentile of a change as text, the unit once: "+0.6 to +0.8 percentage points". */
export function changeRangeText(metric: Metric, s: CellStats): string {
  if (s.p05 === s.p95) return 'same in every run';
  if (isShare(metric)) return `${signedPoints(s.p05)} to ${signedPoints(s.p95)} percentage points`;
  if (metric === 'days_to_fill') return `${signedCount(s.p05)} to ${formatChange(metric, s.p95)}`;
  return `${formatChange(metric, s.p05)} to ${formatChange(metric, s.p95)}`;
}

/** "12,345 more" / "12,345 fewer" / "the same number of" for a count change. */
function moreOrFewer(x: number): string {
  const r = Math.round(x);
  if (r === 0) return 'the same number of';
  return `${formatCount(Math.abs(r))} ${r > 0 ? 'more' : 'fewer'}`;
}

/** "(in 90% of runs between 10,000 and 14,000 more)", or a warning that it could go either way. */
function rangeClause(s: CellStats): string {
  if (s.p05 === s.p95) return s.p05 === 0 ? '' : ' in every run';
  const lo = Math.round(s.p05);
  const hi = Math.round(s.p95);
  if (lo >= 0) return ` (in 90% of runs between ${formatCount(lo)} and ${formatCount(hi)} more)`;
  if (hi <= 0) return ` (in 90% of runs between ${formatCount(-hi)} and ${formatCount(-lo)} fewer)`;
  return ` (in 90% of runs anywhere from ${formatCount(-lo)} fewer to ${formatCount(hi)} more: it could go either way)`;
}

/**
 * The plain-language lead: what B does differently, in a few sentences.
 * @example compareLead(cs)[0] // 'Compared with A, B issues 12,000 more visas over FY2024–FY2028 (in 90% of runs …).'
 */
export function compareLead(cs: CompareSummary): string[] {
  const b = both(cs);
  const sentences: string[] = [];
  const programs = [...new Set(cs.rows.map((r) => r.program))];
  for (const program of programs) {
    const prefix = programs.length > 1 ? `${programOf(b, program)}: ` : '';
    const noun = unitNoun({ title: programOf(b, program) });
    const total = headlineRow(cs, program, '', 'issued');
    if (total && hasStats(total.diff)) {
      const d = total.diff;
      const same = Math.round(d.p50) === 0;
      sentences.push(
        same && d.p05 === 0 && d.p95 === 0
          ? `${prefix}Compared with A, B issues the same number of ${noun} over ${b.horizon} in every run.`
          : same
            ? `${prefix}Compared with A, B issues as many ${noun} over ${b.horizon} in the median run${rangeClause(d)}.`
            : `${prefix}Compared with A, B issues ${moreOrFewer(d.p50)} ${noun} over ${b.horizon}${rangeClause(d)}.`,
      );
    }
    const groups = issuedByGroupRows(cs)
      .filter((r) => r.program === program && hasStats(r.diff) && Math.round(r.diff.p50) !== 0)
      .sort((x, y) => y.diff.p50 - x.diff.p50);
    const gains = groups.filter((r) => r.diff.p50 > 0).slice(0, 3);
    const losses = groups
      .filter((r) => r.diff.p50 < 0)
      .reverse()
      .slice(0, 3);
    const list = (rs: CompareRow[]) =>
      rs.map((r) => `${nameOf(b, r.group)} (${moreOrFewer(r.diff.p50)})`).join(', ');
    if (gains.length > 0 && losses.length > 0)
      sentences.push(`More go to ${list(gains)}; fewer to ${list(losses)}.`);
    else if (gains.length > 0) sentences.push(`More go to ${list(gains)}.`);
    else if (losses.length > 0) sentences.push(`Fewer go to ${list(losses)}.`);
    const unused = headlineRow(cs, program, '', 'unused');
    if (unused && hasStats(unused.diff) && Math.round(unused.diff.p50) !== 0)
      sentences.push(`B leaves ${moreOrFewer(unused.diff.p50)} ${noun} unused${rangeClause(unused.diff)}.`);
    const last = b.fiscalYears[b.fiscalYears.length - 1];
    const backlog = cs.rows.find(
      (r) =>
        r.program === program &&
        r.pool === '' &&
        r.group === '' &&
        r.period === last &&
        r.metric === 'backlog',
    );
    if (backlog && hasStats(backlog.diff) && Math.round(backlog.diff.p50) !== 0)
      sentences.push(
        `At the end of ${last}, ${moreOrFewer(backlog.diff.p50)} applicants are still waiting${rangeClause(backlog.diff)}.`,
      );
  }
  return sentences;
}
