import { describe, expect, it } from 'vitest';
import { normal, standardNormal } from '../../src/random/normal.js';
import { streamFor } from '../../src/random/stream.js';
import { expectMoments, sample } from './stats-helpers.js';

describe('normal', () => {
  it('gives a fixed sequence for a fixed seed', () => {
    const rng = streamFor('seq', 0, 'normal');
    expect(Array.from(sample(5, () => normal(rng, 10, 2)))).toMatchInlineSnapshot(`
      [
        11.048587057705532,
        8.469858790013019,
        8.844472351650946,
        9.231599174673507,
        9.537427250767383,
      ]
    `);
  });

  it('matches mean and variance', () => {
    const rng = streamFor('moments', 0, 'normal');
    expectMoments(
      sample(100_000, () => normal(rng, -3, 2.5)),
      -3,
      6.25,
    );
  });

  it('has standard normal tail probabilities and no skew', () => {
    const rng = streamFor('tails', 0, 'normal');
    const n = 200_000;
    const xs = sample(n, () => standardNormal(rng));
    const frac = (pred: (x: number) => boolean) => xs.filter(pred).length / n;
    const check = (observed: number, p: number) =>
      expect(Math.abs(observed - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
    check(
      frac((x) => x > 1.959963984540054),
      0.025,
    );
    check(
      frac((x) => x < -1.959963984540054),
      0.025,
    );
    check(
      frac((x) => Math.abs(x) < 0.6744897501960817),
      0.5,
    );
    check(
      frac((x) => x > 3),
      0.0013498980316301,
    );
    let m3 = 0;
    for (const x of xs) m3 += x ** 3;
    expect(Math.abs(m3 / n)).toBeLessThan(4.5 * Math.sqrt(15 / n));
  });

  it('returns the mean when sd is 0 and rejects invalid arguments', () => {
    const rng = streamFor(1, 0, 'x');
    expect(normal(rng, 4, 0)).toBe(4);
    expect(() => normal(rng, 0, -1)).toThrow(RangeError);
    expect(() => normal(rng, Number.NaN, 1)).toThrow(RangeError);
  });
});
