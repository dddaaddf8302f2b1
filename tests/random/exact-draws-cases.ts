/**
 * Cases for exact-draws.test.ts: each draws a few thousand variates whose parameters send the
 * samplers down every branch (inversion, the squeezes, the final exact tests, support edges) and
 * returns them all, so a change in any draw or in the number of uniforms used shows.
 */
import type { Rng } from '../../src/random/stream.js';

export interface Samplers {
  binomial(rng: Rng, n: number, p: number): number;
  hypergeometric(rng: Rng, good: number, bad: number, draws: number): number;
  poisson(rng: Rng, mean: number): number;
  negativeBinomial(rng: Rng, mean: number, dispersion: number): number;
  multivariateHypergeometric(rng: Rng, counts: ArrayLike<number>, draws: number): number[];
  multinomial(rng: Rng, n: number, probs: ArrayLike<number>): number[];
}

const repeat = (count: number, f: (i: number) => number | number[]): number[] => {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = f(i);
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
};

export const CASES: Record<string, (s: Samplers, rng: Rng) => number[]> = {
  'poisson, inversion and PTRS': (s, rng) =>
    repeat(4000, (i) => s.poisson(rng, [0.5, 3, 24.9, 25, 31.7, 400, 9e4, 3e7][i % 8] as number)),
  'binomial, inversion and BTRD': (s, rng) =>
    repeat(4000, (i) => {
      const n = [5, 40, 1000, 1001, 60000, 3e7][i % 6] as number;
      const p = [0.003, 0.3, 0.5, 0.61, 0.9999, 0.05][(i >> 3) % 6] as number;
      return s.binomial(rng, n, p);
    }),
  'binomial, BTRD just above the switch': (s, rng) =>
    repeat(4000, (i) => s.binomial(rng, 1000 + (i % 7), 0.0205)),
  'hypergeometric, inversion and HRUA': (s, rng) =>
    repeat(3000, (i) => {
      const g = [30, 3000, 3e5, 1e3, 113094, 9, 16281][i % 7] as number;
      const b = [70, 7000, 7e5, 1e7, 253758, 1554778, 1586384][(i >> 2) % 7] as number;
      const total = g + b;
      const n = Math.min(total, [10, 300, 1000, 1e5, 150000, 145508, total - 1][(i >> 4) % 7] as number);
      return s.hypergeometric(rng, g, b, n);
    }),
  'hypergeometric, both sides of the switch': (s, rng) =>
    repeat(3000, (i) => s.hypergeometric(rng, 2000 + (i % 50) * 40, 6000, 1200 + (i % 7) * 150)),
  'negative binomial': (s, rng) =>
    repeat(2000, (i) =>
      s.negativeBinomial(rng, [2, 100, 5e4][i % 3] as number, [0.5, 5, 200][(i >> 2) % 3] as number),
    ),
  'multivariate hypergeometric': (s, rng) =>
    repeat(300, (i) =>
      s.multivariateHypergeometric(rng, [0, 13582, 16281, 9, 113094, 0, 938, 816, 29357], 150000 - 97 * i),
    ),
  multinomial: (s, rng) => repeat(300, (i) => s.multinomial(rng, 5000 + i, [0.1, 0, 0.25, 0.6, 0.05])),
};

/** FNV-1a (32 bits) of the values written out, as 8 hex digits. */
export function fnv(values: number[]): string {
  let h = 0x811c9dc5;
  const text = values.join(',');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(16).padStart(8, '0')}:${values.length}`;
}
