/**
 * simulate: Model × runs × seed → an Accumulator holding every run's output cells.
 * Run r always uses the streams of run index r, so a slice of runs computed anywhere (another
 * thread, another machine) is identical to the same runs inside a full simulation.
 */
import type { Model } from '../model/model.js';
import { Accumulator } from '../stats/accumulate.js';
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
}

/** The cells an Accumulator keeps: those quantiles.csv can report. */
export function keptOffsets(model: Model): number[] {
  return model.cells.rows.map((r) => r.offset);
}

export function simulate(model: Model, opts: SimulateOptions): Accumulator {
  const first = opts.firstRun ?? 0;
  const acc = new Accumulator(keptOffsets(model), opts.runs);
  const out = new Float64Array(model.cells.size); // reused: the Accumulator copies what it keeps
  const runOptions = { stepwise: opts.stepwise ?? false };
  for (let i = 0; i < opts.runs; i++) {
    if (opts.shouldStop?.()) break;
    acc.add(i, simulateRun(model, first + i, opts.seed, out, runOptions));
    opts.onProgress?.(i + 1);
  }
  return acc;
}
