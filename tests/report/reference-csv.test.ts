import { describe, expect, it } from 'vitest';
import { buildReportFiles } from '../../src/report/build.js';
import { referenceCsv } from '../../src/report/reference-csv.js';
import { makeSummary } from '../helpers/summary-fixture.js';

describe('referenceCsv', () => {
  it('writes one row per observed value, series in order, and nothing without reference series', async () => {
    const summary = {
      ...makeSummary(),
      reference: [
        {
          id: 'bracero',
          title: 'Bracero',
          kind: 'year' as const,
          points: [
            { column: 'contracts', period: '1942', value: 4203 },
            { column: 'contracts', period: '1943', value: 52098.5 },
          ],
        },
        {
          id: 'odd,id',
          title: 'Odd',
          kind: 'month' as const,
          points: [{ column: 'a "b"', period: '2024-01', value: 1 }],
        },
      ],
    };
    expect(referenceCsv(summary)).toBe(
      'series,column,period,value\nbracero,contracts,1942,4203\nbracero,contracts,1943,52098.5\n"odd,id","a ""b""",2024-01,1\n',
    );
    expect(referenceCsv(makeSummary())).toBeUndefined();
    const files = await buildReportFiles(summary, {}, { charts: 'none' });
    expect(files.map((f) => f.path)).toEqual([
      'quantiles.csv',
      'summary.json',
      'manifest.json',
      'reference.csv',
    ]);
    const plain = await buildReportFiles(makeSummary(), {}, { charts: 'none' });
    expect(plain.map((f) => f.path)).not.toContain('reference.csv');
  });
});
