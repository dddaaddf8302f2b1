/**
 * Multinomial variates, exact: how n independent trials fall into categories with probabilities proportional
 * to `probs` (which need not sum to 1).
 *
 * Method: conditional binomials in index order (Devroye 1986, XI.1.4): category i gets
 * Binomial(trials left, probs[i] / sum(probs[i..])), with the suffix sums computed once from the right so that
 * rounding does not accumulate; the last category with positive probability takes all trials left.
 */
import { binomial } from './binomial.js';
import type { Rng } from './stream.js';
import { requireCount, requireNonNegative } from './validate.js';

let suffix = new Float64Array(64);

/** Per-category counts of n trials; sums to n. Writes into `out` (resized to probs.length) when given. */
export function multinomial(rng: Rng, n: number, probs: ArrayLike<number>, out: number[] = []): number[] {
  requireCount('multinomial', 'n', n);
  const k = probs.length;
  if (suffix.length < k + 1) suffix = new Float64Array(Math.max(k + 1, 2 * suffix.length));
  suffix[k] = 0;
  let last = -1;
  for (let i = k - 1; i >= 0; i--) {
    const w = probs[i] as number;
    requireNonNegative('multinomial', 'probs', w, i);
    if (w > 0 && last < 0) last = i;
    suffix[i] = (suffix[i + 1] as number) + w;
  }
  if (n > 0 && last < 0) throw new RangeError('multinomial: probs must have a positive entry');
  if (!Number.isFinite(suffix[0])) throw new RangeError('multinomial: probs sum to infinity');
  if (out.length !== k) out.length = k;
  let left = n;
  for (let i = 0; i < k; i++) {
    let x = 0;
    if (left > 0) {
      if (i === last) x = left;
      else {
        const w = probs[i] as number;
        if (w > 0) x = binomial(rng, left, Math.min(1, w / (suffix[i] as number)));
      }
    }
    out[i] = x;
    left -= x;
  }
  return out;
}
