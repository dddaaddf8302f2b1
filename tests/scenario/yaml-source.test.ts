import { describe, expect, it } from 'vitest';
import * as msg from '../../src/scenario/messages.js';
import {
  MAX_ALIAS_COUNT,
  MAX_DEPTH,
  parseYamlText,
  positionAt,
  positionOfWalk,
  walkSource,
} from '../../src/scenario/yaml-source.js';

const parse = (text: string, opts?: { colOffset?: number; fixedLine?: string }) =>
  parseYamlText(text, 'f.yaml', opts);
const brief = (text: string) => parse(text).issues.map((i) => [i.code, i.line, i.col, i.message]);

describe('parseYamlText: values', () => {
  it('reads YAML 1.2 core: yes/no/on stay text, dates stay strings, numbers and nulls are typed', () => {
    const { source, issues } = parse('a: yes\nb: no\nc: 2024-10-01\nd: 0x10\ne: 1_000\nf: ~\ng: 1e3\n');
    expect(issues).toEqual([]);
    expect(source.value).toEqual({ a: 'yes', b: 'no', c: '2024-10-01', d: 16, e: '1_000', f: null, g: 1000 });
  });

  it('gives an empty or comment-only file the value null, without issues', () => {
    for (const text of ['', '   \n', '# just a comment\n']) {
      const { source, issues } = parse(text);
      expect(issues).toEqual([]);
      expect(source.value).toBeNull();
    }
  });

  it('expands aliases within the limit', () => {
    const { source, issues } = parse('base: &b { cap: 5 }\ncopy: *b\n');
    expect(issues).toEqual([]);
    expect(source.value).toEqual({ base: { cap: 5 }, copy: { cap: 5 } });
  });

  it('keeps the file name, the offset and the fixed line on the source', () => {
    const { source } = parse('a: 1\n', { colOffset: 7, fixedLine: 'a.b=1' });
    expect(source).toMatchObject({ file: 'f.yaml', colOffset: 7, fixedLine: 'a.b=1' });
  });
});

describe('parseYamlText: problems', () => {
  it('reports every duplicate key with the line of its first definition and its path', () => {
    const { issues, source } = parse('a: 1\nb:\n  c: 1\n  c: 2\na: 3\n');
    expect(issues.map((i) => [i.code, i.line, i.col, i.path, i.message])).toEqual([
      ['duplicate_key', 4, 3, ['b', 'c'], msg.duplicateKey('c', 3)],
      ['duplicate_key', 5, 1, ['a'], msg.duplicateKey('a', 1)],
    ]);
    expect(source.value).toBeUndefined();
  });

  it('names list items by id in the path of a duplicate key, by index without an id', () => {
    const { issues } = parse('pools:\n  - id: mx\n    cap: 1\n    cap: 2\n  - name: x\n    name: y\n');
    expect(issues.map((i) => i.path)).toEqual([
      ['pools', 'mx', 'cap'],
      ['pools', 1, 'name'],
    ]);
  });

  it('reports a syntax error at its line and column, with the source line', () => {
    const { issues, source } = parse('a: 1\nb: [1, 2\nc: 3\n');
    // yaml notices the unclosed flow list where the next key starts
    expect(issues.map((i) => [i.code, i.line, i.col, i.sourceLine])).toEqual([['yaml_syntax', 3, 1, 'c: 3']]);
    expect(issues[0]?.message).toMatch(/^YAML syntax: flow sequence .*end with a \]$/);
    expect(source.value).toBeUndefined();
  });

  it('reports an unterminated quote as a syntax error with a lower-case message', () => {
    const { issues } = parse('a: "open\n');
    // reported where the text ends (line 2, empty), not at the opening quote on line 1
    expect(issues.map((i) => [i.code, i.line, i.col, i.message])).toEqual([
      ['yaml_syntax', 2, 1, 'YAML syntax: missing closing "quote'],
    ]);
  });

  it('reports a tab used for indentation once, not the errors it causes on its line', () => {
    const issues = brief('a:\n\tb: 1\n');
    expect(issues).toEqual([['yaml_syntax', 2, 1, msg.tabIndent()]]);
  });

  it('refuses tags it does not know, naming them in !! form', () => {
    expect(brief('a: !!binary aGk=\n')).toEqual([['yaml_syntax', 1, 4, msg.unsupportedTag('!!binary')]]);
    expect(parse('a: !!timestamp 2024-01-01\n').issues.map((i) => i.message)).toEqual([
      msg.unsupportedTag('!!timestamp'),
    ]);
  });

  it('refuses keys that are lists or maps', () => {
    const issues = brief('? [a, b]\n: 1\n');
    expect(issues).toEqual([['yaml_syntax', 1, 3, msg.nonScalarKey()]]);
  });

  it('reports an alias to an anchor that is not defined before it, at the alias', () => {
    expect(brief('a: 1\nb: *nope\n')).toEqual([['yaml_syntax', 2, 4, msg.unresolvedAlias('nope')]]);
  });

  it('refuses an alias inside the node its anchor names', () => {
    const issues = brief('a: &x [1, *x]\n');
    expect(issues).toEqual([['yaml_syntax', 1, 11, msg.recursiveAlias()]]);
  });

  it(`refuses a "billion laughs" document (more than ${MAX_ALIAS_COUNT} alias uses)`, () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [n, p] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
    ]) {
      lines.push(`${n}: &${n} [${Array(10).fill(`*${p}`).join(', ')}]`);
    }
    const { issues, source } = parse(`${lines.join('\n')}\n`);
    expect(issues.map((i) => [i.code, i.line, i.message])).toEqual([
      ['alias_limit', 2, msg.aliasLimit(MAX_ALIAS_COUNT)],
    ]);
    expect(source.value).toBeUndefined();
  });

  it('accepts a document that uses aliases often but within the limit', () => {
    const uses = Array(50).fill('*a').join(', ');
    const { issues, source } = parse(`a: &a 1\nb: [${uses}]\n`);
    expect(issues).toEqual([]);
    expect((source.value as { b: number[] }).b).toHaveLength(50);
  });

  it(`refuses maps nested more than ${MAX_DEPTH} levels deep, once`, () => {
    const deep = `${'['.repeat(MAX_DEPTH + 5)}1${']'.repeat(MAX_DEPTH + 5)}`;
    const { issues } = parse(`a: ${deep}\n`);
    expect(issues.map((i) => [i.code, i.message])).toEqual([['too_large', msg.tooDeep(MAX_DEPTH)]]);
  });

  it('accepts nesting just within the limit', () => {
    const ok = `${'['.repeat(MAX_DEPTH - 1)}1${']'.repeat(MAX_DEPTH - 1)}`;
    expect(parse(`a: ${ok}\n`).issues).toEqual([]);
  });

  it('reports every problem in the text, not just the first', () => {
    const codes = parse('a: 1\na: 2\nb: !!binary aGk=\nc:\n  d: 1\n  d: 1\n').issues.map((i) => i.code);
    expect(codes.sort()).toEqual(['duplicate_key', 'duplicate_key', 'yaml_syntax']);
  });
});

describe('positions', () => {
  it('adds the column offset and shows the fixed line for a --set value', () => {
    const { issues } = parse('[1, 2', { colOffset: 10, fixedLine: 'simulation.runs=[1, 2' });
    expect(issues[0]?.col).toBeGreaterThan(10);
    expect(issues[0]?.sourceLine).toBe('simulation.runs=[1, 2');
  });

  it('clamps offsets to the text and shows the line without its CR', () => {
    const { source } = parse('a: 1\r\nbb: 2\r\n');
    expect(positionAt(source, 7)).toEqual({ file: 'f.yaml', line: 2, col: 2, sourceLine: 'bb: 2' });
    expect(positionAt(source, -5)).toMatchObject({ line: 1, col: 1, sourceLine: 'a: 1' });
    expect(positionAt(source, 10_000).line).toBe(3);
  });
});

describe('walkSource and positionOfWalk', () => {
  const text =
    'programs:\n  - id: work\n    pools:\n      - id: mx\n        cap: 100\n        name: "Mexico"\n      - cap: 5\n';
  const { source } = parse(text);

  it('follows keys, ids and indexes, and points at the value', () => {
    const w = walkSource(source, [
      { kind: 'key', key: 'programs' },
      { kind: 'id', id: 'work' },
      { kind: 'key', key: 'pools' },
      { kind: 'id', id: 'mx' },
      { kind: 'key', key: 'cap' },
    ]);
    expect(w.depth).toBe(5);
    expect(w.viaIndex).toBe(false);
    expect(positionOfWalk(source, w)).toMatchObject({ line: 5, col: 14 });
    expect(positionOfWalk(source, w, { key: true })).toMatchObject({ line: 5, col: 9 });
  });

  it('stops at the first step that is not found and marks index steps', () => {
    const missing = walkSource(source, [
      { kind: 'key', key: 'programs' },
      { kind: 'id', id: 'nope' },
    ]);
    expect(missing.depth).toBe(1);
    const byIndex = walkSource(source, [
      { kind: 'key', key: 'programs' },
      { kind: 'index', index: 0 },
      { kind: 'key', key: 'pools' },
      { kind: 'index', index: 1 },
      { kind: 'key', key: 'cap' },
    ]);
    expect(byIndex).toMatchObject({ depth: 5, viaIndex: true });
    expect(positionOfWalk(source, byIndex)).toMatchObject({ line: 7, col: 14 });
  });

  it('points at the key of a block map value, and inside a quoted scalar by offset', () => {
    const pools = walkSource(source, [
      { kind: 'key', key: 'programs' },
      { kind: 'id', id: 'work' },
      { kind: 'key', key: 'pools' },
    ]);
    expect(positionOfWalk(source, pools)).toMatchObject({ line: 3, col: 5 });
    const name = walkSource(source, [
      { kind: 'key', key: 'programs' },
      { kind: 'id', id: 'work' },
      { kind: 'key', key: 'pools' },
      { kind: 'id', id: 'mx' },
      { kind: 'key', key: 'name' },
    ]);
    // col 15 is the opening quote; offset 2 is the third character inside it
    expect(positionOfWalk(source, name)).toMatchObject({ line: 6, col: 15 });
    expect(positionOfWalk(source, name, { offset: 2 })).toMatchObject({ line: 6, col: 18 });
    expect(positionOfWalk(source, name, { offset: 99 })).toMatchObject({ line: 6, col: 23 });
  });

  it('finds the nth of several items sharing an id', () => {
    const { source: dup } = parse('xs:\n  - id: a\n    v: 1\n  - id: a\n    v: 2\n');
    const w = walkSource(dup, [
      { kind: 'key', key: 'xs' },
      { kind: 'dup', id: 'a', nth: 1, index: 1 },
      { kind: 'key', key: 'v' },
    ]);
    expect(w.depth).toBe(3);
    expect(positionOfWalk(dup, w).line).toBe(5);
  });
});

describe('parseYamlText: input that used to be dropped or misread (issue 16)', () => {
  it('refuses a second document after "---", at the marker, instead of ignoring it', () => {
    expect(brief('id: a\ntitle: A\n---\nid: b\n')).toEqual([['yaml_syntax', 3, 1, msg.secondDocument()]]);
    // a trailing marker with nothing after it is a second (empty) document too
    expect(brief('id: a\n---\n')).toEqual([['yaml_syntax', 2, 1, msg.secondDocument()]]);
    // one document that opens with "---" (and may close with "...") is fine
    expect(parse('---\nid: a\n...\n').issues).toEqual([]);
  });

  it('reads CR-only line endings as line endings, with the same lines and columns', () => {
    const crlf = parse('# a comment\r\nid: a\r\nn: 2\r\n');
    const cr = parse('# a comment\rid: a\rn: 2\r');
    expect(cr.issues).toEqual([]);
    expect(cr.source.value).toEqual({ id: 'a', n: 2 });
    expect(cr.source.value).toEqual(crlf.source.value);
    expect(brief('id: a\rid: b\r')).toEqual([['duplicate_key', 2, 1, msg.duplicateKey('id', 1)]]);
  });
});
