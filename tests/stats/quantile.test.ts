/**
 * quantileSorted: R type 7 (linear interpolation between order statistics, as numpy's default and
 * d3.quantileSorted), with the ends, ties, a single value and an empty sample.
 */

import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../src/stats/quantile.js';
import { fc, test } from '../helpers/prop.js';

const ascending = (xs: number[]) => Float64Array.from(xs).sort();

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics (type 7)', () => {
    const four = [1, 2, 3, 4];
    expect(quantileSorted(four, 0.5)).toBe(2.5);
    expect(quantileSorted(four, 0.25)).toBe(1.75);
    expect(quantileSorted(four, 0.75)).toBe(3.25);
    // numpy.quantile(range(1, 11), [0.05, 0.95]) → [1.45, 9.55]
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileSorted(ten, 0.05)).toBeCloseTo(1.45, 12);
    expect(quantileSorted(ten, 0.95)).toBeCloseTo(9.55, 12);
    // an odd count has its middle value as the median; uneven gaps interpolate within their gap
    expect(quantileSorted([10, 20, 100], 0.5)).toBe(20);
    expect(quantileSorted([10, 20, 100], 0.75)).toBe(60);
    expect(quantileSorted([-3, -1], 0.5)).toBe(-2);
  });

  it('returns the smallest value at p = 0 and below, the largest at p = 1 and above', () => {
    const xs = [3, 5, 8, 13];
    expect(quantileSorted(xs, 0)).toBe(3);
    expect(quantileSorted(xs, -0.5)).toBe(3);
    expect(quantileSorted(xs, Number.NEGATIVE_INFINITY)).toBe(3);
    expect(quantileSorted(xs, 1)).toBe(13);
    expect(quantileSorted(xs, 1.5)).toBe(13);
    expect(quantileSorted(xs, Number.POSITIVE_INFINITY)).toBe(13);
  });

  it('returns the only value of a one-value sample for every p', () => {
    for (const p of [0, 0.05, 0.5, 0.95, 1, -1, 2, Number.NaN]) expect(quantileSorted([42], p)).toBe(42);
  });

  it('is NaN for an empty sample, and for p = NaN when there is more than one value', () => {
    for (const p of [0, 0.5, 1]) expect(quantileSorted([], p)).toBeNaN();
    expect(quantileSorted(new Float32Array(0), 0.5)).toBeNaN();
    expect(quantileSorted([1, 2, 3], Number.NaN)).toBeNaN();
  });

  it('returns the tied value inside a run of ties, and interpolates only at its edges', () => {
    expect([0, 0.3, 0.5, 1].map((p) => quantileSorted([7, 7, 7, 7], p))).toEqual([7, 7, 7, 7]);
    const xs = [1, 3, 3, 3, 9];
    expect(quantileSorted(xs, 0.25)).toBe(3);
    expect(quantileSorted(xs, 0.5)).toBe(3);
    expect(quantileSorted(xs, 0.75)).toBe(3);
    expect(quantileSorted(xs, 0.1)).toBeCloseTo(1.8, 12);
    expect(quantileSorted(xs, 0.9)).toBeCloseTo(6.6, 12);
  });

  it('reads plain arrays and typed arrays alike', () => {
    const xs = [0.5, 1.5, 2.25, 8];
    for (const p of [0.05, 0.25, 0.5, 0.95]) {
      const want = quantileSorted(xs, p);
      expect(quantileSorted(Float64Array.from(xs), p)).toBe(want);
      expect(quantileSorted(Float32Array.from(xs), p)).toBe(want);
    }
  });

  // a + (b − a)·0 would be Infinity·0 = NaN here; the median of [1, 2, Infinity] is 2.
  it('takes an exact order statistic even when its neighbour is infinite', () => {
    expect(quantileSorted([1, 2, Number.POSITIVE_INFINITY], 0.5)).toBe(2);
  });
});

// Values within ±1e12 (counts, rates, days); near ±Number.MAX_VALUE, b − a overflows to Infinity.
// -0 becomes +0: interpolating from -0 gives +0, and toEqual tells the two apart.
const arbSampleOf = (maxLength: number) =>
  fc
    .array(
      fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e12, max: 1e12, noNaN: true })),
      { minLength: 1, maxLength },
    )
    .map((values) => ascending(values.map((v) => v + 0)));
const arbSample = arbSampleOf(40);
const arbP = fc.double({ min: 0, max: 1, noNaN: true });

describe('quantileSorted properties', () => {
  test.prop([arbSample, arbP, arbP])('is monotone in p and lies within [min, max]', (xs, p, q) => {
    const [lo, hi] = p <= q ? [p, q] : [q, p];
    const a = quantileSorted(xs, lo);
    const b = quantileSorted(xs, hi);
    expect(a).toBeLessThanOrEqual(b);
    expect(a).toBeGreaterThanOrEqual(xs[0] as number);
    expect(b).toBeLessThanOrEqual(xs[xs.length - 1] as number);
  });

  // Up to 22 values: (n − 1)·(k / (n − 1)) is exactly k for every n − 1 ≤ 21 (22·(15/22) is not).
  test.prop([arbSampleOf(22)])('hits every order statistic exactly at p = k / (n − 1)', (xs) => {
    const n = xs.length;
    const got = Array.from(xs, (_, k) => quantileSorted(xs, n === 1 ? 0 : k / (n - 1)));
    expect(got).toEqual(Array.from(xs));
  });

  test.prop([arbSample, arbP])('lies between the two order statistics around (n − 1)·p', (xs, p) => {
    const h = (xs.length - 1) * p;
    const below = xs[Math.floor(h)] as number;
    const above = xs[Math.ceil(h)] as number;
    const v = quantileSorted(xs, p);
    expect(v).toBeGreaterThanOrEqual(below);
    expect(v).toBeLessThanOrEqual(above);
  });

  test.prop([fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }), arbP])(
    'moves with the sample: adding a constant to every value adds it to every quantile',
    (values, p) => {
      const xs = ascending(values);
      const shifted = ascending(values.map((v) => v + 500));
      expect(quantileSorted(shifted, p)).toBeCloseTo(quantileSorted(xs, p) + 500, 9);
    },
  );
});
