import { describe, expect, it } from 'vitest';
import type { CellStats, Summary } from '../../src/core/types.js';
import { formatCsvNumber, QUANTILES_CSV_HEADER, quantilesCsv } from '../../src/report/quantiles-csv.js';
import { EMPTY, makeSummary } from '../helpers/summary-fixture.js';

const HEADER = 'program,pool,group,period,metric,mean,sd,min,p05,p25,p50,p75,p95,max';

function stats(partial: Partial<CellStats> = {}): CellStats {
  return { n: 10, mean: 1, sd: 0, min: 1, p05: 1, p25: 1, p50: 1, p75: 1, p95: 1, max: 1, ...partial };
}

function withRows(rows: Summary['rows']): Summary {
  return { ...makeSummary(), rows };
}

describe('formatCsvNumber', () => {
  it.each([
    [150000, '150000'],
    [0, '0'],
    [-0, '0'],
    [-42, '-42'],
    [2.5, '2.5'],
    [0.123456789, '0.123456789'],
    [12345.6789, '12345.6789'],
    [1234567.89, '1234567.89'],
    [0.1 + 0.2, '0.30000000000000004'],
    [Math.fround(0.1), '0.1'],
    [149981.625, '149981.625'], // a mean that is also a 32-bit float keeps its exact digits
    [Math.fround(0.123456789), '0.12345679'],
    [Number.NaN, ''],
  ])('writes %s as "%s"', (x, text) => {
    expect(formatCsvNumber(x)).toBe(text);
  });

  it('reads back to the same number: a double exactly, a 32-bit float as the same 32-bit float', () => {
    for (const x of [29999.95, 17234.56789012345, 1 / 3, 2 / 3, 1e15 + 0.5, 0.00001234]) {
      expect(Number(formatCsvNumber(x))).toBe(x);
    }
    for (const x of [0.1, 0.7, 1 / 3, 123.456, 1e-5].map(Math.fround)) {
      expect(Math.fround(Number(formatCsvNumber(x)))).toBe(x);
    }
  });

  it("keeps issued + unused = cap in a reader's arithmetic, where 6 digits broke it", () => {
    // three runs of a 30,000 cap: issued 17,001 / 17,002 / 17,004, unused the rest
    const issued = (17001 + 17002 + 17004) / 3;
    const unused = (12999 + 12998 + 12996) / 3;
    const sum = Number(formatCsvNumber(issued)) + Number(formatCsvNumber(unused));
    expect(Math.abs(sum - 30000)).toBeLessThan(1e-9);
  });
});

describe('quantilesCsv', () => {
  it('starts with the header from DESIGN.md §4', () => {
    expect(QUANTILES_CSV_HEADER.join(',')).toBe(HEADER);
    expect(quantilesCsv(makeSummary()).split('\n')[0]).toBe(HEADER);
  });

  it('writes one line per row in the given order, with \\n line ends and a trailing newline', () => {
    const summary = makeSummary();
    const csv = quantilesCsv(summary);
    expect(csv).not.toContain('\r');
    expect(csv.endsWith('\n')).toBe(true);
    const lines = csv.slice(0, -1).split('\n');
    expect(lines).toHaveLength(summary.rows.length + 1);
    summary.rows.forEach((r, i) => {
      expect(lines[i + 1]?.startsWith(`${r.program},${r.pool},${r.group},${r.period},${r.metric},`)).toBe(
        true,
      );
    });
  });

  it('formats integers as integers and other values at full precision', () => {
    const csv = quantilesCsv(
      withRows([
        {
          program: 'work-visas',
          pool: 'mexico',
          group: 'MX',
          period: 'FY2024',
          metric: 'issued',
          stats: stats({
            mean: 131250.4567,
            sd: 1969.87654,
            min: 125146,
            p05: 128012,
            p25: 129923,
            p50: 131250,
            p75: 132577,
            p95: 134488,
            max: 137552,
          }),
        },
        {
          program: 'work-visas',
          pool: '',
          group: 'GT',
          period: '',
          metric: 'selection_rate',
          stats: stats({
            mean: 0.2,
            sd: 0.0123456789,
            min: 0.15,
            p05: 0.175,
            p25: 0.19,
            p50: 0.2,
            p75: 0.21,
            p95: 0.225,
            max: 1,
          }),
        },
      ]),
    );
    expect(csv).toBe(
      `${HEADER}\n` +
        'work-visas,mexico,MX,FY2024,issued,131250.4567,1969.87654,125146,128012,129923,131250,132577,134488,137552\n' +
        'work-visas,,GT,,selection_rate,0.2,0.0123456789,0.15,0.175,0.19,0.2,0.21,0.225,1\n',
    );
  });

  it('leaves the statistics empty for a cell with no value in any run', () => {
    const empty = EMPTY;
    const csv = quantilesCsv(
      withRows([
        {
          program: 'p',
          pool: 'central-america',
          group: '',
          period: 'FY2024',
          metric: 'days_to_fill',
          stats: empty,
        },
      ]),
    );
    expect(csv.split('\n')[1]).toBe('p,central-america,,FY2024,days_to_fill,,,,,,,,,');
  });

  it('quotes fields that hold commas, quotes or line breaks', () => {
    const csv = quantilesCsv(
      withRows([
        { program: 'a,b', pool: 'say "hi"', group: 'x\ny', period: 'FY2024', metric: 'cap', stats: stats() },
      ]),
    );
    expect(csv.split('\n').slice(1).join('\n')).toBe(
      '"a,b","say ""hi""","x\ny",FY2024,cap,1,0,1,1,1,1,1,1,1\n',
    );
  });

  it('gives the same bytes for the same summary', () => {
    expect(quantilesCsv(makeSummary())).toBe(quantilesCsv(makeSummary()));
  });
});

describe('quantilesCsv of a simulation', () => {
  it('gives means with issued + unused = cap exactly in every pool row, as read back from the text', async () => {
    const { loadScenario } = await import('../../src/scenario/index.js');
    const { compileModel } = await import('../../src/model/model.js');
    const { accumulate } = await import('../../src/stats/accumulate.js');
    const { summarize } = await import('../../src/stats/summarize.js');
    const { ROOT } = await import('../helpers/cli.js');
    const { scenario } = await loadScenario(`${ROOT}/scenarios/us-300k-work-visas.yaml`);
    const model = compileModel(scenario);
    const summary = summarize(model, accumulate(model, { runs: 37, seed: 'csv' }), { runs: 37, seed: 'csv' });
    const mean = new Map<string, number>();
    for (const line of quantilesCsv(summary).trim().split('\n').slice(1)) {
      const f = line.split(',');
      mean.set(f.slice(0, 5).join(','), Number(f[5]));
    }
    let checked = 0;
    for (const [key, cap] of mean) {
      const [program, pool, group, period, metric] = key.split(',');
      if (metric !== 'cap' || pool === '') continue;
      const at = (m: string) => mean.get([program, pool, group, period, m].join(','));
      const issued = at('issued');
      const unused = at('unused');
      if (issued === undefined || unused === undefined) continue;
      expect(issued + unused, key).toBe(cap);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
