/**
 * sampleParameters: fixed values, one seeded draw per uncertain parameter and run, the range of each
 * distribution kind, and common random numbers — a parameter's draw in run r depends only on
 * (seed, run, its id and its own distribution), never on the other parameters of the scenario.
 */

import { describe, expect, it } from 'vitest';
import { sampleParameters } from '../../src/engine/parameters.js';
import { dayNumber } from '../../src/formula/formula.js';
import type { Model } from '../../src/model/model.js';
import { beta } from '../../src/random/beta.js';
import { lognormalFromMeanSd } from '../../src/random/lognormal.js';
import { normal } from '../../src/random/normal.js';
import { streamFor } from '../../src/random/stream.js';
import { triangular } from '../../src/random/triangular.js';
import { uniform } from '../../src/random/uniform.js';
import { makeModel, type ScenarioObject } from '../helpers/model.js';
import { fc, test } from '../helpers/prop.js';

type Param = ScenarioObject & { id: string };

const withParams = (parameters: Param[], over: ScenarioObject = {}): Model =>
  makeModel({ parameters, ...over });

/** The value of one parameter in run `run`. */
const draw = (model: Model, id: string, seed: string, run: number): number => {
  const v = sampleParameters(model, seed, run)[id];
  if (v === undefined) throw new Error(`no value for ${id}`);
  return v;
};

/** One parameter of every kind, each drawn from its own stream. */
const EVERY_KIND: Param[] = [
  { id: 'n', normal: { mean: 10, sd: 2 } },
  { id: 'ln', lognormal: { mean: 5, sd: 3 } },
  { id: 'u', uniform: [2, 7] },
  { id: 't', triangular: [1, 2, 9] },
  { id: 'b', beta: { a: 2, b: 5 } },
  { id: 'c', choice: { values: [10, 20, 30], weights: [1, 2, 3] } },
];

describe('fixed parameters', () => {
  it('returns a value as given, and an ISO date as its day number, in every run and for every seed', () => {
    const model = withParams([
      { id: 'rate', value: 0.25 },
      { id: 'neg', value: -3 },
      { id: 'cutoff', value: '2024-03-01' },
      { id: 'only', choice: { values: [42] } },
      { id: 'only_date', choice: { values: ['2025-01-31'], weights: [5] } },
    ]);
    for (const [seed, run] of [
      ['1', 0],
      ['1', 7],
      ['other', 3],
    ] as const) {
      expect(sampleParameters(model, seed, run)).toEqual({
        rate: 0.25,
        neg: -3,
        cutoff: dayNumber('2024-03-01'),
        only: 42,
        only_date: dayNumber('2025-01-31'),
      });
    }
  });

  it('gives every parameter of the model a value, and nothing else', () => {
    const model = withParams([...EVERY_KIND, { id: 'k', value: 1 }]);
    expect(Object.keys(sampleParameters(model, 's', 0)).sort()).toEqual(['b', 'c', 'k', 'ln', 'n', 't', 'u']);
    expect(sampleParameters(withParams([]), 's', 0)).toEqual({});
  });
});

describe('seeded draws', () => {
  it('draws each kind from the stream (seed, run, "param:<id>") with its own sampler', () => {
    const model = withParams(EVERY_KIND);
    for (const run of [0, 1, 17]) {
      const got = sampleParameters(model, 'seed-x', run);
      const s = (id: string) => streamFor('seed-x', run, `param:${id}`);
      expect(got.n).toBe(normal(s('n'), 10, 2));
      expect(got.ln).toBe(lognormalFromMeanSd(s('ln'), 5, 3));
      expect(got.u).toBe(uniform(s('u'), 2, 7));
      expect(got.t).toBe(triangular(s('t'), 1, 2, 9));
      expect(got.b).toBe(beta(s('b'), 2, 5));
    }
  });

  it('repeats a run exactly, and differs between runs and between seeds', () => {
    const model = withParams(EVERY_KIND);
    expect(sampleParameters(model, '7', 3)).toEqual(sampleParameters(model, '7', 3));
    const continuous = ['n', 'ln', 'u', 't', 'b'];
    const a = sampleParameters(model, '7', 3);
    const nextRun = sampleParameters(model, '7', 4);
    const otherSeed = sampleParameters(model, '8', 3);
    for (const id of continuous) {
      expect(nextRun[id], id).not.toBe(a[id]);
      expect(otherSeed[id], id).not.toBe(a[id]);
    }
  });

  it('gives two parameters with the same distribution different draws (each id has its own stream)', () => {
    const model = withParams([
      { id: 'x', uniform: [0, 1] },
      { id: 'y', uniform: [0, 1] },
    ]);
    let same = 0;
    for (let run = 0; run < 50; run++) {
      const v = sampleParameters(model, '1', run);
      if (v.x === v.y) same++;
    }
    expect(same).toBe(0);
  });
});

describe('range of each distribution kind', () => {
  const arbSeedRun = fc.tuple(fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 1_000_000 }));

  test.prop(
    [
      arbSeedRun,
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
    ],
    { numRuns: 150 },
  )('uniform [lo, hi] stays in [lo, hi), and gives lo when lo = hi', ([seed, run], lo, width) => {
    const hi = lo + width;
    const v = draw(withParams([{ id: 'p', uniform: [lo, hi] }]), 'p', seed, run);
    if (hi === lo) expect(v).toBe(lo);
    else {
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThan(hi);
    }
  });

  test.prop(
    [
      arbSeedRun,
      fc
        .array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 3, maxLength: 3 })
        .map((xs) => [...xs].sort((a, b) => a - b) as [number, number, number]),
    ],
    { numRuns: 150 },
  )('triangular [min, mode, max] stays in [min, max]', ([seed, run], tri) => {
    const v = draw(withParams([{ id: 'p', triangular: tri }]), 'p', seed, run);
    expect(v).toBeGreaterThanOrEqual(tri[0]);
    expect(v).toBeLessThanOrEqual(tri[2]);
  });

  test.prop(
    [
      arbSeedRun,
      fc.double({ min: 0.05, max: 50, noNaN: true }),
      fc.double({ min: 0.05, max: 50, noNaN: true }),
    ],
    { numRuns: 150 },
  )('beta(a, b) stays in [0, 1]', ([seed, run], a, b) => {
    const v = draw(withParams([{ id: 'p', beta: { a, b } }]), 'p', seed, run);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  });

  test.prop(
    [
      arbSeedRun,
      fc.double({ min: 0.01, max: 1e5, noNaN: true }),
      fc.double({ min: 0, max: 1e5, noNaN: true }),
    ],
    { numRuns: 150 },
  )('lognormal is positive and finite', ([seed, run], mean, sd) => {
    const v = draw(withParams([{ id: 'p', lognormal: { mean, sd } }]), 'p', seed, run);
    expect(v).toBeGreaterThan(0);
    expect(Number.isFinite(v)).toBe(true);
  });

  it('lognormal with sd 0 and normal with sd 0 give the mean', () => {
    const model = withParams([
      { id: 'ln', lognormal: { mean: 3.5, sd: 0 } },
      { id: 'n', normal: { mean: -2, sd: 0 } },
    ]);
    expect(sampleParameters(model, '1', 5)).toEqual({ ln: 3.5, n: -2 });
  });

  it('normal centres on its mean with its sd, and may go below zero', () => {
    const model = withParams([{ id: 'n', normal: { mean: 1, sd: 2 } }]);
    const xs = Array.from({ length: 4000 }, (_, run) => draw(model, 'n', 'nrm', run));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    // standard error of the mean ≈ 2 / sqrt(4000) ≈ 0.03
    expect(Math.abs(mean - 1)).toBeLessThan(0.1);
    expect(Math.abs(sd - 2)).toBeLessThan(0.1);
    expect(xs.some((x) => x < 0)).toBe(true);
  });

  test.prop(
    [
      arbSeedRun,
      fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 6 }),
      fc.boolean(),
    ],
    { numRuns: 150 },
  )('choice returns one of its values, weighted or not', ([seed, run], values, weighted) => {
    const choice = weighted ? { values, weights: values.map((_, i) => i + 1) } : { values };
    expect(values).toContain(draw(withParams([{ id: 'p', choice }]), 'p', seed, run));
  });

  it('choice of dates returns the day number of one of the dates', () => {
    const dates = ['2024-01-15', '2024-06-30', '2025-02-28'];
    const model = withParams([{ id: 'd', choice: { values: dates } }]);
    const seen = new Set(Array.from({ length: 200 }, (_, run) => draw(model, 'd', 'dates', run)));
    expect([...seen].sort((a, b) => a - b)).toEqual(dates.map(dayNumber));
  });

  it('choice never returns a value of weight 0, wherever that value is in the list', () => {
    for (const weights of [
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]) {
      const model = withParams([{ id: 'c', choice: { values: [1, 2, 3], weights } }]);
      const seen = new Set(Array.from({ length: 300 }, (_, run) => draw(model, 'c', 'w', run)));
      const allowed = [1, 2, 3].filter((_, i) => (weights[i] as number) > 0);
      expect([...seen].sort(), JSON.stringify(weights)).toEqual(allowed);
    }
  });

  it('choice picks values in proportion to their weights, equal when weights are omitted', () => {
    const runs = 6000;
    const freq = (choice: ScenarioObject) => {
      const model = withParams([{ id: 'c', choice }]);
      const counts = new Map<number, number>();
      for (let run = 0; run < runs; run++) {
        const v = draw(model, 'c', 'freq', run);
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      return [1, 2, 3].map((v) => (counts.get(v) ?? 0) / runs);
    };
    // standard error of a share ≤ sqrt(0.25 / 6000) ≈ 0.0065; allow about 3.5 of them
    const weighted = freq({ values: [1, 2, 3], weights: [1, 2, 5] });
    [1 / 8, 2 / 8, 5 / 8].forEach((p, i) => {
      expect(Math.abs((weighted[i] as number) - p)).toBeLessThan(0.023);
    });
    for (const share of freq({ values: [1, 2, 3] })) expect(Math.abs(share - 1 / 3)).toBeLessThan(0.023);
  });
});

describe('common random numbers', () => {
  const TARGET: Param = { id: 'take_up', uniform: [0.1, 0.9] };

  it('keeps a draw when other parameters are added, removed, reordered or redistributed', () => {
    const alone = withParams([TARGET]);
    const crowded = withParams([
      { id: 'a', normal: { mean: 0, sd: 1 } },
      { id: 'zzz', choice: { values: [1, 2] } },
      TARGET,
      { id: 'm', beta: { a: 1, b: 1 } },
    ]);
    const changed = withParams([{ id: 'm', value: 3 }, TARGET, { id: 'a', lognormal: { mean: 2, sd: 1 } }]);
    for (let run = 0; run < 25; run++) {
      const v = draw(alone, 'take_up', 'crn', run);
      expect(draw(crowded, 'take_up', 'crn', run)).toBe(v);
      expect(draw(changed, 'take_up', 'crn', run)).toBe(v);
    }
  });

  it('keeps a draw across scenarios that differ in everything but the parameter', () => {
    const a = withParams([TARGET]);
    const b = withParams([TARGET, { id: 'extra', triangular: [0, 1, 2] }], {
      id: 'other',
      calendar: { start: '2020-01-01', years: 5 },
      groups: { rows: [{ id: 'Z', name: 'Zed', population: 1 }] },
      programs: [
        {
          id: 'second',
          title: 'Second',
          demand: { per_year: 'population', noise: 'none' },
          pools: [{ id: 'p', cap: 5, select: 'fcfs' }],
        },
      ],
    });
    for (let run = 0; run < 25; run++)
      expect(draw(b, 'take_up', '42', run)).toBe(draw(a, 'take_up', '42', run));
  });

  test.prop(
    [
      fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 0, max: 10_000 }),
    ],
    { numRuns: 60 },
  )('draws every parameter as if it were the only one', (ids, run) => {
    const params: Param[] = ids.map((id, i) =>
      i % 2 === 0 ? { id, normal: { mean: i, sd: 1 } } : { id, triangular: [0, i, 2 * i] },
    );
    const all = sampleParameters(withParams(params), 'prop', run);
    for (const p of params) expect(all[p.id], p.id).toBe(draw(withParams([p]), p.id, 'prop', run));
  });
});
