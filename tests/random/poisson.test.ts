import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poisson } from '../../src/random/poisson.js';
import { logPoissonPmf } from '../../src/random/special.js';
import { streamFor } from '../../src/random/stream.js';
import { expectMoments, expectPmf, sample } from './stats-helpers.js';

const draws = (seed: string, mean: number, count: number) => {
  const rng = streamFor(seed, 0, 'poisson');
  return sample(count, () => poisson(rng, mean));
};

describe('poisson', () => {
  it('gives a fixed sequence for a fixed seed (inversion and PTRS)', () => {
    expect(Array.from(draws('seq', 4, 6))).toMatchInlineSnapshot(`
      [
        6,
        1,
        3,
        3,
        2,
        6,
      ]
    `);
    expect(Array.from(draws('seq', 500, 6))).toMatchInlineSnapshot(`
      [
        522,
        492,
        477,
        495,
        521,
        531,
      ]
    `);
  });

  it('returns 0 for mean 0 without drawing', () => {
    let calls = 0;
    expect(
      poisson(() => {
        calls++;
        return 0.5;
      }, 0),
    ).toBe(0);
    expect(calls).toBe(0);
  });

  it('rejects invalid means', () => {
    const rng = streamFor(1, 0, 'x');
    expect(() => poisson(rng, -1)).toThrow(RangeError);
    expect(() => poisson(rng, Number.NaN)).toThrow(RangeError);
    expect(() => poisson(rng, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  // mean < 25 takes inversion, larger takes PTRS.
  for (const mean of [0.01, 0.7, 5, 24.9, 25, 60, 1e4, 1e8]) {
    it(`matches mean and variance for mean ${mean}`, () => {
      expectMoments(draws(`m${mean}`, mean, 50_000), mean, mean);
    });
  }

  for (const mean of [3.5, 40]) {
    it(`matches the pmf (chi-square) for mean ${mean}`, () => {
      expectPmf(
        draws(`pmf${mean}`, mean, 50_000),
        (k) => Math.exp(logPoissonPmf(k, mean)),
        0,
        Math.ceil(mean * 4 + 40),
      );
    });
  }

  it('returns a non-negative integer', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer(), (mean, seed) => {
        const x = poisson(streamFor(seed, 0, 'prop'), mean);
        expect(Number.isInteger(x) && x >= 0).toBe(true);
      }),
      { numRuns: 200, seed: 20240601 },
    );
  });
});
