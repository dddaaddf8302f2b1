import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypergeometric } from '../../src/random/hypergeometric.js';
import { logHypergeometricPmf } from '../../src/random/special.js';
import { streamFor } from '../../src/random/stream.js';
import { expectMoments, expectPmf, sample } from './stats-helpers.js';

const draws = (seed: string, good: number, bad: number, n: number, count: number) => {
  const rng = streamFor(seed, 0, 'hypergeometric');
  return sample(count, () => hypergeometric(rng, good, bad, n));
};

function theory(good: number, bad: number, n: number): [number, number] {
  const total = good + bad;
  const mean = (n * good) / total;
  return [mean, (mean * (bad / total) * (total - n)) / (total - 1)];
}

describe('hypergeometric', () => {
  it('gives a fixed sequence for a fixed seed (inversion and HRUA)', () => {
    expect(Array.from(draws('seq', 30, 70, 10, 6))).toMatchInlineSnapshot(`
      [
        3,
        5,
        1,
        3,
        3,
        4,
      ]
    `);
    expect(Array.from(draws('seq', 3e6, 7e6, 1e6, 6))).toMatchInlineSnapshot(`
      [
        299687,
        300110,
        299896,
        300520,
        299804,
        300357,
      ]
    `);
  });

  it('handles the edge cases without drawing', () => {
    let calls = 0;
    const rng = () => {
      calls++;
      return 0.5;
    };
    expect(hypergeometric(rng, 5, 7, 0)).toBe(0);
    expect(hypergeometric(rng, 0, 7, 4)).toBe(0);
    expect(hypergeometric(rng, 5, 0, 4)).toBe(4);
    expect(hypergeometric(rng, 5, 7, 12)).toBe(5);
    expect(hypergeometric(rng, 0, 0, 0)).toBe(0);
    expect(calls).toBe(0);
  });

  it('rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(() => hypergeometric(rng, 5, 7, 13)).toThrow(/exceeds/);
    expect(() => hypergeometric(rng, -1, 7, 3)).toThrow(RangeError);
    expect(() => hypergeometric(rng, 5, 7.5, 3)).toThrow(RangeError);
  });

  // Variance < 300 takes inversion from the mode, larger takes HRUA; each symmetry is exercised.
  const cases: [string, number, number, number][] = [
    ['inversion, tiny', 3, 5, 4],
    ['inversion, good > bad', 70, 30, 10],
    ['inversion, draws > total/2', 30, 70, 90],
    ['inversion, sd ≈ 17', 3000, 7000, 1700],
    ['inversion, rare good in a huge urn', 100, 9_999_900, 1_000_000],
    ['HRUA, moderate', 3000, 7000, 3000],
    ['HRUA, good > bad and draws > total/2', 700_000, 300_000, 600_000],
    ['HRUA, total 1e7', 3_000_000, 7_000_000, 1_000_000],
    ['HRUA, total 1e7, half drawn', 5_000_000, 5_000_000, 5_000_000],
  ];
  for (const [label, good, bad, n] of cases) {
    it(`matches mean and variance: ${label} (${good}, ${bad}, ${n})`, () => {
      const [mean, variance] = theory(good, bad, n);
      expectMoments(draws(label, good, bad, n, 40_000), mean, variance);
    });
  }

  for (const [good, bad, n] of [
    [10, 5, 12],
    [300, 700, 200],
    [30_000, 70_000, 10_000],
  ] as const) {
    it(`matches the pmf (chi-square) for (${good}, ${bad}, ${n})`, () => {
      expectPmf(
        draws(`pmf${good}`, good, bad, n, 50_000),
        (k) => Math.exp(logHypergeometricPmf(k, good, bad, n)),
        Math.max(0, n - bad),
        Math.min(n, good),
      );
    });
  }

  it('stays in its support', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (good, bad, fraction, seed) => {
          const n = Math.round(fraction * (good + bad));
          const rng = streamFor(seed, 0, 'prop');
          for (let i = 0; i < 3; i++) {
            const x = hypergeometric(rng, good, bad, n);
            expect(Number.isInteger(x)).toBe(true);
            expect(x).toBeGreaterThanOrEqual(Math.max(0, n - bad));
            expect(x).toBeLessThanOrEqual(Math.min(n, good));
          }
        },
      ),
      { numRuns: 300, seed: 20240601 },
    );
  });

  it('stays in its support for small urns', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.nat(),
        fc.integer(),
        (good, bad, n0, seed) => {
          const n = n0 % (good + bad + 1);
          const x = hypergeometric(streamFor(seed, 0, 'prop'), good, bad, n);
          expect(x).toBeGreaterThanOrEqual(Math.max(0, n - bad));
          expect(x).toBeLessThanOrEqual(Math.min(n, good));
        },
      ),
      {
        numRuns: 300,
        seed: 20240601,
      },
    );
  });
});
