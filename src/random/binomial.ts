/**
 * Binomial(n, p) variates, exact.
 *
 * - p > 1/2 is reduced to n - Binomial(n, 1 - p).
 * - n·p < 20: sequential-search inversion from 0 with the pmf ratio recurrence (Kachitvichyanukul & Schmeiser
 *   1988, "BINV"); expected cost O(n·p).
 * - n·p >= 20: BTRD, transformed rejection with decomposition (W. Hörmann, "The generation of binomial random
 *   variates", J. Statist. Comput. Simul. 46 (1993) 101-110), O(1) expected time (about 1.2 uniforms per
 *   variate). Its final acceptance test compares against log f(k) - log f(m) from Loader's saddle-point log-pmf
 *   (./special.ts) rather than the paper's Stirling expression, which loses ~1e-9 for n ~ 1e7.
 */
import { logBinomialPmf } from './special.js';
import type { Rng } from './stream.js';
import { requireCount, requireProbability } from './validate.js';

/**
 * Below this n·min(p, 1-p) inversion is used. BTRD needs n·p >= 10; inversion costs ~2 ns per unit of n·p
 * and is faster than BTRD (~85 ns) up to about here (bench/samplers.mjs).
 */
const INVERSION_LIMIT = 20;

/** One Binomial(n, p) variate: the number of successes in n independent trials of probability p. */
export function binomial(rng: Rng, n: number, p: number): number {
  requireCount('binomial', 'n', n);
  requireProbability('binomial', 'p', p);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  // p > 1/2 is drawn as n − Binomial(n, 1 − p); 1 − p is exact for p in [0.5, 1] (Sterbenz), and so
  // is q = p.
  const flip = p > 0.5;
  const pp = flip ? 1 - p : p;
  if (n * pp >= INVERSION_LIMIT) return flip ? n - btrd(rng, n, pp, p) : btrd(rng, n, pp, 1 - pp);
  // Inversion, written here rather than called: a call would box its probability (a heap number
  // per draw where the caller inlines binomial, as the segment split does).
  const s = pp / (1 - pp);
  const a = (n + 1) * s;
  const f0 = Math.exp(n * Math.log1p(-pp));
  for (;;) {
    let u = rng();
    let f = f0;
    let x = 0;
    // P(X = x) = f; invert u against the cumulative sum. Rounding can leave u above the computed
    // total mass (never for 32-bit uniforms in practice): then draw a fresh u.
    while (u >= f) {
      u -= f;
      x++;
      f *= a / x - s;
      if (x > n || f === 0) break;
    }
    if (u < f && x <= n) return flip ? n - x : x;
  }
}

/** BTRD (Hörmann 1993) for p <= 1/2 and n·p >= 10; q = 1 - p. */
function btrd(rng: Rng, n: number, p: number, q: number): number {
  const npq = n * p * q;
  const sqrtNpq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * sqrtNpq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;

  // The constants of steps 2-3, worked out (with the same expressions) only once a draw gets past
  // the central box of step 1.
  let pastBox = false;
  let m = 0;
  let r = 0;
  let nr = 0;
  let alpha = 0;
  let logFm = Number.NaN;

  for (;;) {
    // Step 1: the central box, accepted without evaluating the pmf (~86% of draws).
    let v = rng();
    let u: number;
    if (v <= urvr) {
      u = v / vr - 0.43;
      return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c);
    }
    if (!pastBox) {
      pastBox = true;
      m = Math.floor((n + 1) * p);
      r = p / q;
      nr = (n + 1) * r;
      alpha = (2.83 + 5.1 / b) * sqrtNpq;
    }
    // Step 2: a point under the hat, outside the box.
    if (v >= vr) {
      u = rng() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = (u < 0 ? -0.5 : 0.5) - u;
      v = rng() * vr;
    }
    // Step 3.0
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    const km = Math.abs(k - m);
    if (km <= 15) {
      // Step 3.1: f(k)/f(m) by the ratio recurrence.
      let f = 1;
      if (m < k) {
        for (let i = m + 1; i <= k; i++) f *= nr / i - r;
      } else if (m > k) {
        for (let i = k + 1; i <= m; i++) v *= nr / i - r;
      }
      if (v <= f) return k;
      continue;
    }
    // Step 3.2: squeeze on log f(k)/f(m).
    const logV = Math.log(v);
    const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
    const t = (-km * km) / (2 * npq);
    if (logV < t - rho) return k;
    if (logV > t + rho) continue;
    // Steps 3.3-3.4: the exact test.
    if (Number.isNaN(logFm)) logFm = logBinomialPmf(m, n, p, q);
    if (logV <= logBinomialPmf(k, n, p, q) - logFm) return k;
  }
}
