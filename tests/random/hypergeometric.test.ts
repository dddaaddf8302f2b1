import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypergeometric, hypergeometricByLogs } from '../../src/random/hypergeometric.js';
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

  // The inversion takes f(mode) as a product of ratios when that is short, and falls back on the
  // log-pmfs with the same uniform when a partial sum of its walk comes within 1e-9 of the uniform:
  // every draw and every uniform used must be the log-pmfs' own.
  describe('f(mode) by products: the same draws as by log-pmfs', () => {
    /** Draws of `f` from a stream, with how many uniforms each used; `first` replaces the first uniform. */
    const run = (
      f: typeof hypergeometric,
      seed: string,
      params: readonly (readonly [number, number, number])[],
      first?: number,
    ) => {
      const stream = streamFor(seed, 0, 'products');
      let used = 0;
      const rng = () => {
        used++;
        const u = stream();
        return used === 1 && first !== undefined ? first : u;
      };
      return params.map(([g, b, n]) => {
        const before = used;
        return [f(rng, g, b, n), used - before];
      });
    };

    it('on random urns, small to 2^50 (the same values and uniforms)', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 3000 })),
          fc.oneof(
            fc.integer({ min: 0, max: 200 }),
            fc.integer({ min: 0, max: 1e6 }),
            fc.constantFrom(1e9, 1e12, 2 ** 50),
          ),
          fc.oneof(fc.integer({ min: 0, max: 70 }), fc.double({ min: 0, max: 1, noNaN: true })),
          fc.string(),
          (good, bad, d, seed) => {
            const total = good + bad;
            const n = Number.isInteger(d) ? Math.min(d, total) : Math.round(d * total);
            const params = Array.from({ length: 40 }, () => [good, bad, n] as const);
            expect(run(hypergeometric, seed, params)).toEqual(run(hypergeometricByLogs, seed, params));
          },
        ),
        { numRuns: 1500, seed: 20261206 },
      );
    });

    it('with the uniform at, and within 1e-8 of, each partial sum of the walk', () => {
      // reduced urns (good ≤ bad, draws ≤ total / 2), so the walk runs on these very parameters
      const urns: [number, number, number][] = [
        [1, 1, 1],
        [1, 5, 1],
        [2, 2, 2],
        [3, 5, 4],
        [5, 20, 3],
        [10, 90, 1],
        [10, 90, 7],
        [20, 40, 30],
        [30, 70, 10],
        [64, 3000, 20],
        [300, 2400, 1],
        [1, 1e9, 1],
        [3, 1e12, 4e11],
        [40, 2 ** 50, 10],
      ];
      const offsets = [0, 1e-16, 1e-13, 1e-10, 5e-10, 1e-9, 2e-9, 1e-8];
      let cases = 0;
      for (const [g, b, n] of urns) {
        const pmf = (k: number) => Math.exp(logHypergeometricPmf(k, g, b, n));
        const hi = Math.min(g, n);
        const mode = Math.floor(((n + 1) * (g + 1)) / (g + b + 2));
        // the walk's order: the mode, then alternately one down and one up
        const sums: number[] = [];
        let s = pmf(mode);
        sums.push(s);
        for (let d = 1; mode - d >= 0 || mode + d <= hi; d++) {
          if (mode - d >= 0) {
            s += pmf(mode - d);
            sums.push(s);
          }
          if (mode + d <= hi) {
            s += pmf(mode + d);
            sums.push(s);
          }
        }
        for (const at of sums.slice(0, 12))
          for (const off of offsets)
            for (const sign of [-1, 1]) {
              const u = at + sign * off;
              if (!(u >= 0 && u < 1)) continue;
              const params = [[g, b, n] as const, [g, b, n] as const];
              expect(run(hypergeometric, 'edge', params, u)).toEqual(
                run(hypergeometricByLogs, 'edge', params, u),
              );
              cases++;
            }
      }
      expect(cases).toBeGreaterThan(500);
    });
  });
});
