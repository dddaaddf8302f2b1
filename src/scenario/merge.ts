/**
 * How an override (a file that `extends` another, or a `--set`) changes the document beneath it.
 * A pure function of (base, override): inputs are never mutated.
 *
 * - Maps merge deeply, key by key.
 * - A key set to `null` (or left empty, `key:`) in an override removes that key.
 * - A list whose items all have an `id` (programs, pools, groups.rows, parameters, sources,
 *   attributes, checks, tranches) merges by id when the list beneath also has ids: an override item
 *   merges into the base item with the same id, in the base item's place; items with new ids are
 *   appended in the override's order.
 * - An override item `{ id: x, $remove: true }` removes the item with id x (an error when there is
 *   none). It takes no other keys.
 * - Any other list, and any value whose kind differs (a number over a map), replaces the base.
 * - In the bottom file of a chain (`mode: 'root'`) nulls stay, so the schema can report them.
 */
import type { Seg } from './yaml-source.js';

export type MergeMode = 'root' | 'override';

export interface MergeProblem {
  kind: 'remove-unknown' | 'remove-extra-keys';
  /** where the offending item sits in the override, by id */
  path: Seg[];
  id: string;
  /** ids of the list beneath */
  known: string[];
}

export type Plain = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Plain {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Set an own property safely (a key named `__proto__` stays an ordinary key). */
export function setOwn(obj: Plain, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function hasId(v: unknown): v is Plain & { id: string | number } {
  return isPlainObject(v) && (typeof v.id === 'string' || typeof v.id === 'number');
}

const REMOVE = '$remove';

function copyObject(o: Plain): Plain {
  const out: Plain = {};
  for (const k of Object.keys(o)) setOwn(out, k, o[k]);
  return out;
}

/** Merge `over` onto `base` (see the module comment); problems are appended to `problems`. */
export function mergeValue(
  base: unknown,
  over: unknown,
  mode: MergeMode,
  path: Seg[],
  problems: MergeProblem[],
): unknown {
  if (isPlainObject(over)) {
    const out = isPlainObject(base) ? copyObject(base) : {};
    for (const k of Object.keys(over)) {
      const v = over[k];
      if (v === null && mode === 'override') {
        delete out[k];
        continue;
      }
      setOwn(out, k, mergeValue(out[k], v, mode, [...path, { kind: 'key', key: k }], problems));
    }
    return out;
  }
  if (Array.isArray(over)) {
    const byId =
      over.length > 0 &&
      over.every(hasId) &&
      (base === undefined || (Array.isArray(base) && base.every(hasId)));
    if (byId) return mergeById((base as Plain[] | undefined) ?? [], over as Plain[], mode, path, problems);
    return over.map((item, i) =>
      mergeValue(undefined, item, mode, [...path, { kind: 'index', index: i }], problems),
    );
  }
  return over;
}

function mergeById(
  base: readonly Plain[],
  over: readonly Plain[],
  mode: MergeMode,
  path: Seg[],
  problems: MergeProblem[],
): unknown[] {
  const out: (Plain | undefined)[] = [...base];
  const at = new Map<string, number>();
  base.forEach((item, i) => {
    const id = String(item.id);
    if (!at.has(id)) at.set(id, i);
  });
  /** base ids already merged or removed: a second override item with that id is a new (duplicate) item */
  const taken = new Set<string>();
  const appended: unknown[] = [];
  for (const item of over) {
    const id = String(item.id);
    const itemPath: Seg[] = [...path, { kind: 'id', id }];
    const i = taken.has(id) ? undefined : at.get(id);
    if (item[REMOVE] === true) {
      if (Object.keys(item).some((k) => k !== 'id' && k !== REMOVE)) {
        problems.push({ kind: 'remove-extra-keys', path: itemPath, id, known: [...at.keys()] });
      }
      if (i === undefined)
        problems.push({ kind: 'remove-unknown', path: itemPath, id, known: [...at.keys()] });
      else {
        out[i] = undefined;
        taken.add(id);
      }
      continue;
    }
    if (i !== undefined) {
      out[i] = mergeValue(out[i], item, mode, itemPath, problems) as Plain;
      taken.add(id);
    } else appended.push(mergeValue(undefined, item, mode, itemPath, problems));
  }
  return [...out.filter((x) => x !== undefined), ...appended];
}
