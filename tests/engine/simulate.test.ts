/**
 * simulate: many runs handed to a sink. Run firstRun + i arrives as add(i, cells), uses the streams
 * of run firstRun + i, so a shard's slice equals the same runs inside a full simulation; progress is
 * reported after each run; cancellation is checked between runs; `stepwise` is passed to every run.
 * The sink here records copies of the cells; stats/accumulate.ts's Accumulator is tested with stats.
 */

import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/engine/run.js';
import { type RunSink, type SimulateOptions, simulate } from '../../src/engine/simulate.js';
import type { Model } from '../../src/model/model.js';
import { makeModel } from '../helpers/model.js';
import { fc, test } from '../helpers/prop.js';

/** The default test model: yearly lottery, so plan.ts allows blocks of steps. */
const model = makeModel();
const SEED = 'simulate-test';

/** The cells of one standalone run. */
function standalone(m: Model, run: number, seed: string, stepwise = false): Float64Array {
  return simulateRun(m, run, seed, undefined, { stepwise });
}

/** A sink that records a copy of every run it is given, with its index. */
class Recorder implements RunSink {
  readonly indices: number[] = [];
  readonly runs: Float64Array[] = [];
  add(i: number, cells: Float64Array): void {
    this.indices.push(i);
    this.runs.push(Float64Array.from(cells));
  }
}

function record(m: Model, opts: SimulateOptions): Recorder & { done: number } {
  const sink = new Recorder();
  const done = simulate(m, opts, sink);
  return Object.assign(sink, { done });
}

const runsOf = (r: Recorder) => r.runs;

/** Eight runs of the default model, computed once. */
const full = runsOf(record(model, { runs: 8, seed: SEED }));

describe('simulate', () => {
  it('hands run r to the sink as index r, equal to simulateRun of run r', () => {
    const acc = record(model, { runs: 4, seed: SEED });
    expect(acc.done).toBe(4);
    expect(acc.indices).toEqual([0, 1, 2, 3]);
    const runs = runsOf(acc);
    for (let r = 0; r < 4; r++) expect(runs[r], `run ${r}`).toEqual(standalone(model, r, SEED));
    // the runs differ (Poisson demand), so landing at the wrong index would be seen
    expect(runs[0]).not.toEqual(runs[1]);
  });

  it('depends on the seed', () => {
    const a = record(model, { runs: 2, seed: 'one' });
    const b = record(model, { runs: 2, seed: 'two' });
    expect(runsOf(a)).not.toEqual(runsOf(b));
    expect(runsOf(a)).toEqual(runsOf(record(model, { runs: 2, seed: 'one' })));
  });

  test.prop([fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 3 })], { numRuns: 10 })(
    'a slice from firstRun equals the same runs inside a full simulation',
    (first, count) => {
      const slice = runsOf(record(model, { runs: count, seed: SEED, firstRun: first }));
      expect(slice).toEqual(full.slice(first, first + count));
    },
  );

  it('gives the same runs whatever was simulated before in the reused buffer', () => {
    // run 3 alone vs run 3 after runs 0..2 (simulate reuses one output buffer)
    const after = record(model, { runs: 4, seed: SEED }).runs[3];
    const alone = record(model, { runs: 1, seed: SEED, firstRun: 3 }).runs[0];
    expect(alone).toEqual(after);
  });

  it('reports progress after each run with the number done', () => {
    const seen: number[] = [];
    const acc = record(model, { runs: 5, seed: SEED, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(acc.done).toBe(5);
  });

  it('stops between runs once shouldStop says so, keeping the runs done', () => {
    let calls = 0;
    const progress: number[] = [];
    const acc = record(model, {
      runs: 6,
      seed: SEED,
      shouldStop: () => ++calls > 2,
      onProgress: (d) => progress.push(d),
    });
    expect(acc.done).toBe(2);
    expect(acc.indices).toEqual([0, 1]);
    expect(progress).toEqual([1, 2]);
    expect(calls).toBe(3); // asked before each run, not again after stopping
    expect(acc.runs[1]).toEqual(standalone(model, 1, SEED));
  });

  it('runs nothing when asked to stop before the first run', () => {
    const progress: number[] = [];
    const acc = record(model, {
      runs: 3,
      seed: SEED,
      shouldStop: () => true,
      onProgress: (d) => progress.push(d),
    });
    expect(acc.done).toBe(0);
    expect(acc.runs).toEqual([]);
    expect(progress).toEqual([]);
  });

  it('with stepwise, equals simulateRun with { stepwise: true } run for run', () => {
    const runs = 3;
    const stepwise = runsOf(record(model, { runs, seed: SEED, stepwise: true }));
    const blocks = runsOf(record(model, { runs, seed: SEED }));
    for (let r = 0; r < runs; r++) {
      expect(stepwise[r], `run ${r}`).toEqual(standalone(model, r, SEED, true));
      expect(blocks[r], `run ${r}`).toEqual(standalone(model, r, SEED, false));
    }
    // the two ways agree in distribution only: here they differ draw for draw, so the option is seen
    expect(stepwise).not.toEqual(blocks);
  });
});
