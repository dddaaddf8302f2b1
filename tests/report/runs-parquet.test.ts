/**
 * runs.parquet (`--keep-runs=parquet`): runs.csv's rows in Parquet. Read back with hyparquet (a JS
 * reader) and with DuckDB (its npm package), it holds the same rows as runs.csv, in the same order,
 * with the stored 32-bit values and null where a run has none; the same runs give the same bytes;
 * large files are cut into row groups of whole runs, streamed one by one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import type { CellRow } from '../../src/model/cells.js';
import { runsCsv } from '../../src/report/runs-csv.js';
import { runsParquetChunks } from '../../src/report/runs-parquet.js';
import { Accumulator, accumulate } from '../../src/stats/accumulate.js';
import { makeModel } from '../helpers/model.js';
import { accOf, row } from '../helpers/runs-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'visasim-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytesOf = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]);

type Row = {
  run: number;
  program: string;
  pool: string;
  group: string;
  period: string;
  metric: string;
  value: number | null;
};

async function read(bytes: Buffer): Promise<Row[]> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return (await parquetReadObjects({ file })) as Row[];
}

/** runs.csv's lines as rows (for a comparison with the Parquet rows). */
function csvRows(csv: string): Row[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [run, program, pool, group, period, metric, value] = line.split(',') as string[];
      return {
        run: Number(run),
        program: program as string,
        pool: pool as string,
        group: group as string,
        period: period as string,
        metric: metric as string,
        value: value === '' ? null : Math.fround(Number(value)),
      };
    });
}

describe('runsParquetChunks', () => {
  it("holds runs.csv's rows: run numbers from firstRun, empty keys as empty strings, null for no value", async () => {
    const rows = [
      row(0, { metric: 'cap' }),
      row(1, { pool: 'main', group: 'MX', period: 'FY2024' }),
      row(2, { pool: 'main', period: '2024-01', metric: 'days_to_fill' }),
    ];
    const acc = accOf(rows, [
      [1000, 12, Number.NaN],
      [1000, 0.1, 60],
    ]);
    const got = await read(bytesOf(runsParquetChunks(rows, acc, 5)));
    expect(got).toEqual(csvRows(runsCsv(rows, acc, 5)));
    expect(got[0]).toEqual({
      run: 5,
      program: 'prog',
      pool: '',
      group: '',
      period: '',
      metric: 'cap',
      value: 1000,
    });
    expect(got[2]?.value).toBeNull();
    expect(got[4]?.value).toBe(Math.fround(0.1)); // the stored 32-bit value
  });

  it("matches a simulation's runs.csv row for row, in row groups of whole runs, byte-identical when repeated", async () => {
    const model = makeModel();
    const acc = accumulate(model, { runs: 7, seed: 'parquet' });
    const cells = model.cells.rows.length;
    const bytes = bytesOf(runsParquetChunks(model.cells.rows, acc, 0, 'visasim test', 2 * cells));
    expect(
      bytesOf(runsParquetChunks(model.cells.rows, acc, 0, 'visasim test', 2 * cells)).equals(bytes),
    ).toBe(true);
    const meta = parquetMetadata(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([2, 2, 2, 1].map((r) => r * cells));
    expect(meta.created_by).toBe('visasim test');
    expect(await read(bytes)).toEqual(csvRows(runsCsv(model.cells.rows, acc, 0)));
    // one chunk per row group, then the footer: streamed, never the whole file at once
    expect([...runsParquetChunks(model.cells.rows, acc, 0, 'v', 2 * cells)]).toHaveLength(5);
  });

  it('writes a valid empty table when there are no runs', async () => {
    const bytes = bytesOf(runsParquetChunks([row(0)], new Accumulator([0], 0), 0));
    expect(await read(bytes)).toEqual([]);
  });

  it('is read by DuckDB (npm package): column types, row count, values', async () => {
    const model = makeModel();
    const acc = accumulate(model, { runs: 5, seed: 'duckdb' });
    const file = join(dir, 'runs.parquet');
    writeFileSync(
      file,
      bytesOf(runsParquetChunks(model.cells.rows, acc, 0, 'v', 3 * model.cells.rows.length)),
    );
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    try {
      const types = (await con.runAndReadAll(`DESCRIBE SELECT * FROM '${file}'`))
        .getRows()
        .map((r) => `${r[0]} ${r[1]}`);
      expect(types).toEqual([
        'run INTEGER',
        'program VARCHAR',
        'pool VARCHAR',
        'group VARCHAR',
        'period VARCHAR',
        'metric VARCHAR',
        'value FLOAT',
      ]);
      const [[count, runs]] = (
        await con.runAndReadAll(`SELECT count(*), count(DISTINCT run) FROM '${file}'`)
      ).getRows() as [[bigint, bigint]];
      expect(Number(count)).toBe(5 * model.cells.rows.length);
      expect(Number(runs)).toBe(5);
      const k = model.cells.rows.findIndex(
        (r) => r.pool === 'main' && r.group === 'C' && r.period === 'FY2025' && r.metric === 'issued',
      );
      const got = (
        await con.runAndReadAll(
          `SELECT value FROM '${file}' WHERE pool = 'main' AND "group" = 'C' AND period = 'FY2025' AND metric = 'issued' ORDER BY run`,
        )
      )
        .getRows()
        .map((r) => r[0]);
      expect(got).toEqual(Array.from(acc.column((model.cells.rows[k] as CellRow).offset)));
    } finally {
      con.closeSync();
      db.closeSync();
    }
  });
});
