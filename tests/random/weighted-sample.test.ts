import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multivariateHypergeometric } from '../../src/random/multivariate-hypergeometric.js';
import { streamFor } from '../../src/random/stream.js';
import {
  successiveSamplingByClocks,
  weightedSampleWithoutReplacement,
} from '../../src/random/weighted-sample.js';
import { expectCategorical, expectMoments, tally } from './stats-helpers.js';

/**
 * Exact law of the category counts under successive sampling (multivariate Wallenius), by dynamic
 * programming over the draws: from counts drawn x, category i comes next with probability
 * w_i (c_i - x_i) / Σ_j w_j (c_j - x_j).
 */
function exactWallenius(counts: number[], weights: number[], draws: number): Map<string, number> {
  let layer = new Map<string, number>([[counts.map(() => 0).join(','), 1]]);
  for (let d = 0; d < draws; d++) {
    const next = new Map<string, number>();
    for (const [key, p] of layer) {
      const x = key.split(',').map(Number);
      let mass = 0;
      counts.forEach((c, i) => {
        mass += (weights[i] as number) * (c - (x[i] as number));
      });
      counts.forEach((c, i) => {
        const a = (weights[i] as number) * (c - (x[i] as number));
        if (a === 0) return;
        const y = x.slice();
        y[i] = (y[i] as number) + 1;
        const k = y.join(',');
        next.set(k, (next.get(k) ?? 0) + (p * a) / mass);
      });
    }
    layer = next;
  }
  return layer;
}

/** Exact mean and variance of one category's count under a law from exactWallenius. */
function marginalMoments(law: Map<string, number>, index: number): [number, number] {
  let mean = 0;
  let second = 0;
  for (const [key, p] of law) {
    const v = Number(key.split(',')[index]);
    mean += p * v;
    second += p * v * v;
  }
  return [mean, second - mean * mean];
}

describe('weightedSampleWithoutReplacement', () => {
  it('gives a fixed sequence for a fixed seed (direct and clock paths)', () => {
    const rng = streamFor('seq', 0, 'weighted');
    expect(
      weightedSampleWithoutReplacement(rng, [10, 20, 30, 40], [4, 1, 0.5, 2], 25),
    ).toMatchInlineSnapshot(`
      [
        6,
        3,
        2,
        14,
      ]
    `);
    expect(
      weightedSampleWithoutReplacement(rng, [1000, 2000, 3000, 4000], [4, 1, 0.5, 2], 5000),
    ).toMatchInlineSnapshot(`
      [
        875,
        854,
        658,
        2613,
      ]
    `);
  });

  it('handles the edge cases', () => {
    const rng = streamFor(1, 0, 'edge');
    expect(weightedSampleWithoutReplacement(rng, [], [], 0)).toEqual([]);
    expect(weightedSampleWithoutReplacement(rng, [3, 4], [1, 2], 0)).toEqual([0, 0]);
    expect(weightedSampleWithoutReplacement(rng, [3, 4], [1, 2], 7)).toEqual([3, 4]);
    expect(weightedSampleWithoutReplacement(rng, [3, 0, 4], [1, 5, 2], 7)).toEqual([3, 0, 4]);
    expect(weightedSampleWithoutReplacement(rng, [0, 5, 2], [1, 2, 3], 7)).toEqual([0, 5, 2]);
  });

  it('rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(() => weightedSampleWithoutReplacement(rng, [3, 4], [1], 2)).toThrow(/entries/);
    expect(() => weightedSampleWithoutReplacement(rng, [3, 4], [1, -1], 2)).toThrow('weights[1]');
    expect(() => weightedSampleWithoutReplacement(rng, [3, 4], [1, Number.POSITIVE_INFINITY], 2)).toThrow(
      RangeError,
    );
    expect(() => weightedSampleWithoutReplacement(rng, [3, 4.5], [1, 1], 2)).toThrow('counts[1]');
    expect(() => weightedSampleWithoutReplacement(rng, [3, 4], [1, 1], 8)).toThrow(/exceeds/);
  });

  it('matches the exact Wallenius law on small urns (direct path)', () => {
    const rng = streamFor('small', 0, 'weighted');
    for (const [counts, weights, draws] of [
      [[3, 4, 2], [1, 2.5, 0.5], 5],
      [[6, 0, 5, 4], [1, 7, 0.2, 3], 9],
    ] as [number[], number[], number][]) {
      const n = 20_000;
      const observed = tally(n, () => weightedSampleWithoutReplacement(rng, counts, weights, draws));
      expectCategorical(observed, exactWallenius(counts, weights, draws), n);
    }
  });

  it('matches the exact Wallenius law through the clock bisection, whatever the final batch size', () => {
    const counts = [4, 6, 5];
    const weights = [1, 3, 0.4];
    const law = exactWallenius(counts, weights, 7);
    for (const finalBatch of [0, 3, 32]) {
      const rng = streamFor('clocks', finalBatch, 'weighted');
      const n = 10_000;
      const observed = tally(n, () => successiveSamplingByClocks(rng, counts, weights, 7, [], finalBatch));
      expectCategorical(observed, law, n);
    }
  });

  it('matches the exact Wallenius law and moments when the public function takes the clock path', () => {
    const counts = [40, 30, 50];
    const weights = [1, 2, 3.5];
    const draws = 60; // above the direct-sampling limit
    const law = exactWallenius(counts, weights, draws);
    const rng = streamFor('clock-path', 0, 'weighted');
    const n = 10_000;
    const results: number[][] = [];
    const observed = tally(n, () => {
      const x = weightedSampleWithoutReplacement(rng, counts, weights, draws);
      results.push(x);
      return x;
    });
    expectCategorical(observed, law, n);
    counts.forEach((_, i) => {
      const [mean, variance] = marginalMoments(law, i);
      expectMoments(
        results.map((x) => x[i] as number),
        mean,
        variance,
      );
    });
  });

  it('with equal weights is the multivariate hypergeometric (same draws as the shortcut, same law by clocks)', () => {
    const counts = [30, 20, 25];
    expect(weightedSampleWithoutReplacement(streamFor(5, 0, 'eq'), counts, [2, 2, 2], 35)).toEqual(
      multivariateHypergeometric(streamFor(5, 0, 'eq'), counts, 35),
    );
    // The clock bisection itself, with equal weights, against the hypergeometric moments.
    const rng = streamFor('equal', 0, 'weighted');
    const n = 10_000;
    const total = 75;
    const samples = counts.map(() => new Float64Array(n));
    for (let r = 0; r < n; r++) {
      successiveSamplingByClocks(rng, counts, [1, 1, 1], 35, [], 4).forEach((v, i) => {
        (samples[i] as Float64Array)[r] = v;
      });
    }
    counts.forEach((c, i) => {
      const p = c / total;
      expectMoments(samples[i] as Float64Array, 35 * p, (35 * p * (1 - p) * (total - 35)) / (total - 1));
    });
  });

  it('with equal weights matches the hypergeometric law on a large urn via the clocks', () => {
    const counts = [200_000, 50_000, 1_000_000, 750_000];
    const total = 2_000_000;
    const draws = 600_000;
    const rng = streamFor('equal-large', 0, 'weighted');
    const n = 4000;
    const samples = counts.map(() => new Float64Array(n));
    for (let r = 0; r < n; r++) {
      successiveSamplingByClocks(rng, counts, [1, 1, 1, 1], draws).forEach((v, i) => {
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

  it('draws weight-0 individuals only after all others, uniformly among themselves', () => {
    const rng = streamFor('zero', 0, 'weighted');
    const n = 10_000;
    const observed = tally(n, () => weightedSampleWithoutReplacement(rng, [3, 2, 4], [1, 0, 0], 5));
    const law = new Map<string, number>([
      ['3,2,0', 1 / 15],
      ['3,1,1', 8 / 15],
      ['3,0,2', 6 / 15],
    ]);
    expectCategorical(observed, law, n);
    for (let r = 0; r < 100; r++) {
      const [a, zero, b] = weightedSampleWithoutReplacement(rng, [3, 2, 4], [1, 0, 2], 6);
      expect(zero).toBe(0);
      expect((a as number) + (b as number)).toBe(6);
    }
  });

  it('sums exactly to draws and respects every count', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 100_000 }),
            fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e3, noNaN: true })),
          ),
          {
            maxLength: 12,
          },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (cats, fraction, seed) => {
          const counts = cats.map(([c]) => c);
          const weights = cats.map(([, w]) => w);
          const total = counts.reduce((a, b) => a + b, 0);
          const draws = Math.floor(fraction * total);
          const x = weightedSampleWithoutReplacement(streamFor(seed, 0, 'prop'), counts, weights, draws);
          expect(x).toHaveLength(counts.length);
          expect(x.reduce((a, b) => a + b, 0)).toBe(draws);
          x.forEach((v, i) => {
            expect(Number.isInteger(v) && v >= 0 && v <= (counts[i] as number)).toBe(true);
          });
        },
      ),
      { numRuns: 200, seed: 20240601 },
    );
  });
});
