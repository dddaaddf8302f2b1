/**
 * Apportionment: divide a whole number of visas among groups in proportion to weights so that
 * the parts are whole numbers and sum exactly to the total (DESIGN.md §3).
 *
 * - largest-remainder (Hamilton): everyone gets floor(quota); the numbers left go one each to the
 *   largest remainders.
 * - dhondt (= jefferson): divisors 1, 2, 3, ...; the highest quotients win seats one by one.
 * - sainte-lague (Webster): divisors 1, 3, 5, ...
 *
 * Ties break deterministically by group id (the smaller id first). Groups with weight 0 get 0;
 * when every weight is 0 the total is split as if the weights were equal.
 */
export type ApportionMethod = 'largest-remainder' | 'dhondt' | 'jefferson' | 'sainte-lague';

/**
 * @example apportion(10, [3, 3, 4], ['A', 'B', 'C']) // → [3, 3, 4]
 */
export function apportion(
  total: number,
  weights: readonly number[],
  ids: readonly string[],
  method: ApportionMethod = 'largest-remainder',
): number[] {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`apportion: total must be a whole number ≥ 0, got ${total}`);
  if (weights.length !== ids.length) throw new RangeError('apportion: weights and ids differ in length');
  const n = weights.length;
  if (n === 0) return [];
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w))
      throw new RangeError(`apportion: weights must be finite and ≥ 0, got ${w}`);
  }
  let sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  sum = sum > 0 ? sum : n;
  const byId = (a: number, b: number): number =>
    (ids[a] as string) < (ids[b] as string) ? -1 : (ids[a] as string) > (ids[b] as string) ? 1 : a - b;

  if (method === 'largest-remainder') {
    const parts = new Array<number>(n);
    const rema = new Array<number>(n);
    let given = 0;
    for (let i = 0; i < n; i++) {
      // Integer arithmetic where possible avoids remainders that differ only by rounding error.
      const q = (total * (w[i] as number)) / sum;
      const f = Math.floor(q + 1e-9);
      parts[i] = f;
      rema[i] = q - f;
      given += f;
    }
    const order = [...parts.keys()]
      .filter((i) => (w[i] as number) > 0)
      .sort((a, b) => {
        const d = (rema[b] as number) - (rema[a] as number);
        return Math.abs(d) > 1e-12 ? d : byId(a, b);
      });
    for (let k = 0; given < total; k++, given++) {
      const i = order[k % order.length] as number;
      parts[i] = (parts[i] as number) + 1;
    }
    return parts;
  }

  // Divisor methods: start from the allocation at the divisor sum/total (which is exact for some
  // house size), then add numbers one at a time to the highest quotient, or take them back from the
  // lowest, until the parts sum to the total. The result is the same as handing them out one by one.
  const webster = method === 'sainte-lague';
  const divisor = (a: number) => (webster ? 2 * a + 1 : a + 1);
  const d0 = sum / total;
  const parts = w.map((wi) =>
    total === 0 || wi <= 0 ? 0 : webster ? Math.round(wi / d0) : Math.floor(wi / d0),
  );
  let given = parts.reduce((a, b) => a + b, 0);
  // Priority comparisons: higher quotient first; on a tie, the smaller id gets the number first.
  while (given < total) {
    let best = -1;
    let bestQ = -1;
    for (let i = 0; i < n; i++) {
      const wi = w[i] as number;
      if (wi <= 0) continue;
      const q = wi / divisor(parts[i] as number);
      if (
        q > bestQ * (1 + 1e-12) ||
        (Math.abs(q - bestQ) <= bestQ * 1e-12 && best >= 0 && byId(i, best) < 0)
      ) {
        best = i;
        bestQ = q;
      }
    }
    parts[best] = (parts[best] as number) + 1;
    given++;
  }
  while (given > total) {
    // The number given last is the one with the lowest quotient at its divisor; ties: larger id last.
    let worst = -1;
    let worstQ = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const a = parts[i] as number;
      if (a <= 0) continue;
      const q = (w[i] as number) / divisor(a - 1);
      if (
        q < worstQ * (1 - 1e-12) ||
        (Math.abs(q - worstQ) <= worstQ * 1e-12 && worst >= 0 && byId(i, worst) > 0)
      ) {
        worst = i;
        worstQ = q;
      }
    }
    parts[worst] = (parts[worst] as number) - 1;
    given--;
  }
  return parts;
}
