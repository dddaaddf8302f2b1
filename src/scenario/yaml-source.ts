/**
 * One YAML text → its document tree (with positions), its plain value, and every problem in it.
 *
 * Reading is YAML 1.2 with the core schema and no extra tags, so `no` stays the text "no" and
 * `2024-10-01` stays a string. Duplicate keys, tabs, syntax errors, unknown tags, keys that are
 * lists or maps, and alias bombs are all reported (every one in the text, not just the first).
 */
import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  Scalar,
  type YAMLMap,
} from 'yaml';
import { issueAt, type ScenarioIssue, type SourcePosition } from './issues.js';
import * as msg from './messages.js';

/** At most this many alias expansions per document (yaml's resource-exhaustion guard). */
export const MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  /** file name as shown in messages (`--set` for a command-line value) */
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** the plain value (undefined when the text could not be turned into one) */
  value: unknown;
  /** added to every column (a --set value sits after `PATH=` in its argument) */
  colOffset: number;
  /** the source line to show, instead of the text's own line (a --set argument) */
  fixedLine?: string;
}

export function positionAt(src: YamlSource, offset: number): SourcePosition {
  const { line, col } = src.lineCounter.linePos(Math.max(0, Math.min(offset, src.text.length)));
  const sourceLine = src.fixedLine ?? lineText(src.text, src.lineCounter, line);
  return { file: src.file, line, col: col + src.colOffset, sourceLine };
}

function lineText(text: string, lc: LineCounter, line: number): string {
  const start = lc.lineStarts[line - 1] ?? 0;
  const next = lc.lineStarts[line];
  return text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
}

const keyText = (key: unknown): string =>
  isScalar(key) ? String(key.value) : key === null || key === undefined ? '' : String(key);

/** Path of list items: by id where the item is a map with a scalar id, else by index. */
function itemSeg(item: unknown, index: number): string | number {
  if (isMap(item)) {
    const id = item.get('id', true);
    if (isScalar(id) && (typeof id.value === 'string' || typeof id.value === 'number'))
      return String(id.value);
  }
  return index;
}

/** Duplicate keys and non-scalar keys, found by walking the tree (aliases are not followed). */
function checkTree(src: YamlSource, issues: ScenarioIssue[]): void {
  let deep = false;
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (deep) return;
    if ((isMap(node) || isSeq(node)) && path.length >= MAX_DEPTH) {
      deep = true;
      issues.push(issueAt(positionAt(src, node.range?.[0] ?? 0), 'too_large', [], msg.tooDeep(MAX_DEPTH)));
      return;
    }
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (key !== null && !isScalar(key)) {
          issues.push(issueAt(positionAt(src, key.range?.[0] ?? 0), 'yaml_syntax', path, msg.nonScalarKey()));
          continue;
        }
        const k = keyText(key);
        const at = key?.range?.[0] ?? 0;
        const first = seen.get(k);
        if (first !== undefined) {
          const firstLine = src.lineCounter.linePos(first).line;
          issues.push(
            issueAt(positionAt(src, at), 'duplicate_key', [...path, k], msg.duplicateKey(k, firstLine)),
          );
        } else seen.set(k, at);
        visit(pair.value, [...path, k]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        visit(item, [...path, itemSeg(item, i)]);
      });
    }
  };
  visit(src.doc.contents, []);
}

/** Maps and lists may nest at most this deep (a scenario needs about 8 levels). */
export const MAX_DEPTH = 64;

/** A value that contains itself (an alias inside the node its anchor names), or nests too deep. */
function badShape(value: unknown): 'cycle' | 'deep' | undefined {
  const onStack = new Set<object>();
  const visit = (v: unknown, depth: number): 'cycle' | 'deep' | undefined => {
    if (v === null || typeof v !== 'object') return undefined;
    if (onStack.has(v)) return 'cycle';
    if (depth > MAX_DEPTH) return 'deep';
    onStack.add(v);
    let bad: 'cycle' | 'deep' | undefined;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      bad = visit(child, depth + 1);
      if (bad) break;
    }
    onStack.delete(v);
    return bad;
  };
  return visit(value, 0);
}

/** The first alias in document order that `bad` picks out (given the anchors defined before it). */
function firstAlias(
  doc: Document,
  bad: (name: string, defined: ReadonlySet<string>) => boolean,
): Node | undefined {
  const defined = new Set<string>();
  let found: Node | undefined;
  const visit = (node: unknown): void => {
    if (found || node === null || typeof node !== 'object') return;
    if (isAlias(node)) {
      if (bad(node.source, defined)) found = node;
      return;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) defined.add(anchor);
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          visit(item.key);
          visit(item.value);
        } else visit(item);
      }
    }
  };
  visit(doc.contents);
  return found;
}

/** Parse one YAML text. `issues` holds every problem; `value` is set only when there are none. */
export function parseYamlText(
  text: string,
  file: string,
  opts: { colOffset?: number; fixedLine?: string } = {},
): { source: YamlSource; issues: ScenarioIssue[] } {
  // A lone CR ends a line too (old Mac files): yaml would read the whole file as one line, so it is
  // made "\n" — one character for one, so every offset and column stays the file's own.
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    version: '1.2',
    schema: 'core',
    resolveKnownTags: false,
    // not 'silent': that would drop the MULTIPLE_DOCS error (a second document after `---`); 'error'
    // logs nothing either
    logLevel: 'error',
    keepSourceTokens: false,
  });
  const source: YamlSource = {
    file,
    text,
    doc,
    lineCounter,
    value: undefined,
    colOffset: opts.colOffset ?? 0,
  };
  if (opts.fixedLine !== undefined) source.fixedLine = opts.fixedLine;
  const issues: ScenarioIssue[] = [];
  const all = [...doc.errors, ...doc.warnings];
  // a tab confuses the parser into further errors on its line; the tab is the one to report
  const tabLines = new Set(
    all.filter((e) => e.code === 'TAB_AS_INDENT').map((e) => lineCounter.linePos(e.pos[0]).line),
  );
  for (const e of all) {
    if (e.code === 'DUPLICATE_KEY') continue; // reported by checkTree, with the first line
    const pos = positionAt(source, e.pos[0]);
    if (e.code !== 'TAB_AS_INDENT' && tabLines.has(pos.line)) continue;
    if (e.code === 'TAB_AS_INDENT') issues.push(issueAt(pos, 'yaml_syntax', [], msg.tabIndent()));
    else if (e.code === 'MULTIPLE_DOCS') issues.push(issueAt(pos, 'yaml_syntax', [], msg.secondDocument()));
    else if (e.code === 'TAG_RESOLVE_FAILED') {
      const tag = e.message.replace(/^Unresolved tag:\s*/, '').replace(/^tag:yaml\.org,2002:/, '!!');
      issues.push(issueAt(pos, 'yaml_syntax', [], msg.unsupportedTag(tag)));
    } else
      issues.push(issueAt(pos, 'yaml_syntax', [], msg.yamlSyntax(e.message.split('\n')[0] ?? e.message)));
  }
  checkTree(source, issues);
  if (issues.length > 0) return { source, issues };
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    const bad = badShape(value);
    const alias = bad && firstAlias(doc, () => true);
    const pos = positionAt(source, alias?.range?.[0] ?? 0);
    if (bad === 'cycle') issues.push(issueAt(pos, 'yaml_syntax', [], msg.recursiveAlias()));
    else if (bad === 'deep') issues.push(issueAt(pos, 'too_large', [], msg.tooDeep(MAX_DEPTH)));
    else source.value = value;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const bomb = /alias count|resource exhaustion/i.test(message);
    const alias = bomb ? firstAlias(doc, () => true) : firstAlias(doc, (name, defined) => !defined.has(name));
    const pos = positionAt(source, alias?.range?.[0] ?? 0);
    if (bomb) issues.push(issueAt(pos, 'alias_limit', [], msg.aliasLimit(MAX_ALIAS_COUNT)));
    else if (alias && isAlias(alias))
      issues.push(issueAt(pos, 'yaml_syntax', [], msg.unresolvedAlias(alias.source)));
    else issues.push(issueAt(pos, 'yaml_syntax', [], msg.yamlSyntax(message)));
  }
  return { source, issues };
}

/**
 * A step of a path inside a document: a map key, a list item by id, a list item by index, or the
 * nth of several items that share an id (`index` is its place in the merged list, for display).
 */
export type Seg =
  | { kind: 'key'; key: string }
  | { kind: 'id'; id: string }
  | { kind: 'index'; index: number }
  | { kind: 'dup'; id: string; nth: number; index: number };

export interface WalkResult {
  /** how many segments were found */
  depth: number;
  /** the deepest node found */
  node: Node | null;
  /** the pair whose value `node` is, when the last step was a key */
  pair?: Pair | undefined;
  /** true when a list item was found by index (the list was not merged by id) */
  viaIndex: boolean;
}

function resolve(doc: Document, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return (node as Node | null) ?? null;
}

/** Follow `segs` from the document root as far as they go. */
export function walkSource(src: YamlSource, segs: readonly Seg[]): WalkResult {
  let node = resolve(src.doc, src.doc.contents);
  let pair: Pair | undefined;
  let viaIndex = false;
  let depth = 0;
  for (const seg of segs) {
    let next: unknown;
    let nextPair: Pair | undefined;
    if (seg.kind === 'key' && isMap(node)) {
      nextPair = (node as YAMLMap).items.find((p) => isScalar(p.key) && String(p.key.value) === seg.key);
      next = nextPair?.value;
      if (!nextPair) break;
    } else if ((seg.kind === 'id' || seg.kind === 'dup') && isSeq(node)) {
      next = node.items.filter((item) => {
        const m = resolve(src.doc, item);
        if (!isMap(m)) return false;
        const id = m.get('id', true);
        return isScalar(id) && String(id.value) === seg.id;
      })[seg.kind === 'dup' ? seg.nth : 0];
      if (next === undefined) break;
    } else if (seg.kind === 'index' && isSeq(node)) {
      next = node.items[seg.index];
      if (next === undefined) break;
      viaIndex = true;
    } else break;
    node = resolve(src.doc, next);
    pair = nextPair;
    depth++;
    if (node === null && nextPair === undefined) break;
  }
  return { depth, node, pair, viaIndex };
}

/**
 * Where a walk result points: the value, or its key when asked (unknown keys), when the value is
 * empty, or when the value is a block map or list that starts on a later line.
 */
export function positionOfWalk(
  src: YamlSource,
  w: WalkResult,
  opts: { key?: boolean; offset?: number } = {},
): SourcePosition {
  const keyNode = w.pair?.key as Node | null | undefined;
  const value = w.node;
  const emptyValue = value === null || (isScalar(value) && value.range?.[0] === value.range?.[1]);
  const blockValue = isCollection(value) && !value.flow;
  if (keyNode?.range && (opts.key || emptyValue || blockValue)) return positionAt(src, keyNode.range[0]);
  if (!value?.range) return positionAt(src, keyNode?.range?.[0] ?? 0);
  let at = value.range[0];
  if (opts.offset !== undefined && value instanceof Scalar) {
    const raw = src.text.slice(value.range[0], value.range[1]);
    const type = value.type;
    if (!raw.includes('\n') && (type === 'PLAIN' || type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE')) {
      at += Math.min(opts.offset + (type === 'PLAIN' ? 0 : 1), raw.length);
    }
  }
  return positionAt(src, at);
}
