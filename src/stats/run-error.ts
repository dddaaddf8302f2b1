/**
 * A run that cannot go on because the scenario's numbers left the range a sampler can draw from (a
 * demand formula's 1/0 in one year, a parameter drawn far out, a count beyond 2^53): RunRangeError
 * names the run and the seed, so the command line reports it as an input error (exit 2), never as
 * an internal one. Its name survives a worker thread's boundary, where the class does not.
 * A value out of a formula's domain (engine/domain.ts) is passed on as FormulaDomainError, with the
 * run, the seed and the parameter draws added: the pipeline puts the formula's FILE:LINE:COL to it.
 */

import { FormulaDomainError } from '../engine/domain.js';
import { sampleParameters } from '../engine/parameters.js';
import { type RunSink, type SimulateOptions, simulate } from '../engine/simulate.js';
import type { Model } from '../model/model.js';
import { SamplerRangeError } from '../random/index.js';

export class RunRangeError extends Error {
  override name = 'RunRangeError';
}

/** `simulate`, naming the run when a sampler refuses a number the scenario produced. */
export function simulateNamingRun(model: Model, opts: SimulateOptions, sink: RunSink): number {
  const first = opts.firstRun ?? 0;
  let done = 0;
  const counting: RunSink = {
    add(i, cells) {
      sink.add(i, cells);
      done = i + 1;
    },
  };
  try {
    return simulate(model, opts, counting);
  } catch (e) {
    if (e instanceof FormulaDomainError) throw namingRun(e, model, opts.seed, first + done);
    if (!(e instanceof SamplerRangeError)) throw e;
    throw new RunRangeError(
      `run ${first + done} (seed ${opts.seed}) met a number it cannot simulate: ${e.message}. A formula or parameter gives a value that is not finite or too large in this run (1/0 in one year's branch, a distribution with a huge spread, a count beyond 2^24); check the demand formulas, the parameters' ranges and the data`,
    );
  }
}

/**
 * A value out of its formula's domain (engine/domain.ts), with the run that met it, its seed and the
 * draws of the uncertain parameters the formula reads (drawn again: a run's draws depend only on the
 * seed and the run).
 */
function namingRun(e: FormulaDomainError, model: Model, seed: string, run: number): FormulaDomainError {
  const drawn = sampleParameters(model, seed, run);
  const draws: Record<string, number> = {};
  for (const p of model.parameters)
    if (p.fixed === undefined && e.detail.symbols.includes(p.id)) draws[p.id] = drawn[p.id] as number;
  return new FormulaDomainError({ ...e.detail, run, seed, draws });
}
