/**
 * "Cap reached on": for each pool and cap period, the date the cap was reached on the clock of its
 * periods (start dates, for H-2B), and, for a program with a receipt clock, by receipt (filing) date
 * too — the date USCIS announces as the final receipt date. In: the Summary's 'days_to_fill' and
 * 'days_to_fill_receipt' rows (days from the start of the period, among the runs in
 * which the cap was reached), 'filled' rows (mean = share of runs in which it was) and the pools'
 * `periodDates`. Out: one entry per pool and period, pools in declaration order and periods in time
 * order, with the median date and the 5th–95th percentile dates. The days-to-fill chart and the
 * report's table read these; nothing here computes a statistic, it only adds days to a date.
 */
import type { CellStats, PeriodInfo, QuantileRow, Summary } from '../core/types.js';
import { hasValue, poolRefOf, poolRefs } from './charts/common.js';
import { addDays } from './dates.js';

export interface CapReached {
  program: string;
  pool: string;
  /** the pool as readers see it (program title first when there are several programs) */
  poolLabel: string;
  /** the period label, as in quantiles.csv: FY2024, FY2023-H1, 2024-01, total */
  period: string;
  /** the period's dates (start inclusive, end exclusive); absent when the summary does not carry them */
  dates?: PeriodInfo;
  /** share of runs in which the cap was reached, 0–1 */
  share: number;
  /** runs in which the cap was reached */
  runsReached: number;
  /** days from the start of the period until the cap was reached, among the runs in which it was;
   * null when it was reached in no run */
  days: CellStats | null;
  /** the period's start plus the 5th, 50th and 95th percentile of `days`; null when never reached
   * or without dates */
  reachedOn: { p05: string; p50: string; p95: string } | null;
  /** the same on the receipt (filing-date) clock, for a program with `receipt_clock`; else absent */
  receiptOn?: { p05: string; p50: string; p95: string } | null;
}

const isPoolPeriod = (r: QuantileRow) => r.group === '' && r.pool !== '' && r.period !== '';

/**
 * Every pool and period with a 'filled' or 'days_to_fill' row.
 * @example capReached(summary)[0] // { pool: 'statutory', period: 'FY2023-H1', share: 1, reachedOn: { p50: '2022-10-26', … } }
 */
export function capReached(summary: Summary): CapReached[] {
  const refs = poolRefs(summary);
  const keyOf = (r: { program: string; pool: string; period: string }) =>
    `${r.program}\u0000${r.pool}\u0000${r.period}`;
  const filled = new Map<string, QuantileRow>();
  const days = new Map<string, QuantileRow>();
  const receipt = new Map<string, QuantileRow>();
  const order: QuantileRow[] = [];
  for (const r of summary.rows) {
    if (!isPoolPeriod(r)) continue;
    if (r.metric === 'days_to_fill_receipt') {
      receipt.set(keyOf(r), r);
      continue;
    }
    if (!hasValue(r)) continue;
    if (r.metric !== 'filled' && r.metric !== 'days_to_fill') continue;
    const key = keyOf(r);
    if (!filled.has(key) && !days.has(key)) order.push(r);
    (r.metric === 'filled' ? filled : days).set(key, r);
  }

  const poolInfo = (program: string, pool: string) =>
    summary.programs.find((p) => p.id === program)?.pools.find((p) => p.id === pool);
  const rank = (r: QuantileRow): [number, number] => {
    const poolRank = refs.findIndex((x) => x.program === r.program && x.pool === r.pool);
    const periodRank = poolInfo(r.program, r.pool)?.periods.indexOf(r.period) ?? -1;
    return [poolRank < 0 ? refs.length : poolRank, periodRank < 0 ? Number.MAX_SAFE_INTEGER : periodRank];
  };
  const sorted = order
    .map((r, i) => ({ r, i, rank: rank(r) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.i - b.i)
    .map((x) => x.r);

  return sorted.map((r) => {
    const key = keyOf(r);
    const f = filled.get(key);
    const d = days.get(key);
    const dates = poolInfo(r.program, r.pool)?.periodDates?.find((p) => p.label === r.period);
    const share = f ? f.stats.mean : (d?.stats.n ?? 0) / summary.runs;
    const reached = d && d.stats.n > 0 ? d.stats : null;
    const rc = receipt.get(key);
    const atDays = (s: CellStats | null) =>
      s && dates
        ? {
            p05: addDays(dates.start, s.p05),
            p50: addDays(dates.start, s.p50),
            p95: addDays(dates.start, s.p95),
          }
        : null;
    return {
      program: r.program,
      pool: r.pool,
      poolLabel: poolRefOf(refs, r).label,
      period: r.period,
      ...(dates ? { dates } : {}),
      share,
      runsReached: reached ? reached.n : Math.round(share * (f?.stats.n ?? summary.runs)),
      days: reached,
      reachedOn: atDays(reached),
      ...(rc ? { receiptOn: atDays(rc.stats.n > 0 ? rc.stats : null) } : {}),
    };
  });
}
