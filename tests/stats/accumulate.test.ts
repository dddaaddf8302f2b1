/**
 * The Accumulator's fast paths equal the straightforward computations: the radix sort of Float32
 * columns and the typed-array sort order values as `(a, b) => a - b` does, the statistics of a constant
 * cell equal those of its copies, and storing runs from a cell vector equals storing them value by value.
 */

import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/engine/run.js';
import { keptOffsets } from '../../src/model/cells.js';
import {
  Accumulator,
  accumulate,
  cellStats,
  constantStats,
  countedStats,
  sortedNumbers,
  sortedStats,
} from '../../src/stats/accumulate.js';
import { makeModel } from '../helpers/model.js';
import { fc, test } from '../helpers/prop.js';

const comparatorSorted = (values: ArrayLike<number>) =>
  Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);

const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

const arbValue = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.integer({ min: 0, max: 300000 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-45, -3.4e38),
);

describe('sortedNumbers', () => {
  test.prop([fc.array(arbValue, { maxLength: 400 })], { numRuns: 300 })(
    'orders Float32 columns and plain arrays as the comparator sort does',
    (values) => {
      const f32 = Float32Array.from(values);
      expect(same(sortedNumbers(f32), comparatorSorted(f32))).toBe(true);
      expect(same(sortedNumbers(values), comparatorSorted(values))).toBe(true);
      const scratch = new Float64Array(values.length + 3).fill(7);
      expect(same(sortedNumbers(f32, scratch), comparatorSorted(f32))).toBe(true);
    },
  );

  it('radix-sorts long columns exactly', () => {
    const f32 = new Float32Array(10000);
    for (let i = 0; i < f32.length; i++) f32[i] = ((i * 7919) % 10007) - 3000 + (i % 3) / 4;
    f32[17] = Number.NaN;
    expect(same(sortedNumbers(f32), comparatorSorted(f32))).toBe(true);
  });
});

/** The fields of a CellStats as bytes: equal means byte-identical outputs, −0 and NaN included. */
const statsBytes = (s: object) => Buffer.from(Float64Array.from(Object.values(s) as number[]).buffer);

describe('statistics by counting (countedStats)', () => {
  const arbWhole = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 299_000, max: 300_000 }),
    fc.constant(Number.NaN),
  );
  test.prop([fc.array(arbWhole, { maxLength: 500 })], { numRuns: 500 })(
    'gives the same bytes as sorting, for whole numbers in a short range, NaN among them',
    (values) => {
      for (const xs of [Float32Array.from(values), values]) {
        const counted = countedStats(xs);
        const sorted = sortedStats(xs);
        if (counted) expect(statsBytes(counted).equals(statsBytes(sorted))).toBe(true);
        expect(statsBytes(cellStats(xs)).equals(statsBytes(sorted))).toBe(true);
      }
    },
  );

  test.prop([fc.array(arbValue, { maxLength: 200 })], { numRuns: 300 })(
    'gives way to sorting, or agrees with it, on any values',
    (values) => {
      const counted = countedStats(values);
      if (counted) expect(statsBytes(counted).equals(statsBytes(sortedStats(values)))).toBe(true);
      expect(statsBytes(cellStats(values)).equals(statsBytes(sortedStats(values)))).toBe(true);
    },
  );

  test.prop(
    [
      fc.integer({ min: 4096, max: 12_000 }),
      fc.integer({ min: -50, max: 299_000 }),
      fc.integer({ min: 0, max: 30_000 }),
      fc.constantFrom(0, -0, 0.5, Number.NaN, 7),
      fc.integer(),
    ],
    { numRuns: 40 },
  )('cellStats counts long columns and gives the bytes of sorting them', (n, base, spread, odd, seed) => {
    // long enough for cellStats to count; one odd value (−0 or a fraction sends it to the sort)
    let x = seed | 0;
    const col = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      col[i] = base + ((x >>> 8) % (spread + 1));
    }
    col[(seed >>> 0) % n] = odd;
    for (const xs of [col, Array.from(col), Uint16Array.from(col.map((v) => Math.max(v, 0)))])
      expect(statsBytes(cellStats(xs)).equals(statsBytes(sortedStats(xs)))).toBe(true);
  });

  test.prop(
    [
      fc.integer({ min: 65, max: 12_000 }),
      fc.integer({ min: -5_000_000, max: 10_000_000 }),
      fc.integer({ min: 0, max: 2 ** 23 }),
      fc.constantFrom(0, -0, 0.5, Number.NaN, 7, 2 ** 22),
      fc.integer(),
    ],
    { numRuns: 60 },
  )(
    'cellStats sorts wide whole numbers (two radix passes below 2^22 apart) to the bytes of sortedStats',
    (n, base, spread, odd, seed) => {
      let x = seed | 0;
      const col = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        x = (Math.imul(x, 1103515245) + 12345) | 0;
        col[i] = base + ((x >>> 1) % (spread + 1));
      }
      col[(seed >>> 0) % n] = odd;
      for (const xs of [col, Array.from(col)])
        expect(statsBytes(cellStats(xs)).equals(statsBytes(sortedStats(xs)))).toBe(true);
    },
  );

  it('counts long columns of counts, and leaves fractions, −0, wide ranges and huge sums to the sort', () => {
    const col = new Float32Array(100_000);
    for (let i = 0; i < col.length; i++) col[i] = 180_000 + ((i * 7919) % 40_009);
    col[5] = Number.NaN;
    const counted = countedStats(col);
    expect(counted?.n).toBe(99_999);
    expect(statsBytes(counted ?? {}).equals(statsBytes(sortedStats(col)))).toBe(true);
    expect(countedStats([1, 2.5, 3])).toBeUndefined();
    expect(countedStats([1, -0, 3])).toBeUndefined();
    expect(countedStats([0, 1e9])).toBeUndefined();
    expect(countedStats([2 ** 52, 2 ** 52 + 1, 2 ** 52])).toBeUndefined();
    expect(countedStats([Number.NaN, Number.NaN])).toBeUndefined();
    expect(countedStats([1, Number.POSITIVE_INFINITY])).toBeUndefined();
  });
});

describe('cell statistics', () => {
  test.prop(
    [fc.oneof(arbValue, fc.double({ min: 0, max: 1, noNaN: true })), fc.integer({ min: 0, max: 3000 })],
    {
      numRuns: 300,
      examples: [
        [-0, 5],
        [Number.POSITIVE_INFINITY, 3],
        [0.1, 1000],
        [-0, 1],
      ],
    },
  )('of a constant cell equal those of its copies', (v, n) => {
    const f32 = Math.fround(v);
    expect(constantStats(f32, n)).toEqual(cellStats(new Float32Array(n).fill(f32)));
  });

  it('store the same columns from cell vectors and from kept values, in any order', () => {
    const offsets = [0, 2, 3, 5];
    const runs = 50;
    const vector = (r: number) => [r % 7, 99, 1, r === 30 ? 2 : 1, 42, r / 3, Number.NaN];
    const a = new Accumulator(offsets, runs);
    const b = new Accumulator(offsets, runs);
    const order = Array.from({ length: runs }, (_, i) => (i * 17) % runs);
    for (const r of order) a.add(r, vector(r));
    // kept values of every run in one run-major block, as a worker or a shard sends them
    const K = offsets.length;
    const block = new Float64Array(runs * K);
    order.forEach((r, i) => {
      offsets.forEach((o, k) => {
        block[i * K + k] = vector(r)[o] as number;
      });
    });
    order.forEach((r, i) => {
      b.addKept(r, block, i * K);
    });
    for (const o of offsets) {
      expect(Array.from(a.column(o))).toEqual(Array.from(b.column(o)));
      expect(a.stats(o)).toEqual(cellStats(a.column(o)));
    }
    expect(a.constantOf(2)).toBe(1);
    expect(a.constantOf(3)).toBeUndefined();
  });
});

describe('accumulate and addBlock', () => {
  const model = makeModel();
  const offsets = keptOffsets(model.cells);

  it('keeps the reported cells of every run the engine hands it, run r at index r', () => {
    const acc = accumulate(model, { runs: 3, seed: 'acc', firstRun: 2 });
    expect(acc.added).toBe(3);
    for (let i = 0; i < 3; i++) {
      const cells = simulateRun(model, 2 + i, 'acc');
      expect(acc.runValues(i)).toEqual(Float32Array.from(offsets, (o) => cells[o] as number));
    }
  });

  it('stores a run-major block of kept cells as addKept does run by run', () => {
    const K = offsets.length;
    const block = new Float32Array(2 * K);
    for (let i = 0; i < 2; i++) {
      const cells = simulateRun(model, i, 'blk');
      offsets.forEach((o, k) => {
        block[i * K + k] = cells[o] as number;
      });
    }
    const a = new Accumulator(offsets, 3);
    a.addBlock(1, 2, block);
    const b = new Accumulator(offsets, 3);
    b.addKept(1, block, 0);
    b.addKept(2, block, K);
    expect(a.added).toBe(2);
    expect(a.runValues(1)).toEqual(b.runValues(1));
    expect(a.runValues(2)).toEqual(b.runValues(2));
  });
});

describe('narrow columns', () => {
  it('holds small whole numbers in 1 or 2 bytes and widens a column when a value does not fit', () => {
    const runs = 6;
    const acc = new Accumulator([0, 1, 2, 3, 4], runs);
    const rows = [
      [5, 5, 1, 0, 7],
      [5, 200, 300, 0, 7],
      [5, 200, 70_000, -0, 7],
      [5, 3, 2.5, 0, 7],
      [5, 255, 65_535, 0, Number.NaN],
      [5, 0, 1, 0, 7],
    ];
    // in an order that splits and widens columns part way through
    for (const r of [3, 0, 5, 1, 4, 2]) acc.add(r, rows[r] as number[]);
    expect(acc.bytes).toBe(runs * (1 + 4 + 4 + 4)); // cell 0 constant; cell 1 Uint8; 2, 3, 4 Float32
    for (let k = 0; k < 5; k++) {
      const expected = Float32Array.from(rows.map((r) => r[k] as number));
      expect(same(acc.column(k), expected)).toBe(true);
      expect(same(Float32Array.from(acc.values(k)), expected)).toBe(true);
      expect(statsBytes(acc.stats(k)).equals(statsBytes(cellStats(expected)))).toBe(true);
    }
    for (let r = 0; r < runs; r++)
      expect(same(acc.runValues(r), Float32Array.from(rows[r] as number[]))).toBe(true);
  });

  test.prop([fc.array(fc.array(arbValue, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 })], {
    numRuns: 200,
  })('keep exactly the float32 values of any runs', (rows) => {
    const acc = new Accumulator([0, 1, 2], rows.length);
    rows.forEach((r, i) => {
      acc.add(i, r);
    });
    for (let k = 0; k < 3; k++) {
      const expected = Float32Array.from(rows.map((r) => r[k] as number));
      expect(same(acc.column(k), expected)).toBe(true);
      expect(statsBytes(acc.stats(k)).equals(statsBytes(cellStats(expected)))).toBe(true);
    }
  });
});
