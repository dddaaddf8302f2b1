/**
 * Counts per value give the statistics of the values they count, byte for byte: the same as
 * `sortedStats` of the runs' values in run order (the sort the column path does), zeros' signs
 * included; counts of disjoint runs merge into the counts of all of them; and an Accumulator that
 * keeps cells as counts (perRun: false) gives every cell the statistics it gives with columns.
 */

import { describe, expect, it } from 'vitest';
import type { CellStats } from '../../src/core/types.js';
import { Accumulator, heldStats, sortedStats } from '../../src/stats/accumulate.js';
import { countsStats, ValueCounts, ZeroSigns } from '../../src/stats/counts.js';
import { fc, test } from '../helpers/prop.js';

const FIELDS = ['n', 'mean', 'sd', 'min', 'p05', 'p25', 'p50', 'p75', 'p95', 'max'] as const;

/** Whether two CellStats are the same bytes: every field Object.is the other (NaN, ±0 included). */
function expectSame(a: CellStats, b: CellStats): void {
  for (const f of FIELDS) {
    if (!Object.is(a[f], b[f])) expect({ field: f, value: a[f] }).toEqual({ field: f, value: b[f] });
  }
}

/** Whole numbers as the engine's counts are (float32 values), with −0 and NaN among them. */
const arbWhole = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -3, max: 40 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(-0, 0, Number.NaN) },
);

/** Counts of values given in run order (run i has values[i]), room from their min to max. */
function countsOf(values: readonly number[], runs: readonly number[] = values.map((_, i) => i)): ValueCounts {
  const whole = values.filter((v) => !Number.isNaN(v));
  const lo = whole.length ? Math.min(...whole) : 0;
  const hi = whole.length ? Math.max(...whole) : 0;
  const t = new ValueCounts(lo, 0);
  expect(t.reserve(lo, hi, Number.POSITIVE_INFINITY)).toBe(true);
  values.forEach((v, i) => {
    expect(t.add(runs[i] as number, v)).toBe(true);
  });
  return t;
}

describe('ValueCounts', () => {
  test.prop([fc.array(arbWhole, { minLength: 1, maxLength: 300 })], { numRuns: 400 })(
    'stats equal sortedStats of the values in run order, −0 and NaN included',
    (values) => {
      const t = countsOf(values);
      const s = t.stats();
      expect(s).toBeDefined();
      expectSame(s as CellStats, sortedStats(values));
    },
  );

  test.prop(
    [fc.array(arbWhole, { minLength: 1, maxLength: 300 }), fc.integer({ min: 0, max: 300 }), fc.boolean()],
    { numRuns: 300 },
  )('counts of two parts of the runs, merged, equal counts of all of them', (values, cut, growing) => {
    const at = Math.min(cut, values.length);
    // the runs of the first part, then the second's: a shard or a thread each
    const first = countsOf(values.slice(0, at));
    const second = countsOf(
      values.slice(at),
      values.slice(at).map((_, i) => at + i),
    );
    const into = growing ? new ValueCounts(0, 0) : first;
    if (growing) expect(into.merge(first)).toBe(true);
    expect(into.merge(second)).toBe(true);
    const s = into.stats();
    expect(s).toBeDefined();
    expectSame(s as CellStats, sortedStats(values));
    expect(into.total).toBe(values.length);
  });

  it('grows its room in both directions and refuses more than it may hold', () => {
    const t = new ValueCounts(10, 0);
    expect(t.reserve(10, 12, 100)).toBe(true);
    for (const v of [10, 11, 12]) expect(t.add(0, v)).toBe(true);
    expect(t.add(1, 500)).toBe(false);
    expect(t.add(1, 1.5)).toBe(false);
    expect(t.reserve(-20, 12, 100)).toBe(true);
    expect(t.add(1, -20)).toBe(true);
    expect(t.reserve(-20, 200, 100)).toBe(false);
    expect([...t.values()]).toEqual([-20, 10, 11, 12]);
    expect(t.every((v) => v >= -20)).toBe(true);
    expect(t.every((v) => v > 0)).toBe(false);
  });

  it('refuses a count past 255 until widened, then counts on (2 bytes, then 4)', () => {
    const t = new ValueCounts(0, 0);
    t.reserve(0, 3, 100);
    const values: number[] = [];
    for (let i = 0; i < 70000; i++) {
      const v = i % 1000 === 0 ? 3 : 1;
      if (!t.add(i, v)) {
        expect(t.countBytes === 1 ? 255 : 65535).toBe(t.counts[v]);
        t.widen();
        expect(t.add(i, v)).toBe(true);
      }
      values.push(v);
    }
    expect(t.countBytes).toBe(4);
    expectSame(t.stats() as CellStats, sortedStats(values));
    // merging counts of 1 byte into counts of 4 widens as needed
    const small = countsOf([1, 1, 2]);
    expect(small.countBytes).toBe(1);
    expect(small.merge(t)).toBe(true);
    expectSame(small.stats() as CellStats, sortedStats([...values, 1, 1, 2]));
  });

  it('gives undefined where sums of its values could be inexact', () => {
    const big = 2 ** 52;
    const t = countsOf([big, big + 2]);
    expect(t.stats()).toBeUndefined();
  });

  it('keeps the sign of a zero min, max and single value, in run order', () => {
    // run 3 has −0 and comes first in run order, though added last
    const t = countsOf([0, 5, -0], [4, 2, 3]);
    expect(Object.is(t.stats()?.min, -0)).toBe(true);
    expectSame(t.stats() as CellStats, sortedStats([5, -0, 0]));
    const one = countsOf([-0]);
    expectSame(one.stats() as CellStats, sortedStats([-0]));
    expect(Object.is(one.stats()?.p50, -0)).toBe(true);
  });
});

describe('countsStats', () => {
  it('equals sortedStats of the values it counts', () => {
    const values = [3, 3, 4, 7, 7, 7, 9];
    const counts = [2, 1, 0, 0, 3, 0, 1];
    expectSame(countsStats(counts, 3, 3, 9, values.length), sortedStats(values));
  });
});

describe('ZeroSigns', () => {
  it('corrects only zeros at the ends', () => {
    const z = new ZeroSigns();
    z.note(7, -0);
    z.note(2, 0);
    const fixed = z.fix(sortedStats([0, 0, 1]));
    expect(Object.is(fixed.min, 0)).toBe(true);
    const z2 = new ZeroSigns();
    z2.note(1, -0);
    z2.note(5, 0);
    expect(Object.is(z2.fix(sortedStats([-1, 0, 0])).max, 0)).toBe(true);
    expect(Object.is(z2.fix(sortedStats([0, 0])).min, -0)).toBe(true);
  });
});

/** A cell's values: one of a few kinds the engine makes (counts, wide counts, rates, NaN, −0). */
const arbCell = fc.oneof(
  fc.constant('small'),
  fc.constant('wide'),
  fc.constant('rate'),
  fc.constant('constant'),
  fc.constant('mixed'),
  fc.constant('drift'),
  fc.constant('share'),
);

function cellValue(kind: string, rnd: () => number, run: number): number {
  const u = rnd();
  switch (kind) {
    case 'small':
      return Math.floor(u * 30);
    case 'wide':
      return Math.floor(u * 1e6) + 70000;
    case 'rate':
      return Math.fround(u);
    case 'constant':
      return 150000;
    case 'share':
      // shares from 0.3 to 0.6 (3 bytes a run), a NaN, and late a 0 or a value far below
      return u < 0.02
        ? Number.NaN
        : run > 300 && u < 0.03
          ? u < 0.025
            ? 0
            : 1e-6
          : Math.fround(0.3 + 0.3 * u);
    case 'drift':
      // whole numbers above 65,535 that outgrow counts (then 3 bytes a run), a −0 or a fraction late
      return run > 200 && u < 0.01 ? (u < 0.005 ? -0 : 0.5) : 70000 + Math.floor(u * run * run);
    default:
      // whole numbers that widen past the counts' room late, a NaN, a −0, then a fraction
      return u < 0.02
        ? Number.NaN
        : u < 0.04
          ? -0
          : run > 150 && u > 0.97
            ? 0.5
            : Math.floor(u * u * run * 50);
  }
}

describe('Accumulator with perRun: false', () => {
  test.prop(
    [
      fc.array(arbCell, { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 400 }),
      fc.integer({ min: 1, max: 60 }),
      fc.integer(),
    ],
    { numRuns: 60 },
  )(
    'gives every cell the statistics of the columns, runs added in chunks in any order',
    (kinds, runs, chunk, seed) => {
      let s = seed >>> 0;
      const rnd = () => {
        s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
        return s / 2 ** 32;
      };
      const K = kinds.length;
      const values = Array.from({ length: runs }, (_, r) =>
        Float32Array.from(kinds, (kind) => cellValue(kind, rnd, r)),
      );
      const offsets = kinds.map((_, k) => k);
      const cols = new Accumulator(offsets, runs);
      const counted = new Accumulator(offsets, runs, { perRun: false, keep: [K - 1] });
      // chunks in a shuffled order, as threads return them
      const starts: number[] = [];
      for (let f = 0; f < runs; f += chunk) starts.push(f);
      for (let i = starts.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [starts[i], starts[j]] = [starts[j] as number, starts[i] as number];
      }
      for (const f of starts) {
        const count = Math.min(chunk, runs - f);
        const block = new Float32Array(count * K);
        for (let i = 0; i < count; i++) block.set(values[f + i] as Float32Array, i * K);
        cols.addBlock(f, count, block);
        counted.addBlock(f, count, block);
      }
      for (const o of offsets) {
        expectSame(counted.stats(o), cols.stats(o));
        expect(counted.every(o, (v) => !(v > 0))).toBe(cols.every(o, (v) => !(v > 0)));
        expect(counted.every(o, (v) => v === 0)).toBe(cols.every(o, (v) => v === 0));
      }
      // the kept cell stays in run order
      expect(Array.from(counted.values(K - 1))).toEqual(Array.from(cols.values(K - 1)));
    },
  );

  test.prop(
    [
      fc.array(arbCell, { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 400 }),
      fc.integer({ min: 1, max: 60 }),
      fc.boolean(),
      fc.integer(),
    ],
    { numRuns: 80 },
  )('addBlock (cell by cell) stores what addKept run by run stores', (kinds, runs, chunk, perRun, seed) => {
    let s = seed >>> 0;
    const rnd = () => {
      s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
      return s / 2 ** 32;
    };
    const K = kinds.length;
    const values = Array.from({ length: runs }, (_, r) =>
      Float32Array.from(kinds, (kind) => cellValue(kind, rnd, r)),
    );
    const offsets = kinds.map((_, k) => k);
    const how = perRun ? {} : { perRun: false, keep: [K - 1] };
    const byCell = new Accumulator(offsets, runs, how);
    const byRun = new Accumulator(offsets, runs, how);
    const starts: number[] = [];
    for (let f = 0; f < runs; f += chunk) starts.push(f);
    for (let i = starts.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [starts[i], starts[j]] = [starts[j] as number, starts[i] as number];
    }
    for (const f of starts) {
      const count = Math.min(chunk, runs - f);
      const block = new Float32Array(count * K);
      for (let i = 0; i < count; i++) block.set(values[f + i] as Float32Array, i * K);
      byCell.addBlock(f, count, block);
      for (let i = 0; i < count; i++) byRun.addKept(f + i, block, i * K);
      expect(byCell.added).toBe(byRun.added);
    }
    expect(byCell.counted).toEqual(byRun.counted);
    expect(byCell.bytes).toBe(byRun.bytes);
    for (const o of offsets) {
      expectSame(byCell.stats(o), byRun.stats(o));
      expect(byCell.constantOf(o)).toBe(byRun.constantOf(o));
      expect(byCell.every(o, (v) => !(v > 0))).toBe(byRun.every(o, (v) => !(v > 0)));
    }
    // what is kept run by run is the same values in the same runs, zeros' signs included
    const inPlace = perRun ? offsets : [K - 1];
    for (const o of inPlace) {
      const a = Array.from(byCell.values(o));
      const b = Array.from(byRun.values(o));
      expect(a.length).toBe(b.length);
      for (let r = 0; r < a.length; r++) if (!Object.is(a[r], b[r])) expect([r, a[r]]).toEqual([r, b[r]]);
    }
    expect(() => byCell.addBlock(starts[0] as number, 1, values[0] as Float32Array)).toThrow(/added twice/);
  });

  test.prop(
    [
      fc.array(arbCell, { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 400 }),
      fc.integer({ min: 1, max: 60 }),
      fc.boolean(),
      fc.integer(),
    ],
    { numRuns: 60 },
  )(
    'lend, heldStats in another realm (arrays transferred there and back), giveBack: the same statistics and values',
    (kinds, runs, chunk, perRun, seed) => {
      let s = seed >>> 0;
      const rnd = () => {
        s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
        return s / 2 ** 32;
      };
      const K = kinds.length;
      const offsets = kinds.map((_, k) => k);
      const how = perRun ? {} : { perRun: false, keep: [K - 1] };
      const lent = new Accumulator(offsets, runs, how);
      const home = new Accumulator(offsets, runs, how);
      for (let f = 0; f < runs; f += chunk) {
        const count = Math.min(chunk, runs - f);
        const block = new Float32Array(count * K);
        for (let i = 0; i < count; i++)
          block.set(
            Float32Array.from(kinds, (kind) => cellValue(kind, rnd, f + i)),
            i * K,
          );
        lent.addBlock(f, count, block);
        home.addBlock(f, count, block);
      }
      const cells = lent.lend();
      const buffers = (c: (typeof cells)[number]) =>
        (c.column
          ? [c.column]
          : c.packed
            ? [c.packed.low, c.packed.high]
            : c.counts
              ? [c.counts.counts]
              : []
        ).map((a) => a.buffer as ArrayBuffer);
      // what a worker thread receives: the arrays moved (the Accumulator's own views detached)
      const there = structuredClone(cells, { transfer: cells.flatMap(buffers) });
      const stats = there.map((c) => heldStats(c, runs));
      const back = structuredClone(there, { transfer: there.flatMap(buffers) });
      lent.giveBack(back, stats);
      expect(lent.statsGiven).toBe(cells.length);
      for (const o of offsets) {
        expectSame(lent.stats(o), home.stats(o));
        expect(lent.every(o, (v) => !(v > 0))).toBe(home.every(o, (v) => !(v > 0)));
      }
      expect(lent.bytes).toBe(home.bytes);
      expect(lent.counted).toEqual(home.counted);
      const inPlace = perRun ? offsets : [K - 1];
      for (const o of inPlace) expect(Array.from(lent.values(o))).toEqual(Array.from(home.values(o)));
    },
  );

  it('forgets statistics given back once another run is added', () => {
    const acc = new Accumulator([0], 3);
    acc.addKept(0, [5]);
    acc.addKept(1, [7]);
    const cells = acc.lend();
    expect(cells.map((c) => c.k)).toEqual([0]);
    acc.giveBack(cells, [{ ...sortedStats([5, 7]), mean: 42 }]);
    expect(acc.stats(0).mean).toBe(42);
    acc.addKept(2, [9]);
    expect(acc.statsGiven).toBe(0);
    expectSame(acc.stats(0), sortedStats([5, 7, 9]));
  });

  it("addBlock: a cell constant at −0 through part of a block, then counted, keeps its zeros' places", () => {
    // runs 10..14 −0, then runs 0..4 −0, run 5 a 3 (the cell leaves its constant for counts), runs
    // 6..9 +0: the first zero in run order is run 0's −0, so the min is −0
    const later = Float32Array.from([-0, -0, -0, -0, -0]);
    const block = Float32Array.from([-0, -0, -0, -0, -0, 3, 0, 0, 0, 0]);
    const byCell = new Accumulator([0], 15, { perRun: false });
    byCell.addBlock(10, 5, later);
    byCell.addBlock(0, 10, block);
    const byRun = new Accumulator([0], 15, { perRun: false });
    for (let r = 0; r < 5; r++) byRun.addKept(10 + r, later, r);
    for (let r = 0; r < 10; r++) byRun.addKept(r, block, r);
    expect(byCell.counted).toEqual({ counts: 1, moved: 0, packed: 0 });
    expectSame(byCell.stats(0), byRun.stats(0));
    expect(Object.is(byCell.stats(0).min, -0)).toBe(true);
  });

  it('addBlock: zeros stored in a packed column made from counts keep their places', () => {
    // runs 10..14 and 5..9 counted (a +0 first, so the counts' min is +0; then run 5's −0); runs
    // 0..4: 10^6 (too wide for counts: 3 bytes a run), then +0: the first zero in run order is run
    // 1's +0, so the min is +0
    const blocks: [number, number[]][] = [
      [10, [1, 2, 3, 0, 4]],
      [5, [-0, 1, 1, 1, 1]],
      [0, [1e6, 0, 0, 0, 0]],
    ];
    const byCell = new Accumulator([0], 15, { perRun: false });
    const byRun = new Accumulator([0], 15, { perRun: false });
    for (const [f, xs] of blocks) {
      const block = Float32Array.from(xs);
      byCell.addBlock(f, xs.length, block);
      for (let r = 0; r < xs.length; r++) byRun.addKept(f + r, block, r);
    }
    expect(byCell.counted).toEqual({ counts: 0, moved: 1, packed: 1 });
    expectSame(byCell.stats(0), byRun.stats(0));
    expect(Object.is(byCell.stats(0).min, 0)).toBe(true);
  });

  it('keeps small whole numbers as counts (not columns), and cannot give them run by run', () => {
    const runs = 5000;
    const acc = new Accumulator([0, 1, 2], runs, { perRun: false });
    const cols = new Accumulator([0, 1, 2], runs);
    for (let r = 0; r < runs; r++) {
      const v = [r % 17, (r * 7919) % 1001, (r % 3) / 3];
      acc.add(r, v);
      cols.add(r, v);
    }
    expect(acc.counted).toEqual({ counts: 2, moved: 0, packed: 0 });
    expect(acc.bytes).toBeLessThan(cols.bytes);
    for (const o of [0, 1, 2]) expectSame(acc.stats(o), cols.stats(o));
    expect(() => acc.values(0)).toThrow(/counts per value/);
    expect(() => acc.column(1)).toThrow(/counts per value/);
    expect(() => acc.runValues(0)).toThrow(/run by run/);
    expect(acc.perRun).toBe(false);
    expect(cols.perRun).toBe(true);
    expect(Array.from(acc.values(2))).toEqual(Array.from(cols.values(2)));
  });

  it('packs wide whole numbers in 3 bytes a run, with the same statistics', () => {
    const runs = 2000;
    const acc = new Accumulator([0, 1, 2, 3], runs, { perRun: false });
    const cols = new Accumulator([0, 1, 2, 3], runs);
    for (let r = runs - 1; r >= 0; r--) {
      const v = [
        70000 + ((r * 7919) % 1_000_000), // wide from the start: packed in place
        70000 + r * r, // narrow at first, then past its counts' room: packed, not in run order
        r === 5 ? 0.5 : 70000 + ((r * 7919) % 1_000_000), // packed, then a fraction: a Float32Array
        r === 7 ? -0 : 70000 + r * r, // counts, packed, then −0: a Float32Array not in run order
      ];
      acc.add(r, v);
      cols.add(r, v);
    }
    expect(acc.counted).toEqual({ counts: 0, moved: 2, packed: 2 });
    // a 2-byte column that meets a value above 65,535: 3 bytes a run, not 4
    const widened = new Accumulator([0], runs, { perRun: false });
    const widenedCols = new Accumulator([0], runs);
    for (let r = 0; r < runs; r++) {
      const v = [r === 1500 ? 5_000_000 : r === 3 ? 70 : (r * 7919) % 60000];
      widened.add(r, v);
      widenedCols.add(r, v);
    }
    expect(widened.counted.packed).toBe(1);
    expect(widened.bytes).toBe(3 * runs);
    expectSame(widened.stats(0), widenedCols.stats(0));
    // shares: 3 bytes a run too
    const shares = new Accumulator([0], runs, { perRun: false });
    const shareCols = new Accumulator([0], runs);
    for (let r = 0; r < runs; r++) {
      const v = [Math.fround(0.3 + ((r * 7919) % 1000) / 3000)];
      shares.add(r, v);
      shareCols.add(r, v);
    }
    expect(shares.counted.packed).toBe(1);
    expect(shares.bytes).toBe(3 * runs);
    expectSame(shares.stats(0), shareCols.stats(0));
    expect(acc.bytes).toBeLessThan(cols.bytes);
    for (const o of [0, 1, 2, 3]) {
      expectSame(acc.stats(o), cols.stats(o));
      expect(acc.every(o, (v) => v >= 70000)).toBe(cols.every(o, (v) => v >= 70000));
    }
    expect(() => acc.values(0)).toThrow(/counts per value/);
  });

  it('moves counts to a column when a value cannot be counted, with the same statistics', () => {
    const runs = 600;
    const acc = new Accumulator([0], runs, { perRun: false });
    const cols = new Accumulator([0], runs);
    // runs added from the last: −0 in the first runs of the order, +0 later, then a fraction
    for (let r = runs - 1; r >= 0; r--) {
      const v = r === 0 ? 0.25 : r < 10 ? -0 : r % 5;
      acc.add(r, [v]);
      cols.add(r, [v]);
    }
    expect(acc.counted).toEqual({ counts: 0, moved: 1, packed: 0 });
    expectSame(acc.stats(0), cols.stats(0));
    expect(() => acc.values(0)).toThrow(/counts per value/);
  });
});
