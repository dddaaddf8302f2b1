/**
 * simulate: many runs into an Accumulator. Run r lands at index r and uses the streams of run
 * firstRun + r, so a shard's slice equals the same runs inside a full simulation; progress is
 * reported after each run; cancellation is checked between runs; `stepwise` is passed to every run.
 */

import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/engine/run.js';
import { keptOffsets, simulate } from '../../src/engine/simulate.js';
import type { Model } from '../../src/model/model.js';
import type { Accumulator } from '../../src/stats/accumulate.js';
import { makeModel } from '../helpers/model.js';
import { fc, test } from '../helpers/prop.js';

/** The default test model: yearly lottery, so plan.ts allows blocks of steps. */
const model = makeModel();
const SEED = 'simulate-test';

/** The kept cells of one standalone run, as the Accumulator stores them (float32). */
function standalone(m: Model, run: number, seed: string, stepwise = false): Float32Array {
  const values = simulateRun(m, run, seed, undefined, { stepwise });
  return Float32Array.from(keptOffsets(m), (o) => values[o] as number);
}

const runsOf = (acc: Accumulator) => Array.from({ length: acc.added }, (_, i) => acc.runValues(i));

/** Eight runs of the default model, computed once. */
const full = runsOf(simulate(model, { runs: 8, seed: SEED }));

describe('keptOffsets', () => {
  it('keeps every reported cell, in the layout order', () => {
    expect(keptOffsets(model)).toEqual(model.cells.rows.map((r) => r.offset));
    expect(new Set(keptOffsets(model)).size).toBe(model.cells.rows.length);
  });
});

describe('simulate', () => {
  it('stores run r at index r, equal to simulateRun of run r', () => {
    const acc = simulate(model, { runs: 4, seed: SEED });
    expect(acc.runs).toBe(4);
    expect(acc.added).toBe(4);
    const runs = runsOf(acc);
    for (let r = 0; r < 4; r++) expect(runs[r], `run ${r}`).toEqual(standalone(model, r, SEED));
    // the runs differ (Poisson demand), so landing at the wrong index would be seen
    expect(runs[0]).not.toEqual(runs[1]);
  });

  it('depends on the seed', () => {
    const a = simulate(model, { runs: 2, seed: 'one' });
    const b = simulate(model, { runs: 2, seed: 'two' });
    expect(runsOf(a)).not.toEqual(runsOf(b));
    expect(runsOf(a)).toEqual(runsOf(simulate(model, { runs: 2, seed: 'one' })));
  });

  test.prop([fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 3 })], { numRuns: 10 })(
    'a slice from firstRun equals the same runs inside a full simulation',
    (first, count) => {
      const slice = runsOf(simulate(model, { runs: count, seed: SEED, firstRun: first }));
      expect(slice).toEqual(full.slice(first, first + count));
    },
  );

  it('gives the same runs whatever was simulated before in the reused buffer', () => {
    // run 3 alone vs run 3 after runs 0..2 (simulate reuses one output buffer)
    const after = simulate(model, { runs: 4, seed: SEED }).runValues(3);
    const alone = simulate(model, { runs: 1, seed: SEED, firstRun: 3 }).runValues(0);
    expect(alone).toEqual(after);
  });

  it('reports progress after each run with the number done', () => {
    const seen: number[] = [];
    const acc = simulate(model, { runs: 5, seed: SEED, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(acc.added).toBe(5);
  });

  it('stops between runs once shouldStop says so, keeping the runs done', () => {
    let calls = 0;
    const progress: number[] = [];
    const acc = simulate(model, {
      runs: 6,
      seed: SEED,
      shouldStop: () => ++calls > 2,
      onProgress: (d) => progress.push(d),
    });
    expect(acc.added).toBe(2);
    expect(progress).toEqual([1, 2]);
    expect(calls).toBe(3); // asked before each run, not again after stopping
    expect(acc.runValues(1)).toEqual(standalone(model, 1, SEED));
  });

  it('runs nothing when asked to stop before the first run', () => {
    const progress: number[] = [];
    const acc = simulate(model, {
      runs: 3,
      seed: SEED,
      shouldStop: () => true,
      onProgress: (d) => progress.push(d),
    });
    expect(acc.added).toBe(0);
    expect(acc.runs).toBe(3);
    expect(progress).toEqual([]);
  });

  it('with stepwise, equals simulateRun with { stepwise: true } run for run', () => {
    const runs = 3;
    const stepwise = runsOf(simulate(model, { runs, seed: SEED, stepwise: true }));
    const blocks = runsOf(simulate(model, { runs, seed: SEED }));
    for (let r = 0; r < runs; r++) {
      expect(stepwise[r], `run ${r}`).toEqual(standalone(model, r, SEED, true));
      expect(blocks[r], `run ${r}`).toEqual(standalone(model, r, SEED, false));
    }
    // the two ways agree in distribution only: here they differ draw for draw, so the option is seen
    expect(stepwise).not.toEqual(blocks);
  });
});
