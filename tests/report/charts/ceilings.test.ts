import { describe, expect, it } from 'vitest';
import type { QuantileRow } from '../../../src/core/types.js';
import { ceilingsChart } from '../../../src/report/charts/ceilings.js';
import { makeSummary } from '../../helpers/summary-fixture.js';
import { encodings, panels, texts, values } from './spec-helpers.js';

const stats = (m: number) => ({
  n: 100,
  mean: m,
  sd: 0,
  min: m,
  p05: m,
  p25: m,
  p50: m,
  p75: m,
  p95: m,
  max: m,
});
const row = (group: string, period: string, metric: QuantileRow['metric'], v: number): QuantileRow => ({
  program: '',
  pool: 'ceiling:monthly',
  group,
  period,
  metric,
  stats: stats(v),
});

describe('ceilingsChart', () => {
  it('has nothing to show without ceilings', () => {
    expect(ceilingsChart(makeSummary())).toBeNull();
  });

  it('draws what was issued against the amount per period, and against the per-group limit per group', () => {
    const s = makeSummary();
    s.ceilings = [
      { id: 'monthly', title: 'Monthly limit', pools: ['mexico'], periods: ['2023-10', '2023-11'] },
    ];
    s.rows.push(
      row('', '2023-10', 'cap', 1000),
      row('', '2023-10', 'issued', 1000),
      row('', '2023-11', 'cap', 1000),
      row('', '2023-11', 'issued', 600),
      row('MX', '', 'cap', 140),
      row('MX', '', 'issued', 150),
    );
    const spec = ceilingsChart(s);
    const [perPeriod, perGroup] = panels(spec);
    expect(values(perPeriod).map((v) => [v.period, v.p50, v.limit])).toEqual([
      ['2023-10', 1000, 1000],
      ['2023-11', 600, 1000],
    ]);
    expect(values(perGroup).map((v) => [v.groupName, v.p50, v.limit])).toEqual([['Mexico', 150, 140]]);
    expect(encodings(spec, 'y')[0]).toMatchObject({ field: 'limit' });
    // Mexico got more than its limit: the subtitle says why that can be
    expect(texts(spec).subtitle.join(' ')).toMatch(/above its tick.*lift_when_unused/);
  });
});
