/**
 * Collects the runs' output cells and turns each cell into its distribution across runs.
 * Values are kept per cell as a Float32Array over runs (whole numbers are exact up to 2^24, and
 * rates and days need no more precision), so memory is cells × runs × 4 bytes.
 */
import { METRICS } from './types.js';
import type { CellStats } from './types.js';
import { quantileSorted } from './quantile.js';

export class Accumulator {
  private readonly columns: Float32Array[];
  private count = 0;

  constructor(
    readonly size: number,
    readonly runs: number,
  ) {
    this.columns = Array.from({ length: size }, () => new Float32Array(runs));
  }

  /** Store run `run` (0-based index within this accumulator). */
  add(run: number, values: ArrayLike<number>): void {
    if (values.length !== this.size) throw new RangeError(`expected ${this.size} values, got ${values.length}`);
    for (let i = 0; i < this.size; i++) (this.columns[i] as Float32Array)[run] = values[i] as number;
    this.count++;
  }

  get added(): number {
    return this.count;
  }

  /** The values of one cell across runs, in run order. */
  column(offset: number): Float32Array {
    return this.columns[offset] as Float32Array;
  }

  stats(offset: number): CellStats {
    return cellStats(this.column(offset));
  }
}

/** Distribution of one cell; NaN values (no value in that run) are left out and `n` says how many remain. */
export function cellStats(values: ArrayLike<number>): CellStats {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) xs.push(v);
  }
  const n = xs.length;
  if (n === 0) {
    return { n: 0, mean: Number.NaN, sd: Number.NaN, min: Number.NaN, p05: Number.NaN, p25: Number.NaN, p50: Number.NaN, p75: Number.NaN, p95: Number.NaN, max: Number.NaN };
  }
  xs.sort((a, b) => a - b);
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return {
    n,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: xs[0] as number,
    p05: quantileSorted(xs, 0.05),
    p25: quantileSorted(xs, 0.25),
    p50: quantileSorted(xs, 0.5),
    p75: quantileSorted(xs, 0.75),
    p95: quantileSorted(xs, 0.95),
    max: xs[n - 1] as number,
  };
}

void METRICS;
