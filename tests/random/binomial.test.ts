import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomial } from '../../src/random/binomial.js';
import { logBinomialPmf } from '../../src/random/special.js';
import { streamFor } from '../../src/random/stream.js';
import { expectMoments, expectPmf, sample } from './stats-helpers.js';

const draws = (seed: string, n: number, p: number, count: number) => {
  const rng = streamFor(seed, 0, 'binomial');
  return sample(count, () => binomial(rng, n, p));
};

describe('binomial', () => {
  it('gives a fixed sequence for a fixed seed (inversion and BTRD)', () => {
    expect(Array.from(draws('seq', 20, 0.3, 6))).toMatchInlineSnapshot(`
      [
        8,
        3,
        5,
        4,
        6,
        5,
      ]
    `);
    expect(Array.from(draws('seq', 1000, 0.3, 6))).toMatchInlineSnapshot(`
      [
        274,
        303,
        288,
        308,
        296,
        303,
      ]
    `);
    expect(Array.from(draws('seq', 1000, 0.9, 6))).toMatchInlineSnapshot(`
      [
        917,
        897,
        907,
        893,
        902,
        897,
      ]
    `);
  });

  it('handles the degenerate cases without drawing', () => {
    let calls = 0;
    const rng = () => {
      calls++;
      return 0.5;
    };
    expect(binomial(rng, 0, 0.3)).toBe(0);
    expect(binomial(rng, 10, 0)).toBe(0);
    expect(binomial(rng, 10, 1)).toBe(10);
    expect(calls).toBe(0);
  });

  it('rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(() => binomial(rng, -1, 0.5)).toThrow(RangeError);
    expect(() => binomial(rng, 2.5, 0.5)).toThrow(RangeError);
    expect(() => binomial(rng, 10, 1.5)).toThrow(RangeError);
    expect(() => binomial(rng, 10, Number.NaN)).toThrow(RangeError);
  });

  // n·min(p, 1-p) < 20 takes inversion, larger takes BTRD; p > 1/2 goes through the symmetry.
  const cases: [string, number, number][] = [
    ['inversion, small mean', 50, 0.02],
    ['inversion, n·p just below 20', 40, 0.49],
    ['inversion, p > 1/2', 30, 0.9],
    ['inversion, huge n tiny p', 10_000_000, 3e-7],
    ['BTRD, n·p just above 20', 2000, 0.0101],
    ['BTRD, moderate', 1000, 0.3],
    ['BTRD, p > 1/2', 500, 0.75],
    ['BTRD, n = 1e7', 10_000_000, 0.3],
  ];
  for (const [label, n, p] of cases) {
    it(`matches mean and variance: ${label} (n=${n}, p=${p})`, () => {
      expectMoments(draws(label, n, p, 50_000), n * p, n * p * (1 - p));
    });
  }

  for (const [n, p] of [
    [30, 0.35],
    [200, 0.25],
    [100_000, 0.6],
  ] as const) {
    it(`matches the pmf (chi-square), n=${n}, p=${p}`, () => {
      expectPmf(draws(`pmf${n}`, n, p, 50_000), (k) => Math.exp(logBinomialPmf(k, n, p, 1 - p)), 0, n);
    });
  }

  it('stays an integer in [0, n]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (n, p, seed) => {
          const rng = streamFor(seed, 0, 'prop');
          for (let i = 0; i < 5; i++) {
            const x = binomial(rng, n, p);
            expect(Number.isInteger(x) && x >= 0 && x <= n).toBe(true);
          }
        },
      ),
      {
        numRuns: 200,
        seed: 20240601,
      },
    );
  });
});
