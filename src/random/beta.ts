/**
 * Beta variates as a ratio of gammas, X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (Devroye 1986, IX.4.1),
 * the gammas from Marsaglia-Tsang (./gamma.ts). When a shape is below 1 the ratio is formed in log space,
 * 1 / (1 + exp(log Y - log X)), so tiny shapes (whose gamma variates underflow to 0) still give a valid draw.
 */
import { logStandardGamma, standardGamma } from './gamma.js';
import type { Rng } from './stream.js';
import { requirePositive } from './validate.js';

/** One Beta(a, b) variate on [0, 1]. */
export function beta(rng: Rng, a: number, b: number): number {
  requirePositive('beta', 'a', a);
  requirePositive('beta', 'b', b);
  if (a >= 1 && b >= 1) {
    const x = standardGamma(rng, a);
    const y = standardGamma(rng, b);
    return x / (x + y);
  }
  const lx = logStandardGamma(rng, a);
  const ly = logStandardGamma(rng, b);
  return 1 / (1 + Math.exp(ly - lx));
}
