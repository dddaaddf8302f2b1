/**
 * Weighted sampling without replacement of individuals grouped in categories, exact: individuals are drawn one
 * at a time, each with probability proportional to its category's weight among those not yet drawn
 * (successive sampling; the category counts follow the multivariate Wallenius distribution). The result is
 * how many of the `draws` individuals come from each category.
 *
 * Method: exponential clocks in batches. Successive sampling is equivalent to giving every individual an
 * independent Exp(weight) arrival time and taking the `draws` earliest (Efraimidis & Spirakis, "Weighted random
 * sampling with a reservoir", IPL 97 (2006) 181-185). Category i's count before time t is
 * Binomial(c_i, 1 - exp(-w_i t)), and the counts of independent arrival times can be sampled at any sequence
 * of times, each conditional on the counts already sampled: given L_i arrivals by t_lo and U_i by t_hi, the
 * count by t in between is L_i + Binomial(U_i - L_i, (1 - e^{-w_i (t - t_lo)}) / (1 - e^{-w_i (t_hi - t_lo)})).
 * So we bisect on time: pick t where the expected total is `draws` (Newton), sample all categories, keep the
 * half-bracket that contains the `draws`-th arrival, and stop as soon as the total hits `draws` exactly. When
 * at most FINAL_BATCH individuals remain inside the bracket, their arrival times are sampled one by one from
 * the truncated exponentials and the earliest ones taken. Every step samples the exact conditional law, so the
 * result is exact, whatever the choice of t (that only affects speed).
 *
 * Cost: each round is one binomial per category still in the bracket plus a few Newton steps, and the number
 * of individuals in the bracket falls roughly as draws → sqrt(draws) → ..., so a call costs about
 * O(categories · log log draws) binomials, independent of the number of individuals: ~20 µs for 20
 * categories, ~60-150 µs for 200 (bench/samplers.mjs). For at most DIRECT_MAX_DRAWS draws it is cheaper to
 * draw the individuals one at a time, each by a linear scan over the categories: O(draws · categories).
 *
 * Special cases: weight-0 individuals are drawn only after every positive-weight individual, uniformly among
 * themselves (the limit of equal tiny weights); equal positive weights reduce to the multivariate
 * hypergeometric (same distribution, fewer draws).
 */
import { binomial } from './binomial.js';
import { multivariateHypergeometric } from './multivariate-hypergeometric.js';
import type { Rng } from './stream.js';
import { requireCount, requireNonNegative } from './validate.js';

/**
 * Up to this many draws, sample individual by individual: about 5 ns per draw and category, against roughly
 * 300 ns per category for the clocks.
 */
const DIRECT_MAX_DRAWS = 50;
/** Sample the remaining arrival times individually once the bracket holds at most this many individuals. */
const FINAL_BATCH = 32;
/** Rounds of bisection before the final batch regardless of its size: a safety net (typical calls need 2-4). */
const MAX_ROUNDS = 200;
const MAX_NEWTON_STEPS = 30;

/**
 * How many of `draws` individuals come from each category when drawn one at a time without replacement with
 * probability proportional to weight; counts[i] individuals have weight weights[i].
 */
export function weightedSampleWithoutReplacement(
  rng: Rng,
  counts: ArrayLike<number>,
  weights: ArrayLike<number>,
  draws: number,
): number[] {
  const fn = 'weightedSampleWithoutReplacement';
  const k = counts.length;
  if (weights.length !== k) {
    throw new RangeError(`${fn}: counts has ${k} entries but weights has ${weights.length}`);
  }
  requireCount(fn, 'draws', draws);
  let total = 0;
  let positiveTotal = 0;
  let active = 0;
  let firstWeight = 0;
  let equalWeights = true;
  let maxWeight = 0;
  for (let i = 0; i < k; i++) {
    const c = counts[i] as number;
    const w = weights[i] as number;
    requireCount(fn, 'counts', c, i);
    requireNonNegative(fn, 'weights', w, i);
    total += c;
    if (c > 0 && w > 0) {
      positiveTotal += c;
      if (active === 0) firstWeight = w;
      else if (w !== firstWeight) equalWeights = false;
      if (w > maxWeight) maxWeight = w;
      active++;
    }
  }
  if (!Number.isSafeInteger(total)) throw new RangeError(`${fn}: the counts sum to more than 2^53`);
  if (draws > total) throw new RangeError(`${fn}: draws (${draws}) exceeds the sum of counts (${total})`);

  const result: number[] = [];
  for (let i = 0; i < k; i++) result.push(0);
  if (draws === 0) return result;
  if (draws >= positiveTotal) {
    // Every positive-weight individual is drawn; the rest come uniformly from the weight-0 ones.
    const zeroCounts: number[] = [];
    for (let i = 0; i < k; i++) {
      const c = counts[i] as number;
      const positive = (weights[i] as number) > 0;
      result[i] = positive ? c : 0;
      zeroCounts.push(positive ? 0 : c);
    }
    if (draws > positiveTotal) {
      const extra = multivariateHypergeometric(rng, zeroCounts, draws - positiveTotal);
      for (let i = 0; i < k; i++) result[i] = (result[i] as number) + (extra[i] as number);
    }
    return result;
  }

  const positiveCounts: number[] = [];
  for (let i = 0; i < k; i++) positiveCounts.push((weights[i] as number) > 0 ? (counts[i] as number) : 0);
  if (equalWeights) return multivariateHypergeometric(rng, positiveCounts, draws, result);

  // Rescale weights so the largest is 1: no overflow, and arrival times of order 1 whatever the units.
  const w = new Float64Array(k);
  for (let i = 0; i < k; i++) w[i] = (weights[i] as number) / maxWeight;
  if (draws <= DIRECT_MAX_DRAWS) return successiveSamplingDirect(rng, positiveCounts, w, draws, result);
  return successiveSamplingByClocks(rng, positiveCounts, w, draws, result);
}

/**
 * Successive sampling one individual at a time: each draw picks a category with probability proportional to
 * weight × individuals left, by a linear scan. Requires draws <= sum of counts over positive weights.
 */
function successiveSamplingDirect(
  rng: Rng,
  counts: ArrayLike<number>,
  weights: ArrayLike<number>,
  draws: number,
  out: number[],
): number[] {
  const k = counts.length;
  const left = Float64Array.from(counts);
  for (let d = 0; d < draws; d++) {
    let mass = 0;
    for (let i = 0; i < k; i++) mass += (weights[i] as number) * (left[i] as number);
    let u = rng() * mass;
    let chosen = -1;
    for (let i = 0; i < k; i++) {
      const a = (weights[i] as number) * (left[i] as number);
      if (a === 0) continue;
      chosen = i; // if rounding leaves u above the total, the last category with mass takes it
      if (u < a) break;
      u -= a;
    }
    left[chosen] = (left[chosen] as number) - 1;
    out[chosen] = (out[chosen] as number) + 1;
  }
  return out;
}

/**
 * The exponential-clock bisection on its own (no shortcuts), exported for tests. Requires
 * 0 < draws < sum of counts over categories with positive weight; categories with weight 0 must have count 0.
 * `finalBatch` (how few individuals left in the bracket switch to individual arrival times) only changes the
 * speed, never the distribution; tests lower it to exercise the bisection on small urns.
 */
export function successiveSamplingByClocks(
  rng: Rng,
  counts: ArrayLike<number>,
  weights: ArrayLike<number>,
  draws: number,
  out: number[] = [],
  finalBatch = FINAL_BATCH,
): number[] {
  const k = counts.length;
  // Arrivals before the bracket start (lo) and before its end (hi); `width` is the bracket length in time.
  const lo = new Float64Array(k);
  const hi = new Float64Array(k);
  const next = new Float64Array(k);
  let inBracket = 0;
  for (let i = 0; i < k; i++) {
    hi[i] = counts[i] as number;
    inBracket += counts[i] as number;
  }
  let width = Number.POSITIVE_INFINITY;
  let need = draws; // arrivals still needed from inside the bracket

  for (let round = 0; round < MAX_ROUNDS && inBracket > finalBatch; round++) {
    const s = splitPoint(weights, lo, hi, width, need, inBracket);
    let sum = 0;
    for (let i = 0; i < k; i++) {
      const m = (hi[i] as number) - (lo[i] as number);
      let x = 0;
      if (m > 0) {
        const wi = weights[i] as number;
        const r =
          width === Number.POSITIVE_INFINITY
            ? -Math.expm1(-wi * s)
            : Math.expm1(-wi * s) / Math.expm1(-wi * width);
        x = binomial(rng, m, Math.min(1, r));
      }
      next[i] = (lo[i] as number) + x;
      sum += x;
    }
    if (sum === need) {
      for (let i = 0; i < k; i++) out[i] = next[i] as number;
      out.length = k;
      return out;
    }
    if (sum > need) {
      hi.set(next);
      width = s;
      inBracket = sum;
    } else {
      lo.set(next);
      width -= s;
      need -= sum;
      inBracket -= sum;
    }
  }

  // Final batch: sample each remaining individual's arrival offset within the bracket and take the earliest.
  const times = new Float64Array(inBracket);
  const owner = new Int32Array(inBracket);
  let j = 0;
  for (let i = 0; i < k; i++) {
    const m = (hi[i] as number) - (lo[i] as number);
    if (m === 0) continue;
    const wi = weights[i] as number;
    const tail = width === Number.POSITIVE_INFINITY ? -1 : Math.expm1(-wi * width);
    for (let c = 0; c < m; c++) {
      times[j] = -Math.log1p(rng() * tail) / wi;
      owner[j] = i;
      j++;
    }
  }
  const order = Array.from({ length: inBracket }, (_, index) => index);
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  for (let i = 0; i < k; i++) out[i] = lo[i] as number;
  out.length = k;
  for (let r = 0; r < need; r++) {
    const i = owner[order[r] as number] as number;
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

/**
 * A time offset s in (0, width) where the expected number of arrivals inside the bracket before s is about
 * `need`: Newton's method from s = 0 on the concave increasing expected count, stopped once the error is
 * small against the count's standard deviation. Any s in (0, width) keeps the sampler exact.
 */
function splitPoint(
  weights: ArrayLike<number>,
  lo: Float64Array,
  hi: Float64Array,
  width: number,
  need: number,
  inBracket: number,
): number {
  const k = weights.length;
  const infinite = width === Number.POSITIVE_INFINITY;
  const tolerance = Math.max(0.5, 0.1 * Math.sqrt(Math.min(need, inBracket - need)));
  let s = 0;
  let expected = 0;
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    let slope = 0;
    if (step === 0) {
      for (let i = 0; i < k; i++) {
        const m = (hi[i] as number) - (lo[i] as number);
        if (m === 0) continue;
        const wi = weights[i] as number;
        slope += (m * wi) / (infinite ? 1 : -Math.expm1(-wi * width));
      }
    } else {
      expected = 0;
      for (let i = 0; i < k; i++) {
        const m = (hi[i] as number) - (lo[i] as number);
        if (m === 0) continue;
        const wi = weights[i] as number;
        const denom = infinite ? 1 : -Math.expm1(-wi * width);
        expected += (m * -Math.expm1(-wi * s)) / denom;
        slope += (m * wi * Math.exp(-wi * s)) / denom;
      }
      if (Math.abs(need - expected) <= tolerance) break;
    }
    const nextS = s + (need - expected) / slope;
    if (!(nextS > s && nextS < width)) break;
    s = nextS;
  }
  if (!(s > 0 && s < width)) s = infinite ? 1 : width / 2;
  return s;
}
