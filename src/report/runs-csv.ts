/**
 * runs.csv (`--keep-runs`): every run's value of every reported cell, for people who do their own
 * statistics. At 300k-scenario size a run holds thousands of cells, so 16,000 runs are more text
 * than one JavaScript string can hold: `runsCsvChunks` gives the file run by run, and the atomic
 * writer streams the chunks to its temporary file (`writeOutputs` with a chunked `data`).
 */
import type { CellRow } from '../model/cells.js';
import type { Accumulator } from '../stats/accumulate.js';
import { csvField, formatCsvNumber } from './quantiles-csv.js';

export const RUNS_CSV_HEADER = 'run,program,pool,group,period,metric,value';

/** runs.csv piece by piece: the header line, then one chunk per run (every kept cell of it). */
export function* runsCsvChunks(
  rows: readonly CellRow[],
  acc: Accumulator,
  firstRun: number,
): Generator<string> {
  yield `${RUNS_CSV_HEADER}\n`;
  const labels = rows.map((r) => [r.program, r.pool, r.group, r.period, r.metric].map(csvField).join(','));
  const columns = rows.map((r) => acc.column(r.offset));
  for (let run = 0; run < acc.runs; run++) {
    let chunk = '';
    for (let k = 0; k < rows.length; k++)
      chunk += `${firstRun + run},${labels[k]},${formatCsvNumber((columns[k] as Float32Array)[run])}\n`;
    yield chunk;
  }
}

/** runs.csv as one string: for a few runs (tests, the library). A file of many runs: `runsCsvChunks`. */
export function runsCsv(rows: readonly CellRow[], acc: Accumulator, firstRun: number): string {
  return [...runsCsvChunks(rows, acc, firstRun)].join('');
}
