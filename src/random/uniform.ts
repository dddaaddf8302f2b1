/**
 * Continuous uniform variates on [lo, hi) by the affine map lo + (hi - lo)·U (Devroye 1986, II.2.1).
 */
import type { Rng } from './stream.js';
import { requireFinite } from './validate.js';

/** One Uniform(lo, hi) variate; lo === hi returns lo. */
export function uniform(rng: Rng, lo: number, hi: number): number {
  requireFinite('uniform', 'lo', lo);
  requireFinite('uniform', 'hi', hi);
  if (hi < lo) throw new RangeError(`uniform: hi (${hi}) is below lo (${lo})`);
  const x = lo + (hi - lo) * rng();
  return x < hi ? x : lo; // guard the rounding of lo + (hi - lo)·U up to hi
}
