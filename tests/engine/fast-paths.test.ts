/**
 * The engine's fast paths (bench/RESULTS.md). The statistical comparison of blocks of steps with steps
 * one by one is in fast-paths.slow.test.ts, which only `npm test` runs:
 * - stepping a block of steps at once (plan.ts `stepBlocks`) gives the same outcome in distribution
 *   as going step by step: every output cell of shipped and random scenarios that allow blocks has
 *   the same mean, spread and share of "no value" over many runs in both modes;
 * - every output cell of runs of ~120 random scenarios exercising every rule matches the digests in
 *   tests/golden/engine/random-scenarios.txt. They pin the draws: the lines change only with a
 *   deliberate change of the rules or of the draws (last: blocks of steps and the lottery drawn
 *   group by group, which changed the draws but not their distribution);
 * - the segment split set up once per run draws what `multinomial` draws, with the same uniforms;
 * - values the plan caches for a model (formulas that read no uncertain parameter), the output
 *   buffer a caller reuses and the Run that simulateRun sets up again for the next run of a model
 *   (run/state.ts, `begin`) do not leak from one run into another.
 */

import { describe, expect, it } from 'vitest';
import { planFor } from '../../src/engine/plan.js';
import { SegmentSplit, simulateRun } from '../../src/engine/run.js';
import { compileModel } from '../../src/model/model.js';
import { multinomial } from '../../src/random/multinomial.js';
import { streamFor } from '../../src/random/stream.js';
import { loadScenario } from '../../src/scenario/index.js';
import { ROOT } from '../helpers/cli.js';
import { arbEngineScenario, engineDigests, modelOf } from '../helpers/engine-arbitraries.js';
import { fc, test } from '../helpers/prop.js';

describe('blocks of steps', () => {
  // Their distributions against steps one by one: fast-paths.slow.test.ts (npm test only).
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

  it('give every shipped scenario the same runs from a Run set up again as from a new one', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(`${ROOT}/scenarios`).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const { scenario } = await loadScenario(`${ROOT}/scenarios/${file}`);
      const model = compileModel(scenario);
      const runs = file.startsWith('us-preference') ? 2 : 4;
      // in sequence, each run on the Run of the one before
      const reused = Array.from({ length: runs }, (_, r) => Array.from(simulateRun(model, r, 'reuse')));
      for (let r = 0; r < runs; r++) {
        // a watched run always gets a new Run
        const fresh = simulateRun(model, r, 'reuse', undefined, { afterStep: () => {} });
        expect(Array.from(fresh), `${file}, run ${r}`).toEqual(reused[r]);
      }
    }
  });
});
