/**
 * The pipeline for one scenario: load → compile → simulate (threads, shards) → summarize → checks,
 * plus the manifest that records what was run.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './core/canonical-json.js';
import { type ClampNote, clampLine } from './core/clamp-note.js';
import { nearest } from './core/names.js';
import { type PhaseLog, type SimulateProfile, simulateParts } from './core/phases.js';
import type { Summary } from './core/types.js';
import { DOMAINS, describeDomainError, type FormulaDomainError } from './engine/domain.js';
import { ceilingKey, stageKey } from './model/cells.js';
import { clampingFormulas } from './model/formula-sites.js';
import { compileModel, type Model } from './model/model.js';
import { defaultThreads, simulateParallel, threadsFor } from './parallel/pool.js';
import { packageJson } from './paths.js';
import { SAMPLER_VERSION } from './random/index.js';
import { RNG_ALGORITHM } from './random/stream.js';
import type { BudgetOptions } from './scenario/budget.js';
import { loadScenario } from './scenario/index.js';
import { issueAt, pathToString, ScenarioError, type ScenarioIssue } from './scenario/issues.js';
import type { LoadedDocument } from './scenario/load.js';
import { clampHint } from './scenario/messages.js';
import { type Scenario, ScenarioSchema } from './scenario/schema.js';
import type { Accumulator } from './stats/accumulate.js';
import { type CheckResult, checkedOffsets, evaluateChecks, periodRange } from './stats/checks.js';
import { dailyOffsets } from './stats/daily.js';
import { summarize } from './stats/summarize.js';

export { type ClampNote, clampLine };

export const VERSION: string = packageJson().version;

export interface RunOptions {
  runs?: number;
  seed?: string;
  set?: string[];
  /** worker threads (default: the machine's cores, but one per 1,500 runs at most: `threadsFor`) */
  threads?: number;
  /** run only the index-th of count slices of the runs (1-based index) */
  shard?: { index: number; count: number };
  onProgress?: (done: number, total: number) => void;
  /** read `extends` and data files outside the scenario's folder tree (--allow-any-path) */
  allowAnyPath?: boolean;
  /** the memory the budget allows, in bytes (--max-memory; scenario/budget.ts) */
  maxMemory?: number;
  /** abort to stop between runs (Ctrl-C); runScenario then rejects with Interrupted */
  signal?: AbortSignal;
  /**
   * false: keep every run's value only of the cells that checks and daily tables read; the others
   * may be kept as counts per value (stats/counts.ts), so `acc` gives their statistics but not their
   * values run by run (no runs.csv, no shard file, no comparison run by run). Default true.
   */
  perRun?: boolean;
  /** called once the scenario is read and compiled, before any run (the CLI locks --out there) */
  beforeSimulate?: (scenario: Scenario) => Promise<void> | void;
  /** where the time goes: load, compile, simulate (thread by thread), summarize (`--timings`) */
  phases?: PhaseLog;
}

/** Runs [first, first + count) of the index-th of `count` shards of `runs` runs. */
export function shardRange(
  runs: number,
  shard?: { index: number; count: number },
): { first: number; count: number } {
  if (!shard) return { first: 0, count: runs };
  const first = Math.floor(((shard.index - 1) * runs) / shard.count);
  const end = Math.floor((shard.index * runs) / shard.count);
  return { first, count: end - first };
}

export interface RunResult {
  scenario: Scenario;
  model: Model;
  summary: Summary;
  checks: CheckResult[];
  warnings: ScenarioIssue[];
  manifest: Manifest;
  /** every run's kept cells (see stats/accumulate.ts) */
  acc: Accumulator;
  /** runs [first, first + acc.runs) of `manifest.runs` */
  firstRun: number;
  /** every file the scenario was read from: the extends chain and its data files */
  inputs: string[];
}

export interface Manifest {
  tool: string;
  version: string;
  scenario: { id: string; file: string; files: string[]; sha256: string; resolved: unknown };
  seed: string;
  runs: number;
  shard?: { index: number; count: number; firstRun: number; runs: number };
  /** formulas that declare `clamp: true`, and how often they clamped (absent when none declares it) */
  clamped?: ClampNote[];
  rng: string;
  /** the version of the samplers' algorithms (src/random) */
  samplers: string;
  /** how this run was executed: varies from machine to machine, so report.html leaves it out */
  execution: {
    threads: number;
    node: string;
    timings: { loadMs: number; simulateMs: number; summarizeMs: number };
  };
}

/** The clamp notes of a simulation: every formula that declares a clamp, with its counts. */
export function clampNotes(
  model: Model,
  acc: Pick<Accumulator, 'clamps'>,
  doc: Pick<LoadedDocument, 'locate' | 'idPath'>,
): ClampNote[] {
  const counts = acc.clamps.entries();
  return clampingFormulas(model).map(({ formula, domain }) => {
    const path = [...(formula.site?.path ?? [])];
    const key = JSON.stringify(path);
    const c = counts.find((x) => JSON.stringify(x.path) === key);
    const pos = doc.locate(path);
    return {
      path: pathToString(doc.idPath(path)),
      at: pos.line > 0 ? `${pos.file}:${pos.line}:${pos.col}` : pos.file,
      domain,
      range: [DOMAINS[domain].lo, DOMAINS[domain].hi],
      runs: c?.runs ?? 0,
      values: c?.values ?? 0,
    };
  });
}

/**
 * A value out of a formula's domain met in a run (engine/domain.ts) as an input error at the
 * formula's FILE:LINE:COL and YAML path; any other error as it is.
 */
export function locateDomainError(
  e: unknown,
  doc: Pick<LoadedDocument, 'locate' | 'idPath' | 'file'>,
): unknown {
  if (!(e instanceof Error) || e.name !== 'FormulaDomainError') return e;
  const detail = (e as Partial<FormulaDomainError>).detail;
  if (!detail) return e;
  const hint =
    detail.problem !== undefined
      ? `the formula must give ${detail.domain === 'rule' ? 'true or false' : 'a number'} for every draw of its parameters, in every year and month`
      : detail.domain === 'share' || detail.domain === 'demand'
        ? clampHint
        : 'keep the formula at 0 or more (max(0, …)) for every draw of its parameters';
  const path = detail.path;
  const pos = path.length ? doc.locate(path) : { file: doc.file, line: 0 as const, col: 0 as const };
  return new ScenarioError([
    issueAt(pos, 'formula', path.length ? doc.idPath(path) : [], describeDomainError(detail), { hint }),
  ]);
}

/** sha256 over the resolved scenario (after extends, --set and data files), in canonical JSON. */
export function scenarioHash(resolved: unknown): string {
  return createHash('sha256').update(canonicalJson(resolved)).digest('hex');
}

/**
 * Load, validate and compile a scenario, then check what only the compiled model knows: that every
 * check names a period some pool (or the calendar) has. Throws ScenarioError with every problem.
 */
export async function prepareScenario(
  file: string,
  opts: { set?: string[]; allowAnyPath?: boolean; phases?: PhaseLog } & BudgetOptions = {},
): Promise<{ scenario: Scenario; doc: LoadedDocument; warnings: ScenarioIssue[]; model: Model }> {
  const { set, allowAnyPath, phases, ...budget } = opts;
  const t0 = performance.now();
  const { scenario, doc, warnings } = await loadScenario(file, {
    ...(set ? { set } : {}),
    ...(allowAnyPath ? { allowAnyPath: true } : {}),
    budget,
  });
  const t1 = performance.now();
  phases?.add('load', t1 - t0, 'read, parse and validate the scenario and its data files');
  const model = compileModel(scenario);
  const errors: ScenarioIssue[] = [];
  scenario.checks.forEach((check, i) => {
    // a check reads a program (or some of its pools), or a ceiling (program '', pool ceiling:<id>)
    const read = model.cells.rows.filter((r) =>
      check.ceiling !== undefined
        ? r.program === '' && r.pool === ceilingKey(check.ceiling)
        : check.stage !== undefined
          ? r.program === check.program && r.pool === stageKey(check.stage)
          : r.program === check.program && (check.pools ? check.pools.includes(r.pool) : r.pool === ''),
    );
    const labels = new Set(read.map((r) => r.period));
    const known = [...labels].filter(Boolean);
    const what =
      check.ceiling !== undefined
        ? `ceiling ${check.ceiling}`
        : check.pools
          ? `pool${check.pools.length > 1 ? 's' : ''} ${check.pools.join(', ')}`
          : `program ${check.program}`;
    const refuse = (path: (string | number)[], message: string, hint?: string) =>
      errors.push(
        issueAt(doc.locate(path), 'bad_reference', doc.idPath(path), message, hint ? { hint } : {}),
      );
    const periodHint = `periods: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`;
    const unknownPeriod = (label: string, path: (string | number)[]) => {
      if (labels.has(label)) return false;
      const near = nearest(label, known);
      refuse(path, `no period "${label}" in ${what}${near ? `; did you mean "${near}"?` : ''}`, periodHint);
      return true;
    };
    if (check.period !== undefined) unknownPeriod(check.period, ['checks', i, 'period']);
    if (check.periods) {
      const at = ['checks', i, 'periods'];
      if (check.period !== undefined || check.every_period)
        refuse(at, 'periods (a range) replaces period and every_period: give one of them');
      const bad =
        unknownPeriod(check.periods.from, [...at, 'from']) || unknownPeriod(check.periods.to, [...at, 'to']);
      if (!bad && periodRange(known, check.periods.from, check.periods.to).length === 0)
        refuse(
          [...at, 'to'],
          `the range ends (${check.periods.to}) before it starts (${check.periods.from})`,
        );
    }
    // every_period over pools whose periods differ (months beside fiscal years) compares nothing alike;
    // periods of one kind (months of two pools in force one after the other) add up
    if (check.every_period && check.pools && check.pools.length > 1) {
      const kindOf = (label: string) =>
        /^\d{4}-\d{2}$/.test(label)
          ? 'month'
          : /^FY\d+$/.test(label)
            ? 'fiscal year'
            : label.replace(/^FY\d+/, '');
      const kinds = new Map<string, string>();
      for (const pool of check.pools) {
        const own = read.filter((r) => r.pool === pool && r.period !== '').map((r) => kindOf(r.period));
        kinds.set(pool, [...new Set(own)].sort().join(','));
      }
      if (new Set(kinds.values()).size > 1)
        refuse(
          ['checks', i, 'every_period'],
          `pools ${check.pools.join(', ')} count in different periods, so every_period would add a month of one to a fiscal year of another; check each pool on its own, or sum a range of periods with periods: { from, to }`,
        );
    }
  });
  if (errors.length) throw new ScenarioError(errors);
  phases?.add('compile', performance.now() - t1, 'the model: cells, plan, formulas; checks resolved');
  return { scenario, doc, warnings, model };
}

export async function runScenario(file: string, opts: RunOptions = {}): Promise<RunResult> {
  const t0 = performance.now();
  // more threads than cores only costs memory (each holds a run's buffers): at most one per core
  const threads = Math.min(opts.threads ?? defaultThreads(), defaultThreads());
  const { scenario, doc, warnings, model } = await prepareScenario(file, {
    ...(opts.set ? { set: opts.set } : {}),
    ...(opts.allowAnyPath ? { allowAnyPath: true } : {}),
    ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
    ...(opts.shard ? { shards: opts.shard.count } : {}),
    ...(opts.maxMemory !== undefined ? { maxMemory: opts.maxMemory } : {}),
    ...(opts.phases ? { phases: opts.phases } : {}),
    threads,
  });
  const runs = opts.runs ?? scenario.simulation.runs;
  const seed = opts.seed ?? String(scenario.simulation.seed);
  const range = shardRange(runs, opts.shard);
  // without --threads, a thread only for every MIN_RUNS_PER_THREAD runs: a few runs go faster in-process
  const used = opts.threads === undefined ? threadsFor(range.count, threads) : threads;
  await opts.beforeSimulate?.(scenario);
  const t1 = performance.now();
  const profile: SimulateProfile | undefined = opts.phases ? { threads: [], storeMs: 0 } : undefined;
  /** when every run was simulated and stored (the statistics computed in the threads after it are summarizing) */
  let simulated = 0;
  let acc: Accumulator;
  try {
    acc = await simulateParallel(scenario, model, {
      runs: range.count,
      firstRun: range.first,
      seed,
      threads: used,
      onProgress: (done) => opts.onProgress?.(done, range.count),
      onSimulated: () => {
        simulated = performance.now();
      },
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(profile ? { profile } : {}),
      ...(opts.perRun === false
        ? {
            keep: {
              perRun: false,
              keep: [...checkedOffsets(model, scenario.checks), ...dailyOffsets(model)],
            },
          }
        : {}),
    });
  } catch (e) {
    throw locateDomainError(e, doc);
  }
  const clamped = clampNotes(model, acc, doc);
  const t2 = performance.now();
  const summary = summarize(model, acc, { runs: range.count, seed });
  const checks = evaluateChecks(model, acc, scenario.checks);
  warnings.push(...runDiagnostics(model, acc, doc));
  const t3 = performance.now();
  if (opts.phases && profile) {
    const label = used > 1 ? `${used} worker threads` : 'in this thread';
    const ms = (simulated || t2) - t1;
    opts.phases.add(
      'simulate',
      ms,
      `${range.count.toLocaleString('en-US')} runs, ${label}`,
      simulateParts(profile, ms),
    );
    const where = t2 > (simulated || t2) ? ' (the statistics in the worker threads)' : '';
    opts.phases.add('summarize', t3 - (simulated || t2), `quantiles and means of every cell, checks${where}`);
  }
  const manifest: Manifest = {
    tool: 'visasim',
    version: VERSION,
    scenario: {
      id: scenario.id,
      file: doc.file,
      files: doc.files,
      sha256: scenarioHash(doc.raw),
      resolved: doc.raw,
    },
    seed,
    runs,
    ...(opts.shard ? { shard: { ...opts.shard, firstRun: range.first, runs: range.count } } : {}),
    ...(clamped.length ? { clamped } : {}),
    rng: RNG_ALGORITHM,
    samplers: SAMPLER_VERSION,
    execution: {
      threads: used,
      node: process.version,
      timings: {
        loadMs: Math.round(t1 - t0),
        simulateMs: Math.round((simulated || t2) - t1),
        summarizeMs: Math.round(t3 - (simulated || t2)),
      },
    },
  };
  return {
    scenario,
    model,
    summary,
    checks,
    warnings,
    manifest,
    acc,
    firstRun: range.first,
    inputs: [...doc.files, ...doc.tables.map((t) => t.path)],
  };
}

/**
 * Suspicious but legal outcomes, as warnings: a pool that no applicant was ever eligible for (a
 * reserved pool whose groups send nobody, an eligibility rule that matches no one).
 */
export function runDiagnostics(
  model: Model,
  acc: Accumulator,
  doc: Pick<LoadedDocument, 'locate' | 'idPath'>,
): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const pool of model.pools) {
    const program = model.programs[pool.program];
    const row = model.cells.rows.find(
      (r) =>
        r.program === program?.id &&
        r.pool === pool.id &&
        r.group === '' &&
        r.period === '' &&
        r.metric === 'eligible',
    );
    if (!row || !program) continue;
    if (acc.every(row.offset, (v) => v === 0)) {
      const path = ['programs', program.index, 'pools', program.pools.indexOf(pool)];
      out.push(
        issueAt(
          doc.locate(path),
          'semantic',
          doc.idPath(path),
          `no applicant was eligible for pool "${pool.id}" in any run: its numbers all go unused`,
          {
            severity: 'warning',
            hint: 'check its `eligible` rule, and that the groups it names have demand',
          },
        ),
      );
    }
  }
  return out;
}

/** Summary, checks and manifest from runs already simulated (merge of shards). */
export function finishRuns(
  resolved: unknown,
  acc: Accumulator,
  manifest: Manifest,
): Omit<RunResult, 'warnings' | 'firstRun' | 'inputs'> {
  const scenario = ScenarioSchema.parse(resolved);
  const model = compileModel(scenario);
  const summary = summarize(model, acc, { runs: acc.runs, seed: manifest.seed });
  const checks = evaluateChecks(model, acc, scenario.checks);
  return { scenario, model, summary, checks, manifest, acc };
}
