import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multinomial } from '../../src/random/multinomial.js';
import { streamFor } from '../../src/random/stream.js';
import { expectMoments } from './stats-helpers.js';

describe('multinomial', () => {
  it('gives a fixed sequence for a fixed seed', () => {
    const rng = streamFor('seq', 0, 'multinomial');
    expect(multinomial(rng, 50, [0.2, 0, 0.5, 0.3])).toMatchInlineSnapshot(`
      [
        10,
        0,
        20,
        20,
      ]
    `);
    expect(multinomial(rng, 1_000_000, [1, 2, 3, 4])).toMatchInlineSnapshot(`
      [
        99568,
        199848,
        299766,
        400818,
      ]
    `);
  });

  it('handles the edge cases', () => {
    const rng = streamFor(1, 0, 'edge');
    expect(multinomial(rng, 0, [0.5, 0.5])).toEqual([0, 0]);
    expect(multinomial(rng, 0, [0, 0])).toEqual([0, 0]);
    expect(multinomial(rng, 9, [0, 3, 0])).toEqual([0, 9, 0]);
    expect(multinomial(rng, 9, [0, 0, 2])).toEqual([0, 0, 9]);
  });

  it('writes into and resizes `out`', () => {
    const out = [1, 2, 3, 4];
    expect(multinomial(streamFor(1, 0, 'out'), 5, [1, 0], out)).toBe(out);
    expect(out).toEqual([5, 0]);
  });

  it('rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(() => multinomial(rng, 3, [0, 0])).toThrow(/positive/);
    expect(() => multinomial(rng, 3, [0.5, -0.1])).toThrow('probs[1]');
    expect(() => multinomial(rng, 3, [0.5, Number.NaN])).toThrow(RangeError);
    expect(() => multinomial(rng, -3, [0.5])).toThrow(RangeError);
  });

  for (const [label, n, probs] of [
    ['few trials (inversion)', 30, [0.1, 0.25, 0, 0.4, 0.25]],
    ['many trials, unnormalised (BTRD)', 100_000, [3, 1, 6, 10]],
  ] as [string, number, number[]][]) {
    it(`matches the marginal means and variances: ${label}`, () => {
      const rng = streamFor(label, 0, 'moments');
      const sum = probs.reduce((a, b) => a + b, 0);
      const runs = 20_000;
      const samples = probs.map(() => new Float64Array(runs));
      for (let r = 0; r < runs; r++) {
        multinomial(rng, n, probs).forEach((v, i) => {
          (samples[i] as Float64Array)[r] = v;
        });
      }
      probs.forEach((w, i) => {
        const p = w / sum;
        expectMoments(samples[i] as Float64Array, n * p, n * p * (1 - p));
      });
    });
  }

  it('sums exactly to n and puts nothing on zero probabilities', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.integer(),
        (n, probs, seed) => {
          fc.pre(probs.some((p) => p > 0));
          const x = multinomial(streamFor(seed, 0, 'prop'), n, probs);
          expect(x.reduce((a, b) => a + b, 0)).toBe(n);
          x.forEach((v, i) => {
            expect(Number.isInteger(v) && v >= 0).toBe(true);
            if (probs[i] === 0) expect(v).toBe(0);
          });
        },
      ),
      { numRuns: 300, seed: 20240601 },
    );
  });
});
