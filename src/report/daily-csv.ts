/**
 * daily.csv: the days around the final receipt date of each pool that selects by it (`select: uscis`),
 * per cap period. In: a Summary. Out: CSV text, one row per day; or undefined when the scenario has
 * no such pool, or none reached its cap in any run (and the file is not written).
 *
 * Columns: `program,pool,period,clock,date,final_share,accepted_share,received_p50` — the clock the
 * date is on (`receipt`: the filing date, for a program with a receipt clock; `start`: the start
 * date), the share of runs in which that day was the final receipt date, the chance that an
 * application received that day is accepted, and the median number received that day in the runs
 * in which it was the final receipt date (empty when it never was).
 */
import type { Summary } from '../core/types.js';
import { csvField, formatCsvNumber } from './quantiles-csv.js';

export const DAILY_CSV_HEADER = [
  'program',
  'pool',
  'period',
  'clock',
  'date',
  'final_share',
  'accepted_share',
  'received_p50',
] as const;

/**
 * @example dailyCsv(summary)?.split('\n')[1] // 'h2b,statutory,FY2023-H1,receipt,2022-09-08,0,1,'
 */
export function dailyCsv(summary: Summary): string | undefined {
  const tables = summary.daily ?? [];
  if (tables.length === 0) return undefined;
  const lines: string[] = [DAILY_CSV_HEADER.join(',')];
  for (const t of tables)
    for (const d of t.days)
      lines.push(
        [
          csvField(t.program),
          csvField(t.pool),
          csvField(t.period),
          t.clock,
          d.date,
          formatCsvNumber(d.final),
          formatCsvNumber(d.accepted),
          d.received === undefined ? '' : formatCsvNumber(d.received),
        ].join(','),
      );
  return `${lines.join('\n')}\n`;
}
