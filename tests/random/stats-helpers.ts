/**
 * Statistical checks shared by the tests in this folder (not a test file itself). Every caller passes a
 * fixed-seed stream, so each check is deterministic; the tolerances (4-5 standard errors) only decide how
 * far from theory a seeded sample may sit before we call it a bug.
 */
import { expect } from 'vitest';

export interface Moments {
  n: number;
  mean: number;
  variance: number;
  /** Standard error of the sample variance, from the sample's fourth central moment. */
  varianceSe: number;
}

export function moments(values: ArrayLike<number>): Moments {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  const variance = m2 / (n - 1);
  m4 /= n;
  return { n, mean, variance, varianceSe: Math.sqrt(Math.max(m4 - variance * variance, 0) / n) };
}

export function sample(n: number, draw: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

/** Sample mean and variance within `z` standard errors of the theoretical values. */
export function expectMoments(values: ArrayLike<number>, mean: number, variance: number, z = 4.5): void {
  const m = moments(values);
  const meanSe = Math.sqrt(variance / m.n);
  expect(Math.abs(m.mean - mean), `mean ${m.mean} vs ${mean} (se ${meanSe})`).toBeLessThanOrEqual(
    z * meanSe + 1e-12 * Math.abs(mean),
  );
  expect(
    Math.abs(m.variance - variance),
    `variance ${m.variance} vs ${variance} (se ${m.varianceSe})`,
  ).toBeLessThanOrEqual(z * m.varianceSe + 1e-12 * variance);
}

/**
 * Pearson chi-square of integer draws against a pmf over lo..hi, pooling neighbouring values until each bin
 * expects at least 10; everything outside lo..hi must have (numerically) zero probability. Expects the
 * statistic within z standard deviations of its mean (normal approximation to the chi-square).
 */
export function expectPmf(
  values: ArrayLike<number>,
  pmf: (k: number) => number,
  lo: number,
  hi: number,
  z = 4.5,
): void {
  const n = values.length;
  const counts = new Map<number, number>();
  const bad: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || v < lo || v > hi) bad.push(v);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  expect(bad, `draws that are not integers in ${lo}..${hi}`).toEqual([]);
  let stat = 0;
  let bins = 0;
  let observed = 0;
  let expected = 0;
  let mass = 0;
  for (let k = lo; k <= hi; k++) {
    const p = pmf(k);
    mass += p;
    observed += counts.get(k) ?? 0;
    expected += n * p;
    if (expected >= 10 || k === hi) {
      if (expected > 0) {
        stat += (observed - expected) ** 2 / expected;
        bins++;
      }
      observed = 0;
      expected = 0;
    }
  }
  expect(mass).toBeCloseTo(1, 9);
  const df = bins - 1;
  expect(df).toBeGreaterThan(0);
  expect((stat - df) / Math.sqrt(2 * df), `chi-square ${stat} on ${df} df`).toBeLessThan(z);
}

/**
 * Pearson chi-square of observed outcomes (any keys) against exact probabilities, pooling all outcomes that
 * expect fewer than 10 into one bin. Outcomes missing from `exact` are impossible and fail the check.
 */
export function expectCategorical<K>(
  observed: Map<K, number>,
  exact: Map<K, number>,
  n: number,
  z = 4.5,
): void {
  const impossible = [...observed.keys()].filter((key) => !exact.has(key));
  expect(impossible, 'outcomes with probability 0').toEqual([]);
  let stat = 0;
  let bins = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  let mass = 0;
  for (const [key, p] of exact) {
    mass += p;
    const e = n * p;
    const o = observed.get(key) ?? 0;
    if (e < 10) {
      pooledObserved += o;
      pooledExpected += e;
      continue;
    }
    stat += (o - e) ** 2 / e;
    bins++;
  }
  if (pooledExpected > 0) {
    stat += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    bins++;
  }
  expect(mass).toBeCloseTo(1, 9);
  const df = bins - 1;
  expect(df).toBeGreaterThan(0);
  expect((stat - df) / Math.sqrt(2 * df), `chi-square ${stat} on ${df} df`).toBeLessThan(z);
}

/** Tally of outcome vectors, keyed by their comma-joined form. */
export function tally(n: number, draw: () => ArrayLike<number>): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = Array.from(draw()).join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
