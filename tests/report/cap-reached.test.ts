import { describe, expect, it } from 'vitest';
import { capReached } from '../../src/report/cap-reached.js';
import { makeSummary, makeSummaryMixedPeriods } from '../helpers/summary-fixture.js';

describe('capReached', () => {
  it('lists every pool and cap period, pools in declaration order and periods in time order', () => {
    const caps = capReached(makeSummaryMixedPeriods());
    expect(caps.map((c) => [c.pool, c.period])).toEqual([
      ['statutory', 'FY2023-H1'],
      ['statutory', 'FY2023-H2'],
      ['country', 'total'],
    ]);
  });

  it('turns days from the period start into dates, for the median and the 5th and 95th percentile', () => {
    const [h1] = capReached(makeSummaryMixedPeriods());
    expect(h1?.dates).toEqual({ label: 'FY2023-H1', start: '2022-10-01', end: '2023-04-01' });
    expect(h1?.reachedOn?.p50).toBe('2022-10-27');
    expect(
      h1?.reachedOn && h1.reachedOn.p05 <= h1.reachedOn.p50 && h1.reachedOn.p50 <= h1.reachedOn.p95,
    ).toBe(true);
    expect(h1).toMatchObject({ share: 1, runsReached: 1000 });
  });

  it('keeps a cap reached in some runs with its share, and one never reached without dates', () => {
    const caps = capReached(makeSummary());
    expect(caps[0]).toMatchObject({ pool: 'mexico', period: 'FY2024', share: 0.62, runsReached: 620 });
    const never = caps.find((c) => c.pool === 'central-america');
    expect(never).toMatchObject({ share: 0, runsReached: 0, days: null, reachedOn: null });
  });

  it('keeps the days, without dates, when the summary has no period dates', () => {
    const s = makeSummary();
    for (const p of s.programs[0]?.pools ?? []) delete p.periodDates;
    const [first] = capReached(s);
    expect(first?.reachedOn).toBeNull();
    expect(first?.days?.p50).toBe(251);
  });
});
