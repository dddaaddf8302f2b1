/**
 * zod issues → located `ScenarioIssue`s with messages an analyst can act on.
 *
 * zod reports a failed union as one `invalid_union` holding every branch's issues. Here the branch
 * the value was meant for is found (the one whose type matches and whose literal `method:` matches)
 * and its issues are reported instead; when no branch fits, the message lists what each branch
 * accepts. Expected values are described from the schema itself ("a whole number ≥ 0"), unknown keys
 * get the nearest valid key at that level, and common YAML slips get a hint.
 */
import type { z } from 'zod';
import { type IssueCode, issueAt, pathToString, type ScenarioIssue, type SourcePosition } from './issues.js';
import { isPlainObject } from './merge.js';
import * as msg from './messages.js';
import type { LocateOptions } from './source-map.js';

type Schema = z.core.$ZodType;
type ZIssue = z.core.$ZodIssue;
type Path = (string | number)[];

export interface IssueContext {
  raw: unknown;
  locate(path: readonly (string | number)[], opts?: LocateOptions): SourcePosition;
  idPath(path: readonly (string | number)[]): (string | number)[];
}

// biome-ignore lint/suspicious/noExplicitAny: zod's internal definitions are untyped unions
const def = (s: Schema): any => s._zod.def;

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

function unwrap(s: Schema): Schema {
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
function options(s: Schema): Schema[] {
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

function schemasAt(root: Schema, path: readonly (string | number)[]): Schema[] {
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
function orList(parts: readonly string[]): string {
  const unique = [...new Set(parts)];
  const last = unique.pop();
  return unique.length > 0 ? `${unique.join(', ')} or ${last}` : (last ?? 'a valid value');
}

function acceptedKinds(schemas: readonly Schema[]): Set<string> {
  const kinds = new Set<string>();
  for (const o of schemas.flatMap(options)) kinds.add(def(o).type);
  return kinds;
}

const YAML11_BOOL: Record<string, boolean> = {
  yes: true,
  no: false,
  on: true,
  off: false,
  y: true,
  n: false,
};
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;
const NUMBER_AS_TEXT = /^[+-]?\d[\d_,' ]*(\.\d+)?\s*[kKmM%]?$/;

function hintFor(schemas: readonly Schema[], value: unknown, expected: string): string | undefined {
  const kinds = acceptedKinds(schemas);
  if (typeof value === 'string') {
    const b = YAML11_BOOL[value.toLowerCase()];
    if (b !== undefined && kinds.has('boolean')) return msg.hintYaml11Boolean(value, b);
    if (kinds.has('number') && !kinds.has('string')) {
      if (DATE_LIKE.test(value)) return msg.hintDateNotNumber();
      if (NUMBER_AS_TEXT.test(value.trim())) {
        const digits = value.replace(/[^\d.+-]/g, '');
        return msg.hintNumberAsText(digits || '150000');
      }
    }
  }
  if (typeof value === 'number' && expected.includes('ISO date')) return msg.hintFullDate();
  return undefined;
}

function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let node = raw;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === 'number') node = node[seg];
    else if (isPlainObject(node) && typeof seg === 'string' && Object.hasOwn(node, seg)) node = node[seg];
    else return undefined;
  }
  return node;
}

function kindMatches(expected: unknown, value: unknown): boolean {
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
function narrow(schemas: readonly Schema[], value: unknown): Schema[] {
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

/** Whether a union branch failed only because the value was of another kind than the branch. */
function branchMismatch(issues: readonly ZIssue[], value: unknown): boolean {
  return issues.some((i) => {
    if (i.path.length === 0 && i.code === 'invalid_type') return !kindMatches(i.expected, value);
    if (i.path.length === 0 && i.code === 'invalid_value')
      return !i.values.some((v) => typeof v === typeof value);
    if (i.path.length === 1 && i.code === 'invalid_value' && i.values.length === 1) return true;
    if (i.path.length === 0 && i.code === 'invalid_union')
      return i.errors.every((b) => branchMismatch(b, value));
    return false;
  });
}

/** Map zod's issues for `root` (validated against `ctx.raw`) to located scenario issues. */
export function mapZodIssues(issues: readonly ZIssue[], root: Schema, ctx: IssueContext): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const make = (
    code: IssueCode,
    path: Path,
    message: string,
    extra: { expected?: string; found?: string; hint?: string | undefined } = {},
    opts: LocateOptions = {},
  ) => {
    const { hint, ...rest } = extra;
    out.push(
      issueAt(ctx.locate(path, opts), code, ctx.idPath(path), message, hint ? { ...rest, hint } : rest),
    );
  };

  const visit = (issue: ZIssue, basePath: Path, base: Schema): void => {
    const rel = issue.path as Path;
    const full = [...basePath, ...rel];
    const value = valueAt(ctx.raw, full);
    const here = schemasAt(base, rel);
    const fit = narrow(here, value);
    const expected = orList(fit.map(describeSchema));
    const found = msg.describeValue(value);
    const last = full[full.length - 1];
    const wrong = (code: IssueCode, text = msg.wrongType(expected, found)) =>
      make(code, full, text, { expected, found, hint: hintFor(fit, value, expected) });

    switch (issue.code) {
      case 'unrecognized_keys': {
        const valid = keysAt(base, rel);
        for (const key of issue.keys) {
          const suggestion = msg.nearest(key, valid);
          const hint = key === '$remove' ? msg.removeNeedsBase() : undefined;
          make(
            'unknown_key',
            [...full, key],
            msg.unknownKey(key, suggestion, valid),
            {
              expected: `one of ${valid.join(', ')}`,
              found: key,
              hint,
            },
            { key: true },
          );
        }
        return;
      }
      case 'invalid_union': {
        const opts =
          here.length === 1 ? (def(unwrap(here[0] as Schema)).options as Schema[] | undefined) : undefined;
        if (value !== undefined && opts && opts.length === issue.errors.length) {
          const fits = issue.errors
            .map((errs, i) => ({ errs, schema: opts[i] as Schema }))
            .filter((b) => !branchMismatch(b.errs, value))
            .sort((a, b) => a.errs.length - b.errs.length);
          const best = fits[0];
          if (best) {
            for (const e of best.errs) visit(e, full, best.schema);
            return;
          }
          const literal = discriminator(opts, value);
          if (literal) {
            const v = (value as Record<string, unknown>)[literal.key];
            const values = literal.values.map(String);
            const s = typeof v === 'string' ? msg.nearest(v, values) : undefined;
            make('invalid_value', [...full, literal.key], msg.notOneOf(values, msg.describeValue(v), s), {
              expected: values.join(', '),
              found: msg.describeValue(v),
            });
            return;
          }
        }
        if (value === undefined)
          make('missing_key', full, msg.missingKey(String(last), expected), { expected });
        else wrong('invalid_type');
        return;
      }
      case 'invalid_value': {
        if (value === undefined) {
          make('missing_key', full, msg.missingKey(String(last), expected), { expected });
          return;
        }
        const values = issue.values.map((v) => String(v));
        const s = typeof value === 'string' ? msg.nearest(value, values) : undefined;
        const hint = hintFor(fit, value, expected);
        make('invalid_value', full, msg.notOneOf(values, found, s), {
          expected: values.join(', '),
          found,
          hint,
        });
        return;
      }
      case 'invalid_type':
        if (value === undefined) {
          make('missing_key', full, msg.missingKey(String(last), expected), { expected });
          return;
        }
        wrong('invalid_type');
        return;
      case 'invalid_format':
      case 'custom': {
        const text = issue.message.startsWith('expected ')
          ? `${issue.message}, found ${found}`
          : msg.wrongType(expected, found);
        wrong('invalid_value', text);
        return;
      }
      case 'too_big': {
        const hint =
          last === 'runs' && typeof issue.maximum === 'number' ? msg.hintRunsLimit(issue.maximum) : undefined;
        make('invalid_value', full, msg.wrongType(expected, found), { expected, found, hint });
        return;
      }
      default:
        wrong('invalid_value');
    }
  };

  for (const issue of issues) visit(issue, [], root);
  return tidy(out);
}

/** Object options of a union that all fix one key to literals (`method: weighted-lottery | mix`). */
function discriminator(
  opts: readonly Schema[],
  value: unknown,
): { key: string; values: unknown[] } | undefined {
  if (!isPlainObject(value)) return undefined;
  const objects = opts.flatMap(options).filter((o) => def(o).type === 'object');
  for (const key of Object.keys(value)) {
    const values: unknown[] = [];
    for (const o of objects) {
      const field = def(o).shape[key] as Schema | undefined;
      const u = field && unwrap(field);
      if (!u || def(u).type !== 'literal') {
        values.length = 0;
        break;
      }
      values.push(...def(u).values);
    }
    if (values.length > 0) return { key, values };
  }
  return undefined;
}

/** One issue per path; a missing key that an unknown key's suggestion explains is dropped. */
function tidy(issues: ScenarioIssue[]): ScenarioIssue[] {
  const suggested = new Set<string>();
  for (const i of issues) {
    const m = i.code === 'unknown_key' ? /did you mean "([^"]+)"/.exec(i.message) : null;
    if (m?.[1]) suggested.add(pathToString([...i.path.slice(0, -1), m[1]]));
  }
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = pathToString(i.path);
    if (i.code === 'missing_key' && suggested.has(key)) return false;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
