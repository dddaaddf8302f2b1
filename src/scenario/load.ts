/**
 * Reading stage: a scenario file (+ its `extends` chain, + `--set` overrides, + the groups CSV) →
 * one merged plain document and a source map. Nothing here knows the schema; validate.ts does.
 *
 * In:  a file name as the user gave it (messages show paths the same way) and `--set` strings.
 * Out: `LoadedDocument`: `raw` (merged, before the schema), the files read, the CSV tables, and
 *      `locate(path)` → file:line:col for any path in `raw`.
 * Throws `ScenarioError` with every problem found (all YAML errors of a file, not just the first).
 *
 * Order: the chain is read from the named file down to its base; a file's `extends` is resolved
 * relative to that file. The groups CSV named by the most derived layer (`--set groups.from=...`,
 * relative to the current directory, or the nearest file that names `groups.from`, relative to that
 * file) is read first; its rows are the bottom of `groups.rows`, so inline rows override CSV rows by
 * id and `{ id: X, $remove: true }` drops one. Then the bottom file, each file above it, and each
 * `--set` in order are merged on top (merge.ts has the rules). The `extends` key is not kept in
 * `raw`; `files` lists the chain.
 */
import { open, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { packageRoot } from '../paths.js';
import type { BudgetOptions } from './budget.js';
import { type CsvRow, type CsvTable, parseGroupsCsv } from './csv.js';
import { readDataTables } from './data-tables.js';
import { issueAt, pathToString, ScenarioError, type ScenarioIssue, type SourcePosition } from './issues.js';
import { isPlainObject, type MergeProblem, mergeValue, type Plain } from './merge.js';
import * as msg from './messages.js';
import { applySet, type ParsedSet, parseSetArg } from './set-override.js';
import { canonicalPath, displayPath, type Layer, type LocateOptions, locateInLayers } from './source-map.js';
import { parseYamlText, positionOfWalk, type Seg, walkSource, type YamlSource } from './yaml-source.js';

/**
 * Files larger than these are refused before they are read. Real scenario files are tens of KB and
 * parsing YAML with positions costs about 3 s per MB, so the limit keeps `validate` fast on
 * hostile input; CSV parsing is much cheaper.
 */
export const MAX_YAML_BYTES = 512 * 1024;
export const MAX_CSV_BYTES = 4 * 1024 * 1024;
/** At most this many files in an `extends` chain. */
export const MAX_EXTENDS_DEPTH = 16;

export interface LoadedDocument {
  /** the scenario file, as given */
  file: string;
  /** the extends chain, the scenario file first and its base last */
  files: string[];
  /** the merged document after extends, the CSV and --set, before the schema */
  raw: Record<string, unknown>;
  /** data tables read (the groups CSV) */
  tables: { path: string; columns: string[]; rows: CsvRow[] }[];
  /** where a path of `raw` was defined (the nearest existing ancestor for a missing key) */
  locate(path: readonly (string | number)[], opts?: LocateOptions): SourcePosition;
  /** the path as users write it: list items by id where they have one */
  idPath(path: readonly (string | number)[]): (string | number)[];
}

export interface LoadOptions {
  /** `--set PATH=VALUE` overrides, applied in order */
  set?: readonly string[];
  /**
   * Read `extends` and data files wherever they are (--allow-any-path). By default they must lie,
   * after symbolic links, in the scenario file's own folder tree or the installed scenarios/.
   */
  allowAnyPath?: boolean;
  /** the runs, threads and memory limit the budget is checked against (budget.ts) */
  budget?: BudgetOptions;
}

type ReadResult = { text: string } | { reason: string; tooLarge?: number };

/** Where files a scenario names may lie: its own folder tree and the installed scenarios/. */
async function allowedRoots(file: string): Promise<string[]> {
  const roots: string[] = [];
  for (const dir of [dirname(resolve(file)), join(packageRoot(), 'scenarios')]) {
    const real = await realpath(dir).catch(() => undefined);
    if (real && !roots.includes(real)) roots.push(real);
  }
  return roots;
}

const inside = (real: string, roots: readonly string[]) =>
  roots.some((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep));

/** At most `limit` bytes of a regular file, or undefined when it holds more (a file whose size lies). */
async function readBounded(file: string, limit: number): Promise<Buffer | undefined> {
  const h = await open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(limit + 1, 1024 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await h.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return undefined;
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks);
  } finally {
    await h.close();
  }
}

/**
 * A scenario's text file: a regular file (never a pipe, device or folder), within `limit` bytes,
 * with no NUL byte, and — when `roots` is given — inside them after symbolic links. The reason for a
 * refusal never quotes the file.
 */
async function readText(abs: string, limit: number, roots?: readonly string[]): Promise<ReadResult> {
  try {
    const real = await realpath(abs);
    if (roots && !inside(real, roots)) return { reason: msg.reasonOutside(roots) };
    const s = await stat(real);
    if (s.isDirectory()) return { reason: msg.reasonFolder };
    if (!s.isFile()) return { reason: msg.reasonNotRegular };
    if (s.size > limit) return { reason: 'too large', tooLarge: s.size };
    const bytes = await readBounded(real, limit);
    if (bytes === undefined) return { reason: 'too large', tooLarge: limit + 1 };
    if (bytes.includes(0)) return { reason: msg.reasonBinary };
    return { text: bytes.toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: msg.reasonNotFound };
    if (code === 'EACCES' || code === 'EPERM') return { reason: 'permission denied' };
    return { reason: code ?? (e as Error).message };
  }
}

const NO_POSITION = (file: string) => ({ file, line: 0 as const, col: 0 as const });

/** An issue for a file that cannot be read; `namedAt` is the key that named it, if any. */
function readIssue(
  r: { reason: string; tooLarge?: number },
  display: string,
  named?: { key: string; at: SourcePosition; path: (string | number)[]; chain?: string[] },
): ScenarioIssue {
  if (r.tooLarge !== undefined) {
    const csv = named?.key.endsWith('from') === true;
    const text = msg.fileTooLarge(
      display,
      r.tooLarge,
      csv ? MAX_CSV_BYTES : MAX_YAML_BYTES,
      csv ? 'data' : 'scenario',
    );
    return named
      ? issueAt(named.at, 'too_large', named.path, text)
      : issueAt(NO_POSITION(display), 'too_large', [], text);
  }
  if (!named) {
    const text =
      r.reason === msg.reasonNotFound
        ? msg.fileNotFound(display)
        : r.reason === msg.reasonFolder
          ? msg.notAFile(display)
          : msg.readFailed(display, r.reason);
    return issueAt(NO_POSITION(display), 'io', [], text);
  }
  const extra = named.chain ? { hint: msg.extendsChain(named.chain) } : {};
  return issueAt(named.at, 'io', named.path, msg.namedFileUnreadable(named.key, display, r.reason), extra);
}

interface FileLayer {
  display: string;
  abs: string;
  source: YamlSource;
  raw: Plain;
}

const at = (source: YamlSource, segs: Seg[]) => positionOfWalk(source, walkSource(source, segs));
const keySeg = (key: string): Seg => ({ kind: 'key', key });

/** Read the scenario file and its extends chain (the file first). */
async function readChain(
  file: string,
  issues: ScenarioIssue[],
  roots: readonly string[] | undefined,
): Promise<FileLayer[]> {
  const chain: FileLayer[] = [];
  let display = file;
  let abs = resolve(file);
  let namedBy: FileLayer | undefined;
  const names = [file];
  for (;;) {
    // the file given is read wherever it is; the files it names only inside the roots
    const r = await readText(abs, MAX_YAML_BYTES, namedBy ? roots : undefined);
    if (!('text' in r)) {
      const named = namedBy && {
        key: 'extends',
        at: at(namedBy.source, [keySeg('extends')]),
        path: ['extends'],
        chain: names,
      };
      issues.push(readIssue(r, display, named));
      return chain;
    }
    const parsed = parseYamlText(r.text, display);
    issues.push(...parsed.issues);
    if (parsed.issues.length > 0) return chain;
    const value = parsed.source.value;
    if (!isPlainObject(value)) {
      const text =
        value === null || value === undefined
          ? msg.emptyDocument()
          : msg.topLevelNotMap(msg.describeValue(value));
      issues.push(issueAt(at(parsed.source, []), 'invalid_type', [], text));
      return chain;
    }
    const layer: FileLayer = { display, abs, source: parsed.source, raw: value };
    chain.push(layer);
    const ext = value.extends;
    if (ext === undefined || ext === null) return chain;
    const extAt = at(parsed.source, [keySeg('extends')]);
    if (typeof ext !== 'string' || ext === '') {
      issues.push(
        issueAt(extAt, 'invalid_type', ['extends'], msg.wrongType('a file name', msg.describeValue(ext))),
      );
      return chain;
    }
    const nextDisplay = relativeTo(display, ext);
    const nextAbs = resolve(dirname(abs), ext);
    if (chain.some((l) => l.abs === nextAbs)) {
      issues.push(issueAt(extAt, 'extends_cycle', ['extends'], msg.extendsCycle([...names, nextDisplay])));
      return chain;
    }
    if (chain.length >= MAX_EXTENDS_DEPTH) {
      issues.push(issueAt(extAt, 'extends_cycle', ['extends'], msg.extendsTooDeep(MAX_EXTENDS_DEPTH)));
      return chain;
    }
    names.push(nextDisplay);
    namedBy = layer;
    display = nextDisplay;
    abs = nextAbs;
  }
}

/** How to show `target`, named in the file shown as `from` (relative to it unless absolute). */
const relativeTo = (from: string, target: string): string =>
  isAbsolute(target) ? normalize(target) : normalize(join(dirname(from), target));

const sameTokens = (a: readonly (string | number)[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/** Which layer names the groups CSV, and where the name is. */
function findCsv(
  chain: readonly FileLayer[],
  sets: readonly ParsedSet[],
): { value: unknown; display: string; abs: string; named: SourcePosition; fromSet: boolean } | undefined {
  for (const set of [...sets].reverse()) {
    const v = set.source.value;
    const fromSet = sameTokens(set.tokens, ['groups', 'from'])
      ? { v }
      : sameTokens(set.tokens, ['groups']) && isPlainObject(v) && Object.hasOwn(v, 'from')
        ? { v: v.from }
        : undefined;
    if (!fromSet) continue;
    const value = fromSet.v;
    const named = at(set.source, sameTokens(set.tokens, ['groups']) ? [keySeg('from')] : []);
    return typeof value === 'string'
      ? { value, display: normalize(value), abs: resolve(value), named, fromSet: true }
      : undefined;
  }
  for (const layer of chain) {
    const g = layer.raw.groups;
    if (!isPlainObject(g) || !Object.hasOwn(g, 'from')) continue;
    const value = g.from;
    if (typeof value !== 'string' || value === '') return undefined;
    return {
      value,
      display: relativeTo(layer.display, value),
      abs: resolve(dirname(layer.abs), value),
      named: at(layer.source, [keySeg('groups'), keySeg('from')]),
      fromSet: false,
    };
  }
  return undefined;
}

function problemIssue(p: MergeProblem, pos: SourcePosition): ScenarioIssue {
  const path = displayPath(p.path);
  if (p.kind === 'remove-extra-keys') return issueAt(pos, 'invalid_value', path, msg.removeNeedsBase());
  const list = pathToString(path.slice(0, -1));
  return issueAt(
    pos,
    'bad_reference',
    path,
    msg.noItemWithId(list, p.id, msg.nearest(p.id, p.known), p.known),
  );
}

/**
 * Read a scenario: YAML, extends chain, groups CSV, --set overrides.
 * @example const doc = await loadDocument('scenarios/us-300k.yaml', { set: ['simulation.runs=10'] });
 */
export async function loadDocument(file: string, opts: LoadOptions = {}): Promise<LoadedDocument> {
  const issues: ScenarioIssue[] = [];
  const roots = opts.allowAnyPath ? undefined : await allowedRoots(file);
  const chain = await readChain(file, issues, roots);
  const sets: ParsedSet[] = [];
  for (const arg of opts.set ?? []) {
    const r = parseSetArg(arg);
    issues.push(...r.issues);
    if (r.set) sets.push(r.set);
  }
  if (issues.length > 0) throw new ScenarioError(issues);

  // an empty file name is a mistake, not "no file" (issue 16)
  for (const layer of chain) {
    const g = layer.raw.groups;
    if (isPlainObject(g) && g.from === '')
      issues.push(
        issueAt(
          at(layer.source, [keySeg('groups'), keySeg('from')]),
          'invalid_value',
          ['groups', 'from'],
          msg.wrongType('a file name', 'an empty text'),
        ),
      );
  }
  if (issues.length > 0) throw new ScenarioError(issues);

  let table: CsvTable | undefined;
  const csv = findCsv(chain, sets);
  if (csv) {
    // a path typed on the command line (--set groups.from=…) is the user's own, as the file is
    const r = await readText(csv.abs, MAX_CSV_BYTES, csv.fromSet ? undefined : roots);
    if ('text' in r) {
      const parsed = parseGroupsCsv(r.text, csv.display);
      issues.push(...parsed.issues);
      table = parsed.table;
    } else
      issues.push(readIssue(r, csv.display, { key: 'groups.from', at: csv.named, path: ['groups', 'from'] }));
  }

  let merged: Plain = table ? { groups: { rows: table.rows } } : {};
  for (let i = chain.length - 1; i >= 0; i--) {
    const layer = chain[i] as FileLayer;
    const { extends: _ext, ...own } = layer.raw;
    const problems: MergeProblem[] = [];
    merged = mergeValue(merged, own, i === chain.length - 1 ? 'root' : 'override', [], problems) as Plain;
    for (const p of problems) issues.push(problemIssue(p, at(layer.source, p.path)));
  }

  const setLayers: Layer[] = [];
  for (const set of sets) {
    const problems: MergeProblem[] = [];
    const r = applySet(merged, set, problems);
    if (r.issue) issues.push(r.issue);
    if (!r.prefix) continue;
    merged = r.root;
    const prefix = r.prefix;
    for (const p of problems) issues.push(problemIssue(p, at(set.source, p.path.slice(prefix.length))));
    setLayers.unshift({ kind: 'yaml', source: set.source, prefix });
  }
  if (issues.length > 0) throw new ScenarioError(issues);

  const yamlLayers: Layer[] = [
    ...setLayers,
    ...chain.map((l): Layer => ({ kind: 'yaml', source: l.source, prefix: [] })),
    ...(table ? [{ kind: 'csv', table } as const] : []),
  ];
  // series and inventories named by `from:` (data-tables.ts): read into their rows
  const dataLayers = await readDataTables(
    merged,
    yamlLayers,
    chain,
    (abs, restricted) => readText(abs, MAX_CSV_BYTES, restricted ? roots : undefined),
    (r, display, key, pos, path) => readIssue(r, display, { key, at: pos, path }),
    issues,
  );
  if (issues.length > 0) throw new ScenarioError(issues);
  const layers: Layer[] = [...dataLayers, ...yamlLayers];
  const raw = merged;
  return {
    file,
    files: chain.map((l) => l.display),
    raw,
    tables: table ? [{ path: table.file, columns: table.columns, rows: table.rows }] : [],
    locate: (path, o) => {
      const pos = locateInLayers(layers, canonicalPath(raw, path), o);
      return pos.line > 0 ? pos : { file, line: 1, col: 1, sourceLine: '' };
    },
    idPath: (path) => displayPath(canonicalPath(raw, path)),
  };
}
