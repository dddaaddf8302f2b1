/**
 * reference.csv: the reference series of a scenario (`series:` with `reference: true`), the observed
 * values drawn beside the results. In: a Summary. Out: CSV text `series,column,period,value`, one row
 * per value, series in file order, then columns in the table's order, periods oldest first; or
 * undefined when the scenario has no reference series (and the file is not written).
 */
import type { Summary } from '../core/types.js';
import { formatCsvNumber } from './quantiles-csv.js';

export const REFERENCE_CSV_HEADER = ['series', 'column', 'period', 'value'] as const;

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
const cell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * @example referenceCsv(summary)?.split('\n')[1] // 'bracero,contracts,1942,4203'
 */
export function referenceCsv(summary: Summary): string | undefined {
  const refs = summary.reference ?? [];
  if (refs.length === 0) return undefined;
  const lines = [REFERENCE_CSV_HEADER.join(',')];
  for (const r of refs)
    for (const p of r.points)
      lines.push([cell(r.id), cell(p.column), p.period, formatCsvNumber(p.value)].join(','));
  return `${lines.join('\n')}\n`;
}
