/**
 * Collects the runs' output cells and turns each cell into its distribution across runs.
 *
 * Only the cells that quantiles.csv reports are kept (`offsets`), each as a Float32Array over runs
 * (whole numbers are exact up to 2^24; rates and days need no more precision). A cell that has had
 * the same value in every run so far (a cap, a zero) keeps just that value until a run differs, so
 * memory is about (varying cells) × runs × 4 bytes. Runs can be added in any order (threads, shards).
 */
import { quantileSorted } from './quantile.js';
import type { CellStats } from './types.js';

export class Accumulator {
  /** position of each kept offset */
  private readonly index = new Map<number, number>();
  private readonly constant: Float64Array;
  private readonly columns: (Float32Array | undefined)[];
  private readonly seen: Uint8Array;
  private count = 0;

  constructor(
    /** offsets (into a run's cell vector) of the cells to keep */
    readonly offsets: readonly number[],
    readonly runs: number,
  ) {
    offsets.forEach((o, k) => {
      this.index.set(o, k);
    });
    this.constant = new Float64Array(offsets.length).fill(Number.NaN);
    this.columns = new Array(offsets.length).fill(undefined);
    this.seen = new Uint8Array(runs);
  }

  /** Store run `run` (0-based within this accumulator) from a full cell vector. */
  add(run: number, values: ArrayLike<number>): void {
    this.addKept(run, (k) => values[this.offsets[k] as number] as number);
  }

  /** Store run `run` from values already reduced to the kept cells, in `offsets` order. */
  addKept(run: number, value: (k: number) => number): void {
    if (run < 0 || run >= this.runs) throw new RangeError(`run ${run} outside 0..${this.runs - 1}`);
    if (this.seen[run]) throw new Error(`run ${run} added twice`);
    this.seen[run] = 1;
    const first = this.count === 0;
    for (let k = 0; k < this.offsets.length; k++) {
      const v = Math.fround(value(k));
      const col = this.columns[k];
      if (col) {
        col[run] = v;
      } else if (first) {
        this.constant[k] = v;
      } else if (!Object.is(v, this.constant[k])) {
        const c = new Float32Array(this.runs).fill(this.constant[k] as number);
        c[run] = v;
        this.columns[k] = c;
      }
    }
    this.count++;
  }

  get added(): number {
    return this.count;
  }

  /** Bytes held by the per-run columns (for the benchmarks). */
  get bytes(): number {
    return this.columns.reduce((a, c) => a + (c ? c.byteLength : 0), 0);
  }

  /** The values of one cell across runs, in run order. */
  column(offset: number): Float32Array {
    const k = this.index.get(offset);
    if (k === undefined) throw new RangeError(`cell ${offset} is not kept`);
    return this.columns[k] ?? new Float32Array(this.runs).fill(this.constant[k] as number);
  }

  /** The kept values of one run, in `offsets` order. */
  runValues(run: number): Float32Array {
    const out = new Float32Array(this.offsets.length);
    for (let k = 0; k < out.length; k++) out[k] = this.columns[k]?.[run] ?? (this.constant[k] as number);
    return out;
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
    return {
      n: 0,
      mean: Number.NaN,
      sd: Number.NaN,
      min: Number.NaN,
      p05: Number.NaN,
      p25: Number.NaN,
      p50: Number.NaN,
      p75: Number.NaN,
      p95: Number.NaN,
      max: Number.NaN,
    };
  }
  // Sorted first, so sums do not depend on the order in which runs were added.
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
