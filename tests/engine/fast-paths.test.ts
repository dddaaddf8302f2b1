/**
 * The engine's fast paths (bench/RESULTS.md):
 * - stepping a block of steps at once (plan.ts `stepBlocks`) gives the same outcome in distribution
 *   as going step by step: every output cell of shipped and random scenarios that allow blocks has
 *   the same mean, spread and share of "no value" over many runs in both modes;
 * - every output cell of runs of ~120 random scenarios exercising every rule matches the digests in
 *   tests/golden/engine/random-scenarios.txt. They pin the draws: the lines change only with a
 *   deliberate change of the rules or of the draws (last: blocks of steps and the lottery drawn
 *   group by group, which changed the draws but not their distribution);
 * - the segment split set up once per run draws what `multinomial` draws, with the same uniforms;
 * - values the plan caches for a model (formulas that read no uncertain parameter) and the output
 *   buffer a caller reuses do not leak from one run into another.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { planFor } from '../../src/engine/plan.js';
import { SegmentSplit, simulateRun } from '../../src/engine/run.js';
import type { Model } from '../../src/model/model.js';
import { compileModel } from '../../src/model/model.js';
import { multinomial } from '../../src/random/multinomial.js';
import { streamFor } from '../../src/random/stream.js';
import { loadScenario } from '../../src/scenario/index.js';
import { ROOT } from '../helpers/cli.js';
import {
  arbBlockScenario,
  arbEngineScenario,
  engineDigests,
  modelOf,
} from '../helpers/engine-arbitraries.js';

/**
 * Runs 0..runs−1 of a model step by step and in blocks; the worst disagreement over its output cells,
 * in standard errors: of the mean of the values and of their squared deviations from the mean
 * (runs with a value in both modes, paired by run, since both modes draw the same parameters), and
 * of the share of runs without a value (NaN).
 */
function blockAgreement(model: Model, runs: number, seed: string) {
  const size = model.cells.size;
  const a = Array.from({ length: runs }, (_, r) =>
    simulateRun(model, r, seed, undefined, { stepwise: true }),
  );
  const b = Array.from({ length: runs }, (_, r) => simulateRun(model, r, seed));
  let worstMean = { z: 0, cell: -1 };
  let worstNaN = { z: 0, cell: -1 };
  let worstSpread = { z: 0, cell: -1 };
  const sd = (xs: number[]) => {
    const m = xs.reduce((x, y) => x + y, 0) / xs.length;
    return Math.sqrt(xs.reduce((x, y) => x + (y - m) ** 2, 0) / (xs.length - 1));
  };
  const z = (d: number[]) => {
    const m = d.reduce((x, y) => x + y, 0) / d.length;
    const s = sd(d);
    return s > 0 ? Math.abs(m) / (s / Math.sqrt(d.length)) : m === 0 ? 0 : Number.POSITIVE_INFINITY;
  };
  for (let i = 0; i < size; i++) {
    const nanDiff = a.map(
      (x, r) => Number(Number.isNaN(x[i])) - Number(Number.isNaN((b[r] as Float64Array)[i])),
    );
    const zn = z(nanDiff);
    if (zn > worstNaN.z) worstNaN = { z: zn, cell: i };
    const pairs = a.flatMap((x, r) => {
      const u = x[i] as number;
      const v = (b[r] as Float64Array)[i] as number;
      return Number.isNaN(u) || Number.isNaN(v) ? [] : [[u, v] as const];
    });
    if (pairs.length < 30) continue;
    const zm = z(pairs.map(([u, v]) => u - v));
    if (zm > worstMean.z) worstMean = { z: zm, cell: i };
    // spread: the squared deviations from the pooled mean, compared the same way
    const mu = pairs.reduce((x, [u, v]) => x + u + v, 0) / (2 * pairs.length);
    const zs = z(pairs.map(([u, v]) => (u - mu) ** 2 - (v - mu) ** 2));
    if (zs > worstSpread.z) worstSpread = { z: zs, cell: i };
  }
  const name = (c: number) => JSON.stringify(model.cells.rows.find((row) => row.offset === c) ?? c);
  return {
    mean: { z: worstMean.z, cell: name(worstMean.cell) },
    nan: { z: worstNaN.z, cell: name(worstNaN.cell) },
    spread: { z: worstSpread.z, cell: name(worstSpread.cell) },
  };
}

describe('blocks of steps', () => {
  // Threshold: 5 standard errors. With the fixed seeds
  // below the outcome is deterministic; a change that shifts a distribution shows up as tens of
  // standard errors (a cap-reached day off by a month, say), far beyond these.
  it('give the 300k scenario the same distribution of every output cell as steps one by one', async () => {
    const { scenario } = await loadScenario(`${ROOT}/scenarios/us-300k-work-visas.yaml`);
    const model = compileModel(scenario);
    expect(planFor(model).blocks).toBeDefined();
    const got = blockAgreement(model, 600, 'blocks');
    expect(got.mean.z, got.mean.cell).toBeLessThan(5);
    expect(got.nan.z, got.nan.cell).toBeLessThan(5);
    expect(got.spread.z, got.spread.cell).toBeLessThan(5);
  });

  it('give random scenarios that allow them the same distribution as steps one by one', () => {
    const models = fc
      .sample(arbBlockScenario, { numRuns: 200, seed: 7 })
      .map(modelOf)
      .filter((m): m is Model => !!m && !!planFor(m).blocks)
      .filter((m) => {
        try {
          simulateRun(m, 0, 'probe');
          return true;
        } catch {
          return false;
        }
      })
      .slice(0, 24);
    expect(models.length).toBe(24);
    for (const model of models) {
      const got = blockAgreement(model, 300, 'blocks');
      expect(got.mean.z, got.mean.cell).toBeLessThan(5);
      expect(got.nan.z, got.nan.cell).toBeLessThan(5);
      expect(got.spread.z, got.spread.cell).toBeLessThan(5);
    }
  });

  it('are not used where a rule needs steps one by one', async () => {
    for (const file of ['h2b-fy2024-supplemental', 'venezuela-parole-2022', 'chnv-parole-2023']) {
      const { scenario } = await loadScenario(`${ROOT}/scenarios/${file}.yaml`);
      expect(planFor(compileModel(scenario)).blocks, file).toBeUndefined();
    }
  });
});

describe('fast paths', () => {
  it('reproduce the straightforward engine on random scenarios, cell for cell', async () => {
    await expect(engineDigests(simulateRun, 160)).toMatchFileSnapshot(
      '../golden/engine/random-scenarios.txt',
    );
  });

  test.prop(
    [
      fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), {
        minLength: 1,
        maxLength: 8,
      }),
      fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5e6 })),
      fc.string(),
    ],
    { numRuns: 300 },
  )('split segments as multinomial does, with the same uniforms', (probs, n, seed) => {
    if (n > 0 && !probs.some((p) => p > 0)) return;
    const a = streamFor(seed, 0, 'split');
    const b = streamFor(seed, 0, 'split');
    const expected = multinomial(a, n, probs);
    const got = new Float64Array(probs.length + 2);
    new SegmentSplit(probs).draw(b, n, got, 1);
    expect(Array.from(got.subarray(1, 1 + probs.length))).toEqual(expected);
    expect(b()).toBe(a()); // the streams are at the same place
  });

  test.prop([arbEngineScenario, fc.integer({ min: 0, max: 50 })], { numRuns: 40 })(
    'give a run the same result on a fresh model as after other runs of the model, into a reused buffer',
    (obj, run) => {
      const fresh = modelOf(obj);
      const used = modelOf(obj);
      if (!fresh || !used) return;
      let expected: Float64Array | string;
      try {
        expected = simulateRun(fresh, run, 'cache');
      } catch (e) {
        expected = String(e);
      }
      const buffer = new Float64Array(used.cells.size).fill(7);
      for (const r of [run + 1, run + 2]) {
        try {
          simulateRun(used, r, 'cache', buffer);
        } catch {
          // the same failure is checked below
        }
      }
      let got: Float64Array | string;
      try {
        got = simulateRun(used, run, 'cache', buffer);
      } catch (e) {
        got = String(e);
      }
      expect(got).toEqual(expected);
    },
  );

  it('give a shipped scenario with uncertain formulas the same runs whatever ran before', async () => {
    const { scenario } = await loadScenario(`${ROOT}/scenarios/us-300k-work-visas.yaml`);
    const a = compileModel(scenario);
    const b = compileModel(scenario);
    for (let r = 0; r < 5; r++) simulateRun(b, 100 + r, 'other-seed');
    for (const r of [0, 3])
      expect(Array.from(simulateRun(b, r, 'x'))).toEqual(Array.from(simulateRun(a, r, 'x')));
  });
});
