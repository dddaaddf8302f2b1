/**
 * Seeded uniform streams. Every sampler takes an `Rng` argument, and every `Rng` comes from
 * `streamFor` (or a `Stream` reseeded with `reseed`, for a caller that keeps its streams from run to
 * run).
 *
 * Algorithm: Johannes Baagøe's Alea, exactly as seedrandom 3.0.5 ships it (`seedrandom.alea`),
 * chosen because it is the fastest seedrandom generator to seed and to call (TOOLCHAIN.md §8). The
 * arithmetic of its seeding (Baagøe's Mash hash) and of its generator is written out here as a class
 * instead of seedrandom's closures, which made several objects and added properties to a function for
 * every stream: the same numbers (tests/random/stream.test.ts compares them with seedrandom's on
 * thousands of keys), for ≈ a third of the cost of seeding. A stream's key is built from data,
 * `${seed}\0${run}\0${purpose}\0`, never from call order, so the same (seed, run, purpose) always
 * yields the same sequence whichever worker runs it, and two scenarios share common random numbers
 * (STYLE.md §3). Changing the algorithm or the key format changes every golden file: record it in the
 * manifest.
 */

/**
 * A uniform random number generator on [0, 1). Alea's values are multiples of 2^-32 and can be exactly 0, so
 * samplers that take logarithms use 1 - rng() or guard against 0.
 */
export type Rng = () => number;

/** Name of the generator behind `streamFor`, for manifest.json. */
export const RNG_ALGORITHM = 'seedrandom.alea';

const TWO_M32 = 2.3283064365386963e-10; // 2^-32

/** Baagøe's Mash over `data`, from its state `n`: the new state (read with `mashValue`). */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000; // 2^32
  }
  return n;
}

function mashValue(n: number): number {
  return (n >>> 0) * TWO_M32;
}

// Alea's seeding starts from three Mash values of ' ', the same for every key.
const N0 = 0xefc8249d;
const N1 = mash(N0, ' ');
const N2 = mash(N1, ' ');
const N3 = mash(N2, ' ');
const S0 = mashValue(N1);
const S1 = mashValue(N2);
const S2 = mashValue(N3);

/** An Alea generator that can be seeded again (`seed`) without allocating. */
export class Alea {
  s0 = 0;
  s1 = 0;
  s2 = 0;
  c = 1;

  /** Alea seeded with `key`, as `seedrandom.alea(key)` is. */
  seed(key: string): void {
    let n = mash(N3, key);
    let s0 = S0 - mashValue(n);
    if (s0 < 0) s0 += 1;
    n = mash(n, key);
    let s1 = S1 - mashValue(n);
    if (s1 < 0) s1 += 1;
    n = mash(n, key);
    let s2 = S2 - mashValue(n);
    if (s2 < 0) s2 += 1;
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.c = 1;
  }

  next(): number {
    const t = 2091639 * this.s0 + this.c * TWO_M32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    this.s2 = t - this.c;
    return this.s2;
  }
}

/** The key of the stream for `purpose` in run `run`. */
export function streamKey(seed: string | number, run: number, purpose: string): string {
  return `${seed}\0${run}\0${purpose}\0`;
}

/** A stream that its owner seeds again for each run: `rng` draws from `alea`. */
export interface Stream {
  readonly alea: Alea;
  readonly rng: Rng;
}

export function newStream(): Stream {
  const alea = new Alea();
  return { alea, rng: () => alea.next() };
}

/** `s` set to the start of the stream for (seed, run, purpose): the sequence `streamFor` gives. */
export function reseed(s: Stream, seed: string | number, run: number, purpose: string): Rng {
  s.alea.seed(streamKey(seed, run, purpose));
  return s.rng;
}

/**
 * The stream for one purpose (`'params'`, `'demand'`, `` `select:${poolId}` ``, ...) of one run.
 * The key has separators and a terminator, so ('a1', 2) and ('a', 12) can never collide.
 */
export function streamFor(seed: string | number, run: number, purpose: string): Rng {
  const alea = new Alea();
  alea.seed(streamKey(seed, run, purpose));
  return () => alea.next();
}
