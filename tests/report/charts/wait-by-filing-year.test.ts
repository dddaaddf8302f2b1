import { describe, expect, it } from 'vitest';
import type { QuantileRow } from '../../../src/core/types.js';
import { waitByFilingYear } from '../../../src/report/charts/wait-by-filing-year.js';
import { makeSummary } from '../../helpers/summary-fixture.js';
import { encodings, panels, texts, values } from './spec-helpers.js';

/** The fixture summary with waits by filing year for Mexico and Guatemala in pool "mexico". */
function withWaits() {
  const s = makeSummary();
  const stats = (m: number, n = 1000) => ({
    n,
    mean: m,
    sd: 2,
    min: m - 6,
    p05: m - 4,
    p25: m - 2,
    p50: m,
    p75: m + 2,
    p95: m + 4,
    max: m + 6,
  });
  const row = (group: string, year: number, metric: QuantileRow['metric'], st: QuantileRow['stats']) =>
    ({
      program: 'work-visas',
      pool: 'mexico',
      group,
      period: `filed ${year}`,
      metric,
      stats: st,
    }) as QuantileRow;
  s.rows.push(row('MX', 2013, 'wait_months', stats(140)));
  s.rows.push(row('MX', 2013, 'served', { ...stats(0), mean: 0.4 }));
  s.rows.push(row('GT', 2020, 'wait_months', stats(30)));
  // a filing year nobody from was selected in any run: no dot
  s.rows.push(row('GT', 2021, 'wait_months', stats(Number.NaN, 0)));
  return s;
}

describe('waitByFilingYear', () => {
  it('has nothing to show without waits', () => {
    expect(waitByFilingYear(makeSummary())).toBeNull();
  });

  it('puts each group’s median wait at its filing year, with the share served beside it', () => {
    const spec = waitByFilingYear(withWaits());
    const vs = values(panels(spec)[0]);
    expect(vs.map((v) => [v.group, v.filed, v.p05, v.p50, v.p95, v.served])).toEqual([
      ['MX', '2013', 136, 140, 144, 0.4],
      ['GT', '2020', 26, 30, 34, Number.NaN],
    ]);
    expect(encodings(spec, 'x')[0]).toMatchObject({
      sort: ['2013', '2020'],
      title: 'year of filing (priority date)',
    });
    expect(encodings(spec, 'y')[0]).toMatchObject({ title: 'months from filing to selection' });
    expect(texts(spec).subtitle.join(' ')).toMatch(/still waiting at the end are not in it/);
  });
});
