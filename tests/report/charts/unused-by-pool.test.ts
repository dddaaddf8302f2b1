import { describe, expect, it } from 'vitest';
import { poolColorScale, poolRefs } from '../../../src/report/charts/common.js';
import { unusedByPool } from '../../../src/report/charts/unused-by-pool.js';
import { makeSummary } from '../../helpers/summary-fixture.js';
import { encodings, panels, values } from './spec-helpers.js';

describe('unusedByPool', () => {
  const summary = makeSummary();
  const spec = unusedByPool(summary);

  it('has one bar per pool and fiscal year, all groups together', () => {
    const vs = values(panels(spec)[0]);
    expect(vs).toHaveLength(2 * summary.fiscalYears.length);
    expect(new Set(vs.map((v) => v.pool))).toEqual(new Set(['Mexico', 'Central America']));
    const ca = summary.rows.find(
      (r) => r.pool === 'central-america' && r.group === '' && r.period === 'FY2025' && r.metric === 'unused',
    );
    expect(vs.find((v) => v.pool === 'Central America' && v.period === 'FY2025')).toMatchObject({
      p50: ca?.stats.p50,
      cap: 150_000,
    });
  });

  it('colours pools with the fixed pool scale and groups bars side by side', () => {
    expect(encodings(spec, 'color')[0]).toMatchObject({
      field: 'pool',
      scale: poolColorScale(poolRefs(summary)),
    });
    expect(encodings(spec, 'xOffset')[0]).toMatchObject({ field: 'pool' });
    expect(encodings(spec, 'y')[0]).toMatchObject({ title: 'visas unused', axis: { format: ',.0f' } });
  });

  it('falls back to the whole horizon when there are no fiscal-year rows', () => {
    const rows = summary.rows.filter((r) => !(r.metric === 'unused' && r.period !== ''));
    const vs = values(panels(unusedByPool({ ...summary, rows }))[0]);
    expect(vs.map((v) => v.period)).toEqual(['FY2024–FY2028 (all years)', 'FY2024–FY2028 (all years)']);
  });

  it('is null without per-pool unused rows', () => {
    expect(unusedByPool({ ...summary, rows: summary.rows.filter((r) => r.metric !== 'unused') })).toBeNull();
  });
});
