/**
 * Lognormal variates, exp(Normal(mu, sigma)), with the normal from Leva's method (./normal.ts).
 * `lognormalFromMeanSd` takes the mean and sd of the lognormal itself (the usual way a source states them):
 * sigma² = log(1 + sd²/mean²), mu = log(mean) - sigma²/2 (Johnson, Kotz & Balakrishnan 1994, ch. 14).
 */
import { standardNormal } from './normal.js';
import type { Rng } from './stream.js';
import { requireFinite, requireNonNegative, requirePositive } from './validate.js';

/** One variate whose logarithm is Normal(mu, sigma). */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  requireFinite('lognormal', 'mu', mu);
  requireNonNegative('lognormal', 'sigma', sigma);
  return Math.exp(mu + sigma * standardNormal(rng));
}

/** One lognormal variate with the given mean (> 0) and standard deviation (>= 0; 0 returns mean, no draw). */
export function lognormalFromMeanSd(rng: Rng, mean: number, sd: number): number {
  requirePositive('lognormalFromMeanSd', 'mean', mean);
  requireNonNegative('lognormalFromMeanSd', 'sd', sd);
  if (sd === 0) return mean;
  const cv = sd / mean;
  const sigma2 = Math.log1p(cv * cv);
  const mu = Math.log(mean) - sigma2 / 2;
  return Math.exp(mu + Math.sqrt(sigma2) * standardNormal(rng));
}
