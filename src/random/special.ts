/**
 * Special functions for the discrete samplers: log-factorial, the Stirling-series error term and accurate
 * log-pmfs of the binomial, Poisson and hypergeometric distributions.
 *
 * The log-pmfs use Loader's saddle-point form (C. Loader, "Fast and Accurate Computation of Binomial
 * Probabilities", 2000; the method behind R's dbinom, dpois and dhyper): instead of subtracting log-factorials
 * of size ~1e8 (which loses ~1e-8 absolutely), they combine the small Stirling error terms with the deviance
 * term `bd0`, so the log-pmf keeps close to full double precision for counts up to 2^53. The samplers compare
 * uniforms against these values, so their accuracy is what makes the samplers exact in practice.
 */

/** 0.5 * log(2π). */
const LN_SQRT_2PI = 0.9189385332046728;
/** log(2π). */
const LN_2PI = 1.8378770664093453;

const LOG_FACTORIAL_TABLE_SIZE = 256;
const LOG_FACTORIAL_TABLE = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
for (let i = 2; i < LOG_FACTORIAL_TABLE_SIZE; i++) {
  LOG_FACTORIAL_TABLE[i] = (LOG_FACTORIAL_TABLE[i - 1] as number) + Math.log(i);
}

/** stirlerr(n) for n = 0..15, from the summed log-factorials above (absolute error ~1e-14). */
const STIRLERR_TABLE = new Float64Array(16);
for (let n = 1; n < 16; n++) {
  STIRLERR_TABLE[n] = (LOG_FACTORIAL_TABLE[n] as number) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
}

const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/**
 * The error of Stirling's formula, stirlerr(n) = log(n!) - [(n + 1/2) log(n) - n + log(2π)/2], for integer
 * n >= 0 (stirlerr(0) = 0 by convention). Hörmann's fc(k) in BTRD equals stirlerr(k + 1).
 */
export function stirlerr(n: number): number {
  if (n < 16) return STIRLERR_TABLE[n] as number;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** log(n!) for integer n >= 0. */
export function logFactorial(n: number): number {
  if (n < LOG_FACTORIAL_TABLE_SIZE) return LOG_FACTORIAL_TABLE[n] as number;
  return (n + 0.5) * Math.log(n) - n + LN_SQRT_2PI + stirlerr(n);
}

/**
 * The deviance term bd0(x, np) = x log(x / np) + np - x, computed without cancellation when x is close to np
 * (Loader 2000). Requires x > 0 and np > 0.
 */
export function bd0(x: number, np: number): number {
  const d = x - np;
  if (Math.abs(d) < 0.1 * (x + np)) {
    let v = d / (x + np);
    let s = d * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 3; j < 200; j += 2) {
      ej *= v;
      const s1 = s + ej / j;
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/**
 * log P(X = x) for X ~ Binomial(n, p), with q = 1 - p passed separately so a caller that knows q exactly
 * (e.g. as (N - n) / N) keeps its precision. Returns -Infinity outside the support.
 */
export function logBinomialPmf(x: number, n: number, p: number, q: number): number {
  if (x < 0 || x > n) return Number.NEGATIVE_INFINITY;
  if (p === 0) return x === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (q === 0) return x === n ? 0 : Number.NEGATIVE_INFINITY;
  if (x === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  }
  if (x === n) {
    return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  }
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}

/** log P(X = x) for X ~ Poisson(mean). Returns -Infinity outside the support. */
export function logPoissonPmf(x: number, mean: number): number {
  if (x < 0) return Number.NEGATIVE_INFINITY;
  if (mean === 0) return x === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (x === 0) return -mean;
  return -stirlerr(x) - bd0(x, mean) - 0.5 * (LN_2PI + Math.log(x));
}

/**
 * log P(X = x) where X counts the good items among `draws` drawn without replacement from `good` good and
 * `bad` bad items, as a ratio of three binomial pmfs with p = draws / total (R's dhyper).
 */
export function logHypergeometricPmf(x: number, good: number, bad: number, draws: number): number {
  if (x < 0 || x > good || x > draws || draws - x > bad) return Number.NEGATIVE_INFINITY;
  if (draws === 0) return 0;
  const total = good + bad;
  const p = draws / total;
  const q = (total - draws) / total;
  return (
    logBinomialPmf(x, good, p, q) + logBinomialPmf(draws - x, bad, p, q) - logBinomialPmf(draws, total, p, q)
  );
}
