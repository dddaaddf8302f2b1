/** runs.csv (`--keep-runs`): every run's value of every reported cell, for people who do their own statistics. */
import type { CellRow } from '../model/cells.js';
import type { Accumulator } from '../stats/accumulate.js';
import { csvField, formatCsvNumber } from './quantiles-csv.js';

export function runsCsv(rows: readonly CellRow[], acc: Accumulator, firstRun: number): string {
  const parts: string[] = ['run,program,pool,group,period,metric,value\n'];
  const labels = rows.map((r) => [r.program, r.pool, r.group, r.period, r.metric].map(csvField).join(','));
  const columns = rows.map((r) => acc.column(r.offset));
  for (let run = 0; run < acc.runs; run++) {
    let chunk = '';
    for (let k = 0; k < rows.length; k++)
      chunk += `${firstRun + run},${labels[k]},${formatCsvNumber((columns[k] as Float32Array)[run])}\n`;
    parts.push(chunk);
  }
  return parts.join('');
}
