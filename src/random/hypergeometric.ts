/**
 * Hypergeometric variates, exact: the number of good items among `draws` drawn without replacement from
 * `good` good and `bad` bad items.
 *
 * Symmetry first: drawing more than half the population is reduced to drawing its complement, and good > bad
 * to swapping the roles, so the core samplers see draws <= total/2 and good <= bad (hence support 0..min).
 * - Variance below HRUA_MIN_VARIANCE: inversion searching outward from the mode (alternately one step down,
 *   one step up) with the pmf ratio recurrence (Devroye 1986, X.1 and III.2; Kachitvichyanukul & Schmeiser
 *   1985 start their inversion at the mode the same way). Cost O(sd). The pmf at the mode is a product of
 *   ratios when that takes at most 64 factors (the many small draws of a petition lottery's rounds), checked
 *   against a margin so that the draws are those of the log-pmfs (see PRODUCT_MARGIN); else log-pmfs.
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
 * HRUA is used from this variance (sd ≈ 17) up. Inversion costs ~250 ns for the mode's pmf from log-pmfs
 * (30–400 ns as a product of up to 64 ratios) plus ~10 ns per unit of sd; HRUA ~450 ns whatever the
 * parameters (measured with bench/samplers.mjs-style loops).
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
  if (draws > good + bad) {
    throw new RangeError(`hypergeometric: draws (${draws}) exceeds good + bad (${good + bad})`);
  }
  return hypergeometricOfCounts(rng, good, bad, draws);
}

/**
 * hypergeometric for arguments its caller has checked already (non-negative safe integers, draws ≤
 * good + bad, as in the multivariate hypergeometric's conditional draws): the same draws.
 */
export function hypergeometricOfCounts(rng: Rng, good: number, bad: number, draws: number): number {
  const total = good + bad;
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

/**
 * Up to this many factors (min(g, n) for the pmf at 0, plus the mode for the ratios up to it), the
 * inversion works out the pmf at the mode as a product of ratios instead of from log-pmfs: cheaper
 * up to about 60 factors (one division, about two multiplications a factor; measured).
 */
const PRODUCT_MAX_TERMS = 64;

/**
 * The product's pmf at the mode (two roundings a factor, at most 64 factors) and the log-pmfs' (~1e-14)
 * are both accurate to a relative ~1e-13 or better, far below this margin; the walk's partial sums,
 * started from either, differ by no more than that plus a rounding a step. A walk on the product that
 * meets a partial sum within PRODUCT_MARGIN of 0 is undecided and goes to the log-pmfs with the same
 * uniform: so every draw is the one the log-pmfs alone give, from the same uniforms
 * (tests/random/hypergeometric.test.ts puts uniforms at and near each partial sum, in urns up to 2^50).
 */
const PRODUCT_MARGIN = 1e-9;
/** walkFromMode's results other than a value: a partial sum within the margin of 0; no value reached. */
const UNDECIDED = -1;
const EXHAUSTED = -2;

/**
 * The doubles passed to and from the helpers below (a double passed to or returned by a function that
 * V8 does not inline is a new heap number: tens of kilobytes a run): [0] the uniform, [1] f(mode).
 */
const walkIn = new Float64Array(2);

/** Off only inside hypergeometricByLogs. */
let productsOn = true;

/**
 * hypergeometric with f(mode) always from the log-pmfs, as before the products: for the tests that
 * compare the two, draw by draw and uniform by uniform.
 */
export function hypergeometricByLogs(rng: Rng, good: number, bad: number, draws: number): number {
  productsOn = false;
  try {
    return hypergeometric(rng, good, bad, draws);
  } finally {
    productsOn = true;
  }
}

/** Reduced problem: g <= b, 0 < n <= total/2, so the support is 0..min(g, n). */
function inversionFromMode(rng: Rng, g: number, b: number, n: number): number {
  const hi = Math.min(g, n);
  const mode = Math.floor(((n + 1) * (g + 1)) / (g + b + 2));
  if (productsOn && hi + mode <= PRODUCT_MAX_TERMS && pmfAtModeByProducts(g, b, n, hi, mode)) {
    walkIn[0] = rng();
    const x = walkFromMode(g, b, n, hi, mode, PRODUCT_MARGIN);
    if (x >= 0) return x;
    return inversionWithLogs(rng, g, b, n, hi, mode);
  }
  walkIn[0] = rng();
  return inversionWithLogs(rng, g, b, n, hi, mode);
}

/**
 * f(mode) for the reduced problem, as products, into walkIn[1]: f(0) = C(b, n) / C(total, n) =
 * C(total − n, g) / C(total, g), min(g, n) ratios, then the ratio recurrence up to the mode. False,
 * when f(0) is too small to keep its precision (the caller then takes the log-pmfs).
 */
function pmfAtModeByProducts(g: number, b: number, n: number, hi: number, mode: number): boolean {
  const total = g + b;
  const rest = total - Math.max(g, n);
  let num = 1;
  let den = 1;
  let f = 1;
  for (let j = 0; j < hi; j++) {
    num *= rest - j;
    den *= total - j;
    if (den > 1e250) {
      f *= num / den;
      num = 1;
      den = 1;
    }
  }
  f *= num / den;
  if (!(f >= 1e-280)) return false;
  const bn = b - n;
  for (let k = 0; k < mode; k++) f *= ((g - k) * (n - k)) / ((k + 1) * (bn + k + 1));
  walkIn[1] = f;
  return true;
}

/**
 * One pass of the inversion from the mode with the uniform walkIn[0] and f(mode) walkIn[1]: the
 * value, or UNDECIDED when a partial sum comes within `margin` of 0 before a value is reached (never
 * with margin 0), or EXHAUSTED when rounding left u above the computed total mass.
 */
function walkFromMode(g: number, b: number, n: number, hi: number, mode: number, margin: number): number {
  const fMode = walkIn[1] as number;
  let u = (walkIn[0] as number) - fMode;
  if (u < -margin) return mode;
  if (u < margin) return UNDECIDED;
  const bn = b - n;
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
      if (u < -margin) return down;
      if (u < margin) return UNDECIDED;
      downOpen = down > 0 && fDown > 0;
    }
    if (upOpen) {
      // f(k + 1) / f(k) = (g - k)(n - k) / ((k + 1)(b - n + k + 1))
      fUp *= ((g - up) * (n - up)) / ((up + 1) * (bn + up + 1));
      up++;
      u -= fUp;
      if (u < -margin) return up;
      if (u < margin) return UNDECIDED;
      upOpen = up < hi && fUp > 0;
    }
  }
  return EXHAUSTED;
}

/** The inversion with f(mode) from log-pmfs, its first pass with the uniform walkIn[0]. */
function inversionWithLogs(rng: Rng, g: number, b: number, n: number, hi: number, mode: number): number {
  const total = g + b;
  const p = n / total;
  const q = (total - n) / total;
  const offset = logPmfOffset(g, b, n);
  walkIn[1] = Math.exp(logPmfShifted(mode, g, b, n, p, q, offset) + offset);
  for (;;) {
    const x = walkFromMode(g, b, n, hi, mode, 0);
    if (x >= 0) return x;
    // EXHAUSTED is only reachable if rounding left u above the computed total mass: draw a fresh u.
    walkIn[0] = rng();
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
