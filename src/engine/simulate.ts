/**
 * simulate: Model × runs × seed → each run's output cells, handed to a sink. The engine keeps
 * nothing across runs: what is kept, and how (stats/accumulate.ts's Accumulator, a worker's block
 * of kept cells, a benchmark's checksum), is the sink's business.
 * Run r always uses the streams of run index r, so a slice of runs computed anywhere (another
 * thread, another machine) is identical to the same runs inside a full simulation.
 */
import type { Model } from '../model/model.js';
import type { ClampTally } from './domain.js';
import { simulateRun } from './run.js';

export interface SimulateOptions {
  runs: number;
  seed: string;
  /** index of the first run (for shards); default 0 */
  firstRun?: number;
  /** called after each run with the number of runs done */
  onProgress?: (done: number) => void;
  /** cooperative cancellation: checked between runs */
  shouldStop?: () => boolean;
  /** step by step even where blocks of steps are allowed (run.ts, RunOptions): for tests and benchmarks */
  stepwise?: boolean;
  /** counts, over these runs, the clamps of formulas that declare `clamp: true` (domain.ts) */
  clamps?: ClampTally;
}

/** Receives the runs of a simulation, one at a time, in order. */
export interface RunSink {
  /**
   * Run `firstRun + i` arrives as `add(i, cells)`: its full cell vector, laid out by `model.cells`.
   * The vector is reused for the next run, so a sink copies what it keeps.
   */
  add(i: number, cells: Float64Array): void;
}

/** Simulate `opts.runs` runs into `sink`; returns the number of runs done (fewer when stopped). */
export function simulate(model: Model, opts: SimulateOptions, sink: RunSink): number {
  const first = opts.firstRun ?? 0;
  const out = new Float64Array(model.cells.size);
  const runOptions = { stepwise: opts.stepwise ?? false, ...(opts.clamps ? { tally: opts.clamps } : {}) };
  let done = 0;
  for (let i = 0; i < opts.runs; i++) {
    if (opts.shouldStop?.()) break;
    sink.add(i, simulateRun(model, first + i, opts.seed, out, runOptions));
    done++;
    opts.onProgress?.(done);
  }
  return done;
}
