import { describe, expect, it } from 'vitest';
import { Alea, newStream, RNG_ALGORITHM, reseed, streamFor } from '../../src/random/stream.js';
import { expectMoments, sample } from './stats-helpers.js';

const take = (rng: () => number, n: number) => Array.from({ length: n }, () => rng());

describe('streamFor', () => {
  it('names its algorithm', () => {
    expect(RNG_ALGORITHM).toBe('seedrandom.alea');
  });

  it('gives a fixed sequence for a fixed key', () => {
    expect(take(streamFor(42, 0, 'params'), 4)).toMatchInlineSnapshot(`
      [
        0.8835085027385503,
        0.055972449481487274,
        0.16111373156309128,
        0.8413655236363411,
      ]
    `);
  });

  it('gives the same sequence for the same (seed, run, purpose), whatever else was created in between', () => {
    const a = streamFor('seed', 3, 'demand');
    const first = take(a, 100);
    take(streamFor('seed', 4, 'demand'), 10);
    expect(take(streamFor('seed', 3, 'demand'), 100)).toEqual(first);
  });

  it('gives different sequences for a different seed, run or purpose', () => {
    const base = take(streamFor('seed', 3, 'demand'), 8);
    expect(take(streamFor('seed2', 3, 'demand'), 8)).not.toEqual(base);
    expect(take(streamFor('seed', 4, 'demand'), 8)).not.toEqual(base);
    expect(take(streamFor('seed', 3, 'select:h2b'), 8)).not.toEqual(base);
  });

  it('keeps key parts apart with separators', () => {
    expect(take(streamFor('a1', 2, 'x'), 8)).not.toEqual(take(streamFor('a', 12, 'x'), 8));
    expect(take(streamFor('a', 1, '2x'), 8)).not.toEqual(take(streamFor('a', 12, 'x'), 8));
  });

  it('treats a numeric seed like its decimal string', () => {
    expect(take(streamFor(7, 0, 'p'), 8)).toEqual(take(streamFor('7', 0, 'p'), 8));
  });

  it('draws uniforms on [0, 1) with mean 1/2 and variance 1/12', () => {
    const xs = sample(100_000, streamFor(1, 0, 'uniform'));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expectMoments(xs, 0.5, 1 / 12);
  });
});

describe('Alea, written out', () => {
  it('gives seedrandom.alea’s numbers, key for key', async () => {
    const seedrandom = (await import('seedrandom')).default;
    const keys: string[] = [''];
    for (const seed of ['bench', '2024', 'x', 'é\u{1F600}', 'a'.repeat(300)])
      for (let run = 0; run < 200; run += 7)
        for (const purpose of ['demand:work-visas', 'select:h1b', 'param:x', 'flows:eb', ''])
          keys.push(`${seed}\0${run}\0${purpose}\0`);
    for (let i = 0; i < 2000; i++)
      keys.push(
        String.fromCharCode(...Array.from({ length: i % 40 }, (_, j) => (i * 7919 + j * 104729) % 65536)),
      );
    const a = new Alea();
    for (const key of keys) {
      const ref = seedrandom.alea(key);
      a.seed(key);
      for (let k = 0; k < 50; k++) expect(a.next()).toBe(ref());
    }
    // a long stream
    const ref = seedrandom.alea('long');
    a.seed('long');
    for (let k = 0; k < 200_000; k++) if (a.next() !== ref()) expect.unreachable(`differs at draw ${k}`);
  });

  it('reseeds a stream to what streamFor gives', () => {
    const s = newStream();
    take(reseed(s, 'seed', 1, 'demand'), 5);
    expect(take(reseed(s, 'seed', 3, 'demand'), 100)).toEqual(take(streamFor('seed', 3, 'demand'), 100));
  });
});
