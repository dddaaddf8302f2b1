import { describe, expect, it } from 'vitest';
import { gamma, logStandardGamma } from '../../src/random/gamma.js';
import { streamFor } from '../../src/random/stream.js';
import { expectMoments, sample } from './stats-helpers.js';

describe('gamma', () => {
  it('gives a fixed sequence for a fixed seed (shape >= 1 and the shape < 1 boost)', () => {
    const rng = streamFor('seq', 0, 'gamma');
    expect(Array.from(sample(4, () => gamma(rng, 2.5, 3)))).toMatchInlineSnapshot(`
      [
        5.761312730167713,
        5.882925254357303,
        7.912024312679177,
        8.311102886097995,
      ]
    `);
    expect(Array.from(sample(4, () => gamma(rng, 0.3, 1)))).toMatchInlineSnapshot(`
      [
        0.004943497973559906,
        0.02137405587318339,
        1.0318560443358198,
        0.015661466004681514,
      ]
    `);
  });

  for (const [shape, scale] of [
    [0.05, 2],
    [0.5, 1],
    [1, 3],
    [2.5, 0.4],
    [100, 0.01],
  ] as const) {
    it(`matches mean and variance for shape ${shape}, scale ${scale}`, () => {
      const rng = streamFor(`m${shape}`, 0, 'gamma');
      expectMoments(
        sample(100_000, () => gamma(rng, shape, scale)),
        shape * scale,
        shape * scale * scale,
      );
    });
  }

  it('gives the log of a gamma variate, finite even for tiny shapes', () => {
    const rng = streamFor('log', 0, 'gamma');
    const logs = sample(50_000, () => logStandardGamma(rng, 1e-3));
    expect(logs.every(Number.isFinite)).toBe(true);
    // E[log G] = digamma(shape); for shape 1e-3, digamma ≈ -1/shape - γ = -1000.5772...
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    expect(Math.abs(mean - -1000.5772)).toBeLessThan(4.5 * Math.sqrt(1e6 / logs.length));
    const rng2 = streamFor('log2', 0, 'gamma');
    expectMoments(
      sample(50_000, () => Math.exp(logStandardGamma(rng2, 3))),
      3,
      3,
    );
  });

  it('rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(() => gamma(rng, 0, 1)).toThrow(RangeError);
    expect(() => gamma(rng, 1, 0)).toThrow(RangeError);
    expect(() => gamma(rng, Number.NaN, 1)).toThrow(RangeError);
  });
});
