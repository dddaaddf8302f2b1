/**
 * A scenario's own `checks:` — expectations that pin published numbers — evaluated on the runs.
 * Values are read per run (pools are added run by run), so "the caps of these pools sum to 64,716"
 * holds exactly in every run or fails. Without `stat`, equals/at_most/at_least must hold in every
 * run (min and max); with `stat`, the statistic across runs is compared.
 */

import type { CellStats } from '../core/types.js';
import { dayNumber } from '../formula/formula.js';
import { boundValue, type SeriesTable } from '../formula/series.js';
import { isoOfDay } from '../model/calendar.js';
import { ceilingKey, stageKey } from '../model/cells.js';
import type { Model } from '../model/model.js';
import type { Check, SeriesBound } from '../scenario/schema.js';
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

/** Metrics whose values are days from the start of their period: a date bound reads them as dates. */
const DAYS_METRICS = new Set(['days_to_fill', 'days_to_fill_receipt']);

/** A bound as a number: an ISO date is its day number. */
const boundOf = (x: number | string | undefined) =>
  x === undefined ? undefined : typeof x === 'string' ? dayNumber(x) : x;

/** The rows (cells) a check reads, in every period. */
function checkRows(model: Model, check: Check): Model['cells']['rows'] {
  // A ceiling's rows: program '' and pool `ceiling:<id>` (model/cells.ts).
  const [program, inPools] =
    check.ceiling !== undefined
      ? ['', (pool: string) => pool === ceilingKey(check.ceiling as string)]
      : check.stage !== undefined
        ? [check.program, (pool: string) => pool === stageKey(check.stage as string)]
        : [check.program, (pool: string) => (check.pools ? check.pools.includes(pool) : pool === '')];
  return model.cells.rows.filter(
    (r) =>
      r.program === program &&
      r.metric === check.metric &&
      r.group === (check.group ?? '') &&
      inPools(r.pool),
  );
}

/** The offsets of the cells that checks read run by run (an Accumulator must keep them so). */
export function checkedOffsets(model: Model, checks: readonly Check[]): number[] {
  return checks.flatMap((check) => checkRows(model, check).map((r) => r.offset));
}

function evaluateCheck(model: Model, acc: Accumulator, check: Check): CheckResult {
  // the day a cap was reached, compared with a date: each run's days added to its period's start
  const asDates =
    DAYS_METRICS.has(check.metric) &&
    [check.equals, check.at_most, check.at_least].some((x) => typeof x === 'string');
  const startOf = (pool: string, period: string) =>
    model.pools.find((p) => p.id === pool)?.periods.find((p) => p.label === period)?.start ?? Number.NaN;
  const rows = checkRows(model, check);
  const labels = [...new Set(rows.map((r) => r.period).filter((p) => p !== ''))];
  // a range: its periods in the rows' (time) order, summed run by run
  const range = check.periods ? periodRange(labels, check.periods.from, check.periods.to) : undefined;
  const periods = check.every_period ? labels : [check.period ?? ''];
  const observed = (range ? [range] : periods.map((p) => [p])).map((members) => {
    const cellsIn = rows.filter((r) => members.includes(r.period));
    const offsets = cellsIn.map((r) => r.offset);
    const values = new Float64Array(acc.added);
    for (const r of cellsIn) {
      const col = acc.values(r.offset);
      const shift = asDates ? startOf(r.pool, r.period) : 0;
      for (let i = 0; i < acc.added; i++) values[i] = (values[i] as number) + (col[i] as number) + shift;
    }
    if (range && check.periods?.over === 'mean' && members.length > 0)
      for (let i = 0; i < acc.added; i++) values[i] = (values[i] as number) / members.length;
    const period = range ? `${check.periods?.from}–${check.periods?.to}` : (members[0] as string);
    return { period, stats: offsets.length ? cellStats(values) : cellStats([]), cells: offsets.length };
  });
  const failures: string[] = [];
  if (observed.every((o) => o.stats.n === 0)) {
    // a metric kept per period only (days_to_fill, final_day_accepted) read without a period, or a
    // period the rows do not have
    const missing =
      !range &&
      !check.every_period &&
      labels.length > 0 &&
      !rows.some((r) => r.period === (check.period ?? ''));
    const some = `${labels.slice(0, 4).join(', ')}${labels.length > 4 ? ', …' : ''}`;
    failures.push(
      !missing
        ? 'no such values in the results'
        : check.period === undefined
          ? `no such values in the results: ${check.metric} is given per period here (${some}), not over all periods — give \`period\`, \`periods\` or \`every_period: true\``
          : `no such values in the results: no period "${check.period}" here (${some})`,
    );
  }
  for (const { period, stats, cells } of observed) {
    if (stats.n === 0) continue;
    // Each run's values are kept as 32-bit floats (accumulate.ts): a value is known to within half
    // a unit in its 24th bit, per cell added up. So `equals: 0.1` holds for a rate of exactly 0.1,
    // while whole counts below 2^24 are still compared exactly (to within 1e-9).
    // a bound read from a series is the value at the period checked, or one value for all
    const bound = (b: Check['equals']) =>
      typeof b === 'object' ? resolveBound(model.series, b, period, failures) : boundOf(b);
    const equals = bound(check.equals);
    const atMost = bound(check.at_most);
    const atLeast = bound(check.at_least);
    const within = check.within;
    const tol = (target: number) =>
      within !== undefined && target === equals
        ? Math.abs(target) * within + 1e-9
        : 1e-9 + Math.abs(target) * 2 ** -24 * Math.max(1, cells);
    // a day a cap was reached, as a date: the day it falls on (the values are fractions of days)
    const day = asDates ? Math.floor : (x: number) => x;
    const lo = day(check.stat ? stats[check.stat] : stats.min);
    const hi = day(check.stat ? stats[check.stat] : stats.max);
    const where = period ? ` in ${period}` : '';
    // a date metric's values are day numbers: written as dates
    const fmt =
      check.metric === 'final_action_date' || asDates ? (x: number) => isoOfDay(Math.round(x)) : fmtNumber;
    const seen = lo === hi ? fmt(lo) : `${fmt(lo)} to ${fmt(hi)}`;
    const near = within !== undefined ? ` (within ${fmtNumber(within * 100)}%)` : '';
    if (equals !== undefined && (Math.abs(lo - equals) > tol(equals) || Math.abs(hi - equals) > tol(equals)))
      failures.push(`expected ${fmt(equals)}${near}${where}, found ${seen}`);
    if (atMost !== undefined && hi > atMost + tol(atMost))
      failures.push(`expected at most ${fmt(atMost)}${where}, found ${seen}`);
    if (atLeast !== undefined && lo < atLeast - tol(atLeast))
      failures.push(`expected at least ${fmt(atLeast)}${where}, found ${seen}`);
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

/**
 * A bound as a number: itself, or read from a series (`{ series: bracero, stat: max }`, or the value at
 * the period checked). A series with no such value is a failure that says so.
 */
function resolveBound(
  series: readonly SeriesTable[],
  b: number | SeriesBound | undefined,
  period: string,
  failures: string[],
): number | undefined {
  if (b === undefined || typeof b === 'number') return b;
  const t = series.find((x) => x.id === b.series);
  const v = t ? boundValue(t, b, period) : undefined;
  if (v === undefined)
    failures.push(`series "${b.series}" has no value for ${b.period ?? (period || 'the whole horizon')}`);
  return v;
}

/** The labels from `from` to `to`, both included, in their order; empty when either is missing. */
export function periodRange(labels: readonly string[], from: string, to: string): string[] {
  const a = labels.indexOf(from);
  const b = labels.indexOf(to);
  return a < 0 || b < a ? [] : labels.slice(a, b + 1);
}
