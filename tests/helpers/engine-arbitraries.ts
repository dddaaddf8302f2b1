/**
 * Random scenarios for the engine's equivalence tests (tests/engine/fast-paths.test.ts): several
 * programs that divert into each other, pools with every selection method, caps per period, windows,
 * tranches, splits (by a column or by a formula of an uncertain parameter), limits, spills, pools that
 * open after another fills, one or two segment attributes, demand per year or per month with
 * profiles and dates. Some combinations are invalid; `modelOf` returns undefined for those.
 */

import { compileModel, type Model } from '../../src/model/model.js';
import { ScenarioSchema } from '../../src/scenario/schema.js';
import { fc } from './prop.js';

const GROUPS = ['AA', 'BB', 'CC', 'DD', 'EE', 'FF'];
const arbFormulaEligible = fc.constantFrom(
  undefined,
  'flag',
  'not flag',
  'weight > 300',
  'seg',
  'seg2 or flag',
  'u > 0.5',
  'year == 0',
  'fy >= 2025',
  'weight * u > 200',
  'id == "AA"',
);
const arbSel = fc.oneof(
  fc.constantFrom('lottery', 'fcfs', 'uscis', 'queue', 'pro-rata'),
  fc.constantFrom(
    { method: 'weighted-lottery', weight: 'weight + 1' },
    { method: 'weighted-lottery', weight: 'seg ? 3 : 1' },
    { method: 'weighted-lottery', weight: '1 + u * weight' },
    { method: 'uscis', first_days: 2 },
    {
      method: 'mix',
      parts: [
        { method: 'queue', share: 0.5 },
        { method: 'lottery', share: 0.5 },
      ],
    },
    {
      method: 'mix',
      parts: [
        { method: 'fcfs', share: 0.3 },
        { method: 'lottery', share: 0.7 },
      ],
    },
    {
      method: 'mix',
      parts: [
        { method: 'lottery', share: 0.4 },
        { method: 'queue', share: 0.3 },
        { method: 'fcfs', share: 0.3 },
      ],
    },
  ),
);
const arbCap = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.record({
    amount: fc.integer({ min: 0, max: 5000 }),
    per: fc.constantFrom('fiscal-year', 'half', 'month', 'total'),
  }),
  fc.constant({ amount: 2000, per: 'total', from: '2024-02-01', until: '2025-03-01' }),
);
const arbPoolX = (pi: number, i: number, nPools: number) =>
  fc.record(
    {
      id: fc.constant(`p${pi}x${i}`),
      cap: arbCap,
      eligible: arbFormulaEligible,
      select: arbSel,
      split: fc.constantFrom(
        undefined,
        { by: 'weight' },
        { by: 'weight', resplit: true },
        { by: 'weight', method: 'dhondt' },
        { by: 'weight * u + 1', method: 'sainte-lague' },
        { by: 'weight', resplit: true, method: 'sainte-lague' },
      ),
      limit_per_group: fc.constantFrom(
        undefined,
        { share: 0.4 },
        { amount: 100, rounding: 'floor' },
        { share: 0.07, rounding: 'floor' },
      ),
      unused: fc.oneof(
        fc.constantFrom('lapse', 'carry', 'roll'),
        fc.integer({ min: 0, max: nPools - 1 }).map((j) => ({ spill: `p${pi}x${j}` })),
      ),
      window: fc.constantFrom(undefined, { from: '10-01', to: '03-31' }, { from: '01-15', to: '06-14' }),
      opens_after: i > 0 ? fc.constantFrom(undefined, `p${pi}x0`) : fc.constant(undefined),
    },
    { requiredKeys: ['id', 'cap', 'select'] },
  );
const arbTranches = (pi: number) =>
  fc.record({
    id: fc.constant(`tr${pi}`),
    tranches: fc.constant([
      { id: 'H1', cap: 300, window: { from: '10-01', to: '03-31' } },
      { id: 'H2a', cap: 200, window: { from: '04-01', to: '05-14' } },
      { id: 'H2b', cap: 100, window: { from: '05-15', to: '09-30' } },
    ]),
    select: fc.constantFrom('fcfs', 'uscis', 'lottery', 'queue'),
    unused: fc.constantFrom('roll', 'lapse', 'carry'),
  });
const arbProgram = (pi: number, nPrograms: number) =>
  fc.integer({ min: 1, max: 3 }).chain((nPools) =>
    fc.record({
      pools: fc.tuple(...Array.from({ length: nPools }, (_, i) => arbPoolX(pi, i, nPools))),
      tranche: fc.option(arbTranches(pi), { nil: undefined }),
      demand: fc.option(
        fc.record({
          rate: fc.constantFrom(
            'RATE * (1 + weight / 1000)',
            'RATE * u * (1 + year)',
            'id == "AA" ? RATE : RATE / 10',
            '0',
          ),
          perMonth: fc.boolean(),
          rateV: fc.integer({ min: 0, max: 20000 }),
          noise: fc.constantFrom('none', 'poisson', { negative_binomial: { dispersion: 5 } }),
          profile: fc.constantFrom(
            undefined,
            [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2],
            [0, 0, 5, 1, 1, 1, 1, 1, 1, 1, 1, 0],
          ),
          from: fc.constantFrom(undefined, '2024-01-10'),
          until: fc.constantFrom(undefined, '2025-06-01'),
        }),
        { nil: undefined },
      ),
      reapply: fc.double({ min: 0, max: 0.7, noNaN: true }),
      divert: fc.double({ min: 0, max: 0.3, noNaN: true }),
      divertTo: fc.option(fc.integer({ min: 0, max: nPrograms - 1 }), { nil: undefined }),
      wait: fc.constantFrom('step', 'month', 'fiscal-year'),
    }),
  );
export const arbEngineScenario = fc
  .record({
    nGroups: fc.integer({ min: 1, max: 6 }),
    weights: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 6 }),
    flags: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    nAttr: fc.integer({ min: 0, max: 2 }),
    share1: fc.constantFrom('0.3', 'u', 'flag ? 1 : u', '0', '1'),
    share2: fc.constantFrom('0.5', 'weight / 1000', 'v'),
    years: fc.integer({ min: 1, max: 3 }),
    step: fc.constantFrom(undefined, 'month'),
    programs: fc
      .integer({ min: 1, max: 3 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbProgram(i, n)))),
  })
  .map((a) => {
    const attributes = [
      { id: 'seg', description: 'a', share: a.share1 },
      { id: 'seg2', description: 'b', share: a.share2 },
    ].slice(0, a.nAttr);
    // formulas may mention seg/seg2 even without attributes: those scenarios fail to compile (skipped)
    const programs = a.programs.map((p, pi) => {
      const pools = [...p.pools, ...(p.tranche ? [p.tranche] : [])].map((x) =>
        Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)),
      );
      const prog: Record<string, unknown> = {
        id: `prog${pi}`,
        title: `Program ${pi}`,
        not_selected: {
          reapply: p.reapply,
          divert: p.divert,
          wait: p.wait,
          ...(p.divertTo !== undefined && p.divertTo !== pi ? { divert_to: `prog${p.divertTo}` } : {}),
        },
        pools,
      };
      if (p.demand) {
        const d = p.demand;
        const f = d.rate.replaceAll('RATE', String(d.perMonth ? Math.round(d.rateV / 12) : d.rateV));
        prog.demand = Object.fromEntries(
          Object.entries({
            [d.perMonth ? 'per_month' : 'per_year']: f,
            noise: d.noise,
            profile: d.profile,
            from: d.from,
            until: d.until,
          }).filter(([, v]) => v !== undefined),
        );
      }
      return prog;
    });
    return {
      id: 'arbx',
      title: 'Arbitrary extended',
      status: 'hypothetical',
      calendar: { start: '2023-10-01', years: a.years, ...(a.step ? { step: a.step } : {}) },
      groups: {
        rows: GROUPS.slice(0, a.nGroups).map((id, i) => ({
          id,
          name: `G ${id}`,
          weight: a.weights[i],
          flag: a.flags[i],
        })),
      },
      attributes,
      parameters: [
        { id: 'u', uniform: [0, 1] },
        { id: 'v', beta: { a: 2, b: 3 } },
        { id: 'fixed', value: 3 },
      ],
      programs,
    };
  });

export function modelOf(obj: unknown): Model | undefined {
  try {
    return compileModel(ScenarioSchema.parse(obj));
  } catch {
    return undefined;
  }
}

/** One line per run: its number and a hash of every output cell (or the error it threw). */
export function runDigest(values: () => ArrayLike<number>): string {
  let out: ArrayLike<number>;
  try {
    out = values();
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
  let h = 0x811c9dc5;
  const text = Array.from(out, (v) => (Object.is(v, -0) ? '-0' : String(v))).join(',');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(16).padStart(8, '0')}:${out.length}`;
}

/** The digest file: for each of `count` scenarios (seeded), runs 0 and 7. */
export function engineDigests(
  run: (model: Model, r: number, seed: string) => ArrayLike<number>,
  count: number,
): string {
  const lines: string[] = [];
  fc.sample(arbEngineScenario, { numRuns: count, seed: 20261127 }).forEach((obj, i) => {
    const model = modelOf(obj);
    if (!model) {
      lines.push(`${i} invalid`);
      return;
    }
    for (const r of [0, 7]) lines.push(`${i} run ${r} ${runDigest(() => run(model, r, 'digest'))}`);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * A random scenario turned into one that allows blocks of steps (src/engine/plan.ts, `stepBlocks`):
 * lottery-like pools only, none waiting for another, Poisson demand, applicants not selected waiting
 * a fiscal year and diverted nowhere. Caps per period, windows, tranches, splits, limits, spills,
 * profiles and demand dates are kept, so blocks break in many places.
 */
export const arbBlockScenario = arbEngineScenario.map((obj) => {
  const lotteryLike = (sel: unknown) =>
    sel === 'pro-rata' ||
    (typeof sel === 'object' && (sel as { method?: string }).method === 'weighted-lottery')
      ? sel
      : 'lottery';
  return {
    ...obj,
    programs: (obj.programs as Record<string, unknown>[]).map((p) => {
      const { divert_to: _, ...ns } = p.not_selected as Record<string, unknown>;
      const demand = p.demand as Record<string, unknown> | undefined;
      return {
        ...p,
        not_selected: { ...ns, wait: 'fiscal-year' },
        ...(demand ? { demand: { ...demand, noise: 'poisson' } } : {}),
        pools: (p.pools as Record<string, unknown>[]).map(({ opens_after: __, ...pool }) => ({
          ...pool,
          select: lotteryLike(pool.select),
        })),
      };
    }),
  };
});
