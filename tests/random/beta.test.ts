import { describe, expect, it } from 'vitest';
import { beta } from '../../src/random/beta.js';
import { streamFor } from '../../src/random/stream.js';
import { expectMoments, sample } from './stats-helpers.js';

describe('beta', () => {
  it('gives a fixed sequence for a fixed seed (plain and log-space branches)', () => {
    const rng = streamFor('seq', 0, 'beta');
    expect(Array.from(sample(4, () => beta(rng, 2, 5)))).toMatchInlineSnapshot(`
      [
        0.23424736378528233,
        0.1344669326318391,
        0.0688925386411396,
        0.2849610678781075,
      ]
    `);
    expect(Array.from(sample(4, () => beta(rng, 0.5, 3)))).toMatchInlineSnapshot(`
      [
        0.35684621337506006,
        0.32894083110283534,
        0.010570402992400182,
        0.08343667266902725,
      ]
    `);
  });

  for (const [a, b] of [
    [2, 5],
    [30, 70],
    [0.5, 0.5],
    [0.2, 4],
    [0.01, 0.02],
  ] as const) {
    it(`matches mean and variance for a=${a}, b=${b}`, () => {
      const rng = streamFor(`m${a},${b}`, 0, 'beta');
      const xs = sample(100_000, () => beta(rng, a, b));
      expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
      const s = a + b;
      expectMoments(xs, a / s, (a * b) / (s * s * (s + 1)));
    });
  }

  it('rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(() => beta(rng, 0, 1)).toThrow(RangeError);
    expect(() => beta(rng, 1, -2)).toThrow(RangeError);
  });
});
