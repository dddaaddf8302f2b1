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
import {
  acceptedKinds,
  def,
  describeSchema,
  keysAt,
  kindMatches,
  narrow,
  options,
  orList,
  type Schema,
  schemasAt,
  unwrap,
} from './schema-walk.js';
import type { LocateOptions } from './source-map.js';

type ZIssue = z.core.$ZodIssue;
type Path = (string | number)[];

export interface IssueContext {
  raw: unknown;
  locate(path: readonly (string | number)[], opts?: LocateOptions): SourcePosition;
  idPath(path: readonly (string | number)[]): (string | number)[];
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
const NUMBER_TEXT = msg.numberAsTextIssue;
const NUMBER_AS_TEXT = /^[+-]?\d[\d_,' ]*(\.\d+)?\s*[kKmM%]?$/;

function hintFor(schemas: readonly Schema[], value: unknown, expected: string): string | undefined {
  const kinds = acceptedKinds(schemas);
  if (typeof value === 'string') {
    const b = YAML11_BOOL[value.toLowerCase()];
    if (b !== undefined && kinds.has('boolean')) return msg.hintYaml11Boolean(value, b);
    if (kinds.has('number') && !kinds.has('string') && DATE_LIKE.test(value)) return msg.hintDateNotNumber();
    // also where a formula is accepted: the value was refused, and only digits were meant
    if (kinds.has('number')) {
      if (NUMBER_AS_TEXT.test(value.trim())) {
        const digits = value.replace(/[^\d.+-]/g, '');
        return msg.hintNumberAsText(digits || '150000');
      }
    }
  }
  if (typeof value === 'number' && expected.includes('ISO date')) return msg.hintFullDate();
  return undefined;
}

/** The value at an index path of a plain document, or undefined. */
export function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let node = raw;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === 'number') node = node[seg];
    else if (isPlainObject(node) && typeof seg === 'string' && Object.hasOwn(node, seg)) node = node[seg];
    else return undefined;
  }
  return node;
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
          // a cap formula that is only a formatted number ("150_000"): a number was meant, so the
          // union's own message with the hint to write it as digits says more than the text branch's
          const numberAsText = best?.errs.every((e) => e.code === 'custom' && e.message === NUMBER_TEXT);
          if (best && !numberAsText) {
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
        if (issue.message === NUMBER_TEXT && typeof value === 'string') {
          const digits = value.replace(/[^\d.+-]/g, '');
          make('invalid_value', full, msg.wrongType('a whole number ≥ 0 or a formula of parameters', found), {
            expected: 'a whole number ≥ 0 or a formula of parameters',
            found,
            hint: msg.hintNumberAsText(digits || '150000'),
          });
          return;
        }
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
