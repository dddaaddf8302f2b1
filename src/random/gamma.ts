/**
 * Gamma variates by Marsaglia and Tsang's squeeze method (G. Marsaglia and W. W. Tsang, "A simple method for
 * generating gamma variables", ACM TOMS 26 (2000) 363-372), with their boost for shape < 1:
 * Gamma(a) = Gamma(a + 1) · U^(1/a). The boost is also offered in log space (`logStandardGamma`) so that
 * tiny shapes, whose variates underflow to 0, can still be used in ratios (see ./beta.ts).
 */
import { standardNormal } from './normal.js';
import type { Rng } from './stream.js';
import { requirePositive } from './validate.js';

/** Gamma(shape, 1) for shape >= 1. */
function marsagliaTsang(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One Gamma(shape, 1) variate. */
export function standardGamma(rng: Rng, shape: number): number {
  if (shape >= 1) return marsagliaTsang(rng, shape);
  const g = marsagliaTsang(rng, shape + 1);
  return g * (1 - rng()) ** (1 / shape);
}

/** log of one Gamma(shape, 1) variate, finite even when the variate itself would underflow. */
export function logStandardGamma(rng: Rng, shape: number): number {
  if (shape >= 1) return Math.log(marsagliaTsang(rng, shape));
  const g = marsagliaTsang(rng, shape + 1);
  return Math.log(g) + Math.log(1 - rng()) / shape;
}

/** One Gamma variate with the given shape and scale (mean shape·scale, variance shape·scale²). */
export function gamma(rng: Rng, shape: number, scale: number): number {
  requirePositive('gamma', 'shape', shape);
  requirePositive('gamma', 'scale', scale);
  return scale * standardGamma(rng, shape);
}
