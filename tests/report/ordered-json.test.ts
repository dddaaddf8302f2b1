import { describe, expect, it } from 'vitest';
import { OrderedObject, ordered, stringifyOrdered } from '../../src/report/ordered-json.js';

describe('stringifyOrdered', () => {
  it('lays out JSON exactly as JSON.stringify(value, null, 2), plus a newline', () => {
    const value = ordered([
      ['a', 1],
      ['b', [1, 'two', null, true, ordered([['c', []]])]],
      ['d', new OrderedObject()],
      ['e', 'quote " and \\ and \n'],
      ['f', 0.1],
    ]);
    const plain = { a: 1, b: [1, 'two', null, true, { c: [] }], d: {}, e: 'quote " and \\ and \n', f: 0.1 };
    expect(stringifyOrdered(value)).toBe(`${JSON.stringify(plain, null, 2)}\n`);
  });

  it('keeps keys in the order given, even integer-like ones that objects would move first', () => {
    const text = stringifyOrdered(
      ordered([
        ['_all', 0],
        ['MX', 1],
        ['10', 2],
        ['1', 3],
      ]),
    );
    expect(text.match(/"[^"]+":/g)).toEqual(['"_all":', '"MX":', '"10":', '"1":']);
  });

  it('writes NaN and infinities as null and leaves out undefined values', () => {
    const o = ordered([
      ['nan', Number.NaN],
      ['inf', Number.NEGATIVE_INFINITY],
      ['gone', undefined],
    ]);
    expect(JSON.parse(stringifyOrdered(o))).toEqual({ nan: null, inf: null });
  });
});
