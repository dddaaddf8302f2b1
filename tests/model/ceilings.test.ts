/**
 * compileCeilings: a ceiling's periods over the calendar (fiscal years, months, one period over its
 * dates), its total, and its per-group limits (share or amount, classes, rounding, the base of a
 * share, exempt shares of member pools), worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { ceilingKey } from '../../src/model/cells.js';
import type { Model } from '../../src/model/model.js';
import { makeModel, type ScenarioObject } from '../helpers/model.js';

const pools = [
  { id: 'fam', cap: 226000 },
  { id: 'emp', cap: 160791 },
];
function withCeiling(ceiling: ScenarioObject, over: ScenarioObject = {}): Model {
  return makeModel({
    groups: {
      rows: [
        { id: 'IN', name: 'India', dependent: false },
        { id: 'MX', name: 'Mexico', dependent: false },
        { id: 'HK', name: 'Hong Kong', dependent: true },
      ],
    },
    programs: [{ id: 'prog', title: 'Program', demand: { per_year: 1000 }, pools }],
    ceilings: [{ id: 'c', pools: ['fam', 'emp'], ...ceiling }],
    ...over,
  });
}

describe('compileCeilings', () => {
  it('gives a fiscal-year ceiling one period per fiscal year, over every step', () => {
    const m = withCeiling({ amount: 300000 });
    const c = m.ceilings[0];
    expect(c?.periods.map((p) => p.label)).toEqual(['FY2024', 'FY2025']);
    expect(c?.periods.map((p) => p.amount)).toEqual([300000, 300000]);
    expect([...(c?.stepPeriod ?? [])]).toEqual([...Array(12).fill(0), ...Array(12).fill(1)]);
    expect(c?.pools).toEqual([0, 1]);
    expect(m.pools.map((p) => p.ceilings)).toEqual([[0], [0]]);
    expect(c?.periods[0]?.groupLimit).toBeUndefined();
  });

  it('computes INA 202(a)(2): 7% and 2% of the family and employment limits, rounded to the nearest', () => {
    // FY2024 (VB Sept 2024): 0.07 × (226,000 + 160,791) = 27,075.37 → 27,075;
    //                         0.02 × 386,791 = 7,735.82 → 7,736 (nearest, not floor)
    const m = withCeiling({ per_group: { share: 0.07, classes: [{ when: 'dependent', share: 0.02 }] } });
    const p = m.ceilings[0]?.periods[0];
    expect(p?.amount).toBe(Number.POSITIVE_INFINITY);
    expect([...(p?.groupLimit ?? [])]).toEqual([27075, 27075, 7736]);
    const floor = withCeiling({
      per_group: { share: 0.07, rounding: 'floor', classes: [{ when: 'dependent', share: 0.02 }] },
    });
    expect([...(floor.ceilings[0]?.periods[0]?.groupLimit ?? [])]).toEqual([27075, 27075, 7735]);
  });

  it('takes a share of its own amount when it has one, and counts an exempt share of a pool less', () => {
    const m = withCeiling({
      amount: 10000,
      per_group: { share: 0.25, exempt: [{ pool: 'emp', share: 0.75 }] },
    });
    const c = m.ceilings[0];
    expect([...(c?.periods[0]?.groupLimit ?? [])]).toEqual([2500, 2500, 2500]);
    expect([...(c?.counted ?? [])]).toEqual([1, 0.25]);
    const byPools = withCeiling({ amount: 10000, per_group: { share: 0.25, of: 'pools' } });
    expect(byPools.ceilings[0]?.periods[0]?.groupLimit?.[0]).toBe(Math.round(0.25 * 386791));
  });

  it('lays monthly periods over its dates only, and cuts the calendar at them', () => {
    const m = withCeiling({ amount: 30000, per: 'month', from: '2024-01-09', until: '2024-04-01' });
    const c = m.ceilings[0];
    expect(c?.periods.map((p) => p.label)).toEqual(['2024-01', '2024-02', '2024-03']);
    const first = c?.periods[0];
    const step = m.calendar.steps[first?.firstStep ?? -1];
    expect(step && new Date(step.start * 86400000).toISOString().slice(0, 10)).toBe('2024-01-09');
    // the steps before Jan 9 and from Apr 1 are outside the ceiling
    expect(c?.stepPeriod.filter((p) => p >= 0).length).toBe(3);
  });

  it('reports cap, issued and unused under pool `ceiling:<id>`, per group only with a per-group limit', () => {
    const total = withCeiling({ amount: 300000 });
    const rows = total.cells.rows.filter((r) => r.pool === ceilingKey('c'));
    expect(new Set(rows.map((r) => r.program))).toEqual(new Set(['']));
    expect(new Set(rows.map((r) => r.group))).toEqual(new Set(['']));
    expect(rows.filter((r) => r.period === 'FY2024').map((r) => r.metric)).toEqual([
      'cap',
      'issued',
      'unused',
    ]);
    const perGroup = withCeiling({ per_group: { amount: 100 } });
    const groups = perGroup.cells.rows.filter((r) => r.pool === ceilingKey('c') && r.group === 'IN');
    expect(groups.map((r) => `${r.period}:${r.metric}`)).toContain('FY2025:unused');
    // without an amount there is no total to report, only what the members issued
    const totals = perGroup.cells.rows.filter((r) => r.pool === ceilingKey('c') && r.group === '');
    expect(new Set(totals.map((r) => r.metric))).toEqual(new Set(['issued']));
  });
});
