/**
 * Daily acceptances of the pools that select by the final receipt date (`select: uscis`): for each
 * cap period and each day around the final receipt date, the share of runs in which that day was
 * the final receipt date, the chance that an application received that day is accepted, and how
 * many came that day when it was the last. In: the Model and the runs' cells (days_to_fill or
 * days_to_fill_receipt, final_day_received, final_day_accepted). Out: one small table per period,
 * on the clock the program counts receipts by.
 *
 * Within a run: applications received before the final receipt date are accepted, a share of those
 * received on it (the random selection), none after; in a run whose cap is never reached, all are.
 * When the cap is reached within the pool's first `first_days` days, everything received in them
 * takes part in one draw: each of those days gets the draw's share, and the last of them is the
 * final receipt date.
 */
import type { DailyAcceptance, Metric } from '../core/types.js';
import { isoOfDay } from '../model/calendar.js';
import { cellOffset } from '../model/cells.js';
import type { Model } from '../model/model.js';
import type { Accumulator } from './accumulate.js';
import { quantileSorted } from './quantile.js';

/** The metrics of a period's total row that `dailyAcceptances` reads run by run. */
const DAILY_METRICS: readonly Metric[] = [
  'days_to_fill',
  'days_to_fill_receipt',
  'final_day_accepted',
  'final_day_received',
];

/** The offsets of the cells `dailyAcceptances` reads run by run (an Accumulator must keep them so). */
export function dailyOffsets(model: Model): number[] {
  const GS = model.cells.groupSlots;
  const out: number[] = [];
  for (const pool of model.pools) {
    if (pool.select.kind !== 'uscis') continue;
    const block = model.cells.poolBlocks[pool.index];
    if (!block) continue;
    pool.periods.forEach((_, p) => {
      for (const metric of DAILY_METRICS) out.push(cellOffset(block, GS, p + 1, 0, metric));
    });
  }
  return out;
}

export function dailyAcceptances(model: Model, acc: Accumulator): DailyAcceptance[] {
  const n = acc.added;
  const out: DailyAcceptance[] = [];
  if (n === 0) return out;
  const GS = model.cells.groupSlots;
  for (const pool of model.pools) {
    if (pool.select.kind !== 'uscis') continue;
    const program = model.programs[pool.program];
    const block = model.cells.poolBlocks[pool.index];
    if (!program || !block) continue;
    const receipt = program.receiptLead !== undefined;
    const firstDays = pool.select.firstDays ?? 5;
    pool.periods.forEach((period, p) => {
      // the period's total row (period slot p + 1, group slot 0)
      const column = (metric: Metric) => acc.values(cellOffset(block, GS, p + 1, 0, metric));
      const startDays = column('days_to_fill');
      const days = column(receipt ? 'days_to_fill_receipt' : 'days_to_fill');
      const accepted = column('final_day_accepted');
      const received = column('final_day_received');
      // per run: the days (from the period's start, on the clock) that share the final draw
      const lo = new Float64Array(n);
      const hi = new Float64Array(n).fill(Number.NaN);
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        const y = days[i] as number;
        if (Number.isNaN(y)) continue;
        // reached by the draw among everything received in the first days (pools.ts: at the middle
        // of the last of them): those days share the draw
        const early = (startDays[i] as number) === firstDays - 0.5;
        const d = Math.floor(y);
        hi[i] = d;
        lo[i] = early ? Math.floor(y - firstDays + 0.5) : d;
        first = Math.min(first, lo[i] as number);
        last = Math.max(last, d);
      }
      if (!Number.isFinite(first)) return;
      const rows: DailyAcceptance['days'] = [];
      for (let d = first - 1; d <= last + 1; d++) {
        let finals = 0;
        let chance = 0;
        const came: number[] = [];
        for (let i = 0; i < n; i++) {
          const h = hi[i] as number;
          if (Number.isNaN(h) || d < (lo[i] as number)) chance += 1;
          else if (d <= h) {
            chance += accepted[i] as number;
            if (d === h) {
              finals++;
              came.push(received[i] as number);
            }
          }
        }
        came.sort((a, b) => a - b);
        rows.push({
          date: isoOfDay(period.start + d),
          final: finals / n,
          accepted: chance / n,
          // whole applications: the day's number is an even spread of its step's, not a count
          ...(came.length ? { received: Math.round(quantileSorted(came, 0.5)) } : {}),
        });
      }
      out.push({
        program: program.id,
        pool: pool.id,
        period: period.label,
        clock: receipt ? 'receipt' : 'start',
        days: rows,
      });
    });
  }
  return out;
}
