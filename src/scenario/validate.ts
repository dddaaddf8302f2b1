/**
 * Validating stage: a loaded document → a typed `Scenario`, or every problem in it.
 *
 * In:  `LoadedDocument` (merged, not yet checked). Out: `{ scenario, warnings }`.
 * Throws `ScenarioError` holding every error: first the schema's (strict: unknown keys, types,
 * ranges), and, when the schema passes, the cross-reference, number and formula checks.
 */

import { ScenarioError, type ScenarioIssue, sortIssues } from './issues.js';
import type { LoadedDocument } from './load.js';
import { checkReferences } from './references.js';
import { type Scenario, ScenarioSchema } from './schema.js';
import { mapZodIssues } from './schema-issues.js';

/** Errors beyond this many are not collected (a file of garbage stays cheap to report). */
export const MAX_ISSUES = 1000;

/**
 * Check a loaded document against the schema and the semantic rules.
 * @example const { scenario, warnings } = validateDocument(await loadDocument('s.yaml'));
 */
export function validateDocument(doc: LoadedDocument): { scenario: Scenario; warnings: ScenarioIssue[] } {
  const parsed = ScenarioSchema.safeParse(doc.raw);
  if (!parsed.success) {
    throw new ScenarioError(mapZodIssues(parsed.error.issues.slice(0, MAX_ISSUES), ScenarioSchema, doc));
  }
  const issues = checkReferences(
    parsed.data,
    doc,
    doc.tables.flatMap((t) => t.columns),
  );
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new ScenarioError(errors.slice(0, MAX_ISSUES));
  return { scenario: parsed.data, warnings: sortIssues(issues) };
}
