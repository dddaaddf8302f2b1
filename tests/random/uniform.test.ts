import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/random/stream.js';
import { uniform } from '../../src/random/uniform.js';
import { expectMoments, sample } from './stats-helpers.js';

describe('uniform', () => {
  it('gives a fixed sequence for a fixed seed', () => {
    const rng = streamFor('seq', 0, 'uniform');
    expect(Array.from(sample(4, () => uniform(rng, -2, 6)))).toMatchInlineSnapshot(`
      [
        1.2259724736213684,
        -1.792931329458952,
        0.44053832441568375,
        -0.1597775723785162,
      ]
    `);
  });

  it('stays in [lo, hi) and matches mean and variance', () => {
    const rng = streamFor('moments', 0, 'uniform');
    const xs = sample(100_000, () => uniform(rng, 10, 25));
    expect(xs.every((x) => x >= 10 && x < 25)).toBe(true);
    expectMoments(xs, 17.5, 225 / 12);
  });

  it('never returns hi, even when rounding would', () => {
    expect(uniform(() => 1 - 2 ** -53, 0.1, 0.1 + 2 ** -52)).toBeLessThan(0.1 + 2 ** -52);
    expect(uniform(() => 0.5, 3, 3)).toBe(3);
  });

  it('rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(() => uniform(rng, 2, 1)).toThrow(RangeError);
    expect(() => uniform(rng, 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
