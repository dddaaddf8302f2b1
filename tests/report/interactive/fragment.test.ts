import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFragment,
  encodeFragment,
  setPath,
  setsFor,
  shownValue,
} from '../../../src/report/interactive/fragment.js';

describe('the URL fragment of the report page', () => {
  it('encodes each --set as a set= entry, percent-encoded, and no fragment for none', () => {
    expect(encodeFragment([])).toBe('');
    expect(encodeFragment(['parameters.take_up.uniform.1=0.8', 'programs.a.pools.b.split.by=x y'])).toBe(
      '#set=parameters.take_up.uniform.1%3D0.8&set=programs.a.pools.b.split.by%3Dx%20y',
    );
  });

  it('decodes what it encodes, in order, with or without the #', () => {
    const sets = ['a.b=1', 'c.d=0.25 * eb_limit', 'e=é&f=#g'];
    expect(decodeFragment(encodeFragment(sets))).toEqual(sets);
    expect(decodeFragment(encodeFragment(sets).slice(1))).toEqual(sets);
  });

  it('round-trips any PATH=VALUE', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({ minLength: 1 }).filter((s) => !s.includes('=')),
            fc.string(),
          ),
          {
            maxLength: 5,
          },
        ),
        (pairs) => {
          const sets = pairs.map(([p, v]) => `${p}=${v}`);
          expect(decodeFragment(encodeFragment(sets))).toEqual(sets);
        },
      ),
    );
  });

  it('leaves out what is not a set= entry, a value without PATH=, and a broken escape', () => {
    expect(decodeFragment('#charts')).toEqual([]);
    expect(decodeFragment('#set=a%3D1&lead&set=nopath&set=%3Dx&set=b%3D%E0%A4%A&set=c%3D2')).toEqual([
      'a=1',
      'c=2',
    ]);
    expect(decodeFragment('')).toEqual([]);
  });

  it('setsFor lists only the values that differ from the file, in the controls order', () => {
    const controls = [
      { path: 'a', value: '1' },
      { path: 'b', value: 'x' },
      { path: 'c', value: '3' },
    ];
    const values = new Map([
      ['c', '4'],
      ['b', 'x'],
      ['a', '2'],
    ]);
    expect(setsFor(controls, values)).toEqual(['a=2', 'c=4']);
    expect(setsFor(controls, new Map())).toEqual([]);
    expect(setPath('a.b.c=1=2')).toBe('a.b.c');
  });

  it('a quoted control (a formula) goes to --set as a JSON string, and comes back as its text', () => {
    const control = { path: 'programs.p.pools.f.cap', value: '0.286 * k', quote: true };
    const sets = setsFor([control], new Map([[control.path, 'k > 1 ? 5 : 6']]));
    expect(sets).toEqual(['programs.p.pools.f.cap="k > 1 ? 5 : 6"']);
    expect(shownValue(control, sets[0] as string)).toBe('k > 1 ? 5 : 6');
    expect(shownValue({ path: 'a', value: '1' }, 'a="x"')).toBe('"x"');
    expect(decodeFragment(encodeFragment(sets))).toEqual(sets);
  });
});
