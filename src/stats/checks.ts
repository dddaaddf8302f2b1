/**
 * A scenario's own `checks:` — expectations that pin published numbers — evaluated on the runs.
 * Values are read per run (pools are added run by run), so "the caps of these pools sum to 64,716"
 * holds exactly in every run or fails. Without `stat`, equals/at_most/at_least must hold in every
 * run (min and max); with `stat`, the statistic across runs is compared.
 */

import type { CellStats } from '../core/types.js';
import { isoOfDay } from '../model/calendar.js';
import { ceilingKey, stageKey } from '../model/cells.js';
import type { Model } from '../model/model.js';
import type { Check } from '../scenario/schema.js';
import type { Accumulator } from './accumulate.js';
import { cellStats } from './accumulate.js';

export interface CheckResult {
  check: Check;
  ok: boolean;
  /** the values compared, one per period checked */
  observed: { period: string; stats: CellStats }[];
  message: string;
}

const fmtNumber = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toPrecision(6));

export function evaluateChecks(model: Model, acc: Accumulator, checks: readonly Check[]): CheckResult[] {
  return checks.map((check) => evaluateCheck(model, acc, check));
}

function evaluateCheck(model: Model, acc: Accumulator, check: Check): CheckResult {
  // A ceiling's rows: program '' and pool `ceiling:<id>` (model/cells.ts).
  const [program, inPools] =
    check.ceiling !== undefined
      ? ['', (pool: string) => pool === ceilingKey(check.ceiling as string)]
      : check.stage !== undefined
        ? [check.program, (pool: string) => pool === stageKey(check.stage as string)]
        : [check.program, (pool: string) => (check.pools ? check.pools.includes(pool) : pool === '')];
  const rows = model.cells.rows.filter(
    (r) =>
      r.program === program &&
      r.metric === check.metric &&
      r.group === (check.group ?? '') &&
      inPools(r.pool),
  );
  const labels = [...new Set(rows.map((r) => r.period).filter((p) => p !== ''))];
  // a range: its periods in the rows' (time) order, summed run by run
  const range = check.periods ? periodRange(labels, check.periods.from, check.periods.to) : undefined;
  const periods = check.every_period ? labels : [check.period ?? ''];
  const observed = (range ? [range] : periods.map((p) => [p])).map((members) => {
    const offsets = rows.filter((r) => members.includes(r.period)).map((r) => r.offset);
    const values = new Float64Array(acc.added);
    for (const o of offsets) {
      const col = acc.values(o);
      for (let i = 0; i < acc.added; i++) values[i] = (values[i] as number) + (col[i] as number);
    }
    if (range && check.periods?.over === 'mean' && members.length > 0)
      for (let i = 0; i < acc.added; i++) values[i] = (values[i] as number) / members.length;
    const period = range ? `${check.periods?.from}–${check.periods?.to}` : (members[0] as string);
    return { period, stats: offsets.length ? cellStats(values) : cellStats([]), cells: offsets.length };
  });
  const failures: string[] = [];
  if (observed.every((o) => o.stats.n === 0)) failures.push('no such values in the results');
  for (const { period, stats, cells } of observed) {
    if (stats.n === 0) continue;
    // Each run's values are kept as 32-bit floats (accumulate.ts): a value is known to within half
    // a unit in its 24th bit, per cell added up. So `equals: 0.1` holds for a rate of exactly 0.1,
    // while whole counts below 2^24 are still compared exactly (to within 1e-9).
    const tol = (target: number) => 1e-9 + Math.abs(target) * 2 ** -24 * Math.max(1, cells);
    const lo = check.stat ? stats[check.stat] : stats.min;
    const hi = check.stat ? stats[check.stat] : stats.max;
    const where = period ? ` in ${period}` : '';
    // a date metric's values are day numbers: written as dates
    const fmt = check.metric === 'final_action_date' ? (x: number) => isoOfDay(Math.round(x)) : fmtNumber;
    const seen = lo === hi ? fmt(lo) : `${fmt(lo)} to ${fmt(hi)}`;
    if (
      check.equals !== undefined &&
      (Math.abs(lo - check.equals) > tol(check.equals) || Math.abs(hi - check.equals) > tol(check.equals))
    )
      failures.push(`expected ${fmt(check.equals)}${where}, found ${seen}`);
    if (check.at_most !== undefined && hi > check.at_most + tol(check.at_most))
      failures.push(`expected at most ${fmt(check.at_most)}${where}, found ${seen}`);
    if (check.at_least !== undefined && lo < check.at_least - tol(check.at_least))
      failures.push(`expected at least ${fmt(check.at_least)}${where}, found ${seen}`);
  }
  return {
    check,
    ok: failures.length === 0,
    observed: observed.map(({ period, stats }) => ({ period, stats })),
    message: failures.length
      ? failures.slice(0, 3).join('; ') + (failures.length > 3 ? `; and ${failures.length - 3} more` : '')
      : 'holds',
  };
}

/** The labels from `from` to `to`, both included, in their order; empty when either is missing. */
export function periodRange(labels: readonly string[], from: string, to: string): string[] {
  const a = labels.indexOf(from);
  const b = labels.indexOf(to);
  return a < 0 || b < a ? [] : labels.slice(a, b + 1);
}
