/**
 * Ceilings in the engine: members never issue more together than a ceiling allows, per period and
 * per group, whatever their selection methods (random scenarios of every rule, with random
 * ceilings), checked from the pools' own output cells rather than the ceiling's; a ceiling that
 * binds is reached exactly; one not in force leaves the pools alone.
 */
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../../src/engine/run.js';
import { monthLabel } from '../../../src/model/calendar.js';
import type { Model } from '../../../src/model/model.js';
import { arbEngineScenario, modelOf } from '../../helpers/engine-arbitraries.js';
import { cell, makeModel } from '../../helpers/model.js';
import { fc, test } from '../../helpers/prop.js';

type Obj = Record<string, unknown>;
const poolsOf = (obj: Obj) =>
  (obj.programs as Obj[]).flatMap((p) => (p.pools as Obj[]).map((pool) => pool as Obj & { id: string }));
const perTotal = (pool: Obj) => typeof pool.cap === 'object' && (pool.cap as Obj).per === 'total';
const perMonth = (pool: Obj) => typeof pool.cap === 'object' && (pool.cap as Obj).per === 'month';

/**
 * A random scenario with one to three random ceilings over random sets of its pools, some shared by
 * demand (`share: by_demand`, over pools of one program).
 */
const arbWithCeilings = arbEngineScenario.chain((obj) => {
  const pools = poolsOf(obj as Obj);
  const programOf = new Map(
    ((obj as Obj).programs as Obj[]).flatMap((p) => (p.pools as Obj[]).map((pool) => [pool.id, p.id])),
  );
  const arbCeiling = (i: number) =>
    fc
      .record({
        per: fc.constantFrom('fiscal-year', 'total', 'month'),
        members: fc.subarray(pools, { minLength: 1 }),
        amount: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
        perGroup: fc.constantFrom(
          undefined,
          { amount: 150 },
          { share: 0.2 },
          { share: 0.3, classes: [{ when: 'flag', amount: 40 }] },
        ),
        exempt: fc.boolean(),
        share: fc.boolean(),
      })
      .map((c) => {
        // a fiscal-year ceiling over a pool counted once in total could not be checked per year, nor a
        // monthly one over a pool whose periods are not months
        let members =
          c.per === 'fiscal-year'
            ? c.members.filter((p) => !perTotal(p))
            : c.per === 'month'
              ? c.members.filter(perMonth)
              : c.members;
        const amount = c.amount ?? (c.perGroup?.share !== undefined || !c.perGroup ? 2500 : undefined);
        // shared by demand: pools of one program (the first member's), two at least, and an amount
        const first = members[0] && programOf.get(members[0].id);
        const sharing = c.share && amount !== undefined;
        if (sharing) members = members.filter((p) => programOf.get(p.id) === first);
        const share = sharing && members.length >= 2 ? { share: 'by_demand' } : {};
        const perGroup = c.perGroup && {
          ...c.perGroup,
          ...(c.exempt && members[0] ? { exempt: [{ pool: members[0].id, share: 0.5 }] } : {}),
        };
        return {
          id: `ceil${i}`,
          pools: members.map((p) => p.id),
          per: c.per,
          ...(amount !== undefined ? { amount } : {}),
          ...(perGroup ? { per_group: perGroup } : {}),
          ...share,
        };
      });
  return fc
    .tuple(...[0, 1, 2].map(arbCeiling))
    .chain((cs) =>
      fc.integer({ min: 1, max: 3 }).map((n) => cs.slice(0, n).filter((c) => c.pools.length > 0)),
    )
    .map((ceilings) => ({ ...(obj as Obj), ceilings }));
});

/**
 * Σ over member pools of `issued` (total, or of group g) in the pool periods of fiscal year fy, or
 * in the period labelled fy (a month), or over all (undefined).
 */
function membersIssued(
  m: Model,
  out: Float64Array,
  ids: string[],
  fy: number | string | undefined,
  group = '',
  weight = (_: string) => 1,
) {
  let sum = 0;
  for (const id of ids) {
    const pool = m.pools.find((p) => p.id === id);
    if (!pool) continue;
    const program = m.programs[pool.program]?.id;
    const periods =
      fy === undefined
        ? ['']
        : typeof fy === 'string'
          ? pool.periods.filter((p) => p.label === fy).map((p) => p.label)
          : pool.periods.filter((p) => p.fy === fy).map((p) => p.label);
    for (const period of periods)
      sum += weight(id) * cell(m, out, { program, pool: id, group, period, metric: 'issued' });
  }
  return sum;
}

describe('ceilings', () => {
  test.prop([arbWithCeilings, fc.integer({ min: 0, max: 50 })], { numRuns: 80 })(
    'hold in every period (fiscal year, month, total) and for every group, whatever the pools’ selection methods',
    (obj, run) => {
      const m = modelOf(obj);
      if (!m) return;
      let out: Float64Array;
      try {
        out = simulateRun(m, run, 'ceilings');
      } catch {
        return; // a random formula that fails at run time (e.g. a negative rate)
      }
      for (const c of (obj as { ceilings: Obj[] }).ceilings) {
        const ids = c.pools as string[];
        const months = [...new Set(m.calendar.steps.map((st) => monthLabel(st.start)))];
        const fys: (number | string | undefined)[] =
          c.per === 'total'
            ? [undefined]
            : c.per === 'month'
              ? months
              : m.calendar.fiscalYears.map((f) => f.index);
        const pg = c.per_group as Obj | undefined;
        const exempt = ((pg?.exempt as Obj[] | undefined) ?? [])[0];
        const counted = (id: string) => (exempt && exempt.pool === id ? 1 - (exempt.share as number) : 1);
        for (const fy of fys) {
          if (c.amount !== undefined)
            expect(membersIssued(m, out, ids, fy)).toBeLessThanOrEqual(c.amount as number);
          if (!pg) continue;
          for (const g of m.groups) {
            const classed = pg.classes && g.columns.flag === true;
            const limit = classed
              ? 40
              : pg.amount !== undefined
                ? (pg.amount as number)
                : Math.round((pg.share as number) * (c.amount as number));
            expect(membersIssued(m, out, ids, fy, g.id, counted)).toBeLessThanOrEqual(limit + 1e-9);
          }
        }
      }
    },
  );

  const METHODS = [
    'lottery',
    'fcfs',
    'uscis',
    'queue',
    'pro-rata',
    { method: 'weighted-lottery', weight: 'population' },
    {
      method: 'mix',
      parts: [
        { method: 'queue', share: 0.5 },
        { method: 'lottery', share: 0.5 },
      ],
    },
  ];
  /** Two programs of 3,000 a year each, with more applicants than numbers, under a ceiling. */
  const twoPools = (select: unknown, ceiling: Obj) =>
    makeModel({
      programs: [
        {
          id: 'fam',
          title: 'F',
          demand: { per_year: 'population * 20' },
          pools: [{ id: 'f', cap: 3000, select }],
        },
        {
          id: 'emp',
          title: 'E',
          demand: { per_year: 'population * 20' },
          pools: [{ id: 'e', cap: 3000, select }],
        },
      ],
      ceilings: [{ id: 'c', pools: ['f', 'e'], ...ceiling }],
    });

  it.each(METHODS.map((s) => [typeof s === 'string' ? s : s.method, s]))(
    'is reached exactly when it binds (%s)',
    (_, select) => {
      const m = twoPools(select, { amount: 4000, per_group: { share: 0.5 } });
      const out = simulateRun(m, 3, 'bind');
      for (const period of ['FY2024', 'FY2025']) {
        // the family program selects first each step, so together they stop at 4,000
        const f = cell(m, out, { program: 'fam', pool: 'f', period, metric: 'issued' });
        const e = cell(m, out, { program: 'emp', pool: 'e', period, metric: 'issued' });
        expect(f + e).toBe(4000);
        expect(cell(m, out, { program: '', pool: 'ceiling:c', period, metric: 'issued' })).toBe(4000);
        expect(cell(m, out, { program: '', pool: 'ceiling:c', period, metric: 'unused' })).toBe(0);
        for (const g of ['A', 'B', 'C']) {
          const got =
            cell(m, out, { program: 'fam', pool: 'f', group: g, period, metric: 'issued' }) +
            cell(m, out, { program: 'emp', pool: 'e', group: g, period, metric: 'issued' });
          expect(got).toBeLessThanOrEqual(2000);
          expect(cell(m, out, { program: '', pool: 'ceiling:c', group: g, period, metric: 'issued' })).toBe(
            got,
          );
        }
      }
    },
  );

  it.each(METHODS.map((s) => [typeof s === 'string' ? s : s.method, s]))(
    'holds month by month, a monthly ceiling over pools counted per fiscal year (%s)',
    (_, select) => {
      const m = twoPools(select, { amount: 300, per: 'month', per_group: { share: 0.5 } });
      const out = simulateRun(m, 2, 'monthly');
      const months = m.ceilings[0]?.periods.map((p) => p.label) ?? [];
      expect(months).toHaveLength(24);
      const ceiling = (period: string, group = '') =>
        cell(m, out, { program: '', pool: 'ceiling:c', group, period, metric: 'issued' });
      for (const month of months) {
        expect(ceiling(month)).toBeLessThanOrEqual(300);
        for (const g of ['A', 'B', 'C']) expect(ceiling(month, g)).toBeLessThanOrEqual(150);
      }
      // every number the pools issued went through the ceiling, in one of its months
      const pools = ['FY2024', 'FY2025'].reduce(
        (a, period) =>
          a +
          cell(m, out, { program: 'fam', pool: 'f', period, metric: 'issued' }) +
          cell(m, out, { program: 'emp', pool: 'e', period, metric: 'issued' }),
        0,
      );
      expect(months.reduce((a, month) => a + ceiling(month), 0)).toBe(pools);
      expect(pools).toBeGreaterThan(0);
    },
  );

  it('applies only while in force (from its dates on)', () => {
    const m = twoPools('fcfs', { amount: 100, per: 'month', from: '2024-10-01' });
    const out = simulateRun(m, 0, 'dates');
    const fy = (period: string) =>
      cell(m, out, { program: 'fam', pool: 'f', period, metric: 'issued' }) +
      cell(m, out, { program: 'emp', pool: 'e', period, metric: 'issued' });
    expect(fy('FY2024')).toBe(6000); // before the ceiling: both pools fill
    expect(fy('FY2025')).toBe(1200); // 12 months of 100
    expect(m.ceilings[0]?.periods[0]?.label).toBe('2024-10');
  });

  it('counts an exempt share of a pool’s numbers less against the per-group limit', () => {
    // Group C (600 of 1,000 population) may get 1,000 counted numbers; the employment pool's numbers
    // count half, so C can take up to 3,000 there once the family pool has given it its 1,000... but
    // each pool has only 3,000 for all groups: C's total exceeds 1,000 only through the exempt half.
    const m = twoPools('fcfs', { per_group: { amount: 1000, exempt: [{ pool: 'e', share: 0.5 }] } });
    const out = simulateRun(m, 1, 'exempt');
    const f = cell(m, out, { program: 'fam', pool: 'f', group: 'C', period: 'FY2024', metric: 'issued' });
    const e = cell(m, out, { program: 'emp', pool: 'e', group: 'C', period: 'FY2024', metric: 'issued' });
    expect(f + 0.5 * e).toBeLessThanOrEqual(1000);
    expect(f + e).toBeGreaterThan(1000);
    expect(
      cell(m, out, { program: '', pool: 'ceiling:c', group: 'C', period: 'FY2024', metric: 'issued' }),
    ).toBe(f + 0.5 * e);
  });

  it('lets a pool with no cap of its own draw only on the ceiling, from its dates on', () => {
    const m = makeModel({
      calendar: { start: '2023-01-01', years: 1, fiscal_year_start: '01-01' },
      programs: [
        {
          id: 'parole',
          title: 'P',
          demand: { per_year: 'population * 100', noise: 'none' },
          not_selected: { reapply: 1, wait: 'step' },
          pools: [{ id: 'p', select: 'queue' }],
        },
      ],
      ceilings: [{ id: 'monthly', pools: ['p'], amount: 3000, per: 'month', from: '2023-01-09' }],
    });
    expect(m.pools[0]?.cap).toEqual({ kind: 'ceiling', ceiling: 'monthly', per: 'month', source: [] });
    expect(m.pools[0]?.periods.map((p) => p.label)).toEqual(m.ceilings[0]?.periods.map((p) => p.label));
    const out = simulateRun(m, 0, 'uncapped');
    const get = (program: string, pool: string, period: string, metric: string) =>
      cell(m, out, { program, pool, period, metric });
    // 100,000 a year arrive; every month of the ceiling gives out its 3,000, January from the 9th
    for (const month of ['2023-01', '2023-02', '2023-12']) {
      expect(get('parole', 'p', month, 'issued')).toBe(3000);
      expect(get('parole', 'p', month, 'cap')).toBeNaN();
      expect(get('parole', 'p', month, 'unused')).toBeNaN();
      expect(get('', 'ceiling:monthly', month, 'unused')).toBe(0);
    }
    expect(get('parole', '', '', 'issued')).toBe(36000);
    expect(get('parole', '', '', 'cap')).toBeNaN(); // the ceiling reports the numbers
    expect(get('parole', '', '', 'unused')).toBeNaN();
  });
});

describe('ceilings drawn per run', () => {
  it('work out an amount formula and a share of drawn pool caps in each run (INA 202(a)(2) of a varying limit)', () => {
    const m = makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: {
        rows: [
          { id: 'IN', name: 'India', dependent: false },
          { id: 'HK', name: 'Hong Kong', dependent: true },
        ],
      },
      parameters: [
        { id: 'family_unused', uniform: [0, 40000] },
        { id: 'deduction', uniform: [3000, 4000] },
      ],
      programs: [
        {
          id: 'emp',
          title: 'E',
          demand: { per_year: 200000, noise: 'none' },
          pools: [{ id: 'eb', cap: '140000 + family_unused' }],
        },
        {
          id: 'fam',
          title: 'F',
          demand: { per_year: 200000, noise: 'none' },
          pools: [{ id: 'f', cap: 226000 }],
        },
        { id: 'dv', title: 'D', demand: { per_year: 40000, noise: 'none' }, pools: [{ id: 'd' }] },
      ],
      ceilings: [
        {
          id: 'pc',
          pools: ['eb', 'f'],
          per_group: { share: 0.07, classes: [{ when: 'dependent', share: 0.02 }] },
        },
        { id: 'dvl', pools: ['d'], amount: '55000 - deduction' },
      ],
    });
    expect(m.ceilings.map((c) => !!c.perRun)).toEqual([true, true]);
    for (let run = 0; run < 10; run++) {
      const out = simulateRun(m, run, 'drawn');
      const get = (program: string, pool: string, group: string, metric: string) =>
        cell(m, out, { program, pool, group, period: 'FY2024', metric });
      const total = get('emp', 'eb', '', 'cap') + 226000;
      expect(get('', 'ceiling:pc', 'IN', 'cap')).toBe(Math.round(0.07 * total));
      expect(get('', 'ceiling:pc', 'HK', 'cap')).toBe(Math.round(0.02 * total));
      expect(get('emp', 'eb', 'IN', 'issued') + get('fam', 'f', 'IN', 'issued')).toBeLessThanOrEqual(
        Math.round(0.07 * total),
      );
      const dv = get('', 'ceiling:dvl', '', 'cap');
      expect(dv).toBeGreaterThanOrEqual(51000);
      expect(dv).toBeLessThanOrEqual(52000);
      expect(get('dv', 'd', '', 'issued')).toBe(Math.min(dv, 80000)); // 40,000 a group, 2 groups
    }
  });
});

describe('INA 202(a)(3): the limit lifted at the end of each calendar quarter (`lift_when_unused: quarter`)', () => {
  // A queue of 4,000 a year paced 25% a quarter (1,000, 2,000, 3,000 by the ends of December, March,
  // June; the rest in the fourth quarter). A waits in numbers (1,000 a month) under a limit of 400;
  // B (no limit) files 400 a month from July 1 only.
  const paced = (lift: boolean | 'quarter') =>
    makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: {
        rows: [
          { id: 'A', name: 'A', limited: true },
          { id: 'B', name: 'B', limited: false },
        ],
      },
      programs: [
        {
          id: 'p',
          title: 'P',
          demand: {
            per_month: 'limited ? 1000 : 400',
            noise: 'none',
            by_group: [{ when: 'not limited', from: '2024-07-01' }],
          },
          not_selected: { reapply: 1, wait: 'step' },
          pools: [{ id: 'q', cap: 4000, select: 'queue', pace: { per: 'quarter', share: 0.25 } }],
        },
      ],
      ceilings: [
        {
          id: 'pc',
          pools: ['q'],
          per_group: { amount: 400, classes: [{ when: 'not limited', share: 1 }], lift_when_unused: lift },
        },
      ],
    });
  const issued = (lift: boolean | 'quarter') => {
    const m = paced(lift);
    const out = simulateRun(m, 0, 'quarter');
    return ['A', 'B'].map((group) => cell(m, out, { pool: 'q', group, period: 'FY2024', metric: 'issued' }));
  };

  it('gives each quarter’s unused numbers to those held back, before later filers come', () => {
    // At the year's end only: A 400 in October; B 1,200 from July (400 a month, room left); A the
    // rest at the end: 4,000 − 400 − 1,200 = 2,400 → A 2,800.
    expect(issued(true)).toEqual([2800, 1200]);
    // Each quarter: A 400, then what each quarter leaves — 600 at the end of December, 1,000 of March,
    // 1,000 of June — is A's: 3,000 by July; B then finds the fourth quarter's 1,000 only.
    expect(issued('quarter')).toEqual([3000, 1000]);
    // Never lifted: A stays at its limit.
    expect(issued(false)).toEqual([400, 1200]);
  });
});

describe('a per-group limit as a formula of group columns and parameters', () => {
  it('gives each group its own limit, worked out in each run when it reads an uncertain parameter', () => {
    // A's limit is 0.5 × quota = 100 (fixed), B's 0.5 × quota × k = 150 × k for k uniform in [1, 2],
    // rounded; the dependent area C takes its class's formula: its quota, 30. Demand far above them.
    const m = makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: {
        rows: [
          { id: 'A', name: 'A', quota: 200, dep: false },
          { id: 'B', name: 'B', quota: 300, dep: false },
          { id: 'C', name: 'C', quota: 30, dep: true },
        ],
      },
      parameters: [{ id: 'k', uniform: [1, 2] }],
      programs: [
        {
          id: 'p',
          title: 'P',
          demand: { per_year: 5000, noise: 'none' },
          pools: [{ id: 'x', cap: 10000, select: 'lottery' }],
        },
      ],
      ceilings: [
        {
          id: 'c',
          pools: ['x'],
          per_group: {
            amount: 'id == "B" ? 0.5 * quota * k : 0.5 * quota',
            classes: [{ when: 'dep', amount: 'quota' }],
          },
        },
      ],
    });
    expect(m.ceilings[0]?.perRun?.limits?.map((f) => f !== undefined)).toEqual([true, true, false]);
    const seen = new Set<number>();
    for (let run = 0; run < 8; run++) {
      const out = simulateRun(m, run, 'limit-formula');
      const get = (group: string, metric: string, pool = 'ceiling:c', program = '') =>
        cell(m, out, { program, pool, group, period: 'FY2024', metric });
      const b = get('B', 'cap');
      expect(get('A', 'cap')).toBe(100);
      expect(b).toBeGreaterThanOrEqual(150);
      expect(b).toBeLessThanOrEqual(300);
      expect(Number.isInteger(b)).toBe(true);
      expect(get('C', 'cap')).toBe(30);
      for (const g of ['A', 'B', 'C']) expect(get(g, 'issued', 'x', 'p')).toBe(get(g, 'cap'));
      seen.add(b);
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('a cap that reads a ceiling of the fiscal year before', () => {
  it('gives a pool the numbers a ceiling left unused: 100 + (1,500 − 1,200) in FY2025', () => {
    // x asks for 1,200 a year under a ceiling of 1,500 (its own cap 2,000), so the ceiling leaves
    // 300 unused each year; y has 100 plus what the ceiling left the year before (0 before FY2024).
    const m = makeModel({
      calendar: { start: '2023-10-01', years: 2 },
      groups: { rows: [{ id: 'A', name: 'A' }] },
      programs: [
        { id: 'p', title: 'P', demand: { per_year: 1200, noise: 'none' }, pools: [{ id: 'x', cap: 2000 }] },
        {
          id: 'q',
          title: 'Q',
          demand: { per_year: 5000, noise: 'none' },
          pools: [{ id: 'y', cap: '100 + unused_before("c") + 0 * issued_before("c")' }],
        },
      ],
      ceilings: [{ id: 'c', pools: ['x'], amount: 1500 }],
    });
    const out = simulateRun(m, 0, 'ceiling-results');
    const cap = (period: string) => cell(m, out, { program: 'q', pool: 'y', period, metric: 'cap' });
    expect(cell(m, out, { program: '', pool: 'ceiling:c', period: 'FY2024', metric: 'unused' })).toBe(300);
    expect([cap('FY2024'), cap('FY2025')]).toEqual([100, 400]);
  });
});

describe('proration (INA 202(e)) and lifting a limit that would leave numbers unused (INA 202(a)(3), (a)(5))', () => {
  const twoPrograms = (perGroup: Record<string, unknown>) =>
    makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      programs: [
        {
          id: 'family',
          title: 'F',
          demand: { per_year: 10000, noise: 'none' },
          pools: [{ id: 'f', cap: 600, select: 'lottery' }],
        },
        {
          id: 'employment',
          title: 'E',
          demand: { per_year: 10000, noise: 'none' },
          pools: [{ id: 'e', cap: 400, select: 'lottery' }],
        },
      ],
      ceilings: [{ id: 'per-country', pools: ['f', 'e'], per_group: { share: 0.1, ...perGroup } }],
    });
  const issued = (
    m: ReturnType<typeof twoPrograms>,
    out: Float64Array,
    program: string,
    pool: string,
    group: string,
  ) => cell(m, out, { program, pool, group, period: 'FY2024', metric: 'issued' });

  it('splits an oversubscribed group’s limit across the pools by their numbers: 100 × 600/1,000 and × 400/1,000', () => {
    // limit: 10% of the member pools' 1,000 numbers = 100 a group; every group asks for far more
    const plain = twoPrograms({});
    const a = simulateRun(plain, 0, 'pr');
    // without proration the first pool to draw takes the whole limit
    expect(issued(plain, a, 'family', 'f', 'A')).toBe(100);
    expect(issued(plain, a, 'employment', 'e', 'A')).toBe(0);
    const prorated = twoPrograms({ prorate: ['A'] });
    for (let run = 0; run < 5; run++) {
      const b = simulateRun(prorated, run, 'pr');
      expect(issued(prorated, b, 'family', 'f', 'A')).toBe(60);
      expect(issued(prorated, b, 'employment', 'e', 'A')).toBe(40);
      // B is not prorated: the family pool still takes its whole limit first
      expect(issued(prorated, b, 'family', 'f', 'B')).toBe(100);
    }
  });

  const oneCountryShort = (lift: boolean) =>
    makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_year: 'id == "A" ? 5000 : 100', noise: 'none' },
          not_selected: { reapply: 1, wait: 'step' },
          pools: [{ id: 'main', cap: 1000, select: 'queue' }],
        },
      ],
      ceilings: [{ id: 'per-country', pools: ['main'], per_group: { share: 0.07, lift_when_unused: lift } }],
    });

  it('gives the numbers the limit would leave unused to those it held back, at the end of the period', () => {
    // 7% of 1,000 = 70 a group: A (5,000 waiting) 70, B and C (100 each) 70 each: 210 issued, 790 unused
    const held = oneCountryShort(false);
    const a = simulateRun(held, 0, 'lift');
    expect(cell(held, a, { pool: 'main', period: 'FY2024', metric: 'issued' })).toBe(210);
    const lifted = oneCountryShort(true);
    const b = simulateRun(lifted, 0, 'lift');
    // lifted: the 790 go to the 4,930 + 30 + 30 still waiting, oldest first (a queue): all 1,000
    // are used, and they reach A's early applicants (416 a month) before B's and C's last 30 (who
    // came after month 8): A 70 + 790 = 860, B and C stay at 70
    expect(cell(lifted, b, { pool: 'main', period: 'FY2024', metric: 'issued' })).toBe(1000);
    expect(cell(lifted, b, { pool: 'main', group: 'A', period: 'FY2024', metric: 'issued' })).toBe(860);
    expect(cell(lifted, b, { pool: 'main', group: 'B', period: 'FY2024', metric: 'issued' })).toBe(70);
  });
});

describe('a ceiling shared by demand (`share: by_demand`)', () => {
  const METHODS = [
    'lottery',
    'fcfs',
    'uscis',
    'queue',
    'pro-rata',
    { method: 'weighted-lottery', weight: 'population' },
    {
      method: 'mix',
      parts: [
        { method: 'queue', share: 0.5 },
        { method: 'lottery', share: 0.5 },
      ],
    },
  ];
  const name = (s: unknown) => (typeof s === 'string' ? s : (s as { method: string }).method);
  /**
   * One program, one fiscal year; everyone files in October (A 40,000, B 10,000, C none) and waits.
   * Pool a takes A, pool b takes B; neither has a cap of its own unless given: both draw on a
   * ceiling of 30,000 for the year.
   */
  const shared = (
    select: unknown,
    over: {
      share?: string;
      aCap?: number;
      bCap?: number;
      perGroup?: Obj;
      units?: boolean;
      from?: string;
    } = {},
  ) =>
    makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: {
        rows: [
          { id: 'A', name: 'A', population: 1, size: 10 },
          { id: 'B', name: 'B', population: 1, size: 1 },
        ],
      },
      programs: [
        {
          id: 'p',
          title: 'P',
          demand: {
            // with units, A files 4,000 applications of 10 persons (40,000 persons)
            per_year: over.units ? 'id == "A" ? 4000 : 10000' : 'id == "A" ? 40000 : 10000',
            noise: 'none',
            profile: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
          },
          ...(over.units ? { units: { carries: 'persons', size: 'size', caps_count: 'persons' } } : {}),
          not_selected: { reapply: 1, wait: 'step' },
          pools: [
            { id: 'a', eligible: 'id == "A"', select, ...(over.aCap ? { cap: over.aCap } : {}) },
            { id: 'b', eligible: 'id == "B"', select, ...(over.bCap ? { cap: over.bCap } : {}) },
          ],
        },
      ],
      ceilings: [
        {
          id: 'c',
          pools: ['a', 'b'],
          amount: 30000,
          ...(over.from ? { from: over.from } : {}),
          ...(over.share ? { share: over.share } : {}),
          ...(over.perGroup ? { per_group: over.perGroup } : {}),
        },
      ],
    });
  const issued = (m: Model, run = 0) => {
    const out = simulateRun(m, run, 'share');
    return ['a', 'b'].map((pool) => cell(m, out, { pool, period: 'FY2024', metric: 'issued' }));
  };

  it.each(METHODS.map((s) => [name(s), s]))('divides it by the applicants waiting (%s)', (_, select) => {
    // In order, the first pool takes all 30,000. By demand: 30,000 × 40,000 / 50,000 = 24,000 for A
    // and 30,000 × 10,000 / 50,000 = 6,000 for B (both whole: no remainder to place).
    expect(issued(shared(select))).toEqual([30000, 0]);
    expect(issued(shared(select, { share: 'by_demand' }))).toEqual([24000, 6000]);
  });

  it.each(METHODS.map((s) => [name(s), s]))('passes on the part a pool cannot use (%s)', (_, select) => {
    // b has 2,000 numbers of its own: of its part of 6,000 it uses 2,000; in the second pass a takes
    // the other 4,000 (24,000 + 4,000 = 28,000), so the ceiling's 30,000 are all used.
    expect(issued(shared(select, { share: 'by_demand', bCap: 2000 }))).toEqual([28000, 2000]);
    // and a per-group limit of 5,000 for A (ceiling's per_group, B exempt by its class): a uses 5,000
    // of its 24,000; b takes its 10,000 applicants' worth in the second pass, the rest lapse.
    const perGroup = { amount: 5000, classes: [{ when: 'id == "B"', share: 1 }] };
    expect(issued(shared(select, { share: 'by_demand', perGroup }))).toEqual([5000, 10000]);
  });

  it.each(METHODS.map((s) => [name(s), s]))(
    'counts demand in what the caps count: applications of 10 persons draw whole (%s)',
    (_, select) => {
      // A: 4,000 applications of 10 persons = 40,000 persons; B 10,000 of 1. Parts 24,000 and 6,000
      // persons: A's part is 2,400 whole applications.
      expect(issued(shared(select, { share: 'by_demand', units: true }))).toEqual([24000, 6000]);
    },
  );

  it('shares only while the ceiling is in force (from)', () => {
    // In force from March 1. Pools with no cap of their own draw only on it: nobody is selected
    // before March, and in March the 50,000 still waiting share it, 24,000 and 6,000.
    expect(issued(shared('queue', { share: 'by_demand', from: '2024-03-01' }))).toEqual([24000, 6000]);
    // With 100,000 numbers each of their own, the pools select everyone in October, before it.
    const own = { share: 'by_demand', from: '2024-03-01', aCap: 100000, bCap: 100000 };
    expect(issued(shared('queue', own))).toEqual([40000, 10000]);
  });

  it('lets a mix divide its part among its parts by their shares', () => {
    // A1 files 20,000 in October, A2 20,000 in November, B 10,000 in October; pool a (a mix, half in
    // filing order, half by lottery) takes A1 and A2, pool b takes B. The ceiling — 30,000 in total
    // from December 1 — is the only source of numbers: in December a's part is 30,000 × 40,000 /
    // 50,000 = 24,000, its queue half 12,000 (all A1, the older filings) and its lottery half 12,000
    // among the 8,000 A1 and 20,000 A2 still waiting: A1 expects 12,000 + 12,000 × 8/28 ≈ 15,429.
    // (Without the division the queue half would take its 15,000 first: A1 16,800.)
    const m = makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: {
        rows: [
          { id: 'A1', name: 'A1', population: 1 },
          { id: 'A2', name: 'A2', population: 1 },
          { id: 'B', name: 'B', population: 1 },
        ],
      },
      programs: [
        {
          id: 'p',
          title: 'P',
          demand: {
            per_year: 'id == "B" ? 10000 : 20000',
            noise: 'none',
            profile: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            by_group: [{ when: 'id == "A2"', profile: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }],
          },
          not_selected: { reapply: 1, wait: 'step' },
          pools: [
            {
              id: 'a',
              eligible: 'id != "B"',
              select: {
                method: 'mix',
                parts: [
                  { method: 'queue', share: 0.5 },
                  { method: 'lottery', share: 0.5 },
                ],
              },
            },
            { id: 'b', eligible: 'id == "B"', select: 'queue' },
          ],
        },
      ],
      ceilings: [
        { id: 'c', pools: ['a', 'b'], amount: 30000, per: 'total', from: '2023-12-01', share: 'by_demand' },
      ],
    });
    for (const run of [0, 1, 2]) {
      const out = simulateRun(m, run, 'mix');
      const got = (pool: string, group: string) =>
        cell(m, out, { pool, group, period: 'total', metric: 'issued' });
      expect(got('a', 'A1') + got('a', 'A2')).toBe(24000);
      expect(got('b', 'B')).toBe(6000);
      expect(Math.abs(got('a', 'A1') - 15429)).toBeLessThan(400);
    }
  });

  it('is the same run for run, and leaves runs without it unchanged', () => {
    const m = shared('lottery', { share: 'by_demand' });
    expect(simulateRun(m, 5, 's')).toEqual(simulateRun(m, 5, 's'));
  });
});
