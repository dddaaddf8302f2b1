/**
 * A cell's values across runs kept as counts per value: how many runs had each whole number from
 * `lo` to `hi`, how many had no value (NaN), and the signs of the zeros that come first and last in
 * run order. When nothing needs a cell's value run by run (no runs.csv, no shard file, no check or
 * daily table reading it), the Accumulator keeps a cell of whole numbers in a short range this way:
 * a few kilobytes instead of 1–4 bytes a run, and its statistics a walk over the counts rather
 * than a sort of every run's value after the last run (stats/accumulate.ts).
 *
 * Counts give the same statistics as the runs' values, byte for byte (`countsStats`, which is
 * `sortedStats` of the same values): see there. Counts of disjoint sets of runs merge by adding.
 */

import type { CellStats } from '../core/types.js';

/** Where the zeros are, in run order: what the comparator sort leaves first and last among them. */
export class ZeroSigns {
  /** the smallest and the largest run index that had a zero (−1: none yet) */
  first = -1;
  last = -1;
  firstNegative = false;
  lastNegative = false;

  /** Run `run` had the zero z (+0 or −0). */
  note(run: number, z: number): void {
    const negative = 1 / z < 0;
    if (this.first < 0 || run < this.first) {
      this.first = run;
      this.firstNegative = negative;
    }
    if (run > this.last) {
      this.last = run;
      this.lastNegative = negative;
    }
  }

  /** Runs `from`..`to` (some of them) all had the zero z. */
  noteRange(from: number, to: number, z: number): void {
    this.note(from, z);
    this.note(to, z);
  }

  merge(other: ZeroSigns): void {
    if (other.first >= 0) {
      this.note(other.first, other.firstNegative ? -0 : 0);
      this.note(other.last, other.lastNegative ? -0 : 0);
    }
  }

  /**
   * Stats of values computed with every zero's sign possibly wrong (+0 for counts; the order of a
   * column whose runs were not stored in place), corrected: among the sorted values only the first
   * (min) and the last (max), and the quantiles when there is a single value, are zeros as they
   * were; every other statistic that is zero is +0 whatever the signs (see `countsStats`).
   */
  fix(s: CellStats): CellStats {
    if (this.first < 0) return s;
    const first = this.firstNegative ? -0 : 0;
    const last = this.lastNegative ? -0 : 0;
    const out = { ...s };
    if (s.min === 0) out.min = first;
    if (s.max === 0) out.max = last;
    if (s.n === 1 && s.min === 0) {
      out.p05 = first;
      out.p25 = first;
      out.p50 = first;
      out.p75 = first;
      out.p95 = first;
    }
    return out;
  }
}

/** A ValueCounts' fields (ValueCounts.parts): structured-clonable. */
export interface CountsParts {
  lo: number;
  counts: Counts;
  full: number;
  min: number;
  max: number;
  nan: number;
  total: number;
  zeros: { first: number; last: number; firstNegative: boolean; lastNegative: boolean };
}

/** The quantiles every CellStats gives, in ascending order. */
const PROBABILITIES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Counts of runs per value, in the narrowest array that holds them (widened when one is full). */
export type Counts = Uint8Array | Uint16Array | Uint32Array;

/**
 * Counts per whole-number value of one cell over runs, with room from `lo` to
 * `lo + counts.length − 1`: 1 byte a count until a count passes 255, then 2, then 4 (`widen`).
 */
export class ValueCounts {
  lo: number;
  counts: Counts;
  /** the largest count `counts` holds */
  private full = 255;
  /** the smallest and largest value counted (min > max: none) */
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  /** runs without a value */
  nan = 0;
  /** runs counted, NaN included */
  total = 0;
  readonly zeros = new ZeroSigns();

  constructor(lo: number, bins: number) {
    this.lo = lo;
    this.counts = new Uint8Array(bins);
  }

  /** Bytes a count takes now: 1, 2 or 4. */
  get countBytes(): number {
    return this.counts.BYTES_PER_ELEMENT;
  }

  /** Counts of twice the bytes (the same counts). */
  widen(): void {
    const wider = this.counts instanceof Uint8Array ? Uint16Array : Uint32Array;
    if (this.counts instanceof Uint32Array) throw new RangeError('counts cannot be wider');
    this.counts = wider.from(this.counts);
    this.full = wider === Uint16Array ? 65535 : 2 ** 32 - 1;
  }

  /**
   * Count run `run`'s value v if it is NaN or a whole number within the room whose count is not
   * full; false (nothing counted) otherwise.
   */
  add(run: number, v: number): boolean {
    const b = v - this.lo;
    if (b >= 0 && b < this.counts.length && Math.floor(b) === b) {
      const c = (this.counts[b] as number) + 1;
      if (c > this.full) return false;
      this.counts[b] = c;
      if (v < this.min) this.min = v;
      if (v > this.max) this.max = v;
      if (v === 0) this.zeros.note(run, v);
      this.total++;
      return true;
    }
    if (Number.isNaN(v)) {
      this.nan++;
      this.total++;
      return true;
    }
    return false;
  }

  /**
   * `add` of the values `values[i·stride + at]` for i from `from` up to `to`, as runs first + i;
   * stops at the first one that `add` would refuse and returns its i (`to` if none).
   */
  addStrided(
    values: ArrayLike<number>,
    at: number,
    stride: number,
    first: number,
    from: number,
    to: number,
  ): number {
    const { counts, lo, full } = this;
    const bins = counts.length;
    let { min, max, nan, total } = this;
    let i = from;
    for (; i < to; i++) {
      const v = Math.fround(values[i * stride + at] as number);
      const b = v - lo;
      if (b >= 0 && b < bins && Math.floor(b) === b) {
        const c = (counts[b] as number) + 1;
        if (c > full) break;
        counts[b] = c;
        if (v < min) min = v;
        if (v > max) max = v;
        if (v === 0) this.zeros.note(first + i, v);
        total++;
      } else if (Number.isNaN(v)) {
        nan++;
        total++;
      } else break;
    }
    this.min = min;
    this.max = max;
    this.nan = nan;
    this.total = total;
    return i;
  }

  /** Count `times` runs of value v (a whole number within the room, or NaN), from..to among them. */
  addMany(v: number, times: number, from: number, to: number): void {
    if (times === 0) return;
    if (Number.isNaN(v)) {
      this.nan += times;
      this.total += times;
      return;
    }
    const b = v - this.lo;
    while ((this.counts[b] as number) + times > this.full) this.widen();
    this.counts[b] = (this.counts[b] as number) + times;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (v === 0) this.zeros.noteRange(from, to, v);
    this.total += times;
  }

  /** The room to hold whole numbers from lo to hi, keeping the counts (false: more than `most` counts). */
  reserve(lo: number, hi: number, most: number): boolean {
    const oldHi = this.lo + this.counts.length - 1;
    if (lo >= this.lo && hi <= oldHi) return true;
    const need = Math.max(hi, oldHi) - Math.min(lo, this.lo) + 1;
    if (need > most) return false;
    // slack on the side that grew, so that a drifting range is not copied at every new value
    const slack = Math.min(most - need, Math.max(16, need >> 1));
    const newLo = lo < this.lo ? Math.min(lo, this.lo) - slack : this.lo;
    const bins = need + slack;
    const counts = new (this.counts.constructor as new (n: number) => Counts)(bins);
    counts.set(this.counts, this.lo - newLo);
    this.lo = newLo;
    this.counts = counts;
    return true;
  }

  /** Add the counts of other runs (disjoint from these). */
  merge(other: ValueCounts, most = Number.POSITIVE_INFINITY): boolean {
    if (other.max >= other.min && !this.reserve(other.min, other.max, most)) return false;
    for (let b = 0; b < other.counts.length; b++) {
      const c = other.counts[b] as number;
      if (c !== 0) {
        const i = b + other.lo - this.lo;
        while ((this.counts[i] as number) + c > this.full) this.widen();
        this.counts[i] = (this.counts[i] as number) + c;
      }
    }
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    this.nan += other.nan;
    this.total += other.total;
    this.zeros.merge(other.zeros);
    return true;
  }

  get bytes(): number {
    return this.counts.byteLength;
  }

  /** Its fields (to hand to another thread, which rebuilds it with `fromParts`). */
  parts(): CountsParts {
    const { lo, counts, full, min, max, nan, total, zeros } = this;
    const z = {
      first: zeros.first,
      last: zeros.last,
      firstNegative: zeros.firstNegative,
      lastNegative: zeros.lastNegative,
    };
    return { lo, counts, full, min, max, nan, total, zeros: z };
  }

  /** The ValueCounts of `parts` (its array, not a copy). */
  static fromParts(parts: CountsParts): ValueCounts {
    const t = new ValueCounts(parts.lo, 0);
    t.counts = parts.counts;
    t.full = parts.full;
    t.min = parts.min;
    t.max = parts.max;
    t.nan = parts.nan;
    t.total = parts.total;
    Object.assign(t.zeros, parts.zeros);
    return t;
  }

  /** fn(value, runs) for every value counted, in ascending order, then NaN (zeros as +0). */
  forEachValue(fn: (v: number, runs: number) => void): void {
    if (this.max >= this.min) {
      for (let b = this.min - this.lo; b <= this.max - this.lo; b++) {
        const c = this.counts[b] as number;
        if (c !== 0) fn(b + this.lo, c);
      }
    }
    if (this.nan > 0) fn(Number.NaN, this.nan);
  }

  /** Every value counted, in ascending order, then the NaNs (zeros as +0). */
  *values(): Generator<number> {
    if (this.max >= this.min) {
      for (let b = this.min - this.lo; b <= this.max - this.lo; b++) {
        const c = this.counts[b] as number;
        for (let j = 0; j < c; j++) yield b + this.lo;
      }
    }
    for (let j = 0; j < this.nan; j++) yield Number.NaN;
  }

  /** Whether pred holds for every run's value (pred must not tell −0 from +0). */
  every(pred: (v: number) => boolean): boolean {
    if (this.nan > 0 && !pred(Number.NaN)) return false;
    if (this.max < this.min) return true;
    for (let b = this.min - this.lo; b <= this.max - this.lo; b++)
      if ((this.counts[b] as number) !== 0 && !pred(b + this.lo)) return false;
    return true;
  }

  /** cellStats of the values counted (NaN left out; none: NaN statistics); undefined when their sums could be inexact. */
  stats(): CellStats | undefined {
    const n = this.total - this.nan;
    if (n === 0) {
      const x = Number.NaN;
      return { n, mean: x, sd: x, min: x, p05: x, p25: x, p50: x, p75: x, p95: x, max: x };
    }
    if (Math.max(-this.min, this.max) * n >= 2 ** 53) return undefined;
    return this.zeros.fix(countsStats(this.counts, this.lo, this.min, this.max, n));
  }
}

/**
 * cellStats of n whole numbers given as counts per value (counts[b] runs had lo + b), from min to
 * max, every zero taken as +0, |value| · n < 2^53. The same bytes as `sortedStats` of the values,
 * operation for operation, apart from the sign of a zero min, max or single value (ZeroSigns.fix):
 * - the sum of whole numbers below 2^53 is exact in any order, so Σ value × count equals the sum in
 *   ascending order (and is +0, never −0, when it is zero: +0 + −0 is +0);
 * - the squared deviations are added one per run in ascending order, as there ((±0 − mean)² alike);
 * - each quantile interpolates between the same two order statistics with quantileSorted's
 *   formula; where both are zeros the result is +0 whatever their signs (a + 0, and a + (b − a)·f
 *   with b − a = ±0, give +0 for a = ±0), and a zero beside a non-zero value gives the same number.
 */
export function countsStats(
  counts: ArrayLike<number>,
  lo: number,
  min: number,
  max: number,
  n: number,
  /** the sum of the values, if the caller has it (added in any order: it is exact) */
  given?: number,
): CellStats {
  const from = min - lo;
  const to = max - lo;
  let sum = 0;
  if (given !== undefined) sum = given;
  else {
    for (let b = from; b <= to; b++) {
      const c = counts[b] as number;
      if (c !== 0) sum += (b + lo) * c;
    }
  }
  const mean = sum / n;
  // the order statistics the quantiles read (quantileSorted): ranks i and i + 1 for each p, taken in
  // ascending order of rank by the same walk up the counts that adds the squared deviations
  const ranks: number[] = [];
  for (const p of PROBABILITIES) {
    const i = Math.floor((n - 1) * p);
    ranks.push(i, Math.min(i + 1, n - 1));
  }
  const order = ranks.map((_, k) => k).sort((x, y) => (ranks[x] as number) - (ranks[y] as number));
  const at = new Array<number>(ranks.length);
  let below = 0;
  let r = 0;
  let next = ranks[order[0] as number] as number;
  let ss = 0;
  for (let b = from; b <= to; b++) {
    const c = counts[b] as number;
    if (c === 0) continue;
    const v = b + lo;
    const d = (v - mean) ** 2;
    for (let j = 0; j < c; j++) ss += d;
    below += c;
    while (next < below) {
      at[order[r++] as number] = v;
      next = r < order.length ? (ranks[order[r] as number] as number) : Number.POSITIVE_INFINITY;
    }
  }
  const q = (k: number): number => {
    const p = PROBABILITIES[k] as number;
    const a = at[2 * k] as number;
    if (n === 1) return a;
    const h = (n - 1) * p;
    const i = Math.floor(h);
    if (h === i) return a + 0;
    const b = at[2 * k + 1] as number;
    return a + (b - a) * (h - i);
  };
  return {
    n,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min,
    p05: q(0),
    p25: q(1),
    p50: q(2),
    p75: q(3),
    p95: q(4),
    max,
  };
}
