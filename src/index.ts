/**
 * visasim's library API. Each stage is a function with its own input and output type:
 *   loadScenario (file → Scenario) · compileModel (Scenario → Model) · simulate (Model → runs)
 *   · summarize (runs → Summary) · evaluateChecks · buildReportFiles (Summary → files)
 * `runScenario` chains them for the command line and for tests.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { simulate } from './engine/simulate.js';
import { compileModel, type Model } from './model/model.js';
import { RNG_ALGORITHM } from './random/stream.js';
import { loadScenario } from './scenario/index.js';
import type { ScenarioIssue } from './scenario/issues.js';
import type { Scenario } from './scenario/schema.js';
import { type CheckResult, evaluateChecks } from './stats/checks.js';
import { summarize } from './stats/summarize.js';
import type { Summary } from './stats/types.js';

export { simulate } from './engine/simulate.js';
export { simulateRun } from './engine/run.js';
export { compileModel } from './model/model.js';
export { loadScenario } from './scenario/index.js';
export { ScenarioError, formatIssue, formatIssues } from './scenario/issues.js';
export { scenarioJsonSchema } from './scenario/schema.js';
export { evaluateChecks } from './stats/checks.js';
export { summarize } from './stats/summarize.js';
export type { Scenario, Summary, Model, CheckResult };

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface RunOptions {
  runs?: number;
  seed?: string;
  set?: string[];
  onProgress?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
}

export interface RunResult {
  scenario: Scenario;
  model: Model;
  summary: Summary;
  checks: CheckResult[];
  warnings: ScenarioIssue[];
  manifest: Manifest;
  /** true when shouldStop ended the runs early */
  stopped: boolean;
}

export interface Manifest {
  tool: string;
  version: string;
  scenario: { id: string; file: string; files: string[]; sha256: string; resolved: unknown };
  seed: string;
  runs: number;
  rng: string;
  node: string;
  timings: { loadMs: number; simulateMs: number; summarizeMs: number };
}

/** sha256 over the resolved scenario (after extends, --set and data files), in canonical JSON. */
export function scenarioHash(resolved: unknown): string {
  return createHash('sha256').update(canonicalJson(resolved)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export async function runScenario(file: string, opts: RunOptions = {}): Promise<RunResult> {
  const t0 = performance.now();
  const { scenario, doc, warnings } = await loadScenario(file, opts.set ? { set: opts.set } : {});
  const model = compileModel(scenario);
  const runs = opts.runs ?? scenario.simulation.runs;
  const seed = opts.seed ?? String(scenario.simulation.seed);
  const t1 = performance.now();
  let stopped = false;
  const acc = simulate(model, {
    runs,
    seed,
    onProgress: (done) => opts.onProgress?.(done, runs),
    shouldStop: () => {
      stopped = opts.shouldStop?.() ?? false;
      return stopped;
    },
  });
  const t2 = performance.now();
  const summary = summarize(model, acc, { runs, seed });
  const checks = evaluateChecks(model, acc, scenario.checks);
  const t3 = performance.now();
  const manifest: Manifest = {
    tool: 'visasim',
    version: VERSION,
    scenario: { id: scenario.id, file: doc.file, files: doc.files, sha256: scenarioHash(doc.raw), resolved: doc.raw },
    seed,
    runs,
    rng: RNG_ALGORITHM,
    node: process.version,
    timings: { loadMs: Math.round(t1 - t0), simulateMs: Math.round(t2 - t1), summarizeMs: Math.round(t3 - t2) },
  };
  return { scenario, model, summary, checks, warnings, manifest, stopped };
}
