/**
 * Negative binomial variates parameterised by mean and dispersion k (the "size" of R's NB2), as the
 * Poisson-gamma mixture Poisson(Gamma(k, mean/k)) (Devroye 1986, X.4.5; Greenwood & Yule 1920), so
 * variance = mean + mean²/k. Gamma from Marsaglia-Tsang (./gamma.ts), Poisson from PTRS/inversion
 * (./poisson.ts). Dispersion Infinity gives the Poisson limit.
 */
import { standardGamma } from './gamma.js';
import { poisson } from './poisson.js';
import type { Rng } from './stream.js';
import { requireNonNegative } from './validate.js';

/** One negative binomial count with the given mean (>= 0) and dispersion (> 0, Infinity = Poisson). */
export function negativeBinomial(rng: Rng, mean: number, dispersion: number): number {
  requireNonNegative('negativeBinomial', 'mean', mean);
  if (!(dispersion > 0)) {
    throw new RangeError(
      `negativeBinomial: dispersion must be > 0 (Infinity for Poisson), got ${dispersion}`,
    );
  }
  if (mean === 0) return 0;
  if (dispersion === Number.POSITIVE_INFINITY) return poisson(rng, mean);
  return poisson(rng, (mean / dispersion) * standardGamma(rng, dispersion));
}
