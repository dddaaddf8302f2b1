/**
 * runs.parquet (`--keep-runs=parquet`): runs.csv's table in Parquet, for DuckDB, pandas/pyarrow,
 * polars, R's arrow, Spark. Same columns and rows in the same order — `run` (INT32), `program`,
 * `pool`, `group`, `period`, `metric` (UTF-8 strings; an empty string is the total, as in the CSV)
 * and `value` (FLOAT, the 32-bit value each run stored; null where a run has none) — written with
 * hyparquet-writer, Snappy-compressed, one row group per batch of runs, streamed: each row group's
 * bytes go to the temporary file before the next is built. No timestamp is written, so the same
 * runs give the same bytes.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { CellRow } from '../model/cells.js';
import type { Accumulator } from '../stats/accumulate.js';

/** Rows per row group, about: whole runs, at least one. */
export const ROWS_PER_GROUP = 1 << 20;

const KEYS = ['program', 'pool', 'group', 'period', 'metric'] as const;

const SCHEMA = [
  { name: 'root', num_children: 7 },
  { name: 'run', type: 'INT32' as const, repetition_type: 'REQUIRED' as const },
  ...KEYS.map((name) => ({
    name,
    type: 'BYTE_ARRAY' as const,
    converted_type: 'UTF8' as const,
    repetition_type: 'REQUIRED' as const,
  })),
  { name: 'value', type: 'FLOAT' as const, repetition_type: 'OPTIONAL' as const },
];

/**
 * runs.parquet piece by piece: the bytes of each row group as it is made, then the footer.
 * `createdBy` goes into the file's metadata (`visasim 0.1.0`); a row group holds the whole runs
 * that fit in `rowsPerGroup` rows (at least one run).
 */
export function* runsParquetChunks(
  rows: readonly CellRow[],
  acc: Accumulator,
  firstRun: number,
  createdBy = 'visasim',
  rowsPerGroup = ROWS_PER_GROUP,
): Generator<Uint8Array> {
  const writer = new ByteWriter(1 << 20);
  const take = () => {
    const bytes = writer.getBytes().slice();
    writer.index = 0; // `offset` keeps counting the whole file, as the footer needs
    return bytes;
  };
  const parquet = new ParquetWriter({ writer, schema: SCHEMA, codec: 'SNAPPY', createdBy });
  const columns = rows.map((r) => acc.column(r.offset));
  const cells = rows.length;
  const runsPerGroup = Math.max(1, Math.floor(rowsPerGroup / Math.max(1, cells)));
  for (let r0 = 0; r0 < acc.runs && cells > 0; r0 += runsPerGroup) {
    const runs = Math.min(runsPerGroup, acc.runs - r0);
    const n = runs * cells;
    const run = new Int32Array(n);
    const keys = KEYS.map(() => new Array<string>(n));
    const value = new Array<number | null>(n);
    let i = 0;
    for (let r = r0; r < r0 + runs; r++) {
      for (let k = 0; k < cells; k++, i++) {
        const row = rows[k] as CellRow;
        run[i] = firstRun + r;
        KEYS.forEach((key, j) => {
          (keys[j] as string[])[i] = row[key];
        });
        const v = (columns[k] as Float32Array)[r] as number;
        value[i] = Number.isFinite(v) ? v : null;
      }
    }
    void parquet.write({
      columnData: [
        { name: 'run', data: run },
        ...KEYS.map((name, j) => ({ name, data: keys[j] as string[] })),
        { name: 'value', data: value },
      ],
      rowGroupSize: n,
    });
    yield take();
  }
  parquet.finish();
  yield take();
}
