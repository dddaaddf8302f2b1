/**
 * Sample every uncertain parameter once for a run. Each parameter draws from its own stream keyed
 * by (seed, run, "param:<id>"), so two scenarios that share a parameter see the same value in run r
 * whatever else they define (common random numbers). Dates are day numbers.
 */
import { dayNumber } from '../formula/formula.js';
import type { Model } from '../model/model.js';
import { beta } from '../random/beta.js';
import { lognormalFromMeanSd } from '../random/lognormal.js';
import { normal } from '../random/normal.js';
import { streamFor } from '../random/stream.js';
import { triangular } from '../random/triangular.js';
import { uniform } from '../random/uniform.js';

export function sampleParameters(model: Model, seed: string, run: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of model.parameters) {
    if (p.fixed !== undefined) {
      out[p.id] = p.fixed;
      continue;
    }
    const rng = streamFor(seed, run, `param:${p.id}`);
    const s = p.spec;
    if (s.normal) out[p.id] = normal(rng, s.normal.mean, s.normal.sd);
    else if (s.lognormal) out[p.id] = lognormalFromMeanSd(rng, s.lognormal.mean, s.lognormal.sd);
    else if (s.uniform) out[p.id] = uniform(rng, s.uniform[0], s.uniform[1]);
    else if (s.triangular) out[p.id] = triangular(rng, s.triangular[0], s.triangular[1], s.triangular[2]);
    else if (s.beta) out[p.id] = beta(rng, s.beta.a, s.beta.b);
    else if (s.choice) {
      const values = s.choice.values;
      const weights = s.choice.weights ?? values.map(() => 1);
      let x = rng() * weights.reduce((a, b) => a + b, 0);
      let k = 0;
      while (k < values.length - 1 && x >= (weights[k] as number)) {
        x -= weights[k] as number;
        k++;
      }
      const v = values[k] as number | string;
      out[p.id] = typeof v === 'string' ? dayNumber(v) : v;
    } else throw new Error(`parameter ${p.id} has no value or distribution`);
  }
  return out;
}
