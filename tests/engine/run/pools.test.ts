/**
 * Pools in a run: `resplit` with a step method (fcfs, uscis, queue, mix) at the end of the period
 * gives the numbers of groups that could not use their part to the groups still short, as a lottery
 * does before its draw. Without it those numbers lapse.
 */
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../../src/engine/run.js';
import { explainModel } from '../../../src/model/explain.js';
import { compileModel, type Model } from '../../../src/model/model.js';
import { cell, makeModel, makeScenario } from '../../helpers/model.js';
import { fc, test } from '../../helpers/prop.js';

/** 3,000 numbers split by population (100 / 300 / 600); group A asks for 60, B and C for 6,000 each. */
const model = (select: unknown, resplit: boolean) =>
  makeModel({
    calendar: { start: '2023-10-01', years: 1 },
    programs: [
      {
        id: 'prog',
        title: 'P',
        demand: { per_year: 'id == "A" ? 60 : 6000', noise: 'none' },
        not_selected: { reapply: 1, wait: 'step' },
        pools: [{ id: 'main', cap: 3000, select, split: { by: 'population', resplit } }],
      },
    ],
  });

const METHODS = [
  'queue',
  'fcfs',
  'uscis',
  {
    method: 'mix',
    parts: [
      { method: 'queue', share: 0.5 },
      { method: 'lottery', share: 0.5 },
    ],
  },
];

describe('resplit with a step method', () => {
  it.each(METHODS.map((s) => [typeof s === 'string' ? s : s.method, s]))(
    'gives the part a group cannot use to the groups still short (%s)',
    (_, select) => {
      const get = (m: ReturnType<typeof model>, out: Float64Array, metric: string, group = '') =>
        cell(m, out, { pool: 'main', group, period: 'FY2024', metric });
      const without = model(select, false);
      const a = simulateRun(without, 0, 'rs');
      // parts 300 / 900 / 1,800: A uses 60 of its 300, the other 240 lapse
      expect(get(without, a, 'issued')).toBe(2760);
      expect(get(without, a, 'unused')).toBe(240);
      const withIt = model(select, true);
      const b = simulateRun(withIt, 0, 'rs');
      expect(get(withIt, b, 'issued')).toBe(3000);
      expect(get(withIt, b, 'unused')).toBe(0);
      expect(get(withIt, b, 'issued', 'A')).toBe(60);
      // A's 240 are re-split between B and C by population (1 : 2)
      expect(get(withIt, b, 'cap', 'B')).toBe(980);
      expect(get(withIt, b, 'cap', 'C')).toBe(1960);
      expect(get(withIt, b, 'issued', 'B') + get(withIt, b, 'issued', 'C')).toBe(2940);
    },
  );
});

describe('resplit under limits', () => {
  /** 3,000 split by population (100 / 300 / 600), every group asking for 6,000, at most 1,200 each. */
  const limited = (select: unknown, limit: 'pool' | 'ceiling') =>
    makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_year: 6000, noise: 'none' },
          not_selected: { reapply: 1, wait: 'step' },
          pools: [
            {
              id: 'main',
              cap: 3000,
              select,
              split: { by: 'population', resplit: true },
              ...(limit === 'pool' ? { limit_per_group: { amount: 1200 } } : {}),
            },
          ],
        },
      ],
      ...(limit === 'ceiling'
        ? { ceilings: [{ id: 'c', pools: ['main'], per_group: { amount: 1200 } }] }
        : {}),
    });

  it.each([
    ['lottery', 'pool'],
    ['lottery', 'ceiling'],
    ['queue', 'pool'],
    ['fcfs', 'ceiling'],
  ] as const)(
    'gives what a limit keeps from a group to the groups still short (%s, %s limit)',
    (select, limit) => {
      const m = limited(select, limit);
      const out = simulateRun(m, 0, 'limits');
      const get = (metric: string, group = '') =>
        cell(m, out, { pool: 'main', group, period: 'FY2024', metric });
      // C's 1,800 are cut to 1,200 and B's 900 + 450 to 1,200: A gets the 600 left over
      expect([get('issued', 'A'), get('issued', 'B'), get('issued', 'C')]).toEqual([600, 1200, 1200]);
      expect(get('unused')).toBe(0);
    },
  );
});

describe('applications that carry several persons (units)', () => {
  // A sends 50 petitions of 10 workers (500), B 100 petitions of 3 (300): 800 workers in 150 petitions.
  const unitsModel = (units: Record<string, unknown>, pool: Record<string, unknown>, extra = {}) =>
    makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: {
        rows: [
          { id: 'A', name: 'Alpha', crew: 10, petitions: 50 },
          { id: 'B', name: 'Beta', crew: 3, petitions: 100 },
        ],
      },
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_year: 'petitions', noise: 'none' },
          units: { carries: 'workers', ...units },
          pools: [{ id: 'main', select: 'lottery', ...pool }],
        },
      ],
      ...extra,
    });
  const get = (m: ReturnType<typeof unitsModel>, out: Float64Array, metric: string, where = {}) =>
    cell(m, out, { metric, ...where });

  const MIX = {
    method: 'mix',
    parts: [
      { method: 'queue', share: 0.5 },
      { method: 'lottery', share: 0.5 },
    ],
  };
  const WEIGHTED = { method: 'weighted-lottery', weight: 'crew' };
  const METHODS: [string, unknown][] = [
    ['lottery', 'lottery'],
    ['fcfs', 'fcfs'],
    ['queue', 'queue'],
    ['uscis', 'uscis'],
    ['pro-rata', 'pro-rata'],
    ['weighted-lottery', WEIGHTED],
    ['mix', MIX],
  ];

  it('count persons against the cap and draw petitions whole: never past the cap, nothing that fits left out', () => {
    for (const [name, select] of METHODS) {
      const m = unitsModel({ size: 'crew' }, { cap: 400, select });
      for (let run = 0; run < 20; run++) {
        const out = simulateRun(m, run, 'units');
        const a = get(m, out, 'applications_issued', { group: 'A' });
        const b = get(m, out, 'applications_issued', { group: 'B' });
        const issued = get(m, out, 'issued', { pool: 'main' });
        expect(issued, name).toBe(10 * a + 3 * b);
        expect(issued, name).toBeLessThanOrEqual(400);
        // skip: the walk ends when no petition fits — fewer than 3 numbers left, or B's all taken
        expect(400 - issued < 3 || b === 100, name).toBe(true);
        expect(get(m, out, 'persons_issued')).toBe(issued);
        expect(get(m, out, 'unused', { pool: 'main' })).toBe(400 - issued);
      }
      const out = simulateRun(m, 0, 'units');
      expect(get(m, out, 'applicants')).toBe(800); // the unit the caps count
      expect(get(m, out, 'applications')).toBe(150);
      expect(get(m, out, 'persons')).toBe(800);
    }
  });

  it('admit whole the petition that crosses the cap, by less than one petition, whatever the method', () => {
    for (const [name, select] of METHODS) {
      const m = unitsModel({ size: 'crew', crossing: 'admit' }, { cap: 400, select });
      let over = 0;
      for (let run = 0; run < 50; run++) {
        const out = simulateRun(m, run, 'units');
        const issued = get(m, out, 'issued', { pool: 'main' });
        const a = get(m, out, 'applications_issued', { group: 'A' });
        const b = get(m, out, 'applications_issued', { group: 'B' });
        expect(issued, name).toBe(10 * a + 3 * b);
        expect(issued, name).toBeGreaterThanOrEqual(400);
        // a mix's parts too: the pool as a whole crosses its cap once, by less than one petition
        expect(issued, name).toBeLessThan(400 + 10);
        if (issued > 400) over++;
      }
      // where a draw decides which petition comes last, it crosses in some runs
      if (['lottery', 'weighted-lottery'].includes(name)) expect(over, name).toBeGreaterThan(0);
    }
  });

  it('count petitions when the caps say so, and the persons on them apart', () => {
    const m = unitsModel({ size: 'crew', caps_count: 'applications' }, { cap: 120 });
    const out = simulateRun(m, 3, 'units');
    const a = get(m, out, 'applications_issued', { group: 'A' });
    const b = get(m, out, 'applications_issued', { group: 'B' });
    expect(get(m, out, 'issued', { pool: 'main' })).toBe(120);
    expect(a + b).toBe(120);
    expect(get(m, out, 'persons_issued')).toBe(10 * a + 3 * b);
    expect(get(m, out, 'applicants')).toBe(150);
  });

  it('draw sizes from a distribution per group (weights as formulas of columns)', () => {
    // 1,000 petitions of 1 or 4 workers, each with chance 1/2 (A) or 1 in 5 of 4 (B: weights 4 : 1)
    const m = makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: {
        rows: [
          { id: 'A', name: 'Alpha', small: 1 },
          { id: 'B', name: 'Beta', small: 4 },
        ],
      },
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_year: 1000, noise: 'none' },
          units: { size: { values: [1, 4], weights: ['small', 1] } },
          pools: [{ id: 'main', cap: 100000, select: 'lottery' }],
        },
      ],
    });
    let sumA = 0;
    let sumB = 0;
    const runs = 200;
    for (let run = 0; run < runs; run++) {
      const out = simulateRun(m, run, 'sizes');
      expect(get(m, out, 'applications', { group: 'A' })).toBe(1000);
      sumA += get(m, out, 'persons', { group: 'A' });
      sumB += get(m, out, 'persons', { group: 'B' });
    }
    // A: 1,000 × (1 + 4) / 2 = 2,500; B: 1,000 × (4 × 1 + 1 × 4) / 5 = 1,600. Per run sd 3·√(1000·p·q)
    // = 47.4 (A) and 37.9 (B); over 200 runs the mean's sd is about 3.4 and 2.7.
    expect(Math.abs(sumA / runs - 2500)).toBeLessThan(15);
    expect(Math.abs(sumB / runs - 1600)).toBeLessThan(12);
  });

  it('count persons against a ceiling the pools share', () => {
    const m = unitsModel(
      { size: 'crew' },
      { cap: 1000 },
      {
        ceilings: [{ id: 'all', per: 'fiscal-year', amount: 250, pools: ['main'] }],
      },
    );
    for (let run = 0; run < 10; run++) {
      const out = simulateRun(m, run, 'ceil');
      const issued = get(m, out, 'issued', { pool: 'main' });
      expect(issued).toBeLessThanOrEqual(250);
      expect(issued).toBeGreaterThan(247);
      expect(cell(m, out, { program: '', pool: 'ceiling:all', metric: 'issued' })).toBe(issued);
    }
  });
});

describe('explain and the engine agree on resplit', () => {
  const METHODS_ALL: unknown[] = [
    'lottery',
    'pro-rata',
    'fcfs',
    'uscis',
    'queue',
    { method: 'weighted-lottery', weight: 'population' },
    {
      method: 'mix',
      parts: [
        { method: 'queue', share: 0.5 },
        { method: 'lottery', share: 0.5 },
      ],
    },
  ];
  test.prop(
    [
      fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 3, maxLength: 3 }),
      fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 3, maxLength: 3 }),
      fc.integer({ min: 0, max: 1500 }),
      fc.constantFrom(...METHODS_ALL),
      fc.boolean(),
    ],
    { numRuns: 150 },
  )(
    'a pool whose explanation says it re-splits leaves numbers unused only when nobody waits for them',
    (pop, demand, cap, select, resplit) => {
      const scenario = makeScenario({
        calendar: { start: '2023-10-01', years: 1 },
        groups: {
          rows: pop.map((p, i) => ({
            id: 'ABC'[i],
            name: `G${i}`,
            population: p,
            want: (demand[i] as number) * 12,
          })),
        },
        programs: [
          {
            id: 'prog',
            title: 'P',
            demand: { per_year: 'want', noise: 'none' },
            // nobody gives up: whoever is not served is still waiting when the period ends
            not_selected: { reapply: 1, wait: 'step' },
            pools: [{ id: 'main', cap, select, split: { by: 'population', resplit } }],
          },
        ],
      });
      const m = compileModel(scenario);
      const text = explainModel(scenario, m);
      expect(text.includes('re-split'), 'explain').toBe(resplit);
      const out = simulateRun(m, 0, 'agree');
      const get = (metric: string, group = '') =>
        cell(m, out, { pool: 'main', group, period: 'FY2024', metric });
      const unused = get('unused');
      for (const g of ['A', 'B', 'C']) {
        const issued = get('issued', g);
        expect(issued).toBeLessThanOrEqual(get('eligible', g));
        // re-split: numbers go unused only when no group has anyone still waiting for them
        const waiting = cell(m, out, { group: g, period: 'FY2024', metric: 'backlog' });
        if (resplit && unused > 0) expect(waiting, `${g} still waiting`).toBe(0);
        if (!resplit) expect(issued).toBeLessThanOrEqual(get('cap', g));
      }
    },
  );
});

describe('opens_after with a tranche and a lag (the FY2026 H-2B rule)', () => {
  // base: 1,000 a half, filled as soon as each half opens (October 1, April 1); extra opens after it
  const opening = (opensAfter: unknown) =>
    makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: { rows: [{ id: 'A', name: 'Alpha' }] },
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_month: 5000, noise: 'none' },
          not_selected: { reapply: 1, wait: 'step' },
          pools: [
            { id: 'base', cap: { amount: 1000, per: 'half' }, select: 'fcfs' },
            { id: 'extra', cap: 500, select: 'fcfs', opens_after: opensAfter },
          ],
        },
      ],
    });
  const filledOn = (opensAfter: unknown) => {
    const m = opening(opensAfter);
    return cell(m, simulateRun(m, 0, 'open'), { pool: 'extra', period: 'FY2024', metric: 'days_to_fill' });
  };

  it('opens in the step its target fills, later by a lag, and only after the named half', () => {
    // any half, no lag: October (day 0 to 31 of the fiscal year)
    expect(filledOn('base')).toBeLessThan(31);
    // any half, 45 days: H1 filled October 1, so open in the step that ends after November 15: November
    expect(filledOn({ pool: 'base', lag_days: 45 })).toBeGreaterThanOrEqual(31);
    expect(filledOn({ pool: 'base', lag_days: 45 })).toBeLessThan(61);
    // the second half, no lag: April (day 183 to 213)
    expect(filledOn({ pool: 'base', tranche: 'H2' })).toBeGreaterThanOrEqual(182);
    expect(filledOn({ pool: 'base', tranche: 'H2' })).toBeLessThan(213);
    // the second half and 45 days: May
    expect(filledOn({ pool: 'base', tranche: 'H2', lag_days: 45 })).toBeGreaterThanOrEqual(213);
    expect(filledOn({ pool: 'base', tranche: 'H2', lag_days: 45 })).toBeLessThan(244);
  });
});

describe('a pool in force between two dates (`from`, `until`)', () => {
  const dated = (pools: Record<string, unknown>[], ceilings: Record<string, unknown>[] = [], reapply = 0) =>
    makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: { rows: [{ id: 'A', name: 'Alpha' }] },
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_month: 3100, noise: 'none' },
          not_selected: { reapply, wait: 'step' },
          pools,
        },
      ],
      ceilings,
    });

  it('selects only from its first day to the day before its end, at day precision', () => {
    // Jan 6–31: 26 of 31 days (2,600); February: 3,100; Mar 1–14: 14 of 31 days (1,400)
    const m = dated([{ id: 'main', cap: 100000, select: 'fcfs', from: '2024-01-06', until: '2024-03-15' }]);
    const out = simulateRun(m, 0, 'step');
    expect(cell(m, out, { pool: 'main', period: 'FY2024', metric: 'issued' })).toBe(2600 + 3100 + 1400);
    expect(m.pools[0]?.periods.map((p) => [p.label, p.start, p.end])).toEqual([
      ['FY2024', 19728, 19797], // 2024-01-06 and 2024-03-15 as day numbers
    ]);
  });

  it('lets a selection rule change on a date: two pools one after the other, sharing one ceiling', () => {
    const m = dated(
      [
        { id: 'first', select: 'queue', until: '2024-04-01' },
        { id: 'then', select: 'lottery', from: '2024-04-01' },
      ],
      [{ id: 'monthly', pools: ['first', 'then'], amount: 1000, per: 'month' }],
      1,
    );
    const out = simulateRun(m, 0, 'step');
    const months = m.ceilings[0]?.periods.map((p) => p.label) ?? [];
    expect(months).toHaveLength(12);
    for (const month of months) {
      const first = m.pools[0]?.periods.some((p) => p.label === month)
        ? cell(m, out, { pool: 'first', period: month, metric: 'issued' })
        : 0;
      const then = m.pools[1]?.periods.some((p) => p.label === month)
        ? cell(m, out, { pool: 'then', period: month, metric: 'issued' })
        : 0;
      // each month uses the shared 1,000, October–March by the queue, April–September by lottery
      expect(first + then).toBe(1000);
      expect(month < '2024-04' ? then : first).toBe(0);
    }
  });
});

describe('a total cap month by month: a pace in numbers, and the monthly issued rows', () => {
  const paced = (pace: Record<string, unknown> | undefined) =>
    makeModel({
      calendar: { start: '2023-10-01', years: 2 },
      groups: { rows: [{ id: 'A', name: 'Alpha' }] },
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_month: 5000, noise: 'none' },
          not_selected: { reapply: 1, wait: 'step' },
          pools: [
            {
              id: 'main',
              cap: { amount: 24000, per: 'total', from: '2023-11-15' },
              select: 'fcfs',
              ...(pace ? { pace } : {}),
            },
          ],
        },
      ],
    });
  const monthly = (m: ReturnType<typeof paced>) => {
    const out = simulateRun(m, 0, 'step');
    const block = m.cells.monthlyBlocks.get(0);
    return (block?.periods.slice(1) ?? []).map((month) => [
      month,
      cell(m, out, { pool: 'main', period: month, metric: 'issued' }),
    ]);
  };

  it('reports what a per: total pool issues in each month it is open, adding up to its total', () => {
    const rows = monthly(paced(undefined));
    expect(rows[0]).toEqual(['2023-11', 10000]); // from Nov 15: October's and November's, all waiting
    expect(rows).toHaveLength(23); // November 2023 to September 2025
    expect(rows.reduce((s, [, v]) => s + (v as number), 0)).toBe(24000);
  });

  it('spends a total cap at most 2,000 a month with `pace: { per: month, amount: 2000 }`', () => {
    const rows = monthly(paced({ per: 'month', amount: 2000 }));
    expect(rows.slice(0, 12).map(([, v]) => v)).toEqual(new Array(12).fill(2000));
    expect(rows.slice(12).every(([, v]) => v === 0)).toBe(true);
  });

  it('has no monthly rows for a pool whose cap is per fiscal year', () => {
    expect(makeModel().cells.monthlyBlocks.size).toBe(0);
  });
});

describe('a two-level split (`split.within`): region, then the countries in it', () => {
  // Four countries of weight 1, 1, 1 (region R1) and 1.5 (R2), 10 numbers, largest remainder.
  const split = (within?: string) =>
    makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: {
        rows: [
          { id: 'A', name: 'A', region: 'R1', w: 1 },
          { id: 'B', name: 'B', region: 'R1', w: 1 },
          { id: 'C', name: 'C', region: 'R1', w: 1 },
          { id: 'D', name: 'D', region: 'R2', w: 1.5 },
        ],
      },
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_year: 1200, noise: 'none' },
          pools: [
            { id: 'main', cap: 10, select: 'lottery', split: { by: 'w', ...(within ? { within } : {}) } },
          ],
        },
      ],
    });
  const caps = (m: Model) => {
    const out = simulateRun(m, 0, 'two-level');
    return ['A', 'B', 'C', 'D'].map((group) =>
      cell(m, out, { pool: 'main', group, period: 'FY2024', metric: 'cap' }),
    );
  };

  it('apportions each region its exact part first, then its countries', () => {
    // One level: quotas 10 × 1/4.5 = 2.22 (A, B, C) and 3.33 (D); floors 2 + 2 + 2 + 3 = 9, the last
    // number to D's remainder .33: 2, 2, 2, 4 — R1 gets 6 of its 6.67.
    expect(caps(split())).toEqual([2, 2, 2, 4]);
    // Two levels: R1 10 × 3/4.5 = 6.67, R2 3.33 → 6 + 3, the last number to R1 (.67): 7 and 3; then R1's
    // 7 among A, B, C: 2.33 each → 2 + 2 + 2, the last to A (ties by id): 3, 2, 2.
    expect(caps(split('region'))).toEqual([3, 2, 2, 3]);
  });

  it('is said by explain', () => {
    const scenario = makeScenario({
      groups: { rows: [{ id: 'A', name: 'A', region: 'R1', w: 1 }] },
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_year: 10 },
          pools: [{ id: 'main', cap: 10, split: { by: 'w', within: 'region' } }],
        },
      ],
    });
    expect(explainModel(scenario, compileModel(scenario))).toContain(
      'Split in two levels (largest-remainder; parts sum exactly, ties by id): first among the values of region, each in proportion to the sum of w over its eligible groups',
    );
  });
});
