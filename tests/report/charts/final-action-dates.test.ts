import { describe, expect, it } from 'vitest';
import type { QuantileRow } from '../../../src/core/types.js';
import { finalActionDates } from '../../../src/report/charts/final-action-dates.js';
import { makeSummary } from '../../helpers/summary-fixture.js';
import { encodings, panels, texts, values } from './spec-helpers.js';

/** The fixture summary with monthly final action dates for Mexico in pool "mexico" (day numbers). */
function withDates() {
  const s = makeSummary();
  const stats = (day: number, n = 1000) => ({
    n,
    mean: day,
    sd: 10,
    min: day - 40,
    p05: day - 30,
    p25: day - 10,
    p50: day,
    p75: day + 10,
    p95: day + 30,
    max: day + 40,
  });
  const months = ['2023-10', '2023-11', '2023-12'];
  months.forEach((period, k) => {
    const row = (metric: QuantileRow['metric'], st: QuantileRow['stats']): QuantileRow => ({
      program: 'work-visas',
      pool: 'mexico',
      group: 'MX',
      period,
      metric,
      stats: st,
    });
    s.rows.push(row('final_action_date', stats(15887 + 31 * k))); // 2013-07-01, then a month a month
    s.rows.push(row('current', { ...stats(0), mean: k === 2 ? 0.25 : 0 }));
  });
  // a month with nobody waiting in any run: no value, no point
  s.rows.push({
    program: 'work-visas',
    pool: 'mexico',
    group: 'MX',
    period: '2024-01',
    metric: 'final_action_date',
    stats: { ...stats(Number.NaN, 0) },
  });
  return s;
}

describe('finalActionDates', () => {
  it('has nothing to show without final action dates', () => {
    expect(finalActionDates(makeSummary())).toBeNull();
  });

  it('draws each group’s median date month by month as dates, with the 5th–95th band', () => {
    const spec = finalActionDates(withDates());
    const vs = values(panels(spec)[0]);
    expect(vs.map((v) => [v.month, v.p05, v.p50, v.p95])).toEqual([
      ['2023-10-01', '2013-06-01', '2013-07-01', '2013-07-31'],
      ['2023-11-01', '2013-07-02', '2013-08-01', '2013-08-31'],
      ['2023-12-01', '2013-08-02', '2013-09-01', '2013-10-01'],
    ]);
    expect(vs.map((v) => v.current)).toEqual([0, 0, 0.25]);
    expect(vs[0]).toMatchObject({ groupName: 'Mexico' });
    const layer = panels(spec)[0]?.layer as {
      mark: { type: string };
      encoding: Record<string, { field?: string }>;
    }[];
    expect(layer.map((l) => l.mark.type)).toEqual(['area', 'line']);
    expect([layer[0]?.encoding.y?.field, layer[0]?.encoding.y2?.field]).toEqual(['p05', 'p95']);
  });

  it('labels its axes and says what the line and the band are', () => {
    const spec = finalActionDates(withDates());
    expect(encodings(spec, 'x')[0]).toMatchObject({ type: 'temporal', title: 'month of the Visa Bulletin' });
    expect(encodings(spec, 'y')[0]).toMatchObject({
      type: 'temporal',
      title: 'final action date (priority date reached)',
    });
    expect(texts(spec).subtitle.join(' ')).toMatch(/Line: median of .* band: 90% of them/);
  });
});
