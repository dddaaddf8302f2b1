/**
 * Path in the merged document → the file, line and column that defined it.
 *
 * The merged document is built from layers: `--set` values (last first), the scenario file, its
 * `extends` bases (nearest first), the groups CSV and the data tables read by `from:` inside lists. A path is first rewritten so that list items
 * are named by id (merged lists are in merged order; each file has its own order), then looked up
 * in each layer, most derived first. The first layer that has the whole path wins. When none has
 * it (a missing key), the deepest partial match wins: the nearest existing ancestor.
 */
import type { CsvTable, DataTable } from './csv.js';
import type { SourcePosition } from './issues.js';
import { hasId, isPlainObject } from './merge.js';
import { positionOfWalk, type Seg, type WalkResult, walkSource, type YamlSource } from './yaml-source.js';

export type Layer =
  | { kind: 'yaml'; source: YamlSource; prefix: Seg[] }
  | { kind: 'csv'; table: CsvTable }
  /** a data table read by `from:` into the `rows` of the item at `prefix` (a series, an inventory) */
  | { kind: 'data'; table: DataTable; prefix: Seg[] };

export interface LocateOptions {
  /** point at the key rather than the value (unknown keys) */
  key?: boolean;
  /** 0-based offset inside a one-line string value (where a formula went wrong) */
  offset?: number;
}

/** Rewrite a path in the merged document so list items with a unique id are named by it. */
export function canonicalPath(raw: unknown, path: readonly (string | number)[]): Seg[] {
  const segs: Seg[] = [];
  let node: unknown = raw;
  for (const p of path) {
    if (typeof p === 'number' && Array.isArray(node)) {
      const list: unknown[] = node;
      const item: unknown = list[p];
      if (hasId(item)) {
        const id = String(item.id);
        const same = list.flatMap((x, i) => (hasId(x) && String(x.id) === id ? [i] : []));
        segs.push(
          same.length === 1 ? { kind: 'id', id } : { kind: 'dup', id, nth: same.indexOf(p), index: p },
        );
      } else segs.push({ kind: 'index', index: p });
      node = item;
    } else if (typeof p === 'number') {
      segs.push({ kind: 'index', index: p });
      node = undefined;
    } else {
      segs.push({ kind: 'key', key: p });
      node = isPlainObject(node) && Object.hasOwn(node, p) ? node[p] : undefined;
    }
  }
  return segs;
}

/** The path as users write it (and as `--set` reads it): ids for list items that have one. */
export function displayPath(segs: readonly Seg[]): (string | number)[] {
  return segs.map((s) => (s.kind === 'key' ? s.key : s.kind === 'id' ? s.id : s.index));
}

function sameSeg(a: Seg, b: Seg): boolean {
  switch (a.kind) {
    case 'key':
      return b.kind === 'key' && a.key === b.key;
    case 'id':
      return b.kind === 'id' && a.id === b.id;
    case 'index':
      return b.kind === 'index' && a.index === b.index;
    case 'dup':
      return b.kind === 'dup' && a.id === b.id && a.nth === b.nth;
  }
}

function csvPosition(
  table: CsvTable,
  segs: readonly Seg[],
): { depth: number; pos: SourcePosition } | undefined {
  const [g, r, item, column] = segs;
  if (g?.kind !== 'key' || g.key !== 'groups' || r?.kind !== 'key' || r.key !== 'rows') return;
  if (item?.kind !== 'id' && !(item?.kind === 'dup' && item.nth === 0)) return;
  const row = table.positions.get(item.id);
  if (!row) return;
  const at = (line: number, col: number): SourcePosition => ({
    file: table.file,
    line,
    col,
    sourceLine: table.lines[line - 1] ?? '',
  });
  const cell =
    column?.kind === 'key' && Object.hasOwn(row.cells, column.key) ? row.cells[column.key] : undefined;
  if (cell && segs.length === 4) return { depth: 4, pos: at(cell.line, cell.col) };
  return { depth: 3, pos: at(row.line, 1) };
}

/** Where `prefix.rows[k].column` of a data table is in its CSV: the cell, else the row, else the header. */
function dataPosition(
  table: DataTable,
  prefix: readonly Seg[],
  segs: readonly Seg[],
): { depth: number; pos: SourcePosition } | undefined {
  if (segs.length <= prefix.length || !prefix.every((s, i) => sameSeg(s, segs[i] as Seg))) return;
  const [rows, item, column] = segs.slice(prefix.length);
  if (rows?.kind !== 'key' || rows.key !== 'rows') return;
  const at = (p: { line: number; col: number }, depth: number) => ({
    depth: prefix.length + depth,
    pos: { file: table.file, line: p.line, col: p.col, sourceLine: table.lines[p.line - 1] ?? '' },
  });
  const head = { line: table.headerLine, col: 1 };
  if (item?.kind !== 'index') return at(head, 1);
  const row = table.cells[item.index];
  if (!row) return at(head, 1);
  if (column?.kind === 'key' && Object.hasOwn(row, column.key))
    return at(row[column.key] as { line: number; col: number }, 3);
  const first = row[table.columns[0] as string] ?? head;
  return at(first, 2);
}

/** Find where `segs` was defined (see the module comment). */
export function locateInLayers(
  layers: readonly Layer[],
  segs: readonly Seg[],
  opts: LocateOptions = {},
): SourcePosition {
  let best: { depth: number; pos: () => SourcePosition } | undefined;
  const consider = (depth: number, pos: () => SourcePosition) => {
    if (!best || depth > best.depth) best = { depth, pos };
  };
  for (const layer of layers) {
    if (layer.kind === 'csv' || layer.kind === 'data') {
      const found =
        layer.kind === 'csv' ? csvPosition(layer.table, segs) : dataPosition(layer.table, layer.prefix, segs);
      if (!found) continue;
      if (found.depth === segs.length) return found.pos;
      consider(found.depth, () => found.pos);
      continue;
    }
    const { prefix, source } = layer;
    if (prefix.length > segs.length || !prefix.every((s, i) => sameSeg(s, segs[i] as Seg))) continue;
    const rest = segs.slice(prefix.length);
    const w: WalkResult = walkSource(source, rest);
    if (w.depth === rest.length) return positionOfWalk(source, w, opts);
    consider(prefix.length + w.depth, () => positionOfWalk(source, w, {}));
    // a list reached by index was replaced wholesale by this layer: layers beneath never defined it
    if (w.viaIndex) break;
  }
  return best ? best.pos() : { file: '', line: 0, col: 0, sourceLine: '' };
}
