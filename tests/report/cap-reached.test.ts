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

  it('gives the dates on the receipt clock beside, for a program with one, and none otherwise', () => {
    const s = makeSummaryMixedPeriods();
    expect(capReached(s).every((c) => c.receiptOn === undefined)).toBe(true);
    const h1 = s.rows.find(
      (r) =>
        r.pool === 'statutory' && r.period === 'FY2023-H1' && r.group === '' && r.metric === 'days_to_fill',
    );
    if (!h1) throw new Error('no FY2023-H1 row');
    // receipts 40 days before the start dates: days − 40, before the half opens
    const shift = (x: number) => x - 40;
    s.rows.push({
      ...h1,
      metric: 'days_to_fill_receipt',
      stats: { ...h1.stats, p05: shift(h1.stats.p05), p50: shift(h1.stats.p50), p95: shift(h1.stats.p95) },
    });
    const [first, second] = capReached(s);
    expect(first?.reachedOn?.p50).toBe('2022-10-27');
    expect(first?.receiptOn?.p50).toBe('2022-09-17');
    expect(second?.receiptOn).toBeUndefined();
  });
});
