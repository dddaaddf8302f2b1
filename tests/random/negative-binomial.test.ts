import { describe, expect, it } from 'vitest';
import { negativeBinomial } from '../../src/random/negative-binomial.js';
import { streamFor } from '../../src/random/stream.js';
import { expectMoments, sample } from './stats-helpers.js';

describe('negativeBinomial', () => {
  it('gives a fixed sequence for a fixed seed', () => {
    const rng = streamFor('seq', 0, 'negative-binomial');
    expect(Array.from(sample(6, () => negativeBinomial(rng, 40, 3)))).toMatchInlineSnapshot(`
      [
        40,
        45,
        24,
        55,
        100,
        51,
      ]
    `);
  });

  for (const [mean, dispersion] of [
    [2, 0.5],
    [40, 3],
    [1000, 20],
    [5e5, 1e4],
    [12, Number.POSITIVE_INFINITY],
  ] as const) {
    it(`matches mean and variance mean + mean²/k for mean ${mean}, k ${dispersion}`, () => {
      const rng = streamFor(`m${mean},${dispersion}`, 0, 'negative-binomial');
      const xs = sample(60_000, () => negativeBinomial(rng, mean, dispersion));
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expectMoments(xs, mean, mean + (mean * mean) / dispersion);
    });
  }

  it('returns 0 for mean 0 and rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(negativeBinomial(rng, 0, 2)).toBe(0);
    expect(() => negativeBinomial(rng, 5, 0)).toThrow(RangeError);
    expect(() => negativeBinomial(rng, -1, 2)).toThrow(RangeError);
    expect(() => negativeBinomial(rng, 5, Number.NaN)).toThrow(RangeError);
  });
});
