import { describe, expect, it } from 'vitest';
import type { CompareSummary } from '../../../src/core/types.js';
import { COMPARE_CSV_HEADER, compareCsv } from '../../../src/report/compare/index.js';
import { formatCsvNumber } from '../../../src/report/quantiles-csv.js';
import { makeCompareSummary } from '../../helpers/compare-fixture.js';

const row = (cs: CompareSummary, group: string, metric = 'issued', period = '') =>
  cs.rows.find((r) => r.pool === '' && r.group === group && r.period === period && r.metric === metric);

describe('compareCsv', () => {
  const cs = makeCompareSummary();

  it('writes one line per compared cell, medians of A and B first, then the change', () => {
    const lines = compareCsv(cs).trimEnd().split('\n');
    expect(lines[0]).toBe(COMPARE_CSV_HEADER.join(','));
    expect(
      lines[0]?.startsWith(
        'program,pool,group,period,metric,a_p50,b_p50,diff_mean,diff_p05,diff_p50,diff_p95,',
      ),
    ).toBe(true);
    expect(lines).toHaveLength(cs.rows.length + 1);
    const r = row(cs, 'HN');
    const hn = lines.find((l) => l.startsWith('work-visas,,HN,,issued,'))?.split(',');
    expect(hn?.slice(5, 11)).toEqual(
      // at full precision: each field reads back to its value
      [r?.a.p50, r?.b.p50, r?.diff.mean, r?.diff.p05, r?.diff.p50, r?.diff.p95].map((x) =>
        formatCsvNumber(x as number),
      ),
    );
    expect(compareCsv(cs).endsWith('\n')).toBe(true);
  });

  it('leaves empty what no run had (days to fill of a pool that never fills)', () => {
    const line = compareCsv(cs)
      .split('\n')
      .find((l) => l.startsWith('work-visas,central-america,,FY2024,days_to_fill,'));
    const empty = (n: number) => Array<string>(n).fill('');
    // 11 statistics empty, the change's run count, A's mean, p05, p95 and run count, then B's
    expect(line?.split(',').slice(5)).toEqual([...empty(11), '0', ...empty(3), '0', ...empty(3), '0']);
  });
});
