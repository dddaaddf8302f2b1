/**
 * `--set PATH=VALUE` on its own: how PATH is split (dots, `[n]`, `["quoted"]`), how VALUE is read
 * (YAML 1.2), how the path finds list items (by id, ids with dots, by index), how the value merges
 * into the document, and where each mistake is reported in the argument.
 */

import { describe, expect, it } from 'vitest';
import type { ScenarioIssue } from '../../src/scenario/issues.js';
import type { MergeProblem, Plain } from '../../src/scenario/merge.js';
import * as msg from '../../src/scenario/messages.js';
import { applySet, type ParsedSet, parseSetArg, SET_FILE } from '../../src/scenario/set-override.js';
import { fc, test } from '../helpers/prop.js';

/** A document shaped like a merged scenario. */
const base = (): Plain => ({
  title: 'Base',
  simulation: { runs: 5, seed: 1 },
  programs: [
    {
      id: 'work',
      pools: [
        { id: 'mx', cap: 1 },
        { id: 'mx.statutory', cap: 2 },
        { id: 'central-america', cap: 3, split: { by: 'population' } },
      ],
    },
  ],
  groups: {
    rows: [
      { id: 'MX', name: 'Mexico' },
      { id: 'GT', name: 'Guatemala' },
    ],
  },
  select: { parts: [{ share: 0.5 }, { share: 0.5 }] },
  twins: [
    { id: 'a', v: 1 },
    { id: 'a', v: 2 },
  ],
});

function parsed(arg: string): ParsedSet {
  const r = parseSetArg(arg);
  expect(r.issues).toEqual([]);
  if (!r.set) throw new Error(`no set for ${arg}`);
  return r.set;
}

const read = (arg: string): unknown => parsed(arg).source.value;

/** Apply one argument to a fresh `base()`; the issue if any, else the new document and its prefix. */
function apply(arg: string, root: Plain = base()) {
  const problems: MergeProblem[] = [];
  const r = applySet(root, parsed(arg), problems);
  return { ...r, problems };
}

/** The single parse issue of an argument, as [code, line, col, message]. */
function parseIssue(arg: string): [ScenarioIssue['code'], number, number, string] {
  const r = parseSetArg(arg);
  expect(r.set).toBeUndefined();
  expect(r.issues).toHaveLength(1);
  const i = r.issues[0] as ScenarioIssue;
  expect([i.file, i.sourceLine]).toEqual([SET_FILE, arg]);
  return [i.code, i.line, i.col, i.message];
}

const pools = (root: Plain) => (root.programs as { pools: Plain[] }[])[0]?.pools ?? [];

describe('parseSetArg: the value', () => {
  it('reads numbers, booleans and null as YAML 1.2 does', () => {
    expect(read('a=10')).toBe(10);
    expect(read('a=-2.5')).toBe(-2.5);
    expect(read('a=1e3')).toBe(1000);
    expect(read('a=0x10')).toBe(16);
    expect(read('a=true')).toBe(true);
    expect(read('a=false')).toBe(false);
    expect(read('a=null')).toBeNull();
    expect(read('a=~')).toBeNull();
    expect(read('a=')).toBeNull();
  });

  it('keeps words, quoted numbers, YAML 1.1 booleans and dates as text', () => {
    expect(read('a=lottery')).toBe('lottery');
    expect(read("a='10'")).toBe('10');
    expect(read('a="true"')).toBe('true');
    expect(read('a=yes')).toBe('yes');
    expect(read('a=no')).toBe('no');
    expect(read('a=2024-10-01')).toBe('2024-10-01');
    expect(read('a=x=y')).toBe('x=y');
    expect(read('a=Central America')).toBe('Central America');
  });

  it('reads flow lists and maps', () => {
    expect(read('a=[1, two, true]')).toEqual([1, 'two', true]);
    expect(read('a=[{id: MX, name: Mexico}]')).toEqual([{ id: 'MX', name: 'Mexico' }]);
    expect(read('a={amount: 5, per: month}')).toEqual({ amount: 5, per: 'month' });
    expect(read('a=[]')).toEqual([]);
  });

  it('reports a bad value at its column in the whole argument', () => {
    expect(parseIssue('a=[1')[0]).toBe('yaml_syntax');
    expect(parseIssue('a=[1').slice(1, 3)).toEqual([1, 5]);
    expect(parseIssue('abc.d={b: 1, b: 2}')).toEqual(['duplicate_key', 1, 14, msg.duplicateKey('b', 1)]);
  });
});

describe('parseSetArg: the path', () => {
  it('splits keys on dots and reads [n] as an index, with the column of each token', () => {
    const set = parsed('programs.work-visas.pools[1].share=3');
    expect(set.tokens).toEqual(['programs', 'work-visas', 'pools', 1, 'share']);
    expect(set.cols).toEqual([1, 10, 21, 26, 30]);
    expect(set.arg).toBe('programs.work-visas.pools[1].share=3');
    expect(parsed('a[0][2]=1').tokens).toEqual(['a', 0, 2]);
    // `.0` stays text: it may be an id, and is tried as an index only when no id matches
    expect(parsed('a.0=1').tokens).toEqual(['a', '0']);
  });

  it('reads ["quoted"] keys, which may hold dots, spaces and JSON escapes', () => {
    expect(parsed('columns["a b"]=1').tokens).toEqual(['columns', 'a b']);
    const dotted = parsed('a["x.y"].z=1');
    expect(dotted.tokens).toEqual(['a', 'x.y', 'z']);
    expect(dotted.cols).toEqual([1, 2, 10]);
    expect(parsed('a["say \\"hi\\""]=1').tokens).toEqual(['a', 'say "hi"']);
    expect(parsed('a["\\u00e9"]=1').tokens).toEqual(['a', 'é']);
  });

  it('refuses a missing or malformed path at column 1', () => {
    for (const arg of [
      'no-equals-sign',
      '=1',
      'a..b=1',
      'a.=1',
      '.a=1',
      'a[0]b=1',
      '[0]=1',
      'a.[0]=1',
      'a["x"=1',
      'a]=1',
    ])
      expect(parseIssue(arg), arg).toEqual(['set_syntax', 1, 1, msg.setSyntax()]);
  });

  it('refuses to change extends, at any depth', () => {
    expect(parseIssue('extends=base.yaml')).toEqual(['set_syntax', 1, 1, msg.setExtends()]);
    expect(parseSetArg('extends.x=1').issues[0]?.path).toEqual(['extends', 'x']);
  });

  it('reports an invalid escape in a quoted key as a syntax error', () => {
    expect(parseIssue('a["\\q"]=1')).toEqual(['set_syntax', 1, 1, msg.setSyntax()]);
  });
});

describe('applySet', () => {
  it('sets a nested key, keeps its siblings and returns the path it changed', () => {
    const r = apply('simulation.runs=10');
    expect(r.issue).toBeUndefined();
    expect(r.root.simulation).toEqual({ runs: 10, seed: 1 });
    expect(r.prefix).toEqual([
      { kind: 'key', key: 'simulation' },
      { kind: 'key', key: 'runs' },
    ]);
    expect(r.problems).toEqual([]);
  });

  it('never changes the document it is given', () => {
    const root = base();
    const before = structuredClone(root);
    apply('programs.work.pools.mx.cap=9', root);
    apply('groups.rows.MX=null', root);
    apply('simulation={seed: 7}', root);
    apply('select.parts[0].share=0.2', root);
    expect(root).toEqual(before);
  });

  it('creates the maps missing along the path', () => {
    const r = apply('reporting.charts.width=800');
    expect(r.root.reporting).toEqual({ charts: { width: 800 } });
    expect(r.root.title).toBe('Base');
  });

  it('merges a map value into the map there, and replaces anything else', () => {
    expect(apply('simulation={seed: 7}').root.simulation).toEqual({ runs: 5, seed: 7 });
    expect(apply('simulation={runs: null}').root.simulation).toEqual({ seed: 1 });
    expect(pools(apply('programs.work.pools.central-america.split=none').root)[2]?.split).toBe('none');
    expect(apply('title={text: T}').root.title).toEqual({ text: 'T' });
  });

  it('merges a list of items with ids by id, and replaces a list without ids', () => {
    const rows = apply('groups.rows=[{id: GT, name: Guate}, {id: HN, name: Honduras}]').root.groups;
    expect(rows).toEqual({
      rows: [
        { id: 'MX', name: 'Mexico' },
        { id: 'GT', name: 'Guate' },
        { id: 'HN', name: 'Honduras' },
      ],
    });
    expect(apply('select.parts=[{share: 1}]').root.select).toEqual({ parts: [{ share: 1 }] });
  });

  it('reports removing an unknown id as a merge problem, with the ids there are', () => {
    const r = apply('groups.rows=[{id: ZZ, $remove: true}]');
    expect(r.issue).toBeUndefined();
    expect(r.problems).toEqual([
      {
        kind: 'remove-unknown',
        id: 'ZZ',
        known: ['MX', 'GT'],
        path: [
          { kind: 'key', key: 'groups' },
          { kind: 'key', key: 'rows' },
          { kind: 'id', id: 'ZZ' },
        ],
      },
    ]);
  });

  it('removes a key, or a list item by id or index, when the value is null or empty', () => {
    expect(apply('title=null').root).not.toHaveProperty('title');
    expect(apply('simulation.seed=').root.simulation).toEqual({ runs: 5 });
    expect((apply('groups.rows.MX=~').root.groups as Plain).rows).toEqual([{ id: 'GT', name: 'Guatemala' }]);
    expect(apply('select.parts[0]=').root.select).toEqual({ parts: [{ share: 0.5 }] });
    expect(pools(apply('programs.work.pools.mx.statutory=null').root).map((p) => p.id)).toEqual([
      'mx',
      'central-america',
    ]);
  });

  it('does not let a __proto__ key reach the prototype', () => {
    const r = apply('__proto__.polluted=1');
    expect(Object.hasOwn(r.root, '__proto__')).toBe(true);
    expect(({} as Plain).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.root)).toBe(Object.prototype);
  });
});

describe('applySet: list items', () => {
  it('names an item by its id, preferring the longest id made of the remaining tokens', () => {
    const statutory = apply('programs.work.pools.mx.statutory.cap=9');
    expect(pools(statutory.root).map((p) => p.cap)).toEqual([1, 9, 3]);
    expect(statutory.prefix).toEqual([
      { kind: 'key', key: 'programs' },
      { kind: 'id', id: 'work' },
      { kind: 'key', key: 'pools' },
      { kind: 'id', id: 'mx.statutory' },
      { kind: 'key', key: 'cap' },
    ]);
    expect(pools(apply('programs.work.pools.mx.cap=9').root).map((p) => p.cap)).toEqual([9, 2, 3]);
    expect(pools(apply('programs.work.pools["mx.statutory"].cap=4').root).map((p) => p.cap)).toEqual([
      1, 4, 3,
    ]);
  });

  it('names an item by index, as [n] or .n, and reports it by id when the id is unique', () => {
    for (const arg of ['programs[0].pools[2].cap=9', 'programs.0.pools.2.cap=9']) {
      const r = apply(arg);
      expect(
        pools(r.root).map((p) => p.cap),
        arg,
      ).toEqual([1, 2, 9]);
      expect(r.prefix?.[3]).toEqual({ kind: 'id', id: 'central-america' });
    }
    const noIds = apply('select.parts[1].share=0.7');
    expect(noIds.root.select).toEqual({ parts: [{ share: 0.5 }, { share: 0.7 }] });
    expect(noIds.prefix?.[2]).toEqual({ kind: 'index', index: 1 });
  });

  it('keeps an index for an item whose id is not unique; the id names the first such item', () => {
    const byIndex = apply('twins[1].v=5');
    expect(byIndex.root.twins).toEqual([
      { id: 'a', v: 1 },
      { id: 'a', v: 5 },
    ]);
    expect(byIndex.prefix?.[1]).toEqual({ kind: 'index', index: 1 });
    expect(apply('twins.a.v=5').root.twins).toEqual([
      { id: 'a', v: 5 },
      { id: 'a', v: 2 },
    ]);
  });
});

describe('applySet: errors', () => {
  it('reports an unknown id at its token, with the path so far, the nearest id and all ids', () => {
    const root = base();
    const r = apply('programs.work.pools.mxx.cap=1', root);
    expect(r.root).toBe(root);
    expect(r.prefix).toBeUndefined();
    expect(r.issue).toMatchObject({
      code: 'bad_reference',
      file: SET_FILE,
      line: 1,
      col: 21,
      path: ['programs', 'work', 'pools'],
      sourceLine: 'programs.work.pools.mxx.cap=1',
      message: msg.noItemWithId('programs.work.pools', 'mxx', 'mx', [
        'mx',
        'mx.statutory',
        'central-america',
      ]),
    });
  });

  it('reports an index past the end of a list at the index', () => {
    const r = apply('programs.work.pools[7].cap=1');
    expect(r.issue).toMatchObject({ code: 'bad_reference', col: 20, message: msg.setIndexRange(7, 3) });
    expect(apply('select.parts.2=1').issue).toMatchObject({ col: 14, message: msg.setIndexRange(2, 2) });
    expect(msg.setIndexRange(3, 1)).toBe('index 3 is past the end of a list of 1 item');
  });

  it('refuses a key inside a text, a number or a list item that is not a map', () => {
    const inText = apply('title.x=1');
    expect(inText.issue).toMatchObject({
      code: 'set_syntax',
      col: 7,
      path: ['title'],
      message: msg.setNotContainer('title', '"Base"'),
    });
    expect(apply('simulation.runs.x=1').issue?.message).toBe(msg.setNotContainer('simulation.runs', '5'));
    const inItem = apply('select.parts[0].share.x=1');
    expect(inItem.issue).toMatchObject({ col: 23, path: ['select', 'parts', 0, 'share'] });
    expect(inItem.issue?.message).toBe(msg.setNotContainer('select.parts[0].share', '0.5'));
  });
});

const arbName = fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/).filter((s) => s !== 'extends');
const arbScalar = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.boolean(),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,12}$/).map((s) => s.trim()),
);

describe('--set properties', () => {
  test.prop([fc.array(arbName, { minLength: 1, maxLength: 5 }), arbScalar], { numRuns: 200 })(
    'a dotted path of plain names splits into those names at their columns, and the value lands there',
    (names, value) => {
      const arg = `${names.join('.')}=${JSON.stringify(value)}`;
      const set = parsed(arg);
      expect(set.tokens).toEqual(names);
      expect(set.cols).toEqual(names.map((_, i) => names.slice(0, i).join('.').length + (i > 0 ? 2 : 1)));
      const r = apply(arg, {});
      let node: unknown = r.root;
      for (const n of names) node = (node as Plain)[n];
      expect(node).toEqual(value);
    },
  );
});
