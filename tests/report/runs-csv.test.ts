/**
 * runs.csv (`--keep-runs`): the header `run,program,pool,group,period,metric,value`, then one line
 * per run and kept cell (runs in order, cells in row order), run numbers counted from `firstRun`,
 * labels quoted when they need it, values as stored (Float32) with quantiles.csv's number format:
 * whole numbers as they are, others to 6 significant digits, and an empty field for NaN.
 */

import { describe, expect, it } from 'vitest';
import type { Metric } from '../../src/core/types.js';
import type { CellRow } from '../../src/model/cells.js';
import { runsCsv, runsCsvChunks } from '../../src/report/runs-csv.js';
import { Accumulator, accumulate } from '../../src/stats/accumulate.js';
import { makeModel } from '../helpers/model.js';
import { fc, test } from '../helpers/prop.js';
import { accOf, row } from '../helpers/runs-fixture.js';

const HEADER = 'run,program,pool,group,period,metric,value';

const lines = (csv: string) => {
  expect(csv.endsWith('\n')).toBe(true);
  return csv.slice(0, -1).split('\n');
};

describe('runsCsv', () => {
  it('writes the header, then every kept cell of run 0, then of run 1, ...', () => {
    const rows = [
      row(4, { metric: 'cap' }),
      row(0, { pool: 'main', group: 'MX', period: 'FY2024', metric: 'issued' }),
      row(9, { pool: 'main', period: '2024-01', metric: 'days_to_fill' }),
    ];
    const csv = runsCsv(
      rows,
      accOf(rows, [
        [1000, 12, 45],
        [1000, 7, 60],
      ]),
      0,
    );
    expect(lines(csv)).toEqual([
      HEADER,
      '0,prog,,,,cap,1000',
      '0,prog,main,MX,FY2024,issued,12',
      '0,prog,main,,2024-01,days_to_fill,45',
      '1,prog,,,,cap,1000',
      '1,prog,main,MX,FY2024,issued,7',
      '1,prog,main,,2024-01,days_to_fill,60',
    ]);
  });

  it('gives the same text in chunks: the header, then one chunk per run (streamed by --keep-runs)', () => {
    const rows = [row(0), row(1, { metric: 'cap' })];
    const acc = accOf(rows, [
      [1, 10],
      [2, 10],
      [3, 10],
    ]);
    const chunks = [...runsCsvChunks(rows, acc, 7)];
    expect(chunks).toEqual([
      `${HEADER}\n`,
      '7,prog,,,,issued,1\n7,prog,,,,cap,10\n',
      '8,prog,,,,issued,2\n8,prog,,,,cap,10\n',
      '9,prog,,,,issued,3\n9,prog,,,,cap,10\n',
    ]);
    expect(chunks.join('')).toBe(runsCsv(rows, acc, 7));
  });

  it('numbers the runs from firstRun, so the runs of a shard keep their numbers', () => {
    const rows = [row(0)];
    expect(lines(runsCsv(rows, accOf(rows, [[1], [2], [3]]), 250))).toEqual([
      HEADER,
      '250,prog,,,,issued,1',
      '251,prog,,,,issued,2',
      '252,prog,,,,issued,3',
    ]);
  });

  it('writes just the header when there are no runs or no cells', () => {
    expect(runsCsv([row(0)], new Accumulator([0], 0), 0)).toBe(`${HEADER}\n`);
    expect(runsCsv([], accOf([], [[], []]), 0)).toBe(`${HEADER}\n`);
  });

  it('leaves the value empty where a cell has none in a run (NaN), and for infinities', () => {
    const rows = [row(0, { metric: 'days_to_fill' }), row(1, { metric: 'selection_rate' })];
    const csv = runsCsv(
      rows,
      accOf(rows, [
        [Number.NaN, Number.POSITIVE_INFINITY],
        [30, Number.NaN],
      ]),
      0,
    );
    expect(lines(csv)).toEqual([
      HEADER,
      '0,prog,,,,days_to_fill,',
      '0,prog,,,,selection_rate,',
      '1,prog,,,,days_to_fill,30',
      '1,prog,,,,selection_rate,',
    ]);
  });

  it('formats values as quantiles.csv does, on the stored single-precision value', () => {
    const values = [0, -0, -12, 300000, 0.1, 1 / 3, 2 / 3, 0.000123456789, 1234.5678, 1e-9, 16777217];
    const rows = values.map((_, k) => row(k));
    const got = lines(runsCsv(rows, accOf(rows, [values]), 0))
      .slice(1)
      .map((l) => l.split(',').at(-1));
    expect(got).toEqual([
      '0',
      '0', // no minus sign on zero
      '-12',
      '300000',
      '0.1', // Math.fround(0.1) = 0.100000001…: the shortest text that reads back to it
      '0.33333334',
      '0.6666667',
      '0.00012345679',
      '1234.5677',
      '1e-9',
      '16777216', // counts are stored as Float32: exact only up to 2^24
    ]);
  });

  it('quotes a label holding a comma, a quote or a line break', () => {
    const rows = [row(0, { program: 'a,b', group: 'say "hi"', period: 'two\nlines' })];
    expect(runsCsv(rows, accOf(rows, [[5]]), 0)).toBe(
      `${HEADER}\n0,"a,b",,"say ""hi""","two\nlines",issued,5\n`,
    );
  });

  it('writes a cell that was the same in every run once per run', () => {
    const rows = [row(0, { metric: 'cap' }), row(1)];
    const acc = accOf(rows, [
      [50, 1],
      [50, 2],
      [50, 3],
    ]);
    expect(acc.constantOf(0)).toBe(50);
    const caps = lines(runsCsv(rows, acc, 0)).filter((l) => l.includes(',cap,'));
    expect(caps).toEqual(['0,prog,,,,cap,50', '1,prog,,,,cap,50', '2,prog,,,,cap,50']);
  });

  test.prop(
    [
      fc.integer({ min: 1, max: 6 }).chain((n) =>
        fc.record({
          rows: fc.constant(
            Array.from({ length: n }, (_, k) =>
              row(3 * k + 1, { group: `G${k}`, metric: 'eligible' as Metric }),
            ),
          ),
          values: fc.array(
            fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noDefaultInfinity: true })), {
              minLength: n,
              maxLength: n,
            }),
            { minLength: 1, maxLength: 5 },
          ),
          firstRun: fc.nat({ max: 100_000 }),
        }),
      ),
    ],
    { numRuns: 150 },
  )(
    'has one line per run and cell, each reading back to its run, labels and stored value',
    ({ rows, values, firstRun }) => {
      const body = lines(runsCsv(rows, accOf(rows, values), firstRun));
      expect(body[0]).toBe(HEADER);
      expect(body).toHaveLength(1 + values.length * rows.length);
      body.slice(1).forEach((line, i) => {
        const run = Math.floor(i / rows.length);
        const k = i % rows.length;
        const r = rows[k] as CellRow;
        const fields = line.split(',');
        expect(fields.slice(0, 6)).toEqual([
          String(firstRun + run),
          r.program,
          r.pool,
          r.group,
          r.period,
          r.metric,
        ]);
        const stored = Math.fround((values[run] as number[])[k] as number);
        const text = fields[6] as string;
        if (!Number.isFinite(stored)) expect(text).toBe('');
        else if (Number.isInteger(stored) && Math.abs(stored) < 1e21)
          expect(Number(text)).toBe(stored === 0 ? 0 : stored);
        // full precision: the text reads back to the same 32-bit float
        else expect(Math.fround(Number(text))).toBe(stored);
      });
    },
  );

  it("writes a model's rows for every run of a simulation, matching the accumulator", () => {
    const model = makeModel();
    const acc = accumulate(model, { runs: 3, seed: 'runs-csv' });
    const body = lines(runsCsv(model.cells.rows, acc, 0));
    expect(body).toHaveLength(1 + 3 * model.cells.rows.length);
    const issued = model.cells.rows.findIndex(
      (r) => r.pool === 'main' && r.group === 'C' && r.period === 'FY2025' && r.metric === 'issued',
    );
    expect(issued).toBeGreaterThanOrEqual(0);
    const column = acc.column((model.cells.rows[issued] as CellRow).offset);
    for (let run = 0; run < 3; run++) {
      expect(body[1 + run * model.cells.rows.length + issued]).toBe(
        `${run},prog,main,C,FY2025,issued,${column[run]}`,
      );
    }
    // values vary between runs, so the lines are not copies of run 0
    expect(new Set(Array.from(column)).size).toBeGreaterThan(1);
  });
});
