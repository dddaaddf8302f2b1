/**
 * Hypergeometric variates, exact: the number of good items among `draws` drawn without replacement from
 * `good` good and `bad` bad items.
 *
 * Symmetry first: drawing more than half the population is reduced to drawing its complement, and good > bad
 * to swapping the roles, so the core samplers see draws <= total/2 and good <= bad (hence support 0..min).
 * - Variance below HRUA_MIN_VARIANCE: inversion searching outward from the mode (alternately one step down,
 *   one step up) with the pmf ratio recurrence (Devroye 1986, X.1 and III.2; Kachitvichyanukul & Schmeiser
 *   1985 start their inversion at the mode the same way). Cost O(sd).
 * - Otherwise: HRUA, ratio of uniforms with a table-mountain hat (E. Stadlober, "The ratio of uniforms
 *   approach for generating discrete random variates", J. Comput. Appl. Math. 31 (1990) 181-189; the variant in
 *   NumPy's legacy generator, without its truncation 16 sd above the mean). O(1) expected time.
 * Both need log-pmfs; they come from Loader's saddle-point decomposition (see ./special.ts), arranged so that a
 * value costs four Stirling error terms, four deviances and one logarithm, and stays accurate to ~1e-14 for
 * populations up to 2^53 (subtracting log-factorials would lose ~1e-8 at 1e7).
 */
import { bd0, logHypergeometricPmf, stirlerr } from './special.js';
import type { Rng } from './stream.js';
import { requireCount } from './validate.js';

/**
 * HRUA is used from this variance (sd ≈ 17) up. Inversion costs ~250 ns for the mode's pmf plus ~10 ns per
 * unit of sd; HRUA ~450 ns whatever the parameters (measured with bench/samplers.mjs-style loops).
 */
const HRUA_MIN_VARIANCE = 300;

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
 * log f(k) minus a constant that depends only on (g, b, n), for the reduced problem; with p = n / total,
 * log f(k) = const - Σ stirlerr - Σ bd0 - ½ log(k (g-k) (n-k) (b-n+k)) over the four factorials of k.
 * Needs 0 < k < g and 0 < n - k < b; logPmfOffset gives the constant.
 */
function logPmfCore(k: number, g: number, b: number, n: number, p: number, q: number): number {
  const gk = g - k;
  const nk = n - k;
  const bk = b - nk;
  return (
    -(stirlerr(k) + stirlerr(gk) + stirlerr(nk) + stirlerr(bk)) -
    (bd0(k, g * p) + bd0(gk, g * q) + bd0(nk, b * p) + bd0(bk, b * q)) -
    0.5 * Math.log(k * gk * (nk * bk))
  );
}

/** The constant in logPmfCore: log f(k) = logPmfCore(k) + logPmfOffset. */
function logPmfOffset(g: number, b: number, n: number): number {
  const total = g + b;
  return (
    stirlerr(g) +
    stirlerr(b) +
    stirlerr(n) +
    stirlerr(total - n) -
    stirlerr(total) -
    0.5 * (LN_2PI + Math.log(total / (g * b) / (n * (total - n))))
  );
}

/** Is k at an edge of the support, where logPmfShifted needs the offset? */
function atEdge(k: number, g: number, b: number, n: number): boolean {
  return !(k > 0 && k < g && k < n && n - k < b);
}

/** log f(k) - offset for any k in the support (the edges, where a factor is 0, take the general path). */
function logPmfShifted(
  k: number,
  g: number,
  b: number,
  n: number,
  p: number,
  q: number,
  offset: number,
): number {
  if (k > 0 && k < g && k < n && n - k < b) return logPmfCore(k, g, b, n, p, q);
  return logHypergeometricPmf(k, g, b, n) - offset;
}

/** Reduced problem: g <= b, 0 < n <= total/2, so the support is 0..min(g, n). */
function inversionFromMode(rng: Rng, g: number, b: number, n: number): number {
  const total = g + b;
  const p = n / total;
  const q = (total - n) / total;
  const hi = Math.min(g, n);
  const mode = Math.floor(((n + 1) * (g + 1)) / (total + 2));
  const offset = logPmfOffset(g, b, n);
  const fMode = Math.exp(logPmfShifted(mode, g, b, n, p, q, offset) + offset);
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
  const bound = Math.min(g, n) + 1;
  const mode = Math.floor(((n + 1) * (g + 1)) / (total + 2));
  // The offset cancels in t below; it is needed only at the edges of the support (logPmfShifted),
  // so it is worked out the first time an edge comes up.
  let offset = Number.NaN;
  if (atEdge(mode, g, b, n)) offset = logPmfOffset(g, b, n);
  const logFMode = logPmfShifted(mode, g, b, n, p, q, offset);
  for (;;) {
    const u = rng();
    const v = rng();
    if (u === 0) continue;
    const x = a + (h * (v - 0.5)) / u;
    if (!(x >= 0 && x < bound)) continue;
    const k = Math.floor(x);
    if (Number.isNaN(offset) && atEdge(k, g, b, n)) offset = logPmfOffset(g, b, n);
    // t = log(f(k) / f(mode)) <= 0
    const t = logPmfShifted(k, g, b, n, p, q, offset) - logFMode;
    if (u * (4 - u) - 3 <= t) return k; // quick acceptance
    if (u * (u - t) >= 1) continue; // quick rejection
    if (2 * Math.log(u) <= t) return k;
  }
}
