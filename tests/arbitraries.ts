/** fast-check arbitraries for valid small scenarios: groups, pools, tranches, splits, limits, demand. */
import { fc } from './helpers/prop.js';

const GROUP_IDS = ['AA', 'BB', 'CC', 'DD', 'EE'];

export const arbGroups = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.tuple(
    ...GROUP_IDS.slice(0, n).map((id) =>
      fc.record({
        id: fc.constant(id),
        name: fc.constant(`Group ${id}`),
        weight: fc.integer({ min: 0, max: 1000 }),
        flag: fc.boolean(),
      }),
    ),
  ),
);

const arbSelect = fc.oneof(
  fc.constantFrom('lottery', 'fcfs', 'uscis', 'queue', 'pro-rata'),
  fc.constant({ method: 'weighted-lottery', weight: 'weight + 1' }),
  fc.constant({
    method: 'mix',
    parts: [
      { method: 'queue', share: 0.5 },
      { method: 'lottery', share: 0.5 },
    ],
  }),
);

const arbCap = fc.oneof(
  fc.integer({ min: 0, max: 3000 }),
  fc.record({
    amount: fc.integer({ min: 0, max: 3000 }),
    per: fc.constantFrom('fiscal-year', 'half', 'month', 'total'),
  }),
);

export const arbPool = (i: number) =>
  fc.record(
    {
      id: fc.constant(`pool${i}`),
      cap: arbCap,
      eligible: fc.constantFrom(undefined, 'flag', 'not flag', 'weight > 300', 'seg'),
      select: arbSelect,
      split: fc.constantFrom(
        undefined,
        { by: 'weight' },
        { by: 'weight', resplit: true },
        { by: 'weight', method: 'dhondt' },
      ),
      limit_per_group: fc.constantFrom(undefined, { share: 0.4 }, { amount: 100, rounding: 'floor' }),
      unused: fc.constantFrom('lapse', 'carry'),
    },
    { requiredKeys: ['id', 'cap', 'select'] },
  );

export const arbTranchePool = (i: number) =>
  fc.record({
    id: fc.constant(`tranche${i}`),
    tranches: fc.constant([
      { id: 'H1', cap: 300, window: { from: '10-01', to: '03-31' } },
      { id: 'H2a', cap: 200, window: { from: '04-01', to: '05-14' } },
      { id: 'H2b', cap: 100, window: { from: '05-15', to: '09-30' } },
    ]),
    select: fc.constantFrom('fcfs', 'uscis', 'lottery'),
    unused: fc.constant('roll'),
  });

/** A whole scenario object (before zod). */
export const arbScenario = fc
  .record({
    groups: arbGroups,
    pools: fc
      .integer({ min: 1, max: 3 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbPool(i)))),
    tranche: fc.option(arbTranchePool(9), { nil: undefined }),
    rate: fc.integer({ min: 0, max: 5000 }),
    noise: fc.constantFrom('none', 'poisson', { negative_binomial: { dispersion: 5 } }),
    reapply: fc.double({ min: 0, max: 0.7, noNaN: true }),
    divert: fc.double({ min: 0, max: 0.3, noNaN: true }),
    wait: fc.constantFrom('step', 'month', 'fiscal-year'),
    segShare: fc.double({ min: 0, max: 1, noNaN: true }),
    years: fc.integer({ min: 1, max: 3 }),
  })
  .map((a) => {
    const pools = [...a.pools, ...(a.tranche ? [a.tranche] : [])].map((p) =>
      Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)),
    );
    return {
      id: 'arb',
      title: 'Arbitrary',
      status: 'hypothetical',
      calendar: { start: '2023-10-01', years: a.years },
      groups: { rows: a.groups },
      attributes: [{ id: 'seg', description: 'a segment', share: a.segShare }],
      programs: [
        {
          id: 'prog',
          title: 'Program',
          demand: { per_year: `${a.rate} * (1 + weight / 1000)`, noise: a.noise },
          not_selected: { reapply: a.reapply, divert: a.divert, wait: a.wait },
          pools,
        },
      ],
    };
  });
