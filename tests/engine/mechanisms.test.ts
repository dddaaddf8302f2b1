/**
 * One small hand-computed case per allocation mechanism (issue "Allocation rules"). Demand has no
 * noise, so the numbers can be worked out by hand; each comment shows the arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/engine/run.js';
import { cell, makeModel, type ScenarioObject } from '../helpers/model.js';

const twoGroups = {
  rows: [
    { id: 'A', name: 'Alpha', w: 1 },
    { id: 'B', name: 'Beta', w: 1 },
  ],
};
const oneGroup = { rows: [{ id: 'A', name: 'Alpha', w: 1 }] };

function run(over: ScenarioObject) {
  const model = makeModel(over);
  const out = simulateRun(model, 0, 'hand');
  return (where: Parameters<typeof cell>[2]) => cell(model, out, where);
}

const program = (demand: unknown, pools: unknown[], notSelected: unknown = { reapply: 0 }) => [
  {
    id: 'prog',
    title: 'Program',
    demand: { noise: 'none', ...(demand as object) },
    not_selected: notSelected,
    pools,
  },
];

describe('caps in time', () => {
  it('rolls unused first-half numbers into the second half, then lets them lapse (INA 214(g)(10))', () => {
    // 20,000 a year arrive evenly: 10,000 in each half. H1 has 33,000: 10,000 issued, 23,000 roll to H2,
    // whose cap becomes 56,000: 10,000 issued, 46,000 lapse at the end of the fiscal year.
    const at = run({
      groups: oneGroup,
      calendar: { start: '2023-10-01', years: 1 },
      programs: program({ per_year: 20000 }, [
        {
          id: 'statutory',
          tranches: [
            { id: 'H1', cap: 33000, window: { from: '10-01', to: '03-31' } },
            { id: 'H2', cap: 33000, window: { from: '04-01', to: '09-30' } },
          ],
          select: 'uscis',
          unused: 'roll',
        },
      ]),
    });
    expect(at({ pool: 'statutory', period: 'FY2024-H1', metric: 'issued' })).toBe(10000);
    expect(at({ pool: 'statutory', period: 'FY2024-H2', metric: 'cap' })).toBe(56000);
    expect(at({ pool: 'statutory', period: 'FY2024-H2', metric: 'unused' })).toBe(46000);
    expect(at({ period: 'FY2024', metric: 'cap' })).toBe(66000);
    expect(at({ period: 'FY2024', metric: 'unused' })).toBe(46000);
  });

  it('cuts steps at window edges inside a month (May 15) so tranches keep day precision', () => {
    // 36,500 a year = 100 a day. Window Apr 1–May 14 has 44 days: 4,400 eligible; May 15–Sep 30 has 139: 13,900.
    const at = run({
      groups: oneGroup,
      calendar: { start: '2023-10-01', years: 1 },
      programs: program({ per_year: 36600, profile: 'uniform' }, [
        {
          id: 'returning',
          tranches: [
            { id: 'early', cap: 100000, window: { from: '04-01', to: '05-14' } },
            { id: 'late', cap: 100000, window: { from: '05-15', to: '09-30' } },
          ],
          select: 'fcfs',
        },
      ]),
    });
    // Uniform profile: each month gets 1/12 of 36,600 = 3,050, spread over its days: April 3,050;
    // May 1–14 is 14/31 of 3,050 = 1,377.4…; so early = 4,427 (whole applicants, fractions carried).
    const early = at({ pool: 'returning', period: 'FY2024-early', metric: 'eligible' });
    const late = at({ pool: 'returning', period: 'FY2024-late', metric: 'eligible' });
    expect(early).toBe(Math.floor(3050 + (3050 * 14) / 31));
    expect(early + late).toBe(3050 * 6);
  });

  it('reports the day the cap was reached', () => {
    // 1,200 a year = 100 a month arriving evenly; a monthly cap of 50 is reached halfway through: day 15 of 30 in November.
    const at = run({
      groups: oneGroup,
      calendar: { start: '2023-10-01', years: 1 },
      programs: program({ per_year: 1200 }, [{ id: 'm', cap: { amount: 50, per: 'month' }, select: 'fcfs' }]),
    });
    expect(at({ pool: 'm', period: '2023-11', metric: 'days_to_fill' })).toBeCloseTo(15, 6);
    expect(at({ pool: 'm', period: '2023-11', metric: 'filled' })).toBe(1);
  });

  it('uses the last of the first five days as the receipt date when a USCIS cap is reached that early', () => {
    const at = run({
      groups: oneGroup,
      calendar: { start: '2023-10-01', years: 1 },
      programs: program({ per_year: 120000 }, [
        { id: 'h', cap: { amount: 50, per: 'month' }, select: { method: 'uscis', first_days: 5 } },
      ]),
    });
    // on the 5th day, at its middle: the date read from it (⌊4.5⌋ days after Nov 1) is Nov 5
    expect(at({ pool: 'h', period: '2023-11', metric: 'days_to_fill' })).toBe(4.5);
  });
});

describe('pools', () => {
  it('opens a supplemental pool only after the statutory cap is reached', () => {
    // 1,200 a year = 100 a month. Statutory cap 300 a year is reached in March (cumulative 300 after
    // 3 months = end of December); the supplemental pool opens from January: 9 months × 100 = 900
    // eligible, of which 500 fit.
    const at = run({
      groups: oneGroup,
      calendar: { start: '2023-10-01', years: 1 },
      programs: program({ per_year: 1200 }, [
        { id: 'statutory', cap: 300, select: 'fcfs' },
        { id: 'supplemental', cap: 500, select: 'fcfs', opens_after: 'statutory' },
      ]),
    });
    expect(at({ pool: 'statutory', period: 'FY2024', metric: 'issued' })).toBe(300);
    expect(at({ pool: 'supplemental', period: 'FY2024', metric: 'eligible' })).toBe(900);
    expect(at({ pool: 'supplemental', period: 'FY2024', metric: 'issued' })).toBe(500);
  });

  it("spills a reserved pool's unused numbers to another pool", () => {
    // Reserved for A: 100 a year; A sends 30 → 70 unused spill to the open pool's next fiscal year.
    const at = run({
      groups: twoGroups,
      calendar: { start: '2023-10-01', years: 2 },
      programs: program({ per_year: 'id == "A" ? 30 : 1000' }, [
        { id: 'reserved', cap: 100, eligible: 'id == "A"', select: 'lottery', unused: { spill: 'open' } },
        { id: 'open', cap: 200, select: 'lottery' },
      ]),
    });
    expect(at({ pool: 'reserved', period: 'FY2024', metric: 'unused' })).toBe(70);
    expect(at({ pool: 'open', period: 'FY2025', metric: 'cap' })).toBe(270);
    expect(at({ pool: 'open', period: 'FY2025', metric: 'issued' })).toBe(270);
    // numbers passed on are not counted as lost
    expect(at({ period: 'FY2024', metric: 'unused' })).toBe(0);
  });

  it('carries unused numbers to the same pool next year when told to', () => {
    const at = run({
      groups: oneGroup,
      calendar: { start: '2023-10-01', years: 2 },
      programs: program({ per_year: 'year == 0 ? 40 : 1000' }, [
        { id: 'p', cap: 100, select: 'lottery', unused: 'carry' },
      ]),
    });
    expect(at({ pool: 'p', period: 'FY2025', metric: 'cap' })).toBe(160);
    expect(at({ pool: 'p', period: 'FY2025', metric: 'issued' })).toBe(160);
  });

  it('tries an applicant eligible for several pools in the stated order', () => {
    // Everyone (A: 100) is eligible for both; the first pool takes 60, the second the other 40.
    const at = run({
      groups: oneGroup,
      calendar: { start: '2023-10-01', years: 1 },
      programs: program({ per_year: 100 }, [
        { id: 'first', cap: 60, select: 'lottery' },
        { id: 'second', cap: 60, select: 'lottery' },
      ]),
    });
    expect(at({ pool: 'first', period: 'FY2024', metric: 'issued' })).toBe(60);
    expect(at({ pool: 'second', period: 'FY2024', metric: 'eligible' })).toBe(40);
    expect(at({ pool: 'second', period: 'FY2024', metric: 'issued' })).toBe(40);
  });
});

describe('splits and limits', () => {
  const splitScenario = (resplit: boolean) => ({
    groups: twoGroups,
    calendar: { start: '2023-10-01', years: 1 },
    programs: program({ per_year: 'id == "A" ? 10 : 200' }, [
      { id: 'p', cap: 100, split: { by: 'w', resplit }, select: 'lottery' },
    ]),
  });

  it("splits the cap by a column and leaves a group's unused part unused", () => {
    // 100 split 1:1 → 50 each; A sends 10 → 10 issued, 40 unused; B sends 200 → 50.
    const at = run(splitScenario(false));
    expect(at({ pool: 'p', group: 'A', period: 'FY2024', metric: 'cap' })).toBe(50);
    expect(at({ pool: 'p', group: 'B', period: 'FY2024', metric: 'issued' })).toBe(50);
    expect(at({ pool: 'p', period: 'FY2024', metric: 'unused' })).toBe(40);
  });

  it('re-splits what a group cannot use among the groups still short', () => {
    // A can use 10 of its 50; the 40 left go to B, which gets 90.
    const at = run(splitScenario(true));
    expect(at({ pool: 'p', group: 'A', period: 'FY2024', metric: 'cap' })).toBe(10);
    expect(at({ pool: 'p', group: 'B', period: 'FY2024', metric: 'cap' })).toBe(90);
    expect(at({ pool: 'p', group: 'B', period: 'FY2024', metric: 'issued' })).toBe(90);
  });

  it('rounds a 2% per-country limit to the nearest whole number, or down when told (INA 202(a)(2))', () => {
    // 2% of 423,091 = 8,461.82: nearest gives 8,462 (the published FY2023 dependent-area limit), floor 8,461.
    const scenario = (rounding: string) => ({
      groups: oneGroup,
      calendar: { start: '2023-10-01', years: 1 },
      programs: program({ per_year: 20000 }, [
        { id: 'p', cap: 423091, limit_per_group: { share: 0.02, rounding }, select: 'lottery' },
      ]),
    });
    expect(run(scenario('nearest'))({ pool: 'p', period: 'FY2024', metric: 'issued' })).toBe(8462);
    expect(run(scenario('floor'))({ pool: 'p', period: 'FY2024', metric: 'issued' })).toBe(8461);
  });
});

describe('selection', () => {
  it('serves a priority-date queue oldest first, across years', () => {
    // A files 120 in FY2024 only, B 120 in FY2025 only; 5 a month are served and everyone waits.
    // FY2024: A gets 60, 60 wait. FY2025: the 60 older A applications go first (12 × 5 = 60), so B gets none.
    const at = run({
      groups: twoGroups,
      calendar: { start: '2023-10-01', years: 2 },
      programs: program(
        { per_year: '(id == "A" and year == 0) or (id == "B" and year == 1) ? 120 : 0' },
        [{ id: 'q', cap: { amount: 5, per: 'month' }, select: 'queue' }],
        { reapply: 1, wait: 'step' },
      ),
    });
    expect(at({ group: 'A', period: 'FY2024', metric: 'issued' })).toBe(60);
    expect(at({ group: 'A', period: 'FY2025', metric: 'issued' })).toBe(60);
    expect(at({ group: 'B', period: 'FY2025', metric: 'issued' })).toBe(0);
    expect(at({ group: 'B', period: 'FY2025', metric: 'backlog' })).toBe(120);
  });

  it('cuts everyone by the same proportion pro rata', () => {
    // 100 numbers, A asks 100 and B 300: 25 and 75.
    const at = run({
      groups: twoGroups,
      calendar: { start: '2023-10-01', years: 1 },
      programs: program({ per_year: 'id == "A" ? 100 : 300' }, [{ id: 'p', cap: 100, select: 'pro-rata' }]),
    });
    expect(at({ pool: 'p', group: 'A', period: 'FY2024', metric: 'issued' })).toBe(25);
    expect(at({ pool: 'p', group: 'B', period: 'FY2024', metric: 'issued' })).toBe(75);
  });

  it('gives half by filing date and half at random in a CHNV-style mix', () => {
    // A files 240 in FY2024, B 240 in FY2025; 10 a month, everyone not served waits.
    // FY2024: 120 of A served, 120 A wait. FY2025: the queue half (5 a month = 60) goes to the oldest
    // filings, all A; the random half (60) is drawn among the A still waiting and the new B filings,
    // so B gets some (a pure queue would give B none, a pure lottery could give A fewer than 60).
    const at = run({
      groups: twoGroups,
      calendar: { start: '2023-10-01', years: 2 },
      programs: program(
        { per_year: '(id == "A" and year == 0) or (id == "B" and year == 1) ? 240 : 0' },
        [
          {
            id: 'm',
            cap: { amount: 10, per: 'month' },
            select: {
              method: 'mix',
              parts: [
                { method: 'queue', share: 0.5 },
                { method: 'lottery', share: 0.5 },
              ],
            },
          },
        ],
        { reapply: 1, wait: 'step' },
      ),
    });
    expect(at({ group: 'A', period: 'FY2024', metric: 'issued' })).toBe(120);
    expect(at({ period: 'FY2025', metric: 'issued' })).toBe(120);
    expect(at({ group: 'A', period: 'FY2025', metric: 'issued' })).toBeGreaterThanOrEqual(60);
    expect(at({ group: 'B', period: 'FY2025', metric: 'issued' })).toBeGreaterThan(0);
  });
});
