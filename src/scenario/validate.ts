/**
 * Validating stage: a loaded document → a typed `Scenario`, or every problem in it.
 *
 * In:  `LoadedDocument` (merged, not yet checked). Out: `{ scenario, warnings }`.
 * Throws `ScenarioError` holding every error: the schema's (strict: unknown keys, types, ranges),
 * and the cross-reference, number and formula checks. When the schema fails, those checks still run
 * on the parts that did parse (a lenient pass, below), so a file with a schema mistake and two
 * formula mistakes shows all three at once (issue 16).
 */

import type * as z from 'zod';
import { BudgetError, type BudgetOptions, budgetProblem } from './budget.js';
import { issueAt, ScenarioError, type ScenarioIssue, sortIssues } from './issues.js';
import type { LoadedDocument } from './load.js';
import { isPlainObject } from './merge.js';
import { checkReferences } from './references.js';
import { type Scenario, ScenarioSchema } from './schema.js';
import { mapZodIssues, valueAt } from './schema-issues.js';

/** Errors beyond this many are not collected (a file of garbage stays cheap to report). */
export const MAX_ISSUES = 1000;

/**
 * Check a loaded document against the schema and the semantic rules.
 * @example const { scenario, warnings } = validateDocument(await loadDocument('s.yaml'));
 */
export function validateDocument(
  doc: LoadedDocument,
  budget: BudgetOptions = {},
): { scenario: Scenario; warnings: ScenarioIssue[] } {
  const parsed = ScenarioSchema.safeParse(doc.raw);
  if (!parsed.success) {
    const schemaErrors = mapZodIssues(parsed.error.issues.slice(0, MAX_ISSUES), ScenarioSchema, doc);
    const more = lenientErrors(doc, parsed.error.issues);
    throw new ScenarioError([...schemaErrors, ...more].slice(0, MAX_ISSUES));
  }
  const issues = checkReferences(
    parsed.data,
    doc,
    doc.tables.flatMap((t) => t.columns),
  );
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new ScenarioError(errors.slice(0, MAX_ISSUES));
  // before anything is compiled or allocated: a model too large to build is refused here
  const tooLarge = budgetProblem(parsed.data, budget);
  if (tooLarge?.runs && budget.runs !== undefined)
    throw new BudgetError(
      `--runs ${budget.runs.toLocaleString('en-US')}: ${tooLarge.message} (${tooLarge.hint})`,
    );
  if (tooLarge)
    throw new ScenarioError([
      issueAt(doc.locate(tooLarge.path), 'too_large', doc.idPath(tooLarge.path), tooLarge.message, {
        hint: tooLarge.hint,
      }),
    ]);
  return { scenario: parsed.data, warnings: sortIssues(issues) };
}

// ── the lenient pass ────────────────────────────────────────────────────────────────────────

type Path = (string | number)[];

/** Rounds of pruning before the lenient pass gives up (each round removes what the schema refused). */
const MAX_ROUNDS = 8;

/** A copy of the document that remembers, for each list, the original index of each item kept. */
interface Pruned {
  root: Record<string, unknown>;
  /** original indices of the items of each list of `root` (a list not in the map is unchanged) */
  origin: WeakMap<unknown[], number[]>;
  /** the paths removed, in the original document's indices */
  removed: Path[];
}

/** A path in the pruned copy → the same place in the original document. */
function originalPath(p: Pruned, path: readonly (string | number)[]): Path {
  const out: Path = [];
  let v: unknown = p.root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') {
      out.push(p.origin.get(v)?.[seg] ?? seg);
      v = v[seg];
    } else {
      out.push(seg);
      v = isPlainObject(v) && typeof seg === 'string' ? v[seg] : undefined;
    }
  }
  return out;
}

const REMOVE = Symbol('remove');

/**
 * Remove from the pruned copy what a round of schema issues refused: unknown keys; a value of the
 * wrong shape (its key, or its list item); for a missing key, the map that lacks it. False when an
 * issue is at the top level (nothing sensible is left to check).
 */
function prune(p: Pruned, issues: readonly z.core.$ZodIssue[]): boolean {
  const marked: unknown[][] = [];
  for (const issue of issues) {
    let path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const target = valueAt(p.root, path);
      if (!isPlainObject(target)) return false;
      for (const key of issue.keys) {
        p.removed.push([...originalPath(p, path), key]);
        delete target[key];
      }
      continue;
    }
    // a required top-level word nothing refers to (the scenario's id), missing or refused, is given
    // a placeholder; its own error is the schema's
    const placeholder = path.length === 1 ? PLACEHOLDERS[String(path[0])] : undefined;
    if (placeholder !== undefined) {
      if (valueAt(p.root, path) !== undefined) p.removed.push(path);
      p.root[String(path[0])] = placeholder;
      continue;
    }
    if (valueAt(p.root, path) === undefined) path = path.slice(0, -1); // a missing key: its map goes
    if (path.length === 0) return false;
    const parent = valueAt(p.root, path.slice(0, -1));
    const last = path[path.length - 1] as string | number;
    p.removed.push(originalPath(p, path));
    // a number out of its range (`years: -3`) is set to the nearest allowed one rather than removed,
    // so that a required key (calendar.years) does not take its whole map, and the rest of the file
    // with it, out of the checks; its own error is the schema's
    const bound = typeof valueAt(p.root, path) === 'number' ? nearestAllowed(issue) : undefined;
    if (bound !== undefined && (isPlainObject(parent) || Array.isArray(parent))) {
      (parent as Record<string | number, unknown>)[last] = bound;
      continue;
    }
    if (Array.isArray(parent) && typeof last === 'number') {
      parent[last] = REMOVE;
      marked.push(parent);
    } else if (isPlainObject(parent) && typeof last === 'string') delete parent[last];
    else return false;
  }
  for (const list of new Set(marked)) {
    const origin = p.origin.get(list) ?? list.map((_, i) => i);
    const keep = list.map((item, i) => ({ item, from: origin[i] ?? i })).filter((x) => x.item !== REMOVE);
    list.length = 0;
    list.push(...keep.map((x) => x.item));
    p.origin.set(
      list,
      keep.map((x) => x.from),
    );
  }
  return true;
}

/**
 * Required top-level words that nothing else refers to: a refused one is replaced by a placeholder,
 * so the rest of the file is still checked (removing it would end the lenient pass).
 */
const PLACEHOLDERS: Record<string, string> = { id: 'scenario', title: 'Scenario', description: 'Scenario' };

/** The allowed number nearest to one the schema refused as too small or too big (inclusive bounds only). */
function nearestAllowed(issue: z.core.$ZodIssue): number | undefined {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return undefined;
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  return typeof bound === 'number' && issue.inclusive === true && Number.isFinite(bound) ? bound : undefined;
}

const isPrefix = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  a.length <= b.length && a.every((s, i) => s === b[i]);

/** Names a removed part may be referenced by: a list item's id, a derived or documented column. */
function removedNames(raw: unknown, removed: readonly Path[]): Set<string> {
  const names = new Set<string>();
  for (const path of removed) {
    const v = valueAt(raw, path);
    if (isPlainObject(v) && typeof v.id === 'string') names.add(v.id);
    const [a, b, key] = path;
    if (a === 'groups' && (b === 'derived' || b === 'columns') && typeof key === 'string') names.add(key);
  }
  return names;
}

/**
 * The errors the reference, number and formula checks find in the parts of the document the schema
 * accepted: the refused parts are pruned until the schema passes, and the checks run on what is left.
 * Left out, so that one mistake is not reported twice: errors at, inside or around a pruned part,
 * errors that name something pruned (a pool, a parameter, a column), and unknown references once a
 * list item was pruned (the lists of known ids are incomplete then). Best effort: when the pruned
 * document still does not pass, or the checks cannot run on it, nothing more is reported.
 */
function lenientErrors(doc: LoadedDocument, first: readonly z.core.$ZodIssue[]): ScenarioIssue[] {
  try {
    const p: Pruned = { root: structuredClone(doc.raw), origin: new WeakMap(), removed: [] };
    let issues = first;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (!prune(p, issues)) return [];
      const again = ScenarioSchema.safeParse(p.root);
      if (again.success) return checkPruned(doc, p, again.data);
      issues = again.error.issues;
    }
    return [];
  } catch {
    return []; // the schema's errors are reported in any case
  }
}

function checkPruned(doc: LoadedDocument, p: Pruned, scenario: Scenario): ScenarioIssue[] {
  const locator = {
    locate: (path: readonly (string | number)[], opts?: Parameters<LoadedDocument['locate']>[1]) =>
      doc.locate(originalPath(p, path), opts),
    idPath: (path: readonly (string | number)[]) => doc.idPath(originalPath(p, path)),
  };
  const found = checkReferences(
    scenario,
    locator,
    doc.tables.flatMap((t) => t.columns),
  );
  // issues carry display paths (list items by id): compare the removed paths in the same form
  const removed = p.removed.map((r) => doc.idPath(r));
  const names = removedNames(doc.raw, p.removed);
  // with a list item gone, "unknown pool X" (and its list of the known ones) may be about it
  const itemRemoved = p.removed.some((r) => typeof r[r.length - 1] === 'number');
  const mentions = (message: string) =>
    [...names].some((n) => new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(n)}($|[^A-Za-z0-9_])`).test(message));
  return sortIssues(
    found.filter(
      (issue) =>
        issue.severity === 'error' &&
        !(itemRemoved && issue.code === 'bad_reference') &&
        !removed.some((r) => isPrefix(r, issue.path) || isPrefix(issue.path, r)) &&
        !mentions(issue.message),
    ),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
