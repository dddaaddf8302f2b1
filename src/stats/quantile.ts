/**
 * Quantiles of a sorted sample: linear interpolation between order statistics (R type 7, as
 * d3.quantileSorted and numpy's default), so p50 of [1, 2, 3, 4] is 2.5.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (p <= 0 || n === 1) return sorted[0] as number;
  if (p >= 1) return sorted[n - 1] as number;
  const h = (n - 1) * p;
  const i = Math.floor(h);
  const a = sorted[i] as number;
  // On an order statistic, take it (a + 0 is what a + (b − a)·0 gives for a finite b, without the
  // NaN an infinite b would bring).
  if (h === i) return a + 0;
  const b = sorted[i + 1] as number;
  return a + (b - a) * (h - i);
}
