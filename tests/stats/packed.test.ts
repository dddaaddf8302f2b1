/**
 * A PackedColumn holds whole numbers within 2^24 − 1 of its base, and NaN, in 3 bytes a run, and
 * gives them back exactly; −0, fractions and values outside its room are refused.
 */

import { describe, expect, it } from 'vitest';
import { PackedBits, PackedColumn } from '../../src/stats/packed.js';
import { fc, test } from '../helpers/prop.js';

describe('PackedColumn', () => {
  test.prop([
    fc.array(fc.oneof(fc.integer({ min: -5e6, max: 5e6 }), fc.constant(Number.NaN)), { minLength: 1 }),
  ])('gives back every value it stores, in its run', (values) => {
    const xs = values.filter((v) => !Number.isNaN(v)).map((v) => Math.fround(v));
    const base = xs.length ? PackedColumn.around(Math.min(...xs), Math.max(...xs)) : 0;
    const pc = new PackedColumn(base, values.length);
    values.forEach((v, i) => {
      expect(pc.put(i, Math.fround(v))).toBe(true);
    });
    const out = pc.decode();
    values.forEach((v, i) => {
      expect(Object.is(out[i], Math.fround(v))).toBe(true);
      expect(Object.is(pc.get(i), Math.fround(v))).toBe(true);
    });
    expect(pc.bytes).toBe(3 * values.length);
  });

  it('refuses −0, fractions and values outside its room, and stores nothing then', () => {
    const pc = new PackedColumn(100000, 3);
    pc.fill(123456);
    for (const v of [-0, 100000.5, 99999, 100000 + 2 ** 24 - 1, Number.POSITIVE_INFINITY]) {
      expect(pc.fits(v)).toBe(false);
      expect(pc.put(1, v)).toBe(false);
    }
    expect(pc.put(2, 100000 + 2 ** 24 - 2)).toBe(true);
    expect(Array.from(pc.decode())).toEqual([123456, 123456, Math.fround(100000 + 2 ** 24 - 2)]);
    expect(new PackedColumn(-5, 1).fits(0)).toBe(true);
  });

  it('centres its base on the first values', () => {
    const base = PackedColumn.around(1_000_000, 1_200_000);
    const pc = new PackedColumn(base, 1);
    for (const v of [0, 1_000_000, 1_200_000, 7_000_000]) expect(pc.fits(v)).toBe(true);
  });
});

describe('PackedBits', () => {
  test.prop([
    fc.array(
      fc.oneof(
        fc.float({ min: Math.fround(0.25), max: Math.fround(0.99), noNaN: true }),
        fc.constant(Number.NaN),
      ),
      {
        minLength: 1,
      },
    ),
  ])('gives back every float32 value from 0.25 to 0.99 it stores, in its run', (values) => {
    const pc = new PackedBits(PackedBits.around(0.25, 0.99), values.length);
    values.forEach((v, i) => {
      expect(pc.put(i, v)).toBe(true);
    });
    const out = pc.decode();
    values.forEach((v, i) => {
      expect(Object.is(out[i], v)).toBe(true);
      expect(Object.is(pc.get(i), v)).toBe(true);
    });
    expect(pc.bytes).toBe(3 * values.length);
  });

  it('refuses negative values, −0, values that are not float32, and values outside its room', () => {
    const base = PackedBits.around(0.3, 0.6);
    const pc = new PackedBits(base, 2);
    pc.fill(Math.fround(0.5));
    for (const v of [-0.5, -0, 0.1 + 1e-12, 0, 1e-3, 100]) {
      expect(PackedBits.fits(base, v)).toBe(false);
      expect(pc.put(1, v)).toBe(false);
    }
    expect(pc.put(1, Math.fround(0.8))).toBe(true);
    expect(Array.from(pc.decode())).toEqual([Math.fround(0.5), Math.fround(0.8)]);
  });
});
