/**
 * A scenario's own checks, evaluated on stored runs: which cells a check reads (program total or
 * the sum of some pools, a group, a period or every period), how equals / at_most / at_least judge
 * every run or one statistic across runs, and the messages `visasim check` prints.
 */

import { describe, expect, it } from 'vitest';
import type { CellRow } from '../../src/model/cells.js';
import type { Model } from '../../src/model/model.js';
import type { Check } from '../../src/scenario/schema.js';
import { Accumulator } from '../../src/stats/accumulate.js';
import { evaluateChecks } from '../../src/stats/checks.js';
import { makeModel } from '../helpers/model.js';
import { fc, test } from '../helpers/prop.js';

/** The default test program with a second pool capped per month (24 monthly periods). */
const model = makeModel({
  programs: [
    {
      id: 'prog',
      title: 'Program',
      pools: [
        { id: 'main', cap: 1000, select: 'lottery' },
        { id: 'monthly', cap: { amount: 10, per: 'month' }, select: 'lottery' },
      ],
    },
  ],
});

type Value = (row: CellRow, run: number) => number;

/** Store `runs` runs of `m`, every kept cell's value given by `value` (NaN where it returns undefined). */
function accumulate(m: Model, runs: number, value: (row: CellRow, run: number) => number | undefined) {
  const acc = new Accumulator(
    m.cells.rows.map((r) => r.offset),
    runs,
  );
  for (let run = 0; run < runs; run++) {
    const cells = new Float64Array(m.cells.size).fill(Number.NaN);
    for (const row of m.cells.rows) cells[row.offset] = value(row, run) ?? Number.NaN;
    acc.add(run, cells);
  }
  return acc;
}

const check = (over: Partial<Check>): Check => ({
  description: 'a published number',
  program: 'prog',
  metric: 'issued',
  ...over,
});

/** Evaluate one check on runs whose cells are given by `value`. */
function judge(c: Partial<Check>, value: Value, runs = 4) {
  const [result] = evaluateChecks(model, accumulate(model, runs, value), [check(c)]);
  if (!result) throw new Error('no result');
  return result;
}

/** A value for the cells of one (pool, group, period, metric), 0 elsewhere. */
const at =
  (where: Partial<CellRow>, v: (run: number) => number): Value =>
  (row, run) =>
    Object.entries(where).every(([k, x]) => row[k as keyof CellRow] === x) ? v(run) : 0;
const programTotal = { pool: '', group: '', period: '', metric: 'issued' } as const;

describe('evaluateChecks: equals, at_most and at_least on every run', () => {
  it('holds when the value is the same in every run', () => {
    const r = judge(
      { equals: 64_716 },
      at(programTotal, () => 64_716),
    );
    expect(r).toMatchObject({ ok: true, message: 'holds' });
    expect(r.observed.map((o) => [o.period, o.stats.n, o.stats.min, o.stats.max])).toEqual([
      ['', 4, 64_716, 64_716],
    ]);
  });

  it('fails when any run differs, and shows the range of values with thousands separators', () => {
    const r = judge(
      { equals: 64_716 },
      at(programTotal, (run) => 64_716 + run * 1000),
    );
    expect(r.ok).toBe(false);
    expect(r.message).toBe('expected 64,716, found 64,716 to 67,716');
  });

  it('treats at_most and at_least as inclusive bounds on the largest and smallest run', () => {
    const runs = at(programTotal, (run) => 100 + run * 50); // 100, 150, 200, 250
    expect(judge({ at_most: 250, at_least: 100 }, runs).ok).toBe(true);
    expect(judge({ at_most: 249 }, runs).message).toBe('expected at most 249, found 100 to 250');
    expect(judge({ at_least: 101 }, runs).message).toBe('expected at least 101, found 100 to 250');
  });

  it('forgives differences up to 1e-9 and shows fractions to six significant digits', () => {
    // 0.375 is exact in float32, the precision the runs are stored in
    const rate = at({ ...programTotal, metric: 'selection_rate' }, () => 0.375);
    expect(judge({ metric: 'selection_rate', equals: 0.375 + 5e-10 }, rate).ok).toBe(true);
    expect(judge({ metric: 'selection_rate', at_most: 0.375 - 5e-10 }, rate).ok).toBe(true);
    expect(judge({ metric: 'selection_rate', at_least: 0.5 }, rate).message).toBe(
      'expected at least 0.500000, found 0.375000',
    );
  });

  it('reports every bound that fails, at_most before at_least', () => {
    const r = judge(
      { equals: 7, at_most: 10, at_least: 1000 },
      at(programTotal, () => 150),
    );
    expect(r.message).toBe(
      'expected 7, found 150; expected at most 10, found 150; expected at least 1,000, found 150',
    );
  });
});

describe('evaluateChecks: a statistic across runs', () => {
  const runs = at(programTotal, (run) => [100, 150, 200, 350][run] as number);

  it('compares only the statistic, so a check on the mean holds though runs differ', () => {
    expect(judge({ equals: 200 }, runs).ok).toBe(false);
    const mean = judge({ equals: 200, stat: 'mean' }, runs);
    expect(mean).toMatchObject({ ok: true, message: 'holds' });
    expect(judge({ equals: 100, stat: 'min' }, runs).ok).toBe(true);
    expect(judge({ equals: 350, stat: 'max' }, runs).ok).toBe(true);
    expect(judge({ equals: 175, stat: 'p50' }, runs).ok).toBe(true);
  });

  it('shows the one statistic in the message', () => {
    expect(judge({ at_least: 180, stat: 'p50' }, runs).message).toBe('expected at least 180, found 175');
    expect(judge({ at_most: 300, stat: 'p95' }, runs).message).toBe('expected at most 300, found 327.500');
  });
});

describe('evaluateChecks: which values a check reads', () => {
  it('reads the program total when no pools are named, not the pools', () => {
    const value: Value = (row) =>
      row.metric !== 'issued' || row.group || row.period ? 0 : row.pool ? 1 : 900;
    expect(judge({ equals: 900 }, value).ok).toBe(true);
  });

  it('adds the named pools run by run, so pools that vary can sum to an exact total', () => {
    const value: Value = (row, run) =>
      row.metric === 'issued' && row.group === '' && row.period === ''
        ? row.pool === 'main'
          ? 100 + run
          : row.pool === 'monthly'
            ? 200 - run
            : 0
        : 0;
    const both = judge({ pools: ['main', 'monthly'], equals: 300 }, value);
    expect(both).toMatchObject({ ok: true, message: 'holds' });
    expect(judge({ pools: ['main'], equals: 100 }, value).message).toBe('expected 100, found 100 to 103');
  });

  it('reads one group and one period when named, and says the period', () => {
    const value: Value = (row) =>
      row.pool === 'main' && row.metric === 'issued'
        ? (row.group === 'B' ? 30 : 1) * (row.period === 'FY2025' ? 2 : 1)
        : 0;
    expect(judge({ pools: ['main'], group: 'B', period: 'FY2025', equals: 60 }, value).ok).toBe(true);
    expect(judge({ pools: ['main'], group: 'B', equals: 30 }, value).ok).toBe(true);
    expect(judge({ pools: ['main'], period: 'FY2025', equals: 60 }, value).message).toBe(
      'expected 60 in FY2025, found 2',
    );
  });

  it('checks every period of the pools in time order, and lists at most three failures', () => {
    const cap = (row: CellRow) => (row.metric === 'cap' && row.group === '' ? 10 : 0);
    const holds = judge({ pools: ['monthly'], metric: 'cap', every_period: true, equals: 10 }, cap);
    expect(holds.ok).toBe(true);
    expect(holds.observed).toHaveLength(24);
    expect(holds.observed.slice(0, 3).map((o) => o.period)).toEqual(['2023-10', '2023-11', '2023-12']);
    expect(holds.observed.at(-1)?.period).toBe('2025-09');

    const fails = judge({ pools: ['monthly'], metric: 'cap', every_period: true, equals: 11 }, cap);
    expect(fails.message).toBe(
      'expected 11 in 2023-10, found 10; expected 11 in 2023-11, found 10; ' +
        'expected 11 in 2023-12, found 10; and 21 more',
    );
  });

  it('fails one period of many, naming it', () => {
    const value: Value = (row) =>
      row.metric === 'cap' && row.group === '' ? (row.period === '2024-02' ? 12 : 10) : 0;
    const r = judge({ pools: ['monthly'], metric: 'cap', every_period: true, at_most: 10 }, value);
    expect(r.message).toBe('expected at most 10 in 2024-02, found 12');
  });
});

describe('evaluateChecks: missing values', () => {
  it('fails with "no such values" when no cell matches the check', () => {
    const any: Value = () => 5;
    for (const c of [{ metric: 'issueed' }, { group: 'ZZ' }, { pools: ['nope'] }, { program: 'other' }]) {
      const r = judge({ equals: 5, ...c }, any);
      expect(r.ok, JSON.stringify(c)).toBe(false);
      expect(r.message).toBe('no such values in the results');
    }
  });

  it('names the periods there are when the check reads one that is not there', () => {
    expect(judge({ equals: 5, period: 'FY2031' }, () => 5).message).toBe(
      'no such values in the results: no period "FY2031" here (FY2024, FY2025)',
    );
  });

  it('says so when the metric is kept per period only and the check reads no period', () => {
    const r = judge({ pools: ['main'], metric: 'days_to_fill', at_most: 30 }, () => 20);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(
      /^no such values in the results: days_to_fill is given per period here \(FY2024.*\), not over all periods — give `period`, `periods` or `every_period: true`$/,
    );
  });

  it('leaves out runs without a value, and fails when no run has one', () => {
    // days_to_fill is kept per cap period only
    const days = { pool: 'main', group: '', period: 'FY2024', metric: 'days_to_fill' } as const;
    const where = { pools: ['main'], period: 'FY2024', metric: 'days_to_fill', at_most: 30 };
    const some = judge(where, (row, run) => at(days, () => (run % 2 ? 20 + run : Number.NaN))(row, run));
    expect(some).toMatchObject({ ok: true, message: 'holds' });
    expect(some.observed[0]?.stats).toMatchObject({ n: 2, min: 21, max: 23 });

    const none = judge(where, (row, run) => at(days, () => Number.NaN)(row, run));
    expect(none).toMatchObject({ ok: false, message: 'no such values in the results' });
    expect(none.observed[0]?.stats.n).toBe(0);
  });
});

describe('evaluateChecks', () => {
  it('returns one result per check, in order, carrying the check itself', () => {
    const checks = [check({ equals: 5 }), check({ equals: 6 }), check({ at_least: 0, metric: 'cap' })];
    const results = evaluateChecks(
      model,
      accumulate(
        model,
        2,
        at(programTotal, () => 5),
      ),
      checks,
    );
    expect(results.map((r) => r.check)).toEqual(checks);
    expect(results[0]?.check).toBe(checks[0]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
  });

  test.prop(
    [
      fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 0, max: 2000 }),
    ],
    {
      numRuns: 40,
    },
  )(
    'judges every run: equals iff all runs equal, at_most iff the max fits, at_least iff the min does',
    (values, k) => {
      const value = at(programTotal, (run) => values[run] as number);
      const [equals, atMost, atLeast] = evaluateChecks(model, accumulate(model, values.length, value), [
        check({ equals: k }),
        check({ at_most: k }),
        check({ at_least: k }),
      ]);
      expect(equals?.ok).toBe(values.every((v) => v === k));
      expect(atMost?.ok).toBe(Math.max(...values) <= k);
      expect(atLeast?.ok).toBe(Math.min(...values) >= k);
    },
  );

  it('accepts equals on a rate that float32 cannot hold exactly', () => {
    const rate = at({ ...programTotal, metric: 'selection_rate' }, () => 0.1);
    expect(judge({ metric: 'selection_rate', equals: 0.1 }, rate)).toMatchObject({
      ok: true,
      message: 'holds',
    });
  });
});

describe('evaluateChecks over a range of periods', () => {
  // the monthly pool issues (month index + 1) × run in each month: 2023-10 is month 1
  const monthly = (row: CellRow, run: number) => {
    if (
      row.pool !== 'monthly' ||
      row.metric !== 'issued' ||
      row.group !== '' ||
      !/^\d{4}-\d{2}$/.test(row.period)
    )
      return 0;
    const [y, m] = row.period.split('-').map(Number) as [number, number];
    return ((y - 2023) * 12 + m - 9) * (run + 1);
  };

  it('sums the range run by run: October–December 2023 is (1 + 2 + 3) × (run + 1)', () => {
    const r = judge(
      { pools: ['monthly'], periods: { from: '2023-10', to: '2023-12', over: 'sum' }, at_most: 24 },
      monthly,
    );
    // runs 0–3: 6, 12, 18, 24
    expect(r.observed.map((o) => [o.period, o.stats.min, o.stats.max])).toEqual([['2023-10–2023-12', 6, 24]]);
    expect(r.ok).toBe(true);
    expect(
      judge(
        { pools: ['monthly'], periods: { from: '2023-10', to: '2023-12', over: 'sum' }, at_most: 23 },
        monthly,
      ).ok,
    ).toBe(false);
  });

  it('takes the mean per period with over: mean: (1 + 2 + 3) / 3 × (run + 1)', () => {
    const r = judge(
      {
        pools: ['monthly'],
        periods: { from: '2023-10', to: '2023-12', over: 'mean' },
        stat: 'max',
        equals: 8,
      },
      monthly,
    );
    expect(r.ok).toBe(true);
  });
});

describe('evaluateChecks: bounds read from a series', () => {
  const withSeries = makeModel({
    series: [
      {
        id: 'observed',
        rows: [
          { fiscal_year: 'FY2024', issued: 900 },
          { fiscal_year: 'FY2025', issued: 1100 },
        ],
      },
      {
        id: 'bracero',
        reference: true,
        rows: [
          { year: 1955, contracts: 400 },
          { year: 1956, contracts: 445 },
        ],
      },
    ],
    programs: [{ id: 'prog', title: 'Program', pools: [{ id: 'main', cap: 1000, select: 'lottery' }] }],
  });
  const judgeWith = (c: Partial<Check>, value: Value) => {
    const [r] = evaluateChecks(withSeries, accumulate(withSeries, 4, value), [check(c)]);
    if (!r) throw new Error('no result');
    return r;
  };
  const issued =
    (v: number): Value =>
    (row) =>
      row.metric === 'issued' && row.pool === '' && row.group === '' ? v : 0;

  it('a statistic of a reference series that lies outside the calendar (the Bracero peak)', () => {
    expect(judgeWith({ at_least: { series: 'bracero', stat: 'max' } }, issued(445)).ok).toBe(true);
    const r = judgeWith({ at_least: { series: 'bracero', stat: 'max' } }, issued(444));
    expect(r.message).toBe('expected at least 445, found 444');
    expect(judgeWith({ at_most: { series: 'bracero', period: 1955 } }, issued(401)).ok).toBe(false);
  });

  it('without period or stat, the value at each period checked', () => {
    const perYear: Value = (row) =>
      row.metric === 'issued' && row.pool === '' && row.group === ''
        ? row.period === 'FY2024'
          ? 940
          : 1000
        : 0;
    const r = judgeWith({ every_period: true, equals: { series: 'observed' }, within: 0.1 }, perYear);
    expect(r.ok).toBe(true);
    const tight = judgeWith({ every_period: true, equals: { series: 'observed' }, within: 0.05 }, perYear);
    expect(tight.message).toBe('expected 1,100 (within 5%) in FY2025, found 1,000');
  });

  it('a period the series does not cover is a failure that says so', () => {
    const r = judgeWith({ equals: { series: 'observed' } }, issued(1));
    expect(r.ok).toBe(false);
    expect(r.message).toContain('series "observed" has no value for the whole horizon');
  });
});

describe('evaluateChecks: the day a cap was reached, against dates', () => {
  // main's FY2024 period starts 2023-10-01 (day 19631); a run reaching the cap 20.5 days in: Oct 21
  const days = (run: number) => 20.5 + run;
  const reached = { pool: 'main', group: '', period: 'FY2024', metric: 'days_to_fill' } as const;
  const dated = (c: Partial<Check>) =>
    judge({ metric: 'days_to_fill', pools: ['main'], period: 'FY2024', ...c }, at(reached, days));

  it('adds each run’s days to its period’s start and compares the day it falls on', () => {
    // runs 0–3: Oct 21, 22, 23, 24 — at_most Oct 24 holds though the last is 23.5 days in
    expect(dated({ at_least: '2023-10-21', at_most: '2023-10-24' })).toMatchObject({ ok: true });
    expect(dated({ stat: 'p50', equals: '2023-10-22' }).ok).toBe(false);
    expect(dated({ at_most: '2023-10-23' })).toMatchObject({
      ok: false,
      message: 'expected at most 2023-10-23 in FY2024, found 2023-10-21 to 2023-10-24',
    });
  });

  it('still reads plain numbers as days from the period’s start', () => {
    expect(dated({ at_most: 24 }).ok).toBe(true);
    expect(dated({ at_most: 22 }).ok).toBe(false);
  });
});
