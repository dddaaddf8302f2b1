/**
 * Collects the runs' output cells and turns each cell into its distribution across runs.
 *
 * Only the cells that quantiles.csv reports are kept (`offsets`), each as float32 values over runs
 * (whole numbers are exact up to 2^24; rates and days need no more precision). A cell that has had
 * the same value in every run so far (a cap, a zero) keeps just that value until a run differs, so
 * memory is about (varying cells) × runs × 4 bytes. A column whose values have all been whole
 * numbers from 0 to 255 (or 65,535) is held as a Uint8Array (Uint16Array) until a value does not
 * fit, then widened: the same float32 values in 1 or 2 bytes (about half the columns of the 300k
 * scenario). Runs can be added in any order (threads, shards).

 */

import type { CellStats } from '../core/types.js';
import { ClampTally } from '../engine/domain.js';
import type { RunSink, SimulateOptions } from '../engine/simulate.js';
import { keptOffsets } from '../model/cells.js';
import type { Model } from '../model/model.js';
import { type CountsParts, countsStats, ValueCounts, ZeroSigns } from './counts.js';
import { PackedBits, PackedColumn, type PackedParts } from './packed.js';
import { quantileSorted } from './quantile.js';
import { simulateNamingRun } from './run-error.js';

/** Simulate `opts.runs` runs of `model` into a new Accumulator of the reported cells. */
export function accumulate(model: Model, opts: SimulateOptions, how: KeepOptions = {}): Accumulator {
  const acc = new Accumulator(keptOffsets(model.cells), opts.runs, how);
  simulateNamingRun(model, { ...opts, clamps: opts.clamps ?? acc.clamps }, acc);
  return acc;
}

/** How an Accumulator keeps its cells. */
export interface KeepOptions {
  /**
   * false: only the cells of `keep` need their values run by run; the others may be held as
   * counts per value (no runs.csv, no shard file). Default true: every cell's values run by run.
   */
  perRun?: boolean;
  /** offsets whose values are needed run by run even when `perRun` is false (checks, daily tables) */
  keep?: Iterable<number>;
}

export class Accumulator implements RunSink {
  /** position of each kept offset */
  private readonly index = new Map<number, number>();
  private readonly constant: Float64Array;
  private readonly columns: (Column | undefined)[];
  /** the largest whole number column k holds as it is: 255, 65,535, or ∞ for a Float32Array */
  private readonly limit: Float64Array;
  private readonly seen: Uint8Array;
  private count = 0;
  /** 1 where a cell may be held as counts per value (not needed run by run) */
  private readonly countable: Uint8Array;
  /** the cells held as counts per value (ValueCounts) instead of a column */
  private readonly tallies: (ValueCounts | undefined)[];
  /**
   * the zeros of a column that was made from counts (its earlier runs' values were put in the runs'
   * places in ascending order, not each in its own): such a column holds the right values but not
   * in run order, and only its statistics may be read (corrected by ZeroSigns.fix)
   */
  private readonly moved: (ZeroSigns | undefined)[];
  /** the cells held in 3 bytes a run (PackedColumn) instead of a column of 4 */
  private readonly packed: (PackedColumn | PackedBits | undefined)[];
  /** the smallest and largest run index added before the run being added */
  private lowRun = Number.POSITIVE_INFINITY;
  private highRun = Number.NEGATIVE_INFINITY;
  /** the clamps of formulas that declare `clamp: true`, over the runs added (engine/domain.ts) */
  readonly clamps = new ClampTally();
  /** statistics computed elsewhere (`giveBack`) for the runs added so far; cleared when a run is added */
  private known: (CellStats | undefined)[] | undefined;

  constructor(
    /** offsets (into a run's cell vector) of the cells to keep */
    readonly offsets: readonly number[],
    readonly runs: number,
    how: KeepOptions = {},
  ) {
    offsets.forEach((o, k) => {
      this.index.set(o, k);
    });
    this.constant = new Float64Array(offsets.length).fill(Number.NaN);
    this.columns = new Array(offsets.length).fill(undefined);
    this.limit = new Float64Array(offsets.length);
    this.seen = new Uint8Array(runs);
    this.countable = new Uint8Array(offsets.length);
    this.tallies = new Array(offsets.length).fill(undefined);
    this.moved = new Array(offsets.length).fill(undefined);
    this.packed = new Array(offsets.length).fill(undefined);
    if (how.perRun === false) {
      this.countable.fill(1);
      for (const o of how.keep ?? []) {
        const k = this.index.get(o);
        if (k !== undefined) this.countable[k] = 0;
      }
    }
  }

  /** Whether every cell's values are kept run by run (column, values, runValues can be read). */
  get perRun(): boolean {
    return !this.countable.includes(1);
  }

  /** Store run `run` (0-based within this accumulator) from a full cell vector. */
  add(run: number, values: ArrayLike<number>): void {
    // addKept(run, (k) => values[offsets[k]]), without a call per cell
    this.claim(run);
    const first = this.count === 0;
    const { offsets, columns, constant, limit, tallies, moved, packed } = this;
    for (let k = 0; k < offsets.length; k++) {
      const v = Math.fround(values[offsets[k] as number] as number);
      const col = columns[k];
      if (col) {
        if (fits(v, limit[k] as number)) col[run] = v;
        else this.widen(k, run, v);
        if (v === 0) moved[k]?.note(run, v);
      } else {
        const t = tallies[k];
        if (t) {
          if (!t.add(run, v)) this.uncount(k, run, v);
        } else {
          const pc = packed[k];
          if (pc) {
            if (!pc.put(run, v)) this.unpack(k, run, v);
            if (v === 0) moved[k]?.note(run, v);
          } else if (first) constant[k] = v;
          else if (!Object.is(v, constant[k])) this.split(k, run, v);
        }
      }
    }
    this.added1(run);
  }

  /**
   * Store run `run` from values already reduced to the kept cells, in `offsets` order, read from
   * `values[base + k]` (a worker's or a shard's block of runs). The same body as `add`, kept apart on
   * purpose: one method for both reads a Float64Array here and a Float32Array there, and its loads
   * turn polymorphic (3,000 in-process runs of 300k × 10 FY: 1,115 against 1,072 ms, median of 5
   * alternated pairs).
   */
  addKept(run: number, values: ArrayLike<number>, base = 0): void {
    this.claim(run);
    const first = this.count === 0;
    const { columns, constant, limit, tallies, moved, packed } = this;
    for (let k = 0; k < this.offsets.length; k++) {
      const v = Math.fround(values[base + k] as number);
      const col = columns[k];
      if (col) {
        if (fits(v, limit[k] as number)) col[run] = v;
        else this.widen(k, run, v);
        if (v === 0) moved[k]?.note(run, v);
      } else {
        const t = tallies[k];
        if (t) {
          if (!t.add(run, v)) this.uncount(k, run, v);
        } else {
          const pc = packed[k];
          if (pc) {
            if (!pc.put(run, v)) this.unpack(k, run, v);
            if (v === 0) moved[k]?.note(run, v);
          } else if (first) constant[k] = v;
          else if (!Object.is(v, constant[k])) this.split(k, run, v);
        }
      }
    }
    this.added1(run);
  }

  /** Run `run` is stored. */
  private added1(run: number): void {
    this.count++;
    if (run < this.lowRun) this.lowRun = run;
    if (run > this.highRun) this.highRun = run;
  }

  /**
   * Store `count` runs from `first`, reduced to the kept cells, run-major (`offsets.length` values
   * each): the same as `addKept` for each run in turn, but cell by cell (each cell's runs of the
   * block, then the next cell), so that a cell's counts or column stay in cache while its values
   * are stored (a count is an increment at a value's place, anywhere in the cell's counts).
   */
  addBlock(first: number, count: number, values: ArrayLike<number>): void {
    for (let i = 0; i < count; i++) {
      const run = first + i;
      if (run < 0 || run >= this.runs) throw new RangeError(`run ${run} outside 0..${this.runs - 1}`);
      if (this.seen[run]) throw new Error(`run ${run} added twice`);
    }
    if (count <= 0) return;
    this.known = undefined;
    const K = this.offsets.length;
    for (let k = 0; k < K; k++) {
      let i = 0;
      while (i < count) i = this.storeCell(k, first, count, values, K, i);
    }
    this.seen.fill(1, first, first + count);
    this.count += count;
    if (first < this.lowRun) this.lowRun = first;
    if (first + count - 1 > this.highRun) this.highRun = first + count - 1;
  }

  /**
   * Store cell k's values of runs first + i, first + i + 1, … of a block (`addBlock`) while the
   * way the cell is kept stays the same; the index of the next run of the block to store.
   */
  private storeCell(
    k: number,
    first: number,
    count: number,
    values: ArrayLike<number>,
    K: number,
    i: number,
  ): number {
    const col = this.columns[k];
    const moved = this.moved[k];
    if (col) {
      const lim = this.limit[k] as number;
      if (lim === Number.POSITIVE_INFINITY) {
        // a Float32Array: every value fits
        const from = i;
        for (; i < count; i++) col[first + i] = values[i * K + k] as number;
        if (moved) noteZeros(moved, values, k, K, first, from, count);
        return i;
      }
      for (; i < count; i++) {
        const v = Math.fround(values[i * K + k] as number);
        const run = first + i;
        if (fits(v, lim)) col[run] = v;
        else this.widen(k, run, v);
        if (v === 0) moved?.note(run, v);
        if (this.columns[k] !== col) return i + 1;
      }
      return i;
    }
    const t = this.tallies[k];
    if (t) {
      i = t.addStrided(values, k, K, first, i, count);
      if (i < count) {
        const v = Math.fround(values[i * K + k] as number);
        this.asAtRun(first, i, () => this.uncount(k, first + i, v));
        return i + 1;
      }
      return i;
    }
    const pc = this.packed[k];
    if (pc) {
      const j = pc.putStrided(values, k, K, first, i, count);
      if (moved) noteZeros(moved, values, k, K, first, i, j);
      if (j < count) {
        const v = Math.fround(values[j * K + k] as number);
        this.unpack(k, first + j, v);
        if (v === 0) moved?.note(first + j, v);
        return j + 1;
      }
      return j;
    }
    const { constant } = this;
    if (this.count === 0 && i === 0) constant[k] = Math.fround(values[k] as number);
    const c = constant[k] as number;
    for (i = Math.max(i, this.count === 0 ? 1 : 0); i < count; i++) {
      const v = Math.fround(values[i * K + k] as number);
      if (!Object.is(v, c)) {
        this.asAtRun(first, i, () => this.split(k, first + i, v));
        return i + 1;
      }
    }
    return i;
  }

  /**
   * Run fn with the state that `addKept` of run first + i would see, in a block whose runs from
   * `first` are being stored cell by cell: runs first .. first + i − 1 added, first + i claimed.
   */
  private asAtRun(first: number, i: number, fn: () => void): void {
    const { count, lowRun, highRun } = this;
    this.seen.fill(1, first, first + i + 1);
    this.count = count + i;
    if (i > 0) {
      this.lowRun = Math.min(lowRun, first);
      this.highRun = Math.max(highRun, first + i - 1);
    }
    try {
      fn();
    } finally {
      this.seen.fill(0, first, first + i + 1);
      this.count = count;
      this.lowRun = lowRun;
      this.highRun = highRun;
    }
  }

  private claim(run: number): void {
    if (run < 0 || run >= this.runs) throw new RangeError(`run ${run} outside 0..${this.runs - 1}`);
    if (this.seen[run]) throw new Error(`run ${run} added twice`);
    this.seen[run] = 1;
    this.known = undefined;
  }

  /** Cell k, the same in every run so far, has value v in run `run`: from now on it needs a column. */
  private split(k: number, run: number, v: number): void {
    const c0 = this.constant[k] as number;
    if (this.countable[k]) {
      const t = this.newCounts(c0, v);
      if (t) {
        t.addMany(c0, this.count, this.lowRun, this.highRun);
        // v is within the room (or NaN): only a full count (v is c0's other zero) refuses it
        while (!t.add(run, v)) t.widen();
        this.tallies[k] = t;
        return;
      }
      const pc = this.newPacked(c0, v, c0, v) ?? this.newPackedBits(c0, v);
      if (pc) {
        pc.fill(c0);
        pc.put(run, v);
        this.packed[k] = pc;
        return;
      }
    }
    const lim = Math.max(narrowest(c0), narrowest(v));
    const c = newColumn(lim, this.runs).fill(c0);
    c[run] = v;
    this.columns[k] = c;
    this.limit[k] = lim;
  }

  /** Counts with room for the whole numbers or NaNs a and b; undefined if either is neither, or the room would be too large. */
  private newCounts(a: number, b: number): ValueCounts | undefined {
    const okA = Number.isInteger(a);
    const okB = Number.isInteger(b);
    if ((!okA && !Number.isNaN(a)) || (!okB && !Number.isNaN(b))) return undefined;
    const lo = okA && okB ? Math.min(a, b) : okA ? a : b;
    const hi = okA && okB ? Math.max(a, b) : okA ? a : b;
    const t = new ValueCounts(lo, 0);
    return t.reserve(lo, hi, this.mostBytes(lo, hi)) ? t : undefined;
  }

  /**
   * A PackedColumn for values from lo to hi and the values a and b (NaN for none), if they are
   * whole numbers (not −0) that a column would need 4 bytes for; else undefined.
   */
  private newPacked(lo: number, hi: number, a: number, b: number): PackedColumn | undefined {
    const xs = [lo, hi, a, b].filter((x) => !Number.isNaN(x));
    if (xs.length === 0 || Math.max(...xs.map(narrowest)) !== Number.POSITIVE_INFINITY) return undefined;
    const base = PackedColumn.around(Math.min(...xs), Math.max(...xs));
    return xs.every((x) => PackedColumn.fits(base, x)) ? new PackedColumn(base, this.runs) : undefined;
  }

  /** A PackedBits for a and b (NaN for none) if they are float32 values ≥ 0 close enough; else undefined. */
  private newPackedBits(a: number, b: number): PackedBits | undefined {
    const xs = [a, b].filter((x) => !Number.isNaN(x));
    if (xs.length === 0) return undefined;
    const base = PackedBits.around(Math.min(...xs), Math.max(...xs));
    return xs.every((x) => PackedBits.fits(base, x)) ? new PackedBits(base, this.runs) : undefined;
  }

  /** Packed cell k cannot hold v: a Float32Array of the same values in the same places, and v at `run`. */
  private unpack(k: number, run: number, v: number): void {
    const c = (this.packed[k] as PackedColumn | PackedBits).decode();
    c[run] = v;
    this.columns[k] = c;
    this.limit[k] = Number.POSITIVE_INFINITY;
    this.packed[k] = undefined;
  }

  /**
   * The most bytes the counts of a cell from lo to hi may take: half what a column of its values
   * would (1, 2 or 4 bytes a run), and always 1 KiB (256 values with counts of 4 bytes).
   */
  private mostBytes(lo: number, hi: number): number {
    const bytes = lo >= 0 && hi <= 255 ? 1 : lo >= 0 && hi <= 65535 ? 2 : 4;
    return Math.max(1024, Math.floor((this.runs * bytes) / 2));
  }

  /**
   * Cell k's counts cannot hold run `run`'s value v: more room for a whole number, or wider counts
   * when its count is full, if the counts stay small enough; else a column, its earlier runs' values put in their places in ascending
   * order (the same values, not in run order: `moved`), and v at `run`.
   */
  private uncount(k: number, run: number, v: number): void {
    const t = this.tallies[k] as ValueCounts;
    if (Number.isInteger(v)) {
      const lo = Math.min(v, t.min);
      const hi = Math.max(v, t.max);
      const most = this.mostBytes(lo, hi);
      while (t.reserve(lo, hi, Math.floor(most / t.countBytes))) {
        if (t.add(run, v)) return;
        // its count is full: wider counts, if they are small enough
        if (t.countBytes === 4 || t.counts.length * t.countBytes * 2 > most) break;
        t.widen();
      }
    }
    const some = t.max >= t.min;
    const pc = this.newPacked(some ? t.min : Number.NaN, some ? t.max : Number.NaN, v, Number.NaN);
    let lim = Math.max(narrowest(v), t.nan > 0 ? Number.POSITIVE_INFINITY : 0);
    if (some) lim = Math.max(lim, narrowest(t.min), narrowest(t.max));
    const c = pc ? undefined : newColumn(lim, this.runs);
    // the runs added before this one, in ascending order, take the values in ascending order
    const { seen } = this;
    let r = 0;
    t.forEachValue((x, times) => {
      for (let j = 0; j < times; j++) {
        while (r < this.runs && (!seen[r] || r === run)) r++;
        if (r >= this.runs) throw new Error('counts hold more runs than were added');
        if (c) c[r] = x;
        else pc?.put(r, x);
        r++;
      }
    });
    if (v === 0) t.zeros.note(run, v);
    this.moved[k] = t.zeros;
    this.tallies[k] = undefined;
    if (pc) {
      pc.put(run, v);
      this.packed[k] = pc;
      return;
    }
    (c as Column)[run] = v;
    this.columns[k] = c;
    this.limit[k] = lim;
  }

  /**
   * Column k cannot hold v as it is: a wider column with the same values, and v at `run` (a
   * PackedColumn instead of a Float32Array when only its statistics are read and they fit).
   */
  private widen(k: number, run: number, v: number): void {
    const lim = Math.max(this.limit[k] as number, narrowest(v));
    const old = this.columns[k] as Column;
    if (this.countable[k] && lim === Number.POSITIVE_INFINITY && !(old instanceof Float32Array)) {
      // whole numbers from 0 to 255 or 65,535 so far, and now v: 3 bytes a run if v fits beside them
      const pc = this.newPacked(0, this.limit[k] as number, v, Number.NaN);
      if (pc) {
        for (let r = 0; r < this.runs; r++) pc.put(r, old[r] as number);
        pc.put(run, v);
        this.packed[k] = pc;
        this.columns[k] = undefined;
        return;
      }
    }
    const c = newColumn(lim, this.runs);
    c.set(this.columns[k] as Column);
    c[run] = v;
    this.columns[k] = c;
    this.limit[k] = lim;
  }

  get added(): number {
    return this.count;
  }

  /** Bytes held by the per-run columns (for the benchmarks). */
  get bytes(): number {
    return (
      this.columns.reduce((a, c) => a + (c ? c.byteLength : 0), 0) +
      this.tallies.reduce((a, t) => a + (t ? t.bytes : 0), 0) +
      this.packed.reduce((a, p) => a + (p ? p.bytes : 0), 0)
    );
  }

  /** Cells held as counts per value, columns not in run order, and packed columns (for the benchmarks and tests). */
  get counted(): { counts: number; moved: number; packed: number } {
    return {
      counts: this.tallies.filter((t) => t).length,
      moved: this.moved.filter((z) => z).length,
      packed: this.packed.filter((p) => p).length,
    };
  }

  /** Cells whose statistics were given back (`giveBack`) for the runs added (for the tests). */
  get statsGiven(): number {
    return this.known ? this.known.filter((s) => s).length : 0;
  }

  /** The values of one cell across runs, in run order. */
  column(offset: number): Float32Array {
    const k = this.inPlace(offset);
    const col = this.columns[k];
    if (col instanceof Float32Array) return col;
    return col ? Float32Array.from(col) : new Float32Array(this.runs).fill(this.constant[k] as number);
  }

  /** The values of one cell across runs, in run order, as held (read only; no copy when a column). */
  values(offset: number): ArrayLike<number> {
    const k = this.inPlace(offset);
    return this.columns[k] ?? new Float32Array(this.runs).fill(this.constant[k] as number);
  }

  /** The kept values of one run, in `offsets` order. */
  runValues(run: number): Float32Array {
    if (!this.perRun) throw new Error('runValues: this Accumulator does not keep every cell run by run');
    const out = new Float32Array(this.offsets.length);
    for (let k = 0; k < out.length; k++) out[k] = this.columns[k]?.[run] ?? (this.constant[k] as number);
    return out;
  }

  /** The value of a cell that has been the same in every run added so far, else undefined. */
  constantOf(offset: number): number | undefined {
    const k = this.kept(offset);
    return this.columns[k] || this.tallies[k] || this.packed[k] ? undefined : (this.constant[k] as number);
  }

  stats(offset: number): CellStats {
    const k = this.kept(offset);
    const known = this.known?.[k];
    if (known) return known;
    const t = this.tallies[k];
    if (t) return t.stats() ?? t.zeros.fix(sortedStats(Float64Array.from(t.values())));
    const col = this.columns[k] ?? this.packed[k]?.decode(packedScratch(this.runs));
    if (!col) return constantStats(this.constant[k] as number, this.runs);
    return columnStats(col, this.moved[k]);
  }

  /**
   * Every cell, to have its statistics computed in other threads (`heldStats`): a column, packed
   * column or counts as their arrays, not copies, or a constant. A caller that transfers the arrays
   * must hand them back (`giveBack`) before the Accumulator is read again.
   */
  lend(): HeldCell[] {
    const cells: HeldCell[] = [];
    for (let k = 0; k < this.offsets.length; k++) {
      const column = this.columns[k];
      const pc = this.packed[k];
      const t = this.tallies[k];
      const cell: HeldCell = column
        ? { k, column }
        : pc
          ? { k, packed: { ...pc.parts(), bits: pc instanceof PackedBits } }
          : t
            ? { k, counts: t.parts() }
            : { k, constant: this.constant[k] as number };
      const z = this.moved[k];
      if (z)
        cell.zeros = {
          first: z.first,
          last: z.last,
          firstNegative: z.firstNegative,
          lastNegative: z.lastNegative,
        };
      cells.push(cell);
    }
    return cells;
  }

  /**
   * Take back cells lent by `lend` (the same cells, their arrays possibly moved to another thread
   * and back), with `stats[i]` the statistics of `cells[i]` (`heldStats`), which `stats` then gives.
   */
  giveBack(cells: readonly HeldCell[], stats: readonly CellStats[]): void {
    if (!this.known) this.known = new Array(this.offsets.length).fill(undefined);
    cells.forEach((cell, i) => {
      const { k } = cell;
      if (cell.column) this.columns[k] = cell.column;
      else if (cell.packed)
        this.packed[k] = (cell.packed.bits ? PackedBits : PackedColumn).fromParts(cell.packed);
      else if (cell.counts) this.tallies[k] = ValueCounts.fromParts(cell.counts);
      (this.known as (CellStats | undefined)[])[k] = stats[i];
    });
  }

  /**
   * Whether pred holds for the value of every run added (pred must not tell −0 from +0), whatever
   * way the cell is kept.
   */
  every(offset: number, pred: (v: number) => boolean): boolean {
    const k = this.kept(offset);
    const t = this.tallies[k];
    if (t) return t.every(pred);
    const col = this.columns[k] ?? this.packed[k]?.decode(packedScratch(this.runs));
    if (!col) return this.count === 0 || pred(this.constant[k] as number);
    if (this.count === this.runs || this.moved[k]) {
      for (let r = 0; r < this.runs; r++) if (this.seen[r] && !pred(col[r] as number)) return false;
      return true;
    }
    for (let i = 0; i < this.count; i++) if (!pred(col[i] as number)) return false;
    return true;
  }

  /** Position of a kept cell whose values are kept run by run, in place. */
  private inPlace(offset: number): number {
    const k = this.kept(offset);
    if (this.tallies[k] || this.moved[k] || this.packed[k])
      throw new Error(
        `cell ${offset} is kept as counts per value, not run by run (an Accumulator with perRun: false keeps run by run only the cells of \`keep\`)`,
      );
    return k;
  }

  /** Position of a kept cell. */
  private kept(offset: number): number {
    const k = this.index.get(offset);
    if (k === undefined) throw new RangeError(`cell ${offset} is not kept`);
    return k;
  }
}

/**
 * A cell lent out of an Accumulator (`Accumulator.lend`): its column, its packed column's arrays,
 * its counts or its constant, and the signs of its zeros when it is a column made from counts.
 * Structured-clonable.
 */
export interface HeldCell {
  /** the cell's position in the Accumulator's `offsets` */
  k: number;
  column?: Column;
  packed?: PackedParts & { bits: boolean };
  counts?: CountsParts;
  /** the value of a cell the same in every run */
  constant?: number;
  zeros?: { first: number; last: number; firstNegative: boolean; lastNegative: boolean };
}

/** The statistics of a lent cell over `runs` runs: what `Accumulator.stats` gives for it. */
export function heldStats(cell: HeldCell, runs: number): CellStats {
  if (cell.counts) {
    const t = ValueCounts.fromParts(cell.counts);
    return t.stats() ?? t.zeros.fix(sortedStats(Float64Array.from(t.values())));
  }
  if (cell.constant !== undefined) return constantStats(cell.constant, runs);
  const col =
    cell.column ??
    (cell.packed
      ? (cell.packed.bits ? PackedBits : PackedColumn).fromParts(cell.packed).decode(packedScratch(runs))
      : undefined);
  if (!col) throw new Error(`cell ${cell.k}: no values`);
  return columnStats(col, cell.zeros ? Object.assign(new ZeroSigns(), cell.zeros) : undefined);
}

/** cellStats of a column, its zeros corrected when it was made from counts (`moved`). */
function columnStats(col: ArrayLike<number>, moved: ZeroSigns | undefined): CellStats {
  return moved ? moved.fix(cellStats(col)) : cellStats(col);
}

/** zeros.note of the zeros among values[i·K + k] for i from `from` up to `to` (runs first + i). */
function noteZeros(
  zeros: ZeroSigns,
  values: ArrayLike<number>,
  k: number,
  K: number,
  first: number,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const v = Math.fround(values[i * K + k] as number);
    if (v === 0) zeros.note(first + i, v);
  }
}

let packedValues: Float32Array = new Float32Array(0);
/** A buffer for a PackedColumn's values (valid until the next call). */
function packedScratch(runs: number): Float32Array {
  if (packedValues.length !== runs) packedValues = new Float32Array(runs);
  return packedValues;
}

/** A kept cell's values over runs: float32 values, in the narrowest array that holds them exactly. */
export type Column = Float32Array | Uint16Array | Uint8Array;

/** Whether a column of `limit` (255, 65,535 or ∞) holds float32 value v exactly. */
function fits(v: number, limit: number): boolean {
  if (limit === Number.POSITIVE_INFINITY) return true;
  // a whole number in 0..limit, and not −0 (which a Uint8/Uint16 would make +0); NaN fails v >= 0
  return v >= 0 && v <= limit && Math.floor(v) === v && (v !== 0 || 1 / v > 0);
}

/** The smallest column limit that holds float32 value v. */
function narrowest(v: number): number {
  return fits(v, 255) ? 255 : fits(v, 65535) ? 65535 : Number.POSITIVE_INFINITY;
}

function newColumn(limit: number, runs: number): Column {
  return limit === 255
    ? new Uint8Array(runs)
    : limit === 65535
      ? new Uint16Array(runs)
      : new Float32Array(runs);
}

/** cellStats of n copies of v: the same arithmetic, without the copies or the sort. */
export function constantStats(v: number, n: number): CellStats {
  if (Number.isNaN(v) || n === 0) return cellStats([]);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v - mean) ** 2;
  // quantileSorted between two equal values: v + 0 on an order statistic, else v + (v - v)·fraction
  // (NaN for an infinite v; +0 for -0)
  const q = (p: number) => {
    const h = (n - 1) * p;
    if (n === 1) return v;
    return h === Math.floor(h) ? v + 0 : v + (v - v) * (h - Math.floor(h));
  };
  return {
    n,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: v,
    p05: q(0.05),
    p25: q(0.25),
    p50: q(0.5),
    p75: q(0.75),
    p95: q(0.95),
    max: v,
  };
}

/**
 * Distribution of one cell; NaN values (no value in that run) are left out and `n` says how many
 * remain. One pass copies the values into a buffer shared by all cells (no garbage per cell: ≈ 0.8 MB
 * each at 100,000 runs) and sees whether they can be counted (`countedStats`); if not, they are
 * sorted there, as `sortedNumbers` sorts. The same bytes either way as `sortedStats`.
 */
export function cellStats(values: ArrayLike<number>): CellStats {
  if (sortScratch.length < values.length) sortScratch = new Float64Array(values.length);
  // below a few thousand runs sorting is as quick, and one code path less for V8 to warm up
  if (values.length < COUNT_FROM) return statsOfSorted(sortedNumbers(values, sortScratch));
  const xs = sortScratch;
  let n = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let whole = true;
  let negativeZero = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    if (v === 0 && 1 / v < 0) negativeZero = true;
    else if (!Number.isInteger(v)) whole = false;
    if (v < min) min = v;
    if (v > max) max = v;
    xs[n++] = v;
  }
  if (whole && !negativeZero && n > 0 && countable(n, min, max)) return countStats(xs, n, min, max);
  const out = xs.subarray(0, n);
  // whole numbers (none −0) less than 2^22 apart: two radix passes over value − min instead of three
  if (whole && !negativeZero && n > 64 && max - min < WHOLE_RADIX_RANGE) radixSortWhole(out, min, max - min);
  else sortInPlace(out, negativeZero, isFloat32(values));
  return statsOfSorted(out);
}

let sortScratch = new Float64Array(0);
/** runs from which cellStats counts whole numbers rather than sorting them (measured, bench/RESULTS.md) */
const COUNT_FROM = 4096;

/** cellStats by sorting the values (`sortedNumbers`), for any values: the reference for the tests. */
export function sortedStats(values: ArrayLike<number>): CellStats {
  return statsOfSorted(sortedNumbers(values));
}

/** The statistics of values sorted in ascending order, NaN left out. */
function statsOfSorted(xs: Float64Array): CellStats {
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
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i] as number;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((xs[i] as number) - mean) ** 2;
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

let tally = new Uint32Array(0);

/**
 * cellStats of whole numbers spanning a short range (most cells: counts of visas, applicants,
 * backlogs), by counting how many runs have each value instead of sorting them: O(runs + range)
 * instead of a radix sort's several passes. The same bytes as `sortedStats`, operation for
 * operation: the sum of whole numbers below 2^53 is exact in any order, so Σ value × count equals
 * the sorted sum; the squared deviations are added one per run in ascending order, as there; and
 * each quantile interpolates between the same two order statistics with quantileSorted's formula.
 * Undefined (use `sortedStats`) when a value is not a whole number, is −0 (whose order among zeros
 * the comparator sort keeps), or the range is too wide to count.
 */
export function countedStats(values: ArrayLike<number>): CellStats | undefined {
  const xs = new Float64Array(values.length);
  let n = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue; // no value in this run
    if (!Number.isInteger(v) || (v === 0 && 1 / v < 0)) return undefined;
    if (v < min) min = v;
    if (v > max) max = v;
    xs[n++] = v;
  }
  return n > 0 && countable(n, min, max) ? countStats(xs, n, min, max) : undefined;
}

/** Whether n whole numbers from min to max are worth counting, with exact sums (|partial sums| < 2^53). */
function countable(n: number, min: number, max: number): boolean {
  return max - min <= 4 * n + 4096 && Math.max(-min, max) * n < 2 ** 53;
}

/** countedStats of the n whole numbers xs[0..n), none −0, from min to max: counted, then countsStats. */
function countStats(xs: Float64Array, n: number, min: number, max: number): CellStats {
  const bins = max - min + 1;
  if (tally.length < bins) tally = new Uint32Array(Math.max(bins, 2 * tally.length));
  const counts = tally;
  // whole numbers with |partial sums| < 2^53 (countable): their sum is exact in any order
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = xs[i] as number;
    sum += v;
    const b = v - min;
    counts[b] = (counts[b] as number) + 1;
  }
  const stats = countsStats(counts, min, min, max, n, sum);
  counts.fill(0, 0, bins);
  return stats;
}

/**
 * The values that are not NaN, in ascending order: the order of a stable sort by `(a, b) => a - b`.
 * Float32Array input (the Accumulator's columns, and its Uint8/Uint16 ones) is radix-sorted on its bit patterns (~20 times
 * faster than a comparison sort on 10,000 values); other input uses the typed-array sort. Both put
 * -0 before +0, which the comparator sort would leave in input order, so input holding a -0 takes
 * the comparator sort (tests/stats/accumulate.test.ts compares the three). Given a `scratch` buffer
 * at least as long as `values`, the result is a view of it (valid until the buffer is reused).
 */
export function sortedNumbers(values: ArrayLike<number>, scratch?: Float64Array): Float64Array {
  let negativeZero = false;
  let n = 0;
  const xs =
    scratch && scratch.length >= values.length
      ? scratch.subarray(0, values.length)
      : new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    if (v === 0 && 1 / v < 0) negativeZero = true;
    xs[n++] = v;
  }
  const out = n < xs.length ? xs.subarray(0, n) : xs;
  sortInPlace(out, negativeZero, isFloat32(values));
  return out;
}

/** Whether every value of `values` is a float32 value: the Accumulator's columns. */
function isFloat32(values: ArrayLike<number>): boolean {
  return values instanceof Float32Array || values instanceof Uint16Array || values instanceof Uint8Array;
}

/**
 * Sort values (no NaN) as the comparator sort `(a, b) => a - b` orders them: that sort itself when
 * there is a −0 (it keeps −0 and +0 in input order), a radix sort for float32 values, else the
 * typed-array sort.
 */
function sortInPlace(out: Float64Array, negativeZero: boolean, float32: boolean): void {
  if (negativeZero) out.set(Array.from(out).sort((a, b) => a - b));
  else if (float32 && out.length > 64) radixSortFloat32(out);
  else out.sort();
}

/** ranges (max − min) of whole numbers that `radixSortWhole` sorts in two passes of 11 bits */
const WHOLE_RADIX_RANGE = 2 ** 22;

/**
 * Sort whole numbers (no NaN, no −0) from min to min + range (range < 2^22) in place: an LSD radix
 * sort of value − min in two passes of 11 bits. Values that are equal are indistinguishable, so the
 * result is the ascending order any sort gives.
 */
function radixSortWhole(xs: Float64Array, min: number, range: number): void {
  const n = xs.length;
  if (keys.length < n) {
    keys = new Uint32Array(n);
    temp = new Uint32Array(n);
  }
  // the keys, and both passes' counts in the same read
  const high = (range >>> 11) + 1;
  counts.fill(0, 0, 2048);
  countsHigh.fill(0, 0, high);
  for (let i = 0; i < n; i++) {
    const key = (xs[i] as number) - min;
    keys[i] = key;
    const j = key & 2047;
    counts[j] = (counts[j] as number) + 1;
    const h = key >>> 11;
    countsHigh[h] = (countsHigh[h] as number) + 1;
  }
  startsOf(counts, 2048);
  startsOf(countsHigh, high);
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number;
    const j = key & 2047;
    temp[counts[j] as number] = key;
    counts[j] = (counts[j] as number) + 1;
  }
  for (let i = 0; i < n; i++) {
    const key = temp[i] as number;
    const h = key >>> 11;
    keys[countsHigh[h] as number] = key;
    countsHigh[h] = (countsHigh[h] as number) + 1;
  }
  for (let i = 0; i < n; i++) xs[i] = (keys[i] as number) + min;
}

/** Counts per bin → the first place of each bin (an exclusive prefix sum), in place. */
function startsOf(c: Uint32Array, bins: number): void {
  let sum = 0;
  for (let j = 0; j < bins; j++) {
    const x = c[j] as number;
    c[j] = sum;
    sum += x;
  }
}

const countsHigh = new Uint32Array(2048);

let keys = new Uint32Array(0);
let temp = new Uint32Array(0);
const counts = new Uint32Array(2048);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * Sort doubles that are all exactly representable as float32 and not NaN, in place. Keys: the
 * float32 bit patterns, with the sign bit flipped for positives and every bit flipped for negatives,
 * so unsigned order is numeric order; three passes of 11, 11 and 10 bits (LSD radix, stable).
 */
function radixSortFloat32(xs: Float64Array): void {
  const n = xs.length;
  if (keys.length < n) {
    keys = new Uint32Array(n);
    temp = new Uint32Array(n);
  }
  for (let i = 0; i < n; i++) {
    f32[0] = xs[i] as number;
    const b = u32[0] as number;
    keys[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
  }
  let src = keys;
  let dst = temp;
  for (let shift = 0; shift < 32; shift += 11) {
    const bins = shift === 22 ? 1024 : 2048;
    counts.fill(0, 0, bins);
    for (let i = 0; i < n; i++) {
      const j = ((src[i] as number) >>> shift) & (bins - 1);
      counts[j] = (counts[j] as number) + 1;
    }
    let sum = 0;
    for (let j = 0; j < bins; j++) {
      const c = counts[j] as number;
      counts[j] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = src[i] as number;
      const j = (key >>> shift) & (bins - 1);
      dst[counts[j] as number] = key;
      counts[j] = (counts[j] as number) + 1;
    }
    const s = src;
    src = dst;
    dst = s;
  }
  for (let i = 0; i < n; i++) {
    const key = src[i] as number;
    u32[0] = key & 0x80000000 ? (key & 0x7fffffff) >>> 0 : ~key >>> 0;
    xs[i] = f32[0] as number;
  }
}
