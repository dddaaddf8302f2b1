/**
 * The pipeline the report page runs in its Web Worker: the resolved scenario document the page
 * carries (manifest.json's `scenario.resolved`: after `extends`, with the groups CSV, series and
 * inventories inlined) plus `--set PATH=VALUE` strings → validate → compile → simulate → summarize →
 * checks → charts → the report's header, lead and sections, and quantiles.csv.
 *
 * The same functions as `visasim run` (pipeline.ts) on the same document, so for the same sets, seed
 * and runs the CSV is byte-identical to `visasim run --set … --runs N --seed S` (the overrides are
 * applied after the data tables are read rather than before, which changes nothing for the paths the
 * controls set). Pure: no file system, no DOM, no clock; it runs in Node as in the browser.
 */
import { canonicalJson } from '../../core/canonical-json.js';
import { type ClampNote, clampLine } from '../../core/clamp-note.js';
import { sha256Hex } from '../../core/sha256.js';
import type { Summary } from '../../core/types.js';
import { DOMAINS, describeDomainError, type FormulaDomainError } from '../../engine/domain.js';
import { clampingFormulas } from '../../model/formula-sites.js';
import { compileModel } from '../../model/model.js';
import { formatIssue, pathToString, ScenarioError } from '../../scenario/issues.js';
import type { LoadedDocument } from '../../scenario/load.js';
import { isPlainObject, type MergeProblem, type Plain } from '../../scenario/merge.js';
import { applySet, parseSetArg } from '../../scenario/set-override.js';
import { canonicalPath, displayPath } from '../../scenario/source-map.js';
import { validateDocument } from '../../scenario/validate.js';
import { accumulate } from '../../stats/accumulate.js';
import { type CheckResult, evaluateChecks } from '../../stats/checks.js';
import { summarize } from '../../stats/summarize.js';
import { buildCharts, type Chart } from '../charts/index.js';
import { type RunReportParts, runReportParts } from '../html/run-report.js';
import { type Change, type Modification, manifestModification } from '../modified.js';
import { quantilesCsv } from '../quantiles-csv.js';

/** Who set a value the page's controls changed, in the "What was changed" table. */
export const SET_BY_PAGE = 'a control of this page';

/** The runs a rerun makes: 1,000, or the file's own count when smaller. */
export const PAGE_RUNS = 1000;

export interface RerunInput {
  /** the file's manifest (manifest.json): its resolved scenario, seed, runs and modification */
  manifest: object;
  /** `PATH=VALUE` overrides, in order */
  sets: readonly string[];
  /** default: the smaller of PAGE_RUNS and the manifest's runs */
  runs?: number;
  /** default: the manifest's seed */
  seed?: string;
  /** a clock (performance.now), to time the simulation: the result's `simulateMs` */
  now?: () => number;
}

export interface RerunResult {
  summary: Summary;
  charts: Chart[];
  checks: CheckResult[];
  /** the manifest of this rerun: the resolved scenario with the sets, and what they changed */
  manifest: Record<string, unknown>;
  parts: RunReportParts;
  csv: string;
  /** the clamp lines, as the terminal prints them */
  clamps: string[];
  /** milliseconds the runs took, by the clock given (none: 0) */
  simulateMs: number;
}

/** Thrown when the sets make the scenario invalid, or a run fails: a message for the reader. */
export class RerunError extends Error {
  override name = 'RerunError';
}

const get = (o: unknown, k: string): unknown => (isPlainObject(o) ? o[k] : undefined);

/** The page's runs for a manifest: PAGE_RUNS, or the manifest's runs when smaller. */
export function pageRuns(manifest: object): number {
  const runs = get(manifest, 'runs');
  return typeof runs === 'number' && runs > 0 ? Math.min(PAGE_RUNS, runs) : PAGE_RUNS;
}

/** The resolved scenario with the sets applied; RerunError lists every problem. */
export function applySets(resolved: unknown, sets: readonly string[]): Plain {
  if (!isPlainObject(resolved)) throw new RerunError('this page carries no scenario to run again');
  let root = resolved as Plain;
  const problems: string[] = [];
  for (const arg of sets) {
    const { set, issues } = parseSetArg(arg);
    problems.push(...issues.map(formatIssue));
    if (!set) continue;
    const merge: MergeProblem[] = [];
    const r = applySet(root, set, merge);
    if (r.issue) problems.push(formatIssue(r.issue));
    problems.push(...merge.map((m) => `--set ${arg}: cannot remove "${m.id}"`));
    root = r.root;
  }
  if (problems.length) throw new RerunError(problems.join('\n'));
  return root;
}

/** A document as the validating stage reads it, for a document that has no file behind it. */
function pageDocument(raw: Plain, file: string, files: string[]): LoadedDocument {
  return {
    file,
    files,
    raw,
    tables: [],
    locate: () => ({ file, line: 0, col: 0, sourceLine: '' }),
    idPath: (path) => displayPath(canonicalPath(raw, path)),
  };
}

/** The modification of a rerun: the file's own (its --set, a user's file) and then the page's sets. */
export function pageModification(manifest: object, sets: readonly string[]): Modification | undefined {
  const own = manifestModification(manifest);
  const changes: Change[] = sets.map((s) => {
    const eq = s.indexOf('=');
    return { path: s.slice(0, eq), value: s.slice(eq + 1), by: SET_BY_PAGE };
  });
  if (!own && changes.length === 0) return undefined;
  const file = get(get(manifest, 'scenario'), 'file');
  return {
    base: own?.base ?? (typeof file === 'string' ? file : ''),
    changes: [...(own?.changes ?? []), ...changes],
  };
}

/**
 * Run the scenario of a report again with some overrides.
 * @example rerun({ manifest, sets: ['programs.work-visas.pools.mexico.cap.amount=200000'] }).csv
 */
export function rerun(input: RerunInput): RerunResult {
  const { manifest, sets } = input;
  const scenarioInfo = get(manifest, 'scenario');
  const file = String(get(scenarioInfo, 'file') ?? 'scenario');
  const files = (get(scenarioInfo, 'files') as string[] | undefined) ?? [file];
  const raw = applySets(get(scenarioInfo, 'resolved'), sets);
  const runs = input.runs ?? pageRuns(manifest);
  const seed = input.seed ?? String(get(manifest, 'seed') ?? '');
  const doc = pageDocument(raw, file, files);
  let scenario: ReturnType<typeof validateDocument>['scenario'];
  try {
    scenario = validateDocument(doc, { runs }).scenario;
  } catch (e) {
    if (e instanceof ScenarioError)
      throw new RerunError(
        e.issues
          .filter((i) => i.severity === 'error')
          .map((i) => `${pathToString(i.path)}: ${i.message}`)
          .join('\n'),
      );
    throw e;
  }
  const model = compileModel(scenario);
  let acc: ReturnType<typeof accumulate>;
  const t0 = input.now?.() ?? 0;
  try {
    acc = accumulate(model, { runs, seed });
  } catch (e) {
    if (e instanceof Error && e.name === 'FormulaDomainError') {
      const detail = (e as FormulaDomainError).detail;
      throw new RerunError(detail ? describeDomainError(detail) : e.message);
    }
    throw e;
  }
  const simulateMs = (input.now?.() ?? 0) - t0;
  const summary = summarize(model, acc, { runs, seed });
  const checks = evaluateChecks(model, acc, scenario.checks);
  // the clamp notes, where the file's manifest located them
  const fileNotes = (get(manifest, 'clamped') as ClampNote[] | undefined) ?? [];
  const counts = acc.clamps.entries();
  const clamped: ClampNote[] = clampingFormulas(model).map(({ formula, domain }) => {
    const at = [...(formula.site?.path ?? [])];
    const path = pathToString(doc.idPath(at));
    const c = counts.find((x) => JSON.stringify(x.path) === JSON.stringify(at));
    return {
      path,
      at: fileNotes.find((n) => n.path === path)?.at ?? file,
      domain,
      range: [DOMAINS[domain].lo, DOMAINS[domain].hi],
      runs: c?.runs ?? 0,
      values: c?.values ?? 0,
    };
  });
  const modified = pageModification(manifest, sets);
  const { execution: _execution, clamped: _clamped, shard: _shard, ...rest } = manifest as Plain;
  const scenarioOf = isPlainObject(scenarioInfo) ? scenarioInfo : {};
  const { modified: _m, sha256: _sha, ...scenarioRest } = scenarioOf;
  const pageManifest: Record<string, unknown> = {
    ...rest,
    scenario: {
      ...scenarioRest,
      sha256: sha256Hex(canonicalJson(raw)),
      resolved: raw,
      ...(modified ? { modified } : {}),
    },
    seed,
    runs,
    ...(clamped.length ? { clamped } : {}),
  };
  const charts = buildCharts(summary);
  return {
    summary,
    charts,
    checks,
    manifest: pageManifest,
    parts: runReportParts(summary, charts, pageManifest, { checks }),
    csv: quantilesCsv(summary),
    clamps: clamped.filter((n) => n.runs > 0).map((n) => clampLine(n, runs)),
    simulateMs,
  };
}
