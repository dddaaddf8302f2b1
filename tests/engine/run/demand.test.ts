/**
 * Demand that reads the step (`month`, `today`, `days_open`): worked out step by step, with the
 * arithmetic shown.
 */
import { describe, expect, it } from 'vitest';
import { FormulaDomainError } from '../../../src/engine/domain.js';
import { simulateRun } from '../../../src/engine/run.js';
import { cell, makeModel } from '../../helpers/model.js';

const demandModel = (demand: Record<string, unknown>) =>
  makeModel({
    calendar: { start: '2022-10-01', years: 1 },
    groups: { rows: [{ id: 'A', name: 'Alpha' }] },
    programs: [
      {
        id: 'prog',
        title: 'P',
        demand: { noise: 'none', ...demand },
        pools: [{ id: 'main', cap: 100000 }],
      },
    ],
  });
const applicants = (m: ReturnType<typeof demandModel>) =>
  cell(m, simulateRun(m, 0, 'step'), { period: 'FY2023', metric: 'applicants' });

describe('demand that reads the step', () => {
  it('reads the calendar month: 1,200 in January only', () => {
    expect(applicants(demandModel({ per_month: 'month == 1 ? 1200 : 0' }))).toBe(1200);
  });

  it('reads the days since demand opened: 3,000 a month for the first 30 days, then 1,000', () => {
    // opens Jan 6: Jan 6–31 is 26 of 31 days at 3,000 = 2,516.1; Feb 1 is day 26 (< 30): 3,000;
    // Mar 1 is day 54: 1,000 a month for March–September = 7,000. 12,516.1 → 12,516 whole.
    const m = demandModel({ per_month: 'days_open < 30 ? 3000 : 1000', from: '2023-01-06' });
    expect(applicants(m)).toBe(12516);
  });

  it('reads the step’s first day: nothing before March 2023', () => {
    // `today` is a day number, compared with date(): April–September, 6 × 500
    const m = demandModel({ per_month: 'today >= date("2023-03-15") ? 500 : 0' });
    expect(applicants(m)).toBe(3000);
  });
});

describe('demand out of its domain', () => {
  it('reads a profile of huge relative weights (1e308 each) as uniform, not as zero applicants', () => {
    const huge = demandModel({ per_year: 1200, profile: new Array(12).fill(1e308) });
    expect(applicants(huge)).toBe(1200);
    expect(Array.from(huge.programs[0]?.demand?.stepShare ?? []).reduce((a, b) => a + b, 0)).toBeCloseTo(
      1,
      12,
    );
  });

  it("stops at a step whose demand is negative, naming the formula's path, the group and the month", () => {
    const m = demandModel({ per_month: 'month == 3 ? -5 : 100' });
    expect(() => applicants(m)).toThrow(FormulaDomainError);
    try {
      applicants(m);
    } catch (e) {
      expect((e as FormulaDomainError).detail).toMatchObject({
        path: ['programs', 0, 'demand', 'per_month'],
        group: 'A',
        period: '2023-03',
        value: -5,
      });
    }
  });

  it('with clamp: true, takes such a step as 0 applicants', () => {
    expect(applicants(demandModel({ per_month: 'month == 3 ? -5 : 100', clamp: true }))).toBe(1100);
  });
});

/** Two groups, B with a window (and possibly a profile) of its own. */
const twoGroups = (demand: Record<string, unknown>) =>
  makeModel({
    calendar: { start: '2022-10-01', years: 1 },
    groups: {
      rows: [
        { id: 'A', name: 'Alpha', region: 'north' },
        { id: 'B', name: 'Beta', region: 'south' },
      ],
    },
    programs: [
      {
        id: 'prog',
        title: 'P',
        demand: { noise: 'none', ...demand },
        pools: [{ id: 'main', cap: 1000000 }],
      },
    ],
  });
const of = (m: ReturnType<typeof twoGroups>, group: string, period = 'FY2023') =>
  cell(m, simulateRun(m, 0, 'step'), { period, group, metric: 'applicants' });

describe('demand.by_group: a window and profile of a group’s own', () => {
  it('opens one group on its own day (day precision), the other on the program’s', () => {
    // 3,100 a month; B from Jan 6: 26 of January's 31 days = 2,600, then Feb–Sep 8 × 3,100
    const m = twoGroups({
      per_month: 3100,
      by_group: [{ when: 'region == "south"', from: '2023-01-06' }],
    });
    expect(of(m, 'A')).toBe(12 * 3100);
    expect(of(m, 'B')).toBe(2600 + 8 * 3100);
  });

  it('closes on its own `until`, and takes the program’s `from` when it gives none', () => {
    // program from Nov 11 (20 of 30 days); B until Feb 15 (14 of 28 days): A Nov 20/30 + Dec–Sep
    const m = twoGroups({
      per_month: 3000,
      from: '2022-11-11',
      by_group: [{ when: 'id == "B"', until: '2023-02-15' }],
    });
    expect(of(m, 'A')).toBe(2000 + 10 * 3000);
    expect(of(m, 'B')).toBe(2000 + 2 * 3000 + 1500);
  });

  it('gives the first matching entry’s profile; `days_open` counts from the group’s own day', () => {
    const m = twoGroups({
      per_year: 'days_open < 31 ? 12000 : 0',
      by_group: [
        { when: 'id == "B"', from: '2023-03-01', profile: [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0] },
        { when: 'true', profile: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      ],
    });
    // A: all of the year's 12,000 in October, its first 31 days open
    expect(of(m, 'A')).toBe(12000);
    // B: half in March (the 6th month of the FY), opened Mar 1: its first 31 days; April is day 31
    expect(of(m, 'B')).toBe(6000);
  });

  it('changes nothing when every group takes the program’s window', () => {
    const base = twoGroups({ per_month: 1000, from: '2022-12-10' });
    const same = twoGroups({
      per_month: 1000,
      from: '2022-12-10',
      by_group: [{ when: 'true', from: '2022-12-10' }],
    });
    expect([...simulateRun(same, 3, 'step')]).toEqual([...simulateRun(base, 3, 'step')]);
  });
});

/** One group whose applicants are returning workers (a quarter) or new ones, each in a pool of its own. */
const segmented = (demand: Record<string, unknown>) =>
  makeModel({
    calendar: { start: '2022-10-01', years: 1 },
    groups: { rows: [{ id: 'A', name: 'Alpha' }] },
    attributes: [{ id: 'returning', description: 'worked here before', share: 0.25 }],
    programs: [
      {
        id: 'prog',
        title: 'P',
        demand: { noise: 'none', ...demand },
        pools: [
          { id: 'ret', cap: { amount: 1000000, per: 'total' }, eligible: 'returning', select: 'fcfs' },
          { id: 'new', cap: { amount: 1000000, per: 'total' }, eligible: 'not returning', select: 'fcfs' },
        ],
      },
    ],
  });

describe('demand.by_group over segment attributes: a window per segment', () => {
  const m = segmented({
    per_month: 4000,
    by_group: [{ when: 'not returning', from: '2023-01-06' }],
  });
  const out = simulateRun(m, 0, 'step');
  const issued = (pool: string, period: string) =>
    cell(m, out, { pool, period, group: 'A', metric: 'issued' });

  it('keeps a window per segment only when an entry reads attributes', () => {
    const byGroup = m.programs[0]?.demand?.byGroup;
    expect(byGroup?.segmentEntry?.[0]).toEqual([0, -1]);
    // the group's own day (days_open) is that of its segment that opens first: the program's
    expect(byGroup?.entry[0]).toBe(-1);
    const plain = segmented({ per_month: 4000, by_group: [{ when: 'id == "A"', from: '2023-01-06' }] });
    expect(plain.programs[0]?.demand?.byGroup?.segmentEntry).toBeUndefined();
  });

  it('gives the returning workers every applicant before the new workers’ window opens on Jan 6', () => {
    // Oct–Dec: only the returning quarter is open, 1,000 a month, all of them in `ret`
    for (const month of ['2022-10', '2022-11', '2022-12']) {
      expect(issued('ret', month)).toBe(1000);
      expect(issued('new', month)).toBe(0);
    }
    expect(issued('new', '2023-01')).toBeGreaterThan(0);
  });

  it('keeps the group’s yearly number: the returning quarter all year, the rest from Jan 6', () => {
    // 12 × 1,000 + 3,000 × (26/31 + 8) = 12,000 + 26,516.1 → 38,516 whole applicants
    expect(cell(m, out, { period: 'FY2023', group: 'A', metric: 'applicants' })).toBe(38516);
    const total = (pool: string) => cell(m, out, { pool, period: 'total', group: 'A', metric: 'issued' });
    expect(total('ret') + total('new')).toBe(38516);
    // split at random among the segments open: about 12,000 returning (binomial sd ≈ 85)
    expect(Math.abs(total('ret') - 12000)).toBeLessThan(600);
  });
});
