/**
 * Reading the zod schema itself: which schema applies at a path, which keys a map may have there,
 * and what a schema accepts in words ("a whole number ≥ 0 or a map (amount, per, …)"). Used to
 * turn zod's issues into messages (schema-issues.ts). zod 4 keeps definitions in `_zod.def`.
 */
import type { z } from 'zod';
import { isPlainObject } from './merge.js';

export type Schema = z.core.$ZodType;

// biome-ignore lint/suspicious/noExplicitAny: zod's internal definitions are untyped unions
export const def = (s: Schema): any => s._zod.def;

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

export function unwrap(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 32; i++) {
    const d = def(cur);
    if (WRAPPERS.has(d.type)) cur = d.innerType;
    else if (d.type === 'pipe') cur = d.in;
    else if (d.type === 'lazy') cur = d.getter();
    else break;
  }
  return cur;
}

/** The options of a schema, with unions flattened and wrappers removed. */
export function options(s: Schema): Schema[] {
  const u = unwrap(s);
  return def(u).type === 'union' ? (def(u).options as Schema[]).flatMap(options) : [u];
}

function child(s: Schema, seg: string | number): Schema[] {
  return options(s).flatMap((o) => {
    const d = def(o);
    if (typeof seg === 'string' && d.type === 'object')
      return d.shape[seg] ? [d.shape[seg]] : d.catchall ? [d.catchall] : [];
    if (typeof seg === 'string' && d.type === 'record') return [d.valueType];
    if (typeof seg === 'number' && d.type === 'array') return [d.element];
    if (typeof seg === 'number' && d.type === 'tuple')
      return d.items[seg] ? [d.items[seg]] : d.rest ? [d.rest] : [];
    return [];
  });
}

export function schemasAt(root: Schema, path: readonly (string | number)[]): Schema[] {
  let cands = [root];
  for (const seg of path) cands = cands.flatMap((c) => child(c, seg));
  return cands;
}

/** The keys a map may have at `path` (all object options of a union). */
export function keysAt(root: Schema, path: readonly (string | number)[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(root, path).flatMap(options)) {
    if (def(s).type === 'object') for (const k of Object.keys(def(s).shape)) keys.add(k);
  }
  return [...keys];
}

const q = (v: unknown) => JSON.stringify(v);

function describeNumber(d: { checks?: { _zod: { def: Record<string, unknown> } }[] }): string {
  let int = false;
  let min: { value: number; inclusive: boolean } | undefined;
  let max: { value: number; inclusive: boolean } | undefined;
  for (const c of d.checks ?? []) {
    const cd = c._zod.def;
    if (cd.check === 'number_format' && String(cd.format).includes('int')) int = true;
    if (cd.check === 'greater_than') min = { value: cd.value as number, inclusive: cd.inclusive as boolean };
    if (cd.check === 'less_than') max = { value: cd.value as number, inclusive: cd.inclusive as boolean };
  }
  const what = int ? 'a whole number' : 'a number';
  const lo = min && `${min.inclusive ? '≥' : '>'} ${min.value}`;
  const hi = max && `${max.inclusive ? '≤' : '<'} ${max.value}`;
  if (min?.inclusive && max?.inclusive) return `${what} from ${min.value} to ${max.value}`;
  if (lo && hi) return `${what} ${lo} and ${hi}`;
  return lo || hi ? `${what} ${lo ?? hi}` : what;
}

/** What a schema accepts, in words: "a whole number ≥ 0 or a map (amount, per, …)". */
export function describeSchema(s: Schema): string {
  const parts = options(s).map((o) => {
    const d = def(o);
    switch (d.type) {
      case 'number':
        return describeNumber(d);
      case 'boolean':
        return 'true/false';
      case 'enum':
        return `one of ${Object.values(d.entries as Record<string, string>)
          .map(q)
          .join(', ')}`;
      case 'literal':
        return (d.values as unknown[]).map(q).join(' or ');
      case 'string': {
        for (const c of d.checks ?? []) {
          const cd = c._zod.def;
          if (cd.format === 'regex' && typeof cd.error === 'function') {
            const text = cd.error({});
            if (typeof text === 'string') return text.replace(/^expected /, '');
          }
        }
        return 'text';
      }
      case 'object': {
        const keys = Object.keys(d.shape);
        return `a map (${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''})`;
      }
      case 'record':
        return 'a map';
      case 'array': {
        for (const c of d.checks ?? []) {
          const cd = c._zod.def;
          if (cd.check === 'length_equals') return `a list of ${cd.length} items`;
        }
        const min = (d.checks ?? [])
          .map((c: { _zod: { def: Record<string, unknown> } }) => c._zod.def)
          .find((cd: Record<string, unknown>) => cd.check === 'min_length');
        return min ? `a list of at least ${min.minimum} item${min.minimum === 1 ? '' : 's'}` : 'a list';
      }
      case 'tuple':
        return `a list of ${d.items.length} items`;
      default:
        return 'a valid value';
    }
  });
  return orList(parts);
}

/** "a, b or c" */
export function orList(parts: readonly string[]): string {
  const unique = [...new Set(parts)];
  const last = unique.pop();
  return unique.length > 0 ? `${unique.join(', ')} or ${last}` : (last ?? 'a valid value');
}

export function acceptedKinds(schemas: readonly Schema[]): Set<string> {
  const kinds = new Set<string>();
  for (const o of schemas.flatMap(options)) kinds.add(def(o).type);
  return kinds;
}

export function kindMatches(expected: unknown, value: unknown): boolean {
  switch (expected) {
    case 'number':
    case 'int':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
    case 'record':
      return isPlainObject(value);
    case 'array':
    case 'tuple':
      return Array.isArray(value);
    default:
      return false;
  }
}

/** The options of `schemas` that take a value of this kind (all of them when none does). */
export function narrow(schemas: readonly Schema[], value: unknown): Schema[] {
  const all = schemas.flatMap(options);
  if (value === undefined) return all;
  const fit = all.filter((o) => {
    const d = def(o);
    if (d.type === 'enum') return Object.values(d.entries as object).some((v) => typeof v === typeof value);
    if (d.type === 'literal') return (d.values as unknown[]).some((v) => typeof v === typeof value);
    return kindMatches(d.type, value);
  });
  return fit.length > 0 ? fit : all;
}
