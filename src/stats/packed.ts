/**
 * A column of whole numbers in 3 bytes a run: each run's value minus a base, in 24 bits (a Uint16
 * and a Uint8 array), with one code for NaN (no value in that run). The Accumulator keeps a cell
 * this way when only its statistics are read (perRun: false) and its values are whole numbers too
 * far apart for counts per value (stats/counts.ts) and above 65,535 or below 0 (so a column would
 * take 4 bytes a run): counts of applicants and backlogs over many years. −0 and fractions do not
 * fit (the Accumulator then moves the values to a Float32Array).
 */

/** A packed column's arrays and base (PackedColumn.parts, PackedBits.parts). */
export interface PackedParts {
  base: number;
  low: Uint16Array;
  high: Uint8Array;
}

/** The code of NaN; values are base + 0 .. base + NAN_CODE − 1. */
const NAN_CODE = 0xffffff;

export class PackedColumn {
  private readonly low: Uint16Array;
  private readonly high: Uint8Array;

  constructor(
    /** the value a code of 0 stands for */
    readonly base: number,
    runs: number,
  ) {
    this.low = new Uint16Array(runs);
    this.high = new Uint8Array(runs);
  }

  /** A base that holds a and b (whole numbers), with as much room below as above. */
  static around(a: number, b: number): number {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    return Math.max(lo - (NAN_CODE >> 2), Math.floor((lo + hi) / 2) - (NAN_CODE >> 1));
  }

  /** Whether v can be stored: NaN, or a whole number from base to base + 2^24 − 2, not −0. */
  fits(v: number): boolean {
    return PackedColumn.fits(this.base, v);
  }

  /** Whether a PackedColumn with this base can store v. */
  static fits(base: number, v: number): boolean {
    return PackedColumn.code(base, v) >= 0;
  }

  /** v's code in a PackedColumn with this base, or −1 when it does not fit. */
  static code(base: number, v: number): number {
    if (Number.isNaN(v)) return NAN_CODE;
    const x = v - base;
    return x >= 0 && x < NAN_CODE && Math.floor(x) === x && (v !== 0 || 1 / v > 0) ? x : -1;
  }

  /** Store v (which `fits`) as run `run`'s value; false (nothing stored) if it does not fit. */
  put(run: number, v: number): boolean {
    const x = PackedColumn.code(this.base, v);
    if (x < 0) return false;
    this.low[run] = x & 0xffff;
    this.high[run] = x >>> 16;
    return true;
  }

  /**
   * `put` of the values `values[i·stride + at]` for i from `from` up to `to`, as runs first + i;
   * stops at the first one that does not fit and returns its i (`to` if none).
   */
  putStrided(
    values: ArrayLike<number>,
    at: number,
    stride: number,
    first: number,
    from: number,
    to: number,
  ): number {
    const { low, high, base } = this;
    let i = from;
    for (; i < to; i++) {
      const x = PackedColumn.code(base, Math.fround(values[i * stride + at] as number));
      if (x < 0) break;
      low[first + i] = x & 0xffff;
      high[first + i] = x >>> 16;
    }
    return i;
  }

  /** Store v (which `fits`) in every run. */
  fill(v: number): void {
    const x = Number.isNaN(v) ? NAN_CODE : v - this.base;
    this.low.fill(x & 0xffff);
    this.high.fill(x >>> 16);
  }

  get(run: number): number {
    const x = (this.low[run] as number) + (this.high[run] as number) * 65536;
    return x === NAN_CODE ? Number.NaN : this.base + x;
  }

  /** Every run's value, as float32 values (the values stored were float32 values), into `out` if given. */
  decode(out: Float32Array = new Float32Array(this.low.length)): Float32Array {
    const { low, high, base } = this;
    for (let i = 0; i < low.length; i++) {
      const x = (low[i] as number) + (high[i] as number) * 65536;
      out[i] = x === NAN_CODE ? Number.NaN : base + x;
    }
    return out;
  }

  get bytes(): number {
    return this.low.byteLength + this.high.byteLength;
  }

  /** Its arrays (to hand to another thread, which rebuilds it with `fromParts`). */
  parts(): PackedParts {
    return { base: this.base, low: this.low, high: this.high };
  }

  /** The PackedColumn of `parts` (its arrays, not a copy). */
  static fromParts(parts: PackedParts): PackedColumn {
    const p = new PackedColumn(parts.base, 0);
    Object.assign(p, { low: parts.low, high: parts.high });
    return p;
  }
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The bits of float32 value v, as an unsigned number (in numeric order for v ≥ 0). */
function bitsOf(v: number): number {
  f32[0] = v;
  return u32[0] as number;
}

/**
 * A column of float32 values ≥ 0 within a factor of about four of each other (shares, rates) in 3
 * bytes a run: each value's float32 bits minus a base, in 24 bits, with the code of PackedColumn for
 * NaN. For values ≥ 0, the order of the bits is the order of the values, and 2^24 codes span two
 * binades (from 0.25 to 1, say). Negative values, −0, and values too far apart do not fit.
 */
export class PackedBits {
  private readonly low: Uint16Array;
  private readonly high: Uint8Array;

  constructor(
    /** the bits a code of 0 stands for */
    readonly base: number,
    runs: number,
  ) {
    this.low = new Uint16Array(runs);
    this.high = new Uint8Array(runs);
  }

  /** A base that holds a and b (float32 values ≥ 0), with room on both sides. */
  static around(a: number, b: number): number {
    const lo = Math.min(bitsOf(a), bitsOf(b));
    const hi = Math.max(bitsOf(a), bitsOf(b));
    return Math.max(0, lo - (NAN_CODE >> 2), Math.floor((lo + hi) / 2) - (NAN_CODE >> 1));
  }

  fits(v: number): boolean {
    return PackedBits.fits(this.base, v);
  }

  /** Whether a PackedBits with this base can store v: NaN, or a float32 value ≥ 0 (not −0) in its room. */
  static fits(base: number, v: number): boolean {
    return PackedBits.code(base, v) >= 0;
  }

  /** v's code in a PackedBits with this base, or −1 when it does not fit. */
  static code(base: number, v: number): number {
    if (Number.isNaN(v)) return NAN_CODE;
    if (!(v >= 0) || (v === 0 && 1 / v < 0) || Math.fround(v) !== v) return -1;
    const x = bitsOf(v) - base;
    return x >= 0 && x < NAN_CODE ? x : -1;
  }

  put(run: number, v: number): boolean {
    const x = PackedBits.code(this.base, v);
    if (x < 0) return false;
    this.low[run] = x & 0xffff;
    this.high[run] = x >>> 16;
    return true;
  }

  /** PackedColumn.putStrided for PackedBits. */
  putStrided(
    values: ArrayLike<number>,
    at: number,
    stride: number,
    first: number,
    from: number,
    to: number,
  ): number {
    const { low, high, base } = this;
    let i = from;
    for (; i < to; i++) {
      const x = PackedBits.code(base, Math.fround(values[i * stride + at] as number));
      if (x < 0) break;
      low[first + i] = x & 0xffff;
      high[first + i] = x >>> 16;
    }
    return i;
  }

  fill(v: number): void {
    const x = Number.isNaN(v) ? NAN_CODE : bitsOf(v) - this.base;
    this.low.fill(x & 0xffff);
    this.high.fill(x >>> 16);
  }

  get(run: number): number {
    const x = (this.low[run] as number) + (this.high[run] as number) * 65536;
    if (x === NAN_CODE) return Number.NaN;
    u32[0] = this.base + x;
    return f32[0] as number;
  }

  decode(out: Float32Array = new Float32Array(this.low.length)): Float32Array {
    const { low, high, base } = this;
    const bits = new Uint32Array(out.buffer, out.byteOffset, out.length);
    for (let i = 0; i < low.length; i++) {
      const x = (low[i] as number) + (high[i] as number) * 65536;
      // NaN's bits (the float32 quiet NaN) where there was no value
      bits[i] = x === NAN_CODE ? 0x7fc00000 : base + x;
    }
    return out;
  }

  get bytes(): number {
    return this.low.byteLength + this.high.byteLength;
  }

  /** Its arrays (to hand to another thread, which rebuilds it with `fromParts`). */
  parts(): PackedParts {
    return { base: this.base, low: this.low, high: this.high };
  }

  /** The PackedBits of `parts` (its arrays, not a copy). */
  static fromParts(parts: PackedParts): PackedBits {
    const p = new PackedBits(parts.base, 0);
    Object.assign(p, { low: parts.low, high: parts.high });
    return p;
  }
}
