/**
 * `--set PATH=VALUE`: one override from the command line, applied after `extends` with the same
 * merge rules (merge.ts).
 *
 * PATH is keys joined by dots; a list item is named by its id (ids may contain dots) or by its
 * index (`.0` or `[0]`): `programs.work-visas.pools.central-america.split.by`, `select.parts[1].share`.
 * Missing maps along the path are created. VALUE is read as YAML (`10`, `lottery`,
 * `[{id: MX, name: Mexico}]`, `{amount: 5, per: month}`); `null` or nothing removes the key.
 */
import { issueAt, pathToString, type ScenarioIssue } from './issues.js';
import { hasId, isPlainObject, type MergeProblem, mergeValue, type Plain, setOwn } from './merge.js';
import * as msg from './messages.js';
import { parseYamlText, type Seg, type YamlSource } from './yaml-source.js';

export const SET_FILE = '--set';

export interface ParsedSet {
  arg: string;
  tokens: (string | number)[];
  /** 1-based column of each token in `arg` */
  cols: number[];
  source: YamlSource;
}

const pos = (arg: string, col: number) => ({ file: SET_FILE, line: 1, col, sourceLine: arg });

function tokenize(pathText: string): { tokens: (string | number)[]; cols: number[] } | undefined {
  const tokens: (string | number)[] = [];
  const cols: number[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|(\.)/y;
  let expectName = true;
  for (let m = re.exec(pathText); m; m = re.exec(pathText)) {
    if (m[4] === undefined) cols.push(m.index + 1);
    if (m[1] !== undefined) {
      if (!expectName) return undefined;
      tokens.push(m[1]);
      expectName = false;
    } else if (m[2] !== undefined) tokens.push(Number(m[2]));
    else if (m[3] !== undefined) {
      const key = jsonString(m[3]);
      if (key === undefined) return undefined; // a bad escape such as \q: a syntax error
      tokens.push(key);
    } else if (expectName) return undefined;
    else expectName = true;
    if (re.lastIndex === pathText.length) return expectName ? undefined : { tokens, cols };
  }
  return undefined;
}

/** Split `PATH=VALUE` and read VALUE as YAML. */
export function parseSetArg(arg: string): { set?: ParsedSet; issues: ScenarioIssue[] } {
  const eq = arg.indexOf('=');
  const pathText = eq > 0 ? arg.slice(0, eq) : '';
  const parsed = pathText ? tokenize(pathText) : undefined;
  if (!parsed || parsed.tokens.length === 0)
    return { issues: [issueAt(pos(arg, 1), 'set_syntax', [], msg.setSyntax())] };
  const { tokens, cols } = parsed;
  if (tokens[0] === 'extends')
    return { issues: [issueAt(pos(arg, 1), 'set_syntax', tokens, msg.setExtends())] };
  const { source, issues } = parseYamlText(arg.slice(eq + 1), SET_FILE, {
    colOffset: eq + 1,
    fixedLine: arg,
  });
  return issues.length > 0 ? { issues } : { set: { arg, tokens, cols, source }, issues };
}

/** Turn PATH tokens into steps in `root`, naming list items by id (ids may contain dots). */
function resolvePath(root: unknown, set: ParsedSet): { segs?: Seg[]; issue?: ScenarioIssue } {
  const { tokens, arg, cols } = set;
  const segs: Seg[] = [];
  let node: unknown = root;
  let i = 0;
  const fail = (message: string, code: ScenarioIssue['code'] = 'bad_reference') => ({
    issue: issueAt(pos(arg, cols[i] ?? 1), code, [...segs.map(segText)], message),
  });
  while (i < tokens.length) {
    const t = tokens[i] as string | number;
    if (Array.isArray(node)) {
      const list = node;
      let matched = false;
      for (let k = tokens.length - i; k >= 1 && !matched; k--) {
        const parts = tokens.slice(i, i + k);
        if (!parts.every((p) => typeof p === 'string')) continue;
        const id = parts.join('.');
        const index = list.findIndex((x) => hasId(x) && String(x.id) === id);
        if (index >= 0) {
          segs.push({ kind: 'id', id });
          node = list[index];
          i += k;
          matched = true;
        }
      }
      if (matched) continue;
      const n = typeof t === 'number' ? t : /^\d+$/.test(t) ? Number(t) : undefined;
      if (n === undefined) {
        const ids = list.filter(hasId).map((x) => String(x.id));
        return fail(
          msg.noItemWithId(pathToString(segs.map(segText)), String(t), msg.nearest(String(t), ids), ids),
        );
      }
      if (n >= list.length) return fail(msg.setIndexRange(n, list.length));
      const item: unknown = list[n];
      const unique =
        hasId(item) && list.filter((x) => hasId(x) && String(x.id) === String(item.id)).length === 1;
      segs.push(unique ? { kind: 'id', id: String(item.id) } : { kind: 'index', index: n });
      node = item;
      i++;
    } else if (isPlainObject(node) || node === undefined) {
      const key = String(t);
      segs.push({ kind: 'key', key });
      node = isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
      i++;
    } else {
      return fail(
        msg.setNotContainer(pathToString(segs.map(segText)), msg.describeValue(node)),
        'set_syntax',
      );
    }
  }
  return { segs };
}

const segText = (s: Seg): string | number => (s.kind === 'key' ? s.key : s.kind === 'id' ? s.id : s.index);

const REMOVED = Symbol('removed');

function setIn(
  node: unknown,
  segs: readonly Seg[],
  value: unknown,
  path: Seg[],
  problems: MergeProblem[],
): unknown {
  const [seg, ...rest] = segs;
  if (!seg) return value === null ? REMOVED : mergeValue(node, value, 'override', path, problems);
  if (seg.kind === 'key') {
    const obj: Plain = {};
    if (isPlainObject(node)) for (const k of Object.keys(node)) setOwn(obj, k, node[k]);
    const r = setIn(obj[seg.key], rest, value, [...path, seg], problems);
    if (r === REMOVED) delete obj[seg.key];
    else setOwn(obj, seg.key, r);
    return obj;
  }
  const list = [...(node as unknown[])];
  const i = seg.kind === 'id' ? list.findIndex((x) => hasId(x) && String(x.id) === seg.id) : seg.index;
  const r = setIn(list[i], rest, value, [...path, seg], problems);
  if (r === REMOVED) list.splice(i, 1);
  else list[i] = r;
  return list;
}

/** Apply one --set to `root`; returns the new document and the path it changed (by id). */
export function applySet(
  root: Plain,
  set: ParsedSet,
  problems: MergeProblem[],
): { root: Plain; prefix?: Seg[]; issue?: ScenarioIssue } {
  const { segs, issue } = resolvePath(root, set);
  if (!segs) return issue ? { root, issue } : { root };
  const next = setIn(root, segs, set.source.value, [], problems) as Plain;
  return { root: next, prefix: segs };
}

/** The string a JSON string body (between its quotes) stands for, or undefined if it is not valid. */
function jsonString(body: string): string | undefined {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}
