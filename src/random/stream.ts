/**
 * Seeded uniform streams. This is the only module that imports seedrandom: every sampler takes an `Rng`
 * argument, and every `Rng` comes from `streamFor`.
 *
 * Algorithm: Johannes Baagøe's Alea, as shipped in seedrandom 3.0.5 (`seedrandom.alea`), chosen because it is
 * the fastest seedrandom generator to seed and to call (TOOLCHAIN.md §8). A stream's key is built from data,
 * `${seed}\0${run}\0${purpose}\0`, never from call order, so the same (seed, run, purpose) always yields the
 * same sequence whichever worker runs it, and two scenarios share common random numbers (STYLE.md §3).
 * Changing the algorithm or the key format changes every golden file: record it in the manifest.
 */
import seedrandom from 'seedrandom';

/**
 * A uniform random number generator on [0, 1). Alea's values are multiples of 2^-32 and can be exactly 0, so
 * samplers that take logarithms use 1 - rng() or guard against 0.
 */
export type Rng = () => number;

/** Name of the generator behind `streamFor`, for manifest.json. */
export const RNG_ALGORITHM = 'seedrandom.alea';

/**
 * The stream for one purpose (`'params'`, `'demand'`, `` `select:${poolId}` ``, ...) of one run.
 * The key has separators and a terminator, so ('a1', 2) and ('a', 12) can never collide.
 */
export function streamFor(seed: string | number, run: number, purpose: string): Rng {
  const prng = seedrandom.alea(`${seed}\0${run}\0${purpose}\0`);
  return () => prng();
}
