/**
 * The plain-language lead of a run's report: three to five sentences that answer who gets the
 * numbers, how many go unused, how long the line grows, when each pool fills, and how sure we are.
 * In: the Summary (and what was changed, when the run is not the shipped scenario as it stands).
 * Out: sentences as plain text, the same ones report.html shows and `visasim run` prints on stderr.
 * Pure: no I/O, nothing but the Summary's rows, so the page can build it again in the browser.
 */
import type { CellStats, Metric, ProgramInfo, QuantileRow, Summary } from '../core/types.js';
import { type CapReached, capReached, usedUpAtOnce } from './cap-reached.js';
import { formatValue } from './cell-text.js';
import { countRuns, formatCount } from './charts/format.js';
import { horizonLabel } from './charts/frame.js';
import { formatDate, formatDateRange } from './dates.js';
import type { Modification } from './modified.js';

/** At most this many pools are named in the "when each pool fills" sentence; the rest are counted. */
const MAX_POOLS = 4;
/** At most this many groups are named in the "who gets the numbers" sentence. */
const MAX_GROUPS = 3;

/**
 * What a program hands out, in words a reader expects: paroles, documents, returns, work permits,
 * or visas (also when the title does not say).
 * @example unitNoun({ title: 'Parole process for Venezuelans (24,000)' }) // 'paroles'
 */
export function unitNoun(program: Pick<ProgramInfo, 'title'>): string {
  const t = program.title.toLowerCase();
  if (/\breturn|\bexpel/.test(t)) return 'returns';
  if (/\bparole/.test(t)) return 'paroles';
  if (/\bdocument/.test(t)) return 'documents';
  if (/\bvisa|h-2b|\beb-|preference|diversity/.test(t)) return 'visas';
  if (/\bwork|labou?r/.test(t)) return 'work permits';
  return 'visas';
}

/**
 * What a whole summary hands out, for chart titles: its programs' noun when they share one
 * ("visas"), else "numbers" (CHNV's paroles beside Mexico's returns).
 */
export function summaryNoun(summary: { programs: readonly Pick<ProgramInfo, 'title'>[] }): string {
  const nouns = new Set(summary.programs.map(unitNoun));
  return nouns.size === 1 ? ([...nouns][0] as string) : 'numbers';
}

/** " (90% of runs: 1,200–3,400)", or nothing when every run gives the same value. */
export function band(metric: Metric, s: CellStats): string {
  if (!Number.isFinite(s.p05) || !Number.isFinite(s.p95) || s.p05 === s.p95) return '';
  return ` (90% of runs: ${formatValue(metric, s.p05)}–${formatValue(metric, s.p95)})`;
}

function total(summary: Summary, program: string, metric: Metric, period = ''): QuantileRow | undefined {
  return summary.rows.find(
    (r) =>
      r.program === program && r.pool === '' && r.group === '' && r.period === period && r.metric === metric,
  );
}

const has = (r: QuantileRow | undefined): r is QuantileRow =>
  !!r && r.stats.n > 0 && Number.isFinite(r.stats.p50);

/** "Mexico (750,000), Guatemala (264,580) and Honduras (149,485)" */
function topGroups(summary: Summary, program: string): string {
  const name = (id: string) => summary.groups.find((g) => g.id === id)?.name ?? id;
  const top = summary.rows
    .filter(
      (r) =>
        r.program === program &&
        r.pool === '' &&
        r.group !== '' &&
        r.period === '' &&
        r.metric === 'issued' &&
        has(r) &&
        Math.round(r.stats.p50) > 0,
    )
    .sort((a, b) => b.stats.p50 - a.stats.p50 || a.group.localeCompare(b.group))
    .slice(0, MAX_GROUPS)
    .map((r) => `${name(r.group)} (${formatCount(r.stats.p50)})`);
  return listText(top);
}

/** "a", "a and b", "a, b and c" */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Who gets the numbers, how many go unused and how many are still waiting, for one program. */
function programSentences(summary: Summary, p: ProgramInfo, several: boolean): string[] {
  const noun = unitNoun(p);
  const name = several ? `${p.title}: ` : '';
  const out: string[] = [];
  const issued = total(summary, p.id, 'issued');
  const applicants = total(summary, p.id, 'applicants');
  if (has(issued)) {
    const to = has(applicants)
      ? ` among ${formatCount(applicants.stats.p50)} applicants${band('applicants', applicants.stats)}`
      : '';
    const groups = topGroups(summary, p.id);
    const s = issued.stats;
    const amount =
      s.p05 === s.p95
        ? `${formatCount(s.p50)} ${noun} are issued in every run`
        : `a median of ${formatCount(s.p50)} ${noun} are issued${band('issued', s)}`;
    out.push(
      `${name}Over ${horizonLabel(summary)}, ${amount}${to}${groups ? `; most go to ${groups}` : ''}.`,
    );
  }
  const unused = total(summary, p.id, 'unused');
  const last = summary.fiscalYears[summary.fiscalYears.length - 1];
  const backlog =
    (last ? total(summary, p.id, 'backlog', last) : undefined) ?? total(summary, p.id, 'backlog');
  const parts: string[] = [];
  if (has(unused))
    parts.push(
      unused.stats.p95 === 0
        ? `no ${noun} go unused in any run`
        : `${formatCount(unused.stats.p50)} ${noun} go unused${band('unused', unused.stats)}`,
    );
  if (has(backlog))
    parts.push(
      backlog.stats.p95 === 0
        ? 'no one is left waiting at the end'
        : `${formatCount(backlog.stats.p50)} applicants are still waiting at the end${last ? ` of ${last}` : ''}${band(
            'backlog',
            backlog.stats,
          )}`,
    );
  if (parts.length > 0) {
    const text = listText(parts);
    out.push(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
  }
  return out;
}

/** A cap period in words, one and several. */
const PERIOD_WORDS: Record<string, [string, string]> = {
  'fiscal-year': ['year', 'years'],
  half: ['half', 'halves'],
  month: ['month', 'months'],
};

/** One pool's fill in words: when its first cap is reached, and how often the later ones are. */
function poolFill(summary: Summary, entries: CapReached[], backlogAtStart: boolean): string {
  const first = entries.find((c) => c.share > 0);
  const label = entries[0]?.poolLabel ?? '';
  if (!first) return `${label} never fills`;
  const often = first.share >= 1 ? '' : `, in ${Math.max(1, Math.round(first.share * 100))}% of runs`;
  let when = first.period;
  if (usedUpAtOnce(first)) {
    // there is no fill date to announce: say why
    when = backlogAtStart
      ? `at once, in the first days of ${first.period}: the line already waiting takes every number`
      : `at once, in the first days of ${first.period}`;
  } else if (first.receiptOn) {
    // two clocks: the final receipt date first, as USCIS announces it, then the start date
    when = `by receipt date on ${formatDate(first.receiptOn.p50)} (${first.period}${
      first.receiptOn.p05 === first.receiptOn.p95
        ? ''
        : `; 90% of runs: ${formatDateRange(first.receiptOn.p05, first.receiptOn.p95)}`
    }${first.reachedOn ? `; by start date ${formatDate(first.reachedOn.p50)}` : ''})`;
  } else if (first.reachedOn) {
    when = `on ${formatDate(first.reachedOn.p50)} (${first.period}${
      first.reachedOn.p05 === first.reachedOn.p95
        ? ''
        : `; 90% of runs: ${formatDateRange(first.reachedOn.p05, first.reachedOn.p95)}`
    })`;
  } else if (first.days) {
    when = `after ${formatValue('days_to_fill', first.days.p50)} of ${first.period}`;
  }
  const later = entries.slice(entries.indexOf(first) + 1);
  const info = summary.programs.find((p) => p.id === first.program)?.pools.find((p) => p.id === first.pool);
  const [one, several] = PERIOD_WORDS[info?.capPer ?? ''] ?? ['period', 'periods'];
  const often2 = later.filter((c) => c.share >= 0.5).length;
  const rest =
    later.length === 0
      ? ''
      : often2 === later.length
        ? `, and again in every later ${one} in most runs`
        : `, and in ${often2} of the ${later.length} later ${several} in most runs`;
  return `${label} fills ${when}${often}${rest}`;
}

/** When each pool fills (the first cap period in which it is reached, as agencies announce it). */
function capsSentence(summary: Summary): string {
  const caps = capReached(summary);
  if (caps.length === 0) return '';
  const pools: CapReached[][] = [];
  for (const c of caps) {
    const list = pools.find((l) => l[0]?.program === c.program && l[0]?.pool === c.pool);
    if (list) list.push(c);
    else pools.push([c]);
  }
  const backlog = (program: string) =>
    summary.rows.some((r) => r.program === program && r.metric === 'final_action_date' && r.stats.n > 0);
  if (pools.length > MAX_POOLS) return manyPoolsFill(summary, pools);
  const named = pools.map((l) => poolFill(summary, l, backlog(l[0]?.program ?? '')));
  return `When the caps fill: ${named.join('; ')}.`;
}

/** Many pools in one sentence: how many fill in their first period, the first and the last to. */
function manyPoolsFill(summary: Summary, pools: CapReached[][]): string {
  const title = (c: CapReached) =>
    summary.programs.find((p) => p.id === c.program)?.pools.find((p) => p.id === c.pool)?.title ?? c.pool;
  const firsts = pools.map((l) => l[0]).filter((c): c is CapReached => c !== undefined);
  const dated = firsts
    .filter((c) => c.share >= 0.5 && c.reachedOn !== null)
    .sort((a, b) => (a.reachedOn?.p50 ?? '').localeCompare(b.reachedOn?.p50 ?? ''));
  const never = firsts.filter((c) => c.share === 0).length;
  const on = (c: CapReached | undefined) =>
    c?.receiptOn
      ? `${title(c)} on ${formatDate(c.receiptOn.p50)} by receipt date`
      : c?.reachedOn
        ? `${title(c)} on ${formatDate(c.reachedOn.p50)}`
        : '';
  const span =
    dated.length > 1
      ? `: the first, ${on(dated[0])}; the last, ${on(dated[dated.length - 1])}`
      : dated.length === 1
        ? `: ${on(dated[0])}`
        : '';
  return `When the caps fill: ${dated.length} of ${pools.length} pools fill in their first period in most runs${span}${
    never > 0 ? `; ${never} never ${never === 1 ? 'fills' : 'fill'} in it` : ''
  }. The table below gives every date with its range.`;
}

/** How sure: what the figures are and what they rest on. */
function sureSentence(summary: Summary): string {
  const n = summary.scenario.assumptions.length;
  const rest =
    n === 0
      ? ''
      : ` They rest on ${n === 1 ? 'one assumption' : `${formatCount(n)} assumptions`} of the scenario, listed with their ranges in the report.`;
  return `Every figure is the median of ${countRuns(summary.runs)} (seed ${summary.seed}); the ranges hold 90% of runs.${rest}`;
}

/** "Modified: …" — said first, so a shared page is never taken for the shipped scenario. */
export function modifiedSentence(m: Modification | undefined, who = 'this run'): string {
  if (!m || m.changes.length === 0) return '';
  const n = m.changes.length;
  return `Modified: ${who} changes ${n === 1 ? 'one value' : `${n} values`} of ${
    m.base ? `the shipped scenario ${m.base}` : 'the scenario'
  } (listed under “What was changed”), so its figures are not the shipped scenario's.`;
}

/**
 * The lead of a run's report, as sentences.
 * @example runLead(summary)[0] // 'Over FY2024–FY2028, a median of 1,500,000 visas are issued …'
 */
export function runLead(summary: Summary, modified?: Modification): string[] {
  const several = summary.programs.length > 1;
  return [
    modifiedSentence(modified),
    ...summary.programs.flatMap((p) => programSentences(summary, p, several)),
    capsSentence(summary),
    summary.rows.length > 0 ? sureSentence(summary) : '',
  ].filter(Boolean);
}
