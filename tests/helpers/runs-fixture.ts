/** Cells and accumulators for the tests of the per-run files (runs.csv, runs.parquet). */
import type { CellRow } from '../../src/model/cells.js';
import { Accumulator } from '../../src/stats/accumulate.js';

/** A reported cell of program `prog` (the totals unless `over` says otherwise). */
export const row = (offset: number, over: Partial<CellRow> = {}): CellRow => ({
  program: 'prog',
  pool: '',
  group: '',
  period: '',
  metric: 'issued',
  offset,
  ...over,
});

/** An accumulator over `rows` holding `values[run][k]` for row k. */
export function accOf(rows: readonly CellRow[], values: number[][]): Accumulator {
  const size = Math.max(0, ...rows.map((r) => r.offset + 1));
  const acc = new Accumulator(
    rows.map((r) => r.offset),
    values.length,
  );
  values.forEach((vs, run) => {
    const cells = new Float64Array(size);
    rows.forEach((r, k) => {
      cells[r.offset] = vs[k] as number;
    });
    acc.add(run, cells);
  });
  return acc;
}
