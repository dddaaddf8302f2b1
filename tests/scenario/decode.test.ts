/**
 * decode: the one reading of a pool's cap and a parameter's distribution. Every spelling the schema
 * allows decodes to one tagged form; dates become day numbers and remember they were dates.
 */
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/formula/formula.js';
import { capPerPeriod, decodeCap, decodeParameter, typicalValue } from '../../src/scenario/decode.js';
import type { Parameter, Pool } from '../../src/scenario/schema.js';

const pool = (over: Partial<Pool>) => ({ id: 'p', select: 'lottery', unused: 'lapse', ...over }) as Pool;
const param = (over: Partial<Parameter>) => ({ id: 'x', ...over }) as Parameter;

describe('decodeCap', () => {
  it('reads a bare number as numbers per fiscal year', () => {
    expect(decodeCap(pool({ cap: 65000 }))).toEqual({
      kind: 'amount',
      amount: 65000,
      per: 'fiscal-year',
      source: [],
    });
  });

  it('keeps the period, the dates and the source of the long form', () => {
    const cap = decodeCap(
      pool({ cap: { amount: 24000, per: 'total', from: '2022-10-12', until: '2023-01-09', source: 'dhs' } }),
    );
    expect(cap).toEqual({
      kind: 'amount',
      amount: 24000,
      per: 'total',
      from: '2022-10-12',
      until: '2023-01-09',
      source: ['dhs'],
    });
  });

  it('reads tranches in order, and is undefined with neither cap nor tranches', () => {
    const tranches = [
      { id: 'H1', cap: 16500, window: { from: '10-01', to: '03-31' } },
      { id: 'H2', cap: 16500, window: { from: '04-01', to: '09-30' } },
    ];
    const cap = decodeCap(pool({ tranches }));
    expect(cap).toEqual({
      kind: 'tranches',
      tranches: [
        { id: 'H1', amount: 16500, window: { from: '10-01', to: '03-31' } },
        { id: 'H2', amount: 16500, window: { from: '04-01', to: '09-30' } },
      ],
      source: [],
    });
    expect(capPerPeriod(cap as NonNullable<typeof cap>)).toEqual({ amount: 33000, per: 'fiscal-year' });
    expect(decodeCap(pool({}))).toBeUndefined();
  });

  it('gives the amount per period of an amount cap', () => {
    const cap = decodeCap(pool({ cap: { amount: 30000, per: 'month' } }));
    expect(capPerPeriod(cap as NonNullable<typeof cap>)).toEqual({ amount: 30000, per: 'month' });
  });
});

describe('decodeParameter', () => {
  it('decodes each distribution to its tagged form', () => {
    expect(decodeParameter(param({ normal: { mean: 1, sd: 2 } }))).toEqual({
      kind: 'normal',
      mean: 1,
      sd: 2,
    });
    expect(decodeParameter(param({ lognormal: { mean: 3, sd: 1 } }))).toEqual({
      kind: 'lognormal',
      mean: 3,
      sd: 1,
    });
    expect(decodeParameter(param({ uniform: [0.3, 0.6] }))).toEqual({ kind: 'uniform', low: 0.3, high: 0.6 });
    expect(decodeParameter(param({ triangular: [1, 2, 4] }))).toEqual({
      kind: 'triangular',
      min: 1,
      mode: 2,
      max: 4,
    });
    expect(decodeParameter(param({ beta: { a: 2, b: 5 } }))).toEqual({ kind: 'beta', a: 2, b: 5 });
  });

  it('turns dates into day numbers and remembers they were dates', () => {
    expect(decodeParameter(param({ value: '2022-10-12' }))).toEqual({
      kind: 'fixed',
      value: dayNumber('2022-10-12'),
      date: true,
    });
    expect(decodeParameter(param({ value: 7 }))).toEqual({ kind: 'fixed', value: 7, date: false });
    expect(decodeParameter(param({ choice: { values: ['2022-10-12', '2022-10-19'] } }))).toEqual({
      kind: 'choice',
      values: [dayNumber('2022-10-12'), dayNumber('2022-10-19')],
      weights: [1, 1],
      date: true,
    });
  });

  it('fixes a choice of one value, and gives a parameter without any (refused by validation) 0', () => {
    expect(decodeParameter(param({ choice: { values: [5], weights: [3] } }))).toEqual({
      kind: 'fixed',
      value: 5,
      date: false,
    });
    expect(decodeParameter(param({}))).toEqual({ kind: 'fixed', value: 0, date: false });
  });

  it('keeps choice weights as given', () => {
    expect(decodeParameter(param({ choice: { values: [1, 2, 3], weights: [1, 0, 2] } }))).toMatchObject({
      weights: [1, 0, 2],
    });
  });
});

describe('typicalValue', () => {
  it('is the mean, the middle, the mode, the beta mean or the first choice', () => {
    const t = (p: Partial<Parameter>) => typicalValue(decodeParameter(param(p)));
    expect(t({ value: 4 })).toBe(4);
    expect(t({ normal: { mean: 10, sd: 3 } })).toBe(10);
    expect(t({ lognormal: { mean: 6, sd: 3 } })).toBe(6);
    expect(t({ uniform: [0.2, 0.6] })).toBeCloseTo(0.4, 12);
    expect(t({ triangular: [1, 2, 9] })).toBe(2);
    expect(t({ beta: { a: 1, b: 3 } })).toBe(0.25);
    expect(t({ choice: { values: [8, 9] } })).toBe(8);
  });
});
