/**
 * The scenario stage: a YAML file (with `extends`, a groups CSV and `--set` overrides) → a typed,
 * cross-checked `Scenario`, or a `ScenarioError` listing every problem with FILE:LINE:COL.
 *
 *   load.ts       files → merged document + source map      (yaml-source, merge, set-override, csv)
 *   validate.ts   document → Scenario                         (schema, schema-issues, references)
 *   issues.ts     ScenarioIssue, ScenarioError, formatting;  messages.ts  every sentence shown
 */
import type { ScenarioIssue } from './issues.js';
import { type LoadedDocument, type LoadOptions, loadDocument } from './load.js';
import type { Scenario } from './schema.js';
import { validateDocument } from './validate.js';

export type { ScenarioIssue } from './issues.js';
export { formatIssue, formatIssues, pathToString, ScenarioError } from './issues.js';
export type { LoadedDocument, LoadOptions } from './load.js';
export { loadDocument } from './load.js';
export { validateDocument } from './validate.js';

/**
 * Load and validate a scenario file.
 * @example const { scenario, warnings } = await loadScenario('scenarios/us-300k.yaml', { set: ['simulation.runs=10'] });
 */
export async function loadScenario(
  file: string,
  opts: LoadOptions = {},
): Promise<{ scenario: Scenario; doc: LoadedDocument; warnings: ScenarioIssue[] }> {
  const doc = await loadDocument(file, opts);
  const { scenario, warnings } = validateDocument(doc, opts.budget);
  return { scenario, doc, warnings };
}
