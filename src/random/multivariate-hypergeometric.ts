/**
 * Multivariate hypergeometric variates, exact: how many of `draws` items drawn without replacement from an urn
 * with counts[i] items of colour i are of each colour.
 *
 * Method: conditional decomposition in index order (Devroye 1986, XI.1.5): colour i gets
 * Hypergeometric(counts[i], remaining after i, draws left), so the cost is one univariate hypergeometric per
 * colour with items left to assign, and the order of colours is fixed by the caller (canonical order).
 */
import { hypergeometricOfCounts } from './hypergeometric.js';
import type { Rng } from './stream.js';
import { requireCount } from './validate.js';

/**
 * Per-colour counts of `draws` items drawn without replacement; the result sums to `draws` and never exceeds
 * `counts[i]`. Writes into `out` (resized to counts.length) when given. `colours`, when given, takes
 * only the first `colours` entries of `counts` as the urn, and `out` is then only lengthened if it is
 * shorter (its entries from `colours` on are left as they are); `out` may be `counts` itself.
 */
export function multivariateHypergeometric(
  rng: Rng,
  counts: ArrayLike<number>,
  draws: number,
  out: number[] = [],
  colours?: number,
): number[] {
  const k = colours ?? counts.length;
  requireCount('multivariateHypergeometric', 'draws', draws);
  let total = 0;
  for (let i = 0; i < k; i++) {
    const c = counts[i] as number;
    requireCount('multivariateHypergeometric', 'counts', c, i);
    total += c;
  }
  if (!Number.isSafeInteger(total)) {
    throw new RangeError(`multivariateHypergeometric: the counts sum to more than 2^53 (${total})`);
  }
  if (draws > total) {
    throw new RangeError(`multivariateHypergeometric: draws (${draws}) exceeds the sum of counts (${total})`);
  }
  // setting length is a slow runtime call even when unchanged
  if (colours === undefined ? out.length !== k : out.length < k) out.length = k;
  let left = draws;
  let rest = total;
  for (let i = 0; i < k; i++) {
    const c = counts[i] as number;
    rest -= c;
    let x: number;
    if (left === 0 || c === 0) x = 0;
    else if (rest === 0) x = left;
    else x = hypergeometricOfCounts(rng, c, rest, left);
    out[i] = x;
    left -= x;
  }
  return out;
}
