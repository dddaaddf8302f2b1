import { describe, expect, it } from 'vitest';
import { type MergeProblem, mergeValue } from '../../src/scenario/merge.js';

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const merge = (base: unknown, over: unknown, mode: 'root' | 'override' = 'override') => {
  const problems: MergeProblem[] = [];
  const value = mergeValue(deepFreeze(base), deepFreeze(over), mode, [], problems);
  return { value, problems };
};

describe('mergeValue', () => {
  it('merges maps deeply; scalars and values of another kind replace', () => {
    expect(merge({ a: { b: 1, c: 2 }, d: 1 }, { a: { c: 3, e: 4 }, d: { x: 1 } }).value).toEqual({
      a: { b: 1, c: 3, e: 4 },
      d: { x: 1 },
    });
    expect(merge({ cap: { amount: 5, per: 'month' } }, { cap: 7 }).value).toEqual({ cap: 7 });
  });

  it('removes a key set to null in an override, and keeps nulls in the bottom file', () => {
    expect(merge({ a: 1, b: { c: 1, d: 2 } }, { a: null, b: { d: null } }).value).toEqual({ b: { c: 1 } });
    expect(merge({}, { a: null }, 'root').value).toEqual({ a: null });
  });

  it('merges lists of items with ids by id: in place, new ids appended in order', () => {
    const base = {
      pools: [
        { id: 'a', cap: 1, split: { by: 'population' } },
        { id: 'b', cap: 2 },
      ],
    };
    const over = {
      pools: [
        { id: 'c', cap: 3 },
        { id: 'a', split: { by: 'encounters' } },
        { id: 'd', cap: 4 },
      ],
    };
    expect(merge(base, over).value).toEqual({
      pools: [
        { id: 'a', cap: 1, split: { by: 'encounters' } },
        { id: 'b', cap: 2 },
        { id: 'c', cap: 3 },
        { id: 'd', cap: 4 },
      ],
    });
  });

  it('removes an item by id with $remove: true', () => {
    const { value, problems } = merge(
      { l: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
      { l: [{ id: 'b', $remove: true }] },
    );
    expect(value).toEqual({ l: [{ id: 'a' }, { id: 'c' }] });
    expect(problems).toEqual([]);
  });

  it('reports a $remove of an id that is not there, and a $remove with other keys', () => {
    const { problems } = merge(
      { l: [{ id: 'a' }] },
      {
        l: [
          { id: 'x', $remove: true },
          { id: 'a', $remove: true, cap: 1 },
        ],
      },
    );
    expect(problems.map((p) => [p.kind, p.id, p.known])).toEqual([
      ['remove-unknown', 'x', ['a']],
      ['remove-extra-keys', 'a', ['a']],
    ]);
    expect(problems[0]?.path).toEqual([
      { kind: 'key', key: 'l' },
      { kind: 'id', id: 'x' },
    ]);
  });

  it('replaces lists without ids, and any list by an empty one', () => {
    expect(merge({ profile: [1, 2, 3] }, { profile: [4] }).value).toEqual({ profile: [4] });
    expect(merge({ l: [{ id: 'a' }] }, { l: [] }).value).toEqual({ l: [] });
    expect(merge({ l: [{ id: 'a' }] }, { l: [{ id: 'b' }, { name: 'no id' }] }).value).toEqual({
      l: [{ id: 'b' }, { name: 'no id' }],
    });
  });

  it('keeps duplicate ids of one file so validation can report them', () => {
    expect(
      merge(
        undefined,
        [
          { id: 'a', x: 1 },
          { id: 'a', x: 2 },
        ],
        'root',
      ).value,
    ).toEqual([
      { id: 'a', x: 1 },
      { id: 'a', x: 2 },
    ]);
  });

  it('keeps a key named __proto__ as an ordinary key', () => {
    const over = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const { value } = merge({}, over);
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
