/**
 * Sample every uncertain parameter once for a run. Each parameter draws from its own stream keyed
 * by (seed, run, "param:<id>"), so two scenarios that share a parameter see the same value in run r
 * whatever else they define (common random numbers). Dates are day numbers.
 */
import type { Model } from '../model/model.js';
import { beta } from '../random/beta.js';
import { lognormalFromMeanSd } from '../random/lognormal.js';
import { normal } from '../random/normal.js';
import { newStream, reseed } from '../random/stream.js';
import { triangular } from '../random/triangular.js';
import { uniform } from '../random/uniform.js';

/** One stream, seeded again for each parameter: each is drawn from before the next is seeded. */
const stream = newStream();

export function sampleParameters(model: Model, seed: string, run: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of model.parameters) {
    if (p.fixed !== undefined) {
      out[p.id] = p.fixed;
      continue;
    }
    const rng = reseed(stream, seed, run, `param:${p.id}`);
    const d = p.dist;
    switch (d.kind) {
      case 'fixed':
        out[p.id] = d.value;
        break;
      case 'normal':
        out[p.id] = normal(rng, d.mean, d.sd);
        break;
      case 'lognormal':
        out[p.id] = lognormalFromMeanSd(rng, d.mean, d.sd);
        break;
      case 'uniform':
        out[p.id] = uniform(rng, d.low, d.high);
        break;
      case 'triangular':
        out[p.id] = triangular(rng, d.min, d.mode, d.max);
        break;
      case 'beta':
        out[p.id] = beta(rng, d.a, d.b);
        break;
      case 'choice': {
        const { values, weights } = d;
        let x = rng() * weights.reduce((a, b) => a + b, 0);
        let k = 0;
        while (k < values.length - 1 && x >= (weights[k] as number)) {
          x -= weights[k] as number;
          k++;
        }
        out[p.id] = values[k] as number;
        break;
      }
    }
  }
  return out;
}
