/**
 * Poisson(mean) variates, exact.
 *
 * - mean < 25: sequential-search inversion from 0 with the pmf ratio recurrence (Devroye 1986, X.3.3);
 *   expected cost O(mean).
 * - mean >= 25: PTRS, transformed rejection with squeeze (W. Hörmann, "The transformed rejection method for
 *   generating Poisson random variables", Insurance: Mathematics and Economics 12 (1993) 39-45), O(1) expected
 *   time; the final test uses Loader's saddle-point log-pmf (./special.ts).
 */
import { logPoissonPmf } from './special.js';
import type { Rng } from './stream.js';
import { requireNonNegative } from './validate.js';

/**
 * PTRS is valid for mean >= 10; inversion costs ~2 ns per unit of mean and beats PTRS (~100 ns) up to about
 * here (bench/samplers.mjs). exp(-25) is far from underflow.
 */
const INVERSION_LIMIT = 25;

/** One Poisson variate with the given mean (mean 0 gives 0). */
export function poisson(rng: Rng, mean: number): number {
  requireNonNegative('poisson', 'mean', mean);
  if (mean === 0) return 0;
  return mean < INVERSION_LIMIT ? inversion(rng, mean) : ptrs(rng, mean);
}

function inversion(rng: Rng, mean: number): number {
  const f0 = Math.exp(-mean);
  for (;;) {
    let u = rng();
    let f = f0;
    let x = 0;
    while (u >= f) {
      u -= f;
      x++;
      f *= mean / x;
      if (f === 0) break;
    }
    // f underflows only if rounding left u above the computed total mass: draw a fresh u.
    if (u < f) return x;
  }
}

function ptrs(rng: Rng, mean: number): number {
  const slam = Math.sqrt(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const vr = 0.9277 - 3.6224 / (b - 2);
  // Only needed past the squeeze (~12% of draws): worked out then, with the same expression.
  let logInvAlpha = Number.NaN;
  for (;;) {
    const u = rng() - 0.5;
    const v = rng();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Number.isNaN(logInvAlpha)) logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
    // log(0) = -Infinity accepts, which is right: v = 0 lies under every hat.
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= logPoissonPmf(k, mean)) return k;
  }
}
