import { describe, expect, it } from 'vitest';
import { lognormal, lognormalFromMeanSd } from '../../src/random/lognormal.js';
import { streamFor } from '../../src/random/stream.js';
import { expectMoments, sample } from './stats-helpers.js';

describe('lognormal', () => {
  it('gives a fixed sequence for a fixed seed', () => {
    const rng = streamFor('seq', 0, 'lognormal');
    expect(Array.from(sample(3, () => lognormal(rng, 1, 0.5)))).toMatchInlineSnapshot(`
      [
        0.9765175088903119,
        1.2138720667578549,
        2.0897074582270556,
      ]
    `);
    expect(Array.from(sample(3, () => lognormalFromMeanSd(rng, 100, 30)))).toMatchInlineSnapshot(`
      [
        94.22629364478757,
        135.28862318064262,
        101.66759146993431,
      ]
    `);
  });

  it('has log-moments mu and sigma², and the matching mean and variance', () => {
    const rng = streamFor('moments', 0, 'lognormal');
    const xs = sample(100_000, () => lognormal(rng, 1, 0.5));
    expectMoments(xs.map(Math.log), 1, 0.25);
    expectMoments(xs, Math.exp(1 + 0.125), (Math.exp(0.25) - 1) * Math.exp(2 + 0.25));
  });

  it('lognormalFromMeanSd has the requested mean and sd', () => {
    const rng = streamFor('mean-sd', 0, 'lognormal');
    expectMoments(
      sample(100_000, () => lognormalFromMeanSd(rng, 100, 30)),
      100,
      900,
    );
    const rng2 = streamFor('mean-sd-2', 0, 'lognormal');
    expectMoments(
      sample(100_000, () => lognormalFromMeanSd(rng2, 0.02, 0.005)),
      0.02,
      0.005 ** 2,
    );
  });

  it('returns the mean for sd 0 and rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(lognormalFromMeanSd(rng, 7, 0)).toBe(7);
    expect(() => lognormalFromMeanSd(rng, 0, 1)).toThrow(RangeError);
    expect(() => lognormalFromMeanSd(rng, 1, -1)).toThrow(RangeError);
    expect(() => lognormal(rng, 0, -1)).toThrow(RangeError);
  });
});
