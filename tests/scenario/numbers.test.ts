/**
 * checkNumbers: the semantic checks on numbers, dates and windows that the schema cannot express —
 * caps or tranches, pool caps within the program's cap, parameter distributions, dates inside the
 * simulated calendar, per_year/per_month, choice weights, windows and tranches — each reported with
 * its code, the YAML path users see (list items by id) and the exact message.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import * as msg from '../../src/scenario/messages.js';
import { checkNumbers, horizon } from '../../src/scenario/numbers.js';
import type { Path, ReportExtra } from '../../src/scenario/reporter.js';
import { canonicalPath, displayPath } from '../../src/scenario/source-map.js';
import { makeScenario, type ScenarioObject } from '../helpers/model.js';
import { issuesOf, MINIMAL, type Scratch, scratch } from './helpers.js';

type Found = [code: string, path: (string | number)[], message: string];

/** The issues checkNumbers reports for makeScenario(over), as [code, display path, message]. */
function found(over: ScenarioObject = {}, extras?: (ReportExtra | undefined)[]): Found[] {
  const s = makeScenario(over);
  const out: Found[] = [];
  checkNumbers(s, (code, path: Path, message, extra) => {
    out.push([code, displayPath(canonicalPath(s, path)), message]);
    extras?.push(extra);
  });
  return out;
}

const PROGRAM = {
  id: 'prog',
  title: 'Program',
  demand: { per_year: 'population * 10' },
};
/** makeScenario's program with its pools (and any other program keys) replaced. */
const withPools = (pools: ScenarioObject[], program: ScenarioObject = {}) => ({
  programs: [{ ...PROGRAM, ...program, pools }],
});
const withParams = (...parameters: ScenarioObject[]) => ({ parameters });
const withDemand = (demand: ScenarioObject) => ({
  programs: [{ ...PROGRAM, demand, pools: [{ id: 'main', cap: 10 }] }],
});

describe('horizon', () => {
  it('runs from the start day to the same day `years` later (a leap day included)', () => {
    const { start, end } = horizon(makeScenario());
    expect(new Date(start * 86_400_000).toISOString().slice(0, 10)).toBe('2023-10-01');
    expect(new Date(end * 86_400_000).toISOString().slice(0, 10)).toBe('2025-10-01');
    expect(end - start).toBe(366 + 365);
  });
});

describe('a scenario whose numbers are all right', () => {
  it('reports nothing, with caps equal to the program cap and shares that add up to exactly 1', () => {
    expect(
      found({
        parameters: [
          { id: 'u', uniform: [1, 1] },
          { id: 't', triangular: [0, 0, 0] },
          { id: 'c', choice: { values: ['2024-01-01', '2025-01-01'], weights: [0, 1] } },
        ],
        ...withPools(
          [
            {
              id: 'a',
              tranches: [
                { id: 'h1', cap: 100, window: { from: '10-01', to: '03-31' } },
                { id: 'h2', cap: 100, window: { from: '04-01', to: '09-30' } },
              ],
              unused: 'roll',
            },
            {
              id: 'b',
              cap: 800,
              window: { from: '10-01', to: '09-30' },
              select: {
                method: 'mix',
                parts: [
                  { method: 'queue', share: 0.1 },
                  { method: 'lottery', share: 0.2 },
                  { method: 'fcfs', share: 0.7 },
                ],
              },
            },
          ],
          { cap: 1000, not_selected: { reapply: 0.7, divert: 0.3 } },
        ),
      }),
    ).toEqual([]);
  });
});

describe('the calendar and groups', () => {
  it('wants a fiscal year that starts on the first of a month and suggests that day', () => {
    expect(found({ calendar: { start: '2023-10-01', years: 2, fiscal_year_start: '10-15' } })).toEqual([
      [
        'invalid_value',
        ['calendar', 'fiscal_year_start'],
        'a fiscal year must start on the first of a month (months, halves and demand profiles are counted in calendar months), found "10-15"; use "10-01"',
      ],
    ]);
  });

  it('refuses a fiscal year start that is not a day of every year', () => {
    expect(found({ calendar: { start: '2023-10-01', years: 2, fiscal_year_start: '02-30' } })).toEqual([
      ['invalid_value', ['calendar', 'fiscal_year_start'], '"02-30" is not a day of the year'],
    ]);
    expect(found({ calendar: { start: '2023-10-01', years: 2, fiscal_year_start: '02-29' } })).toEqual([
      [
        'invalid_value',
        ['calendar', 'fiscal_year_start'],
        '"02-29" is not a day in every year; use 02-28 or 03-01',
      ],
    ]);
  });

  it('needs at least one group', () => {
    expect(found({ groups: { rows: [] } })).toEqual([
      ['semantic', ['groups'], 'no groups: give groups.from (a CSV file) or groups.rows'],
    ]);
    expect(found({ groups: { from: 'groups.csv' } })).toEqual([['semantic', ['groups'], msg.noGroups()]]);
  });
});

describe('caps and tranches', () => {
  it('needs a cap or tranches, and refuses both at the tranches key', () => {
    const extras: (ReportExtra | undefined)[] = [];
    expect(
      found(
        withPools([
          { id: 'none' },
          { id: 'both', cap: 5, tranches: [{ id: 't', cap: 5, window: { from: '10-01', to: '09-30' } }] },
        ]),
        extras,
      ),
    ).toEqual([
      ['semantic', ['programs', 'prog', 'pools', 'none'], msg.capOrTranches(false)],
      [
        'semantic',
        ['programs', 'prog', 'pools', 'both', 'tranches'],
        'a pool has either cap or tranches, not both',
      ],
    ]);
    // "both" points at the key `tranches`, not at its value
    expect(extras[1]).toEqual({ key: true });
  });

  it('lets a pool without cap or tranches draw on a ceiling with an amount, lapsing what it leaves', () => {
    const ceiling = (c: ScenarioObject) => ({ ceilings: [{ id: 'c', pools: ['none'], ...c }] });
    expect(found({ ...withPools([{ id: 'none' }]), ...ceiling({ amount: 100 }) })).toEqual([]);
    // a ceiling with only a per-group limit gives the pool no numbers
    expect(found({ ...withPools([{ id: 'none' }]), ...ceiling({ per_group: { amount: 5 } }) })).toEqual([
      ['semantic', ['programs', 'prog', 'pools', 'none'], msg.capOrTranches(false)],
    ]);
    expect(found({ ...withPools([{ id: 'none', unused: 'carry' }]), ...ceiling({ amount: 100 }) })).toEqual([
      ['semantic', ['programs', 'prog', 'pools', 'none', 'unused'], msg.uncappedPoolUnused('c')],
    ]);
  });

  it('lets unused: roll go with tranches or a per-half cap only', () => {
    expect(
      found(
        withPools([
          { id: 'yearly', cap: 10, unused: 'roll' },
          { id: 'monthly', cap: { amount: 10, per: 'month' }, unused: 'roll' },
          { id: 'half', cap: { amount: 10, per: 'half' }, unused: 'roll' },
        ]),
      ),
    ).toEqual([
      ['semantic', ['programs', 'prog', 'pools', 'yearly', 'unused'], msg.rollWithoutTranches()],
      ['semantic', ['programs', 'prog', 'pools', 'monthly', 'unused'], msg.rollWithoutTranches()],
    ]);
  });

  it('allows from/until only on a per: total cap, pointing at from (or at until when from is absent)', () => {
    expect(
      found(
        withPools([
          { id: 'a', cap: { amount: 10, from: '2024-01-01', until: '2024-06-01' } },
          { id: 'b', cap: { amount: 10, per: 'month', until: '2024-06-01' } },
          { id: 'c', cap: { amount: 10, per: 'total', from: '2024-01-01', until: '2024-06-01' } },
        ]),
      ),
    ).toEqual([
      [
        'semantic',
        ['programs', 'prog', 'pools', 'a', 'cap', 'from'],
        "a cap's from and until only apply to per: total; to put a pool in force between two dates, give the pool its own from and until",
      ],
      ['semantic', ['programs', 'prog', 'pools', 'b', 'cap', 'until'], msg.capDatesNeedTotal()],
    ]);
  });

  it('compares the pools with the program cap in their own period when they share one', () => {
    const pools = [
      { id: 'a', cap: { amount: 600, per: 'month' } },
      { id: 'b', cap: { amount: 500, per: 'month' } },
    ];
    expect(found(withPools(pools, { cap: 1000 }))).toEqual([
      [
        'semantic',
        ['programs', 'prog', 'cap'],
        "the pools' caps add up to 1100 per month, more than the program's cap of 1000",
      ],
    ]);
    expect(found(withPools(pools, { cap: 1100 }))).toEqual([]);
    // no program cap: nothing to compare with
    expect(found(withPools(pools))).toEqual([]);
  });

  it('counts tranches per fiscal year and a mix of periods per fiscal year', () => {
    const tranches = [
      { id: 'h1', cap: 400, window: { from: '10-01', to: '03-31' } },
      { id: 'h2', cap: 400, window: { from: '04-01', to: '09-30' } },
    ];
    expect(
      found(
        withPools(
          [
            { id: 't', tranches },
            { id: 'y', cap: 300 },
          ],
          { cap: 1000 },
        ),
      ),
    ).toEqual([
      [
        'semantic',
        ['programs', 'prog', 'cap'],
        "the pools' caps add up to 1100 per fiscal year, more than the program's cap of 1000",
      ],
    ]);
    expect(
      found(
        withPools(
          [
            { id: 'y', cap: 500 },
            { id: 'h', cap: { amount: 300, per: 'half' } },
          ],
          { cap: 1000 },
        ),
      ),
    ).toEqual([
      ['semantic', ['programs', 'prog', 'cap'], msg.poolCapsExceedProgram(1100, 1000, 'fiscal-year')],
    ]);
  });

  it('says "in total" when every pool has a one-off cap', () => {
    expect(
      found(
        withPools(
          [
            { id: 'a', cap: { amount: 70, per: 'total' } },
            { id: 'b', cap: { amount: 40, per: 'total' } },
          ],
          { cap: 100 },
        ),
      ),
    ).toEqual([
      [
        'semantic',
        ['programs', 'prog', 'cap'],
        "the pools' caps add up to 110 in total, more than the program's cap of 100",
      ],
    ]);
  });

  it('leaves a one-off (total) cap out of the yearly sum when periods are mixed', () => {
    expect(
      found(
        withPools(
          [
            { id: 'y', cap: 100 },
            { id: 'once', cap: { amount: 5000, per: 'total' } },
          ],
          { cap: 100 },
        ),
      ),
    ).toEqual([]);
  });

  it('needs limit_per_group to take exactly one of share and amount', () => {
    expect(
      found(
        withPools([
          { id: 'a', cap: 10, limit_per_group: { share: 0.07, amount: 3 } },
          { id: 'b', cap: 10, limit_per_group: { rounding: 'floor' } },
          { id: 'c', cap: 10, limit_per_group: { amount: 3 } },
        ]),
      ),
    ).toEqual([
      [
        'semantic',
        ['programs', 'prog', 'pools', 'a', 'limit_per_group'],
        'limit_per_group takes share or amount, not both',
      ],
      [
        'semantic',
        ['programs', 'prog', 'pools', 'b', 'limit_per_group'],
        'limit_per_group needs a share or an amount',
      ],
    ]);
  });

  it("needs a mix's shares to add up to 1, showing the sum without floating-point noise", () => {
    const mix = (...shares: number[]) => ({
      method: 'mix',
      parts: shares.map((share, i) => ({ method: i % 2 ? 'lottery' : 'queue', share })),
    });
    expect(
      found(
        withPools([
          // 0.7 + 0.2 is 0.8999999999999999 in floating point
          { id: 'a', cap: 10, select: mix(0.7, 0.2) },
          { id: 'b', cap: 10, select: mix(0.6, 0.6) },
          { id: 'c', cap: 10, select: mix(0.5, 0.5) },
        ]),
      ),
    ).toEqual([
      [
        'semantic',
        ['programs', 'prog', 'pools', 'a', 'select', 'parts'],
        "the parts' shares add up to 0.9; they must add up to 1",
      ],
      ['semantic', ['programs', 'prog', 'pools', 'b', 'select', 'parts'], msg.mixSharesSum(1.2)],
    ]);
  });
});

describe('windows and tranches', () => {
  it('accepts a window across January 1 but not one that runs past the end of the fiscal year', () => {
    expect(
      found(
        withPools([
          { id: 'winter', cap: 10, window: { from: '11-01', to: '02-28' } },
          { id: 'wraps', cap: 10, window: { from: '09-01', to: '10-31' } },
        ]),
      ),
    ).toEqual([
      [
        'semantic',
        ['programs', 'prog', 'pools', 'wraps', 'window', 'to'],
        'window 09-01 to 10-31 runs past the end of the fiscal year (which starts on 10-01); split it into two windows',
      ],
    ]);
  });

  it('reads windows against the fiscal year start of the calendar', () => {
    const pools = withPools([{ id: 'p', cap: 10, window: { from: '11-01', to: '02-28' } }]);
    expect(
      found({ ...pools, calendar: { start: '2024-01-01', years: 1, fiscal_year_start: '01-01' } }),
    ).toEqual([
      [
        'semantic',
        ['programs', 'prog', 'pools', 'p', 'window', 'to'],
        msg.windowWraps('11-01', '02-28', '01-01'),
      ],
    ]);
  });

  it('refuses window edges that are not days of every year, each at its own key', () => {
    expect(found(withPools([{ id: 'p', cap: 10, window: { from: '04-31', to: '02-29' } }]))).toEqual([
      [
        'invalid_value',
        ['programs', 'prog', 'pools', 'p', 'window', 'from'],
        '"04-31" is not a day of the year',
      ],
      ['invalid_value', ['programs', 'prog', 'pools', 'p', 'window', 'to'], msg.notCalendarDay('02-29')],
    ]);
  });

  it('reports overlapping tranches at the later one, whatever their order in the file', () => {
    expect(
      found(
        withPools([
          {
            id: 'p',
            tranches: [
              { id: 'spring', cap: 5, window: { from: '03-01', to: '05-31' } },
              { id: 'winter', cap: 5, window: { from: '12-01', to: '03-01' } },
              { id: 'summer', cap: 5, window: { from: '06-01', to: '08-31' } },
            ],
          },
        ]),
      ),
    ).toEqual([
      [
        'semantic',
        ['programs', 'prog', 'pools', 'p', 'tranches', 'spring', 'window'],
        'the windows of tranches "winter" and "spring" overlap',
      ],
    ]);
  });

  it('checks the window of each tranche and leaves a broken one out of the overlap check', () => {
    expect(
      found(
        withPools([
          {
            id: 'p',
            tranches: [
              { id: 'a', cap: 5, window: { from: '10-01', to: '12-31' } },
              { id: 'b', cap: 5, window: { from: '02-30', to: '11-30' } },
            ],
          },
        ]),
      ),
    ).toEqual([
      [
        'invalid_value',
        ['programs', 'prog', 'pools', 'p', 'tranches', 'b', 'window', 'from'],
        msg.notCalendarDay('02-30'),
      ],
    ]);
  });

  it('reports every tranche that overlaps an earlier one, not only its neighbour', () => {
    expect(
      found(
        withPools([
          {
            id: 'p',
            tranches: [
              { id: 'a', cap: 5, window: { from: '10-01', to: '09-30' } },
              { id: 'b', cap: 5, window: { from: '11-01', to: '11-30' } },
              { id: 'c', cap: 5, window: { from: '01-01', to: '01-31' } },
            ],
          },
        ]),
      ).map(([, , m]) => m),
    ).toEqual([msg.tranchesOverlap('a', 'b'), msg.tranchesOverlap('a', 'c')]);
  });
});

describe('parameters', () => {
  it('needs exactly one distribution, pointing at the second one given', () => {
    expect(
      found(withParams({ id: 'p', value: 1, normal: { mean: 0, sd: 1 }, beta: { a: 1, b: 1 } })),
    ).toEqual([
      [
        'semantic',
        ['parameters', 'p', 'normal'],
        'a parameter needs exactly one of value, normal, lognormal, uniform, triangular, beta or choice; found value, normal, beta',
      ],
    ]);
    expect(found(withParams({ id: 'q', description: 'nothing else' }))).toEqual([
      ['semantic', ['parameters', 'q'], msg.parameterOneOf([])],
    ]);
    expect(msg.parameterOneOf([])).toMatch(/; found none$/);
  });

  it('checks the order of uniform and triangular bounds; equal bounds are fine', () => {
    expect(
      found(
        withParams(
          { id: 'u', uniform: [0.6, 0.3] },
          { id: 'u_ok', uniform: [2, 2] },
          { id: 't_low', triangular: [5, 1, 10] },
          { id: 't_high', triangular: [0, 11, 10] },
          { id: 't_ok', triangular: [1, 1, 1] },
        ),
      ),
    ).toEqual([
      ['invalid_value', ['parameters', 'u', 'uniform'], 'uniform low (0.6) is greater than high (0.3)'],
      [
        'invalid_value',
        ['parameters', 't_low', 'triangular'],
        'triangular needs min ≤ mode ≤ max, found [5, 1, 10]',
      ],
      ['invalid_value', ['parameters', 't_high', 'triangular'], msg.triangularOrder(0, 11, 10)],
    ]);
  });

  it('needs a positive lognormal mean', () => {
    expect(
      found(
        withParams(
          { id: 'zero', lognormal: { mean: 0, sd: 1 } },
          { id: 'neg', lognormal: { mean: -2.5, sd: 1 } },
          { id: 'ok', lognormal: { mean: 0.001, sd: 1 } },
        ),
      ),
    ).toEqual([
      [
        'invalid_value',
        ['parameters', 'zero', 'lognormal', 'mean'],
        'a lognormal mean must be greater than 0, found 0',
      ],
      ['invalid_value', ['parameters', 'neg', 'lognormal', 'mean'], msg.lognormalMean(-2.5)],
    ]);
  });

  it('needs choice values of one type and one weight per value, not all zero', () => {
    expect(
      found(
        withParams(
          { id: 'mixed', choice: { values: [1, '2024-01-01'] } },
          { id: 'short', choice: { values: [1, 2, 3], weights: [1, 1] } },
          { id: 'one', choice: { values: [1], weights: [] } },
          { id: 'zero', choice: { values: [1, 2], weights: [0, 0] } },
        ),
      ),
    ).toEqual([
      [
        'invalid_value',
        ['parameters', 'mixed', 'choice', 'values'],
        'choice values must be all numbers or all dates',
      ],
      ['invalid_value', ['parameters', 'short', 'choice', 'weights'], 'choice has 3 values but 2 weights'],
      ['invalid_value', ['parameters', 'one', 'choice', 'weights'], 'choice has 1 value but 0 weights'],
      ['invalid_value', ['parameters', 'zero', 'choice', 'weights'], 'choice weights add up to 0'],
    ]);
  });

  it('reports a wrong weight count rather than zero weights when both are wrong', () => {
    expect(found(withParams({ id: 'c', choice: { values: [1, 2], weights: [0] } }))).toEqual([
      ['invalid_value', ['parameters', 'c', 'choice', 'weights'], msg.choiceWeightsLength(2, 1)],
    ]);
  });
});

describe('demand and not_selected', () => {
  it('needs exactly one of per_year and per_month', () => {
    expect(found(withDemand({ per_year: 1, per_month: 1 }))).toEqual([
      ['semantic', ['programs', 'prog', 'demand'], 'demand takes per_year or per_month, not both'],
    ]);
    expect(found(withDemand({ noise: 'none' }))).toEqual([
      ['semantic', ['programs', 'prog', 'demand'], 'demand needs per_year or per_month'],
    ]);
    expect(found(withDemand({ per_month: 'population' }))).toEqual([]);
  });

  it('keeps from in the calendar (up to its last day) and until up to the day after it', () => {
    // the calendar runs 2023-10-01 to 2025-09-30
    expect(found(withDemand({ per_year: 1, from: '2023-10-01', until: '2025-10-01' }))).toEqual([]);
    expect(found(withDemand({ per_year: 1, from: '2025-09-30' }))).toEqual([]);
    expect(
      found(withDemand({ per_year: 1, from: '2023-09-30', until: '2025-10-02' })).map(([c, p, m]) => [
        c,
        p.join('.'),
        m,
      ]),
    ).toEqual([
      [
        'invalid_value',
        'programs.prog.demand.from',
        '2023-09-30 is outside the simulated calendar (2023-10-01 to 2025-09-30)',
      ],
      [
        'invalid_value',
        'programs.prog.demand.until',
        msg.dateOutsideCalendar('2025-10-02', '2023-10-01', '2025-09-30'),
      ],
    ]);
    // from on the day after the last, until on the first day: nothing could arrive
    expect(found(withDemand({ per_year: 1, from: '2025-10-01' })).map(([, p]) => p.at(-1))).toEqual(['from']);
    expect(found(withDemand({ per_year: 1, until: '2023-10-01' })).map(([, p]) => p.at(-1))).toEqual([
      'until',
    ]);
  });

  it('needs from before until', () => {
    expect(found(withDemand({ per_year: 1, from: '2024-05-01', until: '2024-05-01' }))).toEqual([
      [
        'invalid_value',
        ['programs', 'prog', 'demand', 'until'],
        'from (2024-05-01) must come before until (2024-05-01)',
      ],
    ]);
    expect(
      found(withDemand({ per_year: 1, from: '2024-06-01', until: '2024-05-01' })).map(([, , m]) => m),
    ).toEqual([msg.dateOrder('2024-06-01', '2024-05-01')]);
  });

  it('checks the dates of a per: total cap against the calendar too', () => {
    expect(
      found(
        withPools([{ id: 'p', cap: { amount: 10, per: 'total', from: '2026-01-01', until: '2027-01-01' } }]),
      ),
    ).toEqual([
      [
        'invalid_value',
        ['programs', 'prog', 'pools', 'p', 'cap', 'from'],
        msg.dateOutsideCalendar('2026-01-01', '2023-10-01', '2025-09-30'),
      ],
      [
        'invalid_value',
        ['programs', 'prog', 'pools', 'p', 'cap', 'until'],
        msg.dateOutsideCalendar('2027-01-01', '2023-10-01', '2025-09-30'),
      ],
    ]);
  });

  it('needs some weight in a demand profile', () => {
    expect(found(withDemand({ per_year: 1, profile: Array(12).fill(0) }))).toEqual([
      [
        'invalid_value',
        ['programs', 'prog', 'demand', 'profile'],
        'the 12 profile weights add up to 0, so no one would ever apply',
      ],
    ]);
    expect(found(withDemand({ per_year: 1, profile: [...Array(11).fill(0), 1] }))).toEqual([]);
  });

  it('refuses reapply and divert that add up to more than 1', () => {
    expect(found(withPools([{ id: 'm', cap: 1 }], { not_selected: { reapply: 0.6, divert: 0.5 } }))).toEqual([
      [
        'invalid_value',
        ['programs', 'prog', 'not_selected'],
        'reapply (0.6) and divert (0.5) add up to more than 1',
      ],
    ]);
    // 0.1 + 0.9 and 0.3 + 0.7 are at most a rounding error away from 1
    expect(found(withPools([{ id: 'm', cap: 1 }], { not_selected: { reapply: 0.1, divert: 0.9 } }))).toEqual(
      [],
    );
  });
});

describe('checks', () => {
  it('needs a bound, and takes 0 as one', () => {
    const check = { description: 'd', metric: 'issued', program: 'prog' };
    expect(
      found({
        checks: [
          { ...check, id: 'none' },
          { ...check, equals: 0 },
          { ...check, at_least: 0 },
        ],
      }),
    ).toEqual([['semantic', ['checks', 'none'], 'a check needs equals, at_most or at_least']]);
  });
});

describe('through loadScenario', () => {
  let s: Scratch;
  beforeEach(async () => {
    s = await scratch();
  });
  afterEach(async () => {
    await s.remove();
  });

  it('reports every number problem of a file at once, at FILE:LINE:COL and the path --set takes', async () => {
    const file = await s.write({
      'child.yaml': `extends: ${JSON.stringify(MINIMAL)}
parameters:
  - { id: take_up, uniform: [0.6, 0.3] }
programs:
  - id: work-visas
    demand: { per_month: 10 }
    pools:
      - id: mexico
        cap: { amount: 10, per: month, until: 2030-01-01 }
`,
    });
    const issues = await issuesOf(loadScenario(file, { allowAnyPath: true }));
    expect(issues.map((i) => [i.code, i.path.join('.'), i.line, i.message])).toEqual([
      ['invalid_value', 'parameters.take_up.uniform', 3, msg.uniformOrder(0.6, 0.3)],
      ['semantic', 'programs.work-visas.demand', 6, msg.demandOneOf(true)],
      ['semantic', 'programs.work-visas.pools.mexico.cap.until', 9, msg.capDatesNeedTotal()],
    ]);
    for (const i of issues) expect([i.file, i.severity]).toEqual([file, 'error']);
  });
});

describe('checkNumbers: the calendar years (issue 16)', () => {
  it('refuses a calendar before year 1000 (JavaScript reads years 0–99 as 1900–1999) or after 9999', () => {
    for (const [start, years] of [
      ['0050-10-01', 2],
      ['0001-01-01', 1],
      ['0999-10-01', 5],
      ['9990-10-01', 20],
    ] as const) {
      expect(found({ calendar: { start, years } })).toEqual([
        ['invalid_value', ['calendar', 'start'], msg.calendarYears(start, years, 1000, 9999)],
      ]);
    }
    expect(found({ calendar: { start: '1000-01-01', years: 50 } })).toEqual([]);
    expect(found({ calendar: { start: '9949-10-01', years: 50 } })).toEqual([]);
  });
});
