import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/random/stream.js';
import { triangular } from '../../src/random/triangular.js';
import { expectMoments, sample } from './stats-helpers.js';

describe('triangular', () => {
  it('gives a fixed sequence for a fixed seed', () => {
    const rng = streamFor('seq', 0, 'triangular');
    expect(Array.from(sample(4, () => triangular(rng, 0, 1, 3)))).toMatchInlineSnapshot(`
      [
        1.0893674267617361,
        0.8390489433801073,
        2.348082198219388,
        0.5606268032837973,
      ]
    `);
  });

  for (const [min, mode, max] of [
    [0, 1, 3],
    [-5, -5, 5],
    [2, 10, 10],
  ] as const) {
    it(`stays in range and matches mean and variance for (${min}, ${mode}, ${max})`, () => {
      const rng = streamFor(`m${min},${mode},${max}`, 0, 'triangular');
      const xs = sample(100_000, () => triangular(rng, min, mode, max));
      expect(xs.every((x) => x >= min && x <= max)).toBe(true);
      const mean = (min + mode + max) / 3;
      const variance = (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18;
      expectMoments(xs, mean, variance);
      // P(X <= mode) = (mode - min) / (max - min)
      const below = xs.filter((x) => x <= mode).length / xs.length;
      const p = (mode - min) / (max - min);
      expect(Math.abs(below - p)).toBeLessThanOrEqual(4.5 * Math.sqrt((p * (1 - p)) / xs.length) + 1e-12);
    });
  }

  it('returns the point of a degenerate triangle and rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(triangular(rng, 4, 4, 4)).toBe(4);
    expect(() => triangular(rng, 0, 5, 3)).toThrow(RangeError);
    expect(() => triangular(rng, 0, Number.NaN, 3)).toThrow(RangeError);
  });

  it('stays in [min, max] when the width is so small that its products underflow', () => {
    // fast-check found [-3.04e-162, 0, 0]: u · width · left is subnormal, and its square root
    // overshot max by up to 4%.
    const rng = streamFor(2, 0, 'tiny');
    const [min, mode, max] = [-3.0369053508473355e-162, 0, 0];
    for (let i = 0; i < 10_000; i++) {
      const v = triangular(rng, min, mode, max);
      expect(v).toBeGreaterThanOrEqual(min);
      expect(v).toBeLessThanOrEqual(max);
    }
  });
});
