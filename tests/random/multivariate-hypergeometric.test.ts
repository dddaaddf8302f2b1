import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multivariateHypergeometric } from '../../src/random/multivariate-hypergeometric.js';
import { logFactorial } from '../../src/random/special.js';
import { streamFor } from '../../src/random/stream.js';
import { expectCategorical, expectMoments, tally } from './stats-helpers.js';

const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

/** Exact joint pmf of the multivariate hypergeometric, by enumeration (small cases only). */
function exactPmf(counts: number[], draws: number): Map<string, number> {
  const total = counts.reduce((a, b) => a + b, 0);
  const out = new Map<string, number>();
  const rec = (i: number, left: number, prefix: number[], logp: number) => {
    if (i === counts.length - 1) {
      if (left <= (counts[i] as number)) {
        const x = [...prefix, left];
        out.set(x.join(','), Math.exp(logp + logChoose(counts[i] as number, left) - logChoose(total, draws)));
      }
      return;
    }
    for (let x = 0; x <= Math.min(left, counts[i] as number); x++) {
      rec(i + 1, left - x, [...prefix, x], logp + logChoose(counts[i] as number, x));
    }
  };
  rec(0, draws, [], 0);
  return out;
}

describe('multivariateHypergeometric', () => {
  it('gives a fixed sequence for a fixed seed', () => {
    const rng = streamFor('seq', 0, 'mvh');
    expect(multivariateHypergeometric(rng, [10, 0, 25, 7, 300], 120)).toMatchInlineSnapshot(`
      [
        3,
        0,
        7,
        4,
        106,
      ]
    `);
    expect(multivariateHypergeometric(rng, [1e6, 2e6, 3e6], 2.5e6)).toMatchInlineSnapshot(`
      [
        416813,
        833208,
        1249979,
      ]
    `);
  });

  it('handles the edge cases', () => {
    const rng = streamFor(1, 0, 'edge');
    expect(multivariateHypergeometric(rng, [], 0)).toEqual([]);
    expect(multivariateHypergeometric(rng, [3, 4], 0)).toEqual([0, 0]);
    expect(multivariateHypergeometric(rng, [3, 0, 4], 7)).toEqual([3, 0, 4]);
    expect(multivariateHypergeometric(rng, [0, 5, 0], 2)).toEqual([0, 2, 0]);
  });

  it('writes into and resizes `out`', () => {
    const out = [9, 9, 9, 9, 9];
    const result = multivariateHypergeometric(streamFor(1, 0, 'out'), [3, 4], 7, out);
    expect(result).toBe(out);
    expect(out).toEqual([3, 4]);
  });

  it('rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(() => multivariateHypergeometric(rng, [3, 4], 8)).toThrow(/exceeds/);
    expect(() => multivariateHypergeometric(rng, [3, -1], 1)).toThrow('counts[1]');
    expect(() => multivariateHypergeometric(rng, [3, 1.5], 1)).toThrow(RangeError);
    expect(() => multivariateHypergeometric(rng, [3, 4], -1)).toThrow(RangeError);
  });

  for (const [label, counts, draws] of [
    ['small urn', [5, 12, 3, 30], 20],
    ['large urn', [200_000, 50_000, 1_000_000, 750_000], 600_000],
  ] as [string, number[], number][]) {
    it(`matches the marginal means and variances: ${label}`, () => {
      const rng = streamFor(label, 0, 'moments');
      const total = counts.reduce((a, b) => a + b, 0);
      const samples = counts.map(() => new Float64Array(10_000));
      for (let r = 0; r < 10_000; r++) {
        const x = multivariateHypergeometric(rng, counts, draws);
        x.forEach((v, i) => {
          (samples[i] as Float64Array)[r] = v;
        });
      }
      counts.forEach((c, i) => {
        const p = c / total;
        expectMoments(
          samples[i] as Float64Array,
          draws * p,
          (draws * p * (1 - p) * (total - draws)) / (total - 1),
        );
      });
    });
  }

  it('matches the exact joint pmf (chi-square)', () => {
    const counts = [4, 6, 3, 5];
    const rng = streamFor('joint', 0, 'mvh');
    expectCategorical(
      tally(40_000, () => multivariateHypergeometric(rng, counts, 7)),
      exactPmf(counts, 7),
      40_000,
    );
  });

  it('sums exactly to draws and respects every count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (counts, fraction, seed) => {
          const total = counts.reduce((a, b) => a + b, 0);
          const draws = Math.floor(fraction * total);
          const x = multivariateHypergeometric(streamFor(seed, 0, 'prop'), counts, draws);
          expect(x).toHaveLength(counts.length);
          expect(x.reduce((a, b) => a + b, 0)).toBe(draws);
          x.forEach((v, i) => {
            expect(Number.isInteger(v) && v >= 0 && v <= (counts[i] as number)).toBe(true);
          });
        },
      ),
      {
        numRuns: 300,
        seed: 20240601,
      },
    );
  });
});
