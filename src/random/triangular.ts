/**
 * Triangular variates by inversion of the piecewise-quadratic CDF (Devroye 1986, II.2; Johnson, Kotz &
 * Balakrishnan 1995, ch. 26): one uniform and one square root per variate.
 */
import type { Rng } from './stream.js';
import { requireFinite } from './validate.js';

/** One Triangular(min, mode, max) variate; requires min <= mode <= max. */
export function triangular(rng: Rng, min: number, mode: number, max: number): number {
  requireFinite('triangular', 'min', min);
  requireFinite('triangular', 'mode', mode);
  requireFinite('triangular', 'max', max);
  if (!(min <= mode && mode <= max)) {
    throw new RangeError(`triangular: need min <= mode <= max, got ${min}, ${mode}, ${max}`);
  }
  const width = max - min;
  if (width === 0) return min;
  const u = rng();
  const left = mode - min;
  // The clamps only catch rounding: with a width near 1e-162 the products underflow to subnormals,
  // whose square roots can land a hair outside [min, max]. For ordinary widths they change nothing.
  if (u * width < left) return Math.min(max, min + Math.sqrt(u * width * left));
  return Math.max(min, max - Math.sqrt((1 - u) * width * (max - mode)));
}
