/**
 * Hypergeometric variates, exact: the number of good items among `draws` drawn without replacement from
 * `good` good and `bad` bad items.
 *
 * Symmetry first: drawing more than half the population is reduced to drawing its complement, and good > bad
 * to swapping the roles, so the core samplers see draws <= total/2 and good <= bad (hence support 0..min).
 * - Small variance: inversion searching outward from the mode (alternately one step down, one step up), with
 *   the mode's pmf from Loader's saddle-point log-pmf (./special.ts) and the pmf ratio recurrence elsewhere
 *   (Devroye 1986, X.1; Kachitvichyanukul & Schmeiser 1985, "HIN" from the mode). Cost O(sd).
 * - Otherwise: HRUA, ratio of uniforms with a table-mountain hat (E. Stadlober, "The ratio of uniforms
 *   approach for generating discrete random variates", J. Comput. Appl. Math. 31 (1990) 181-189; the variant in
 *   NumPy's legacy generator, without its 16-sd truncation). O(1) expected time; log f(k) - log f(mode) from
 *   Loader's form keeps full precision for populations up to 2^53.
 */
import { bd0, stirlerr } from './special.js';
import type { Rng } from './stream.js';
import { requireCount } from './validate.js';

/** HRUA is used when the variance reaches this (sd ≈ 22); below it inversion from the mode is faster. */
const HRUA_MIN_VARIANCE = 500;

const LN_2PI = 1.8378770664093453;
/** 2·sqrt(2/e) and 3 - 2·sqrt(3/e): Stadlober's hat constants. */
const D1 = 1.7155277699214135;
const D2 = 0.8989161620588988;

/** Number of good items among `draws` drawn without replacement from `good` good and `bad` bad items. */
export function hypergeometric(rng: Rng, good: number, bad: number, draws: number): number {
  requireCount('hypergeometric', 'good', good);
  requireCount('hypergeometric', 'bad', bad);
  requireCount('hypergeometric', 'draws', draws);
  const total = good + bad;
  if (draws > total) {
    throw new RangeError(`hypergeometric: draws (${draws}) exceeds good + bad (${total})`);
  }
  if (draws === 0 || good === 0) return 0;
  if (bad === 0) return draws;
  if (draws === total) return good;

  // Sample the undrawn complement when that is smaller, and count the rarer kind.
  const complement = 2 * draws > total;
  const n = complement ? total - draws : draws;
  const swapped = good > bad;
  const g = swapped ? bad : good;
  const b = swapped ? good : bad;

  const variance = (((n * g) / total) * (b / total) * (total - n)) / (total - 1);
  let x = variance < HRUA_MIN_VARIANCE ? inversionFromMode(rng, g, b, n) : hrua(rng, g, b, n, variance);

  if (swapped) x = n - x;
  if (complement) x = good - x;
  return x;
}

/**
 * log f(k) + const for the reduced problem (g <= b, n <= total/2), using Loader's decomposition with the
 * common p = n / total: log C(g, k) p^k q^(g-k) + log C(b, n-k) p^(n-k) q^(b-n+k). The constant
 * -log C(total, n) p^n q^(total-n) cancels in every ratio. Valid for 0 <= k <= min(g, n).
 */
function logPmfUnnormalized(k: number, g: number, b: number, n: number, p: number, q: number): number {
  return binomialTerm(k, g, p, q) + binomialTerm(n - k, b, p, q);
}

/** log of C(size, x) p^x q^(size-x) by Loader's method (x in 0..size, size >= 1, 0 < p, q < 1). */
function binomialTerm(x: number, size: number, p: number, q: number): number {
  if (x === 0) return p < 0.1 ? -bd0(size, size * q) - size * p : size * Math.log(q);
  if (x === size) return q < 0.1 ? -bd0(size, size * p) - size * q : size * Math.log(p);
  const lc = stirlerr(size) - stirlerr(x) - stirlerr(size - x) - bd0(x, size * p) - bd0(size - x, size * q);
  return lc - 0.5 * (LN_2PI + Math.log(x) + Math.log1p(-x / size));
}

/** Reduced problem: g <= b, 0 < n <= total/2, so the support is 0..min(g, n). */
function inversionFromMode(rng: Rng, g: number, b: number, n: number): number {
  const total = g + b;
  const p = n / total;
  const q = (total - n) / total;
  const hi = Math.min(g, n);
  const mode = Math.min(Math.floor(((n + 1) * (g + 1)) / (total + 2)), hi);
  const fMode = Math.exp(
    logPmfUnnormalized(mode, g, b, n, p, q) - binomialTerm(n, total, p, q),
  );
  const bn = b - n;
  for (;;) {
    let u = rng() - fMode;
    if (u < 0) return mode;
    let down = mode;
    let up = mode;
    let fDown = fMode;
    let fUp = fMode;
    // Walk outwards; a side stops once it leaves the support or its pmf underflows.
    let downOpen = down > 0;
    let upOpen = up < hi;
    while (downOpen || upOpen) {
      if (downOpen) {
        // f(k - 1) / f(k) = k (b - n + k) / ((g - k + 1)(n - k + 1))
        fDown *= (down * (bn + down)) / ((g - down + 1) * (n - down + 1));
        down--;
        u -= fDown;
        if (u < 0) return down;
        downOpen = down > 0 && fDown > 0;
      }
      if (upOpen) {
        // f(k + 1) / f(k) = (g - k)(n - k) / ((k + 1)(b - n + k + 1))
        fUp *= ((g - up) * (n - up)) / ((up + 1) * (bn + up + 1));
        up++;
        u -= fUp;
        if (u < 0) return up;
        upOpen = up < hi && fUp > 0;
      }
    }
    // Only reachable if rounding left u above the computed total mass: draw a fresh u.
  }
}

/** HRUA (Stadlober 1990) for the reduced problem: g <= b, 0 < n <= total/2. */
function hrua(rng: Rng, g: number, b: number, n: number, variance: number): number {
  const total = g + b;
  const p = n / total;
  const q = (total - n) / total;
  const a = (n * g) / total + 0.5;
  const h = D1 * Math.sqrt(variance + 0.5) + D2;
  const hi = Math.min(g, n);
  const mode = Math.floor(((n + 1) * (g + 1)) / (total + 2));
  const logFMode = logPmfUnnormalized(mode, g, b, n, p, q);
  const bound = hi + 1;
  for (;;) {
    const u = rng();
    const v = rng();
    if (u === 0) continue;
    const x = a + (h * (v - 0.5)) / u;
    if (x < 0 || x >= bound) continue;
    const k = Math.floor(x);
    const t = logPmfUnnormalized(k, g, b, n, p, q) - logFMode;
    if (u * (4 - u) - 3 <= t) return k; // quick acceptance
    if (u * (u - t) >= 1) continue; // quick rejection
    if (2 * Math.log(u) <= t) return k;
  }
}
