/**
 * Budgets (issue 16): how large a scenario's model and results will be, estimated from the validated
 * scenario before anything is compiled or allocated, and the limits that refuse what would not fit —
 * at the line responsible (`groups.from`, `calendar.years`, `simulation.runs`, `attributes`), with the
 * estimate and the limit. README "Limits and guarantees" lists them.
 *
 * What is counted (an upper bound of what the model and engine allocate, see src/model/cells.ts and
 * src/engine/run/state.ts):
 * - output cells: per program, pool and ceiling, (periods + 1) × (groups + 1) × metrics, Float64 in
 *   each thread's buffer of a run;
 * - kept cells: the cells the outputs report (quantiles.csv's rows), Float32 per run in the
 *   Accumulator — `kept cells × runs × 4` bytes — plus about ROW_BYTES each for their labels and
 *   statistics;
 * - engine cells: groups × segments (2^attributes) × size classes, per program and pool, Float64,
 *   plus a cohort of them per step for people waiting.
 */
import { METRICS } from '../core/types.js';
import type { ScenarioIssue } from './issues.js';
import { type Locator, makeReporter } from './reporter.js';
import type { Scenario } from './schema.js';

/** Memory the estimate may reach by default; `--max-memory` raises (or lowers) it. */
export const DEFAULT_MAX_MEMORY = 4 * 1024 ** 3;
/**
 * At most this many kept cells (rows of quantiles.csv), whatever the memory: the layout keys its
 * cells in JavaScript Maps, which hold at most 2^24 entries.
 */
export const MAX_KEPT_CELLS = 10_000_000;
/** At most this many attributes: each doubles the segments (the model refuses more, unlocated). */
export const MAX_ATTRIBUTES = 8;
/** Bytes per kept cell besides its values: its row (labels) and its statistics in the summary. */
const ROW_BYTES = 400;
/** Metrics per cell slot (core/types.ts METRICS; an upper bound is enough). */
const METRIC_SLOTS = METRICS.length;

export interface BudgetOptions {
  /** runs to keep (default: the scenario's simulation.runs) */
  runs?: number;
  /** a shard keeps only its slice of the runs: about runs / shards */
  shards?: number;
  /** threads that each hold a run's buffers (default 1) */
  threads?: number;
  /** bytes (default DEFAULT_MAX_MEMORY) */
  maxMemory?: number;
}

export interface Estimate {
  groups: number;
  segments: number;
  sizeClasses: number;
  /** periods of the longest block (months of a monthly pool over the horizon, …) */
  maxPeriods: number;
  outputCells: number;
  keptCells: number;
  /** Float64 cells of the engine's state per run (groups × segments × size classes × …) */
  engineCells: number;
  runs: number;
  threads: number;
  bytes: { model: number; kept: number; perThread: number; total: number };
}

const periodsOf = (per: string | undefined, years: number, tranches = 1): number => {
  const fy = years + 1; // a start inside a fiscal year adds one
  if (per === 'total') return 1;
  if (per === 'month') return years * 12 + 1;
  if (per === 'half') return 2 * fy;
  return fy * tranches;
};

/** The estimate of a validated scenario's size. */
export function estimateBudget(scenario: Scenario, opts: BudgetOptions = {}): Estimate {
  const G = (scenario.groups.rows ?? []).length;
  const years = scenario.calendar.years;
  const steps = years * 12 * (scenario.calendar.step === 'day' ? 31 : 2);
  const segments = 2 ** Math.min(scenario.attributes.length, 30);
  let sizeClasses = 1;
  let outputCells = 0;
  let keptCells = 0;
  let maxPeriods = 1;
  let engineCells = 0;
  const fy = years + 1;
  /** a block of cells: its periods, and the rows it reports (cells.ts: layoutCells) */
  const block = (periods: number, kept: number) => {
    maxPeriods = Math.max(maxPeriods, periods);
    outputCells += (periods + 1) * (G + 1) * METRIC_SLOTS;
    keptCells += kept;
  };
  const ceilingPer = new Map<string, string>();
  for (const c of scenario.ceilings) for (const p of c.pools) ceilingPer.set(p, c.per);
  for (const program of scenario.programs) {
    const units = program.units;
    const classes = units && typeof units.size === 'object' ? units.size.values.length : 1;
    sizeClasses = Math.max(sizeClasses, classes);
    const u = units ? 4 : 0;
    block(fy, 7 + u + (5 + u) * G + fy * (6 + u + (4 + u) * G));
    for (const pool of program.pools) {
      const cap = pool.cap;
      const per =
        pool.tranches !== undefined
          ? 'fiscal-year'
          : cap === undefined
            ? ceilingPer.get(pool.id)
            : typeof cap === 'object'
              ? cap.per
              : 'fiscal-year';
      const P = periodsOf(per, years, pool.tranches?.length ?? 1);
      const v = units ? 2 : 0;
      const receipt = program.receipt_clock ? 1 : 0;
      block(P, 5 + v + P * (7 + v + receipt) + (P + 1) * G * ((pool.split ? 5 : 3) + v));
      // one cap over the horizon: also what it issued each month, per group and in all
      if (per === 'total') {
        const months = years * 12 + 1;
        block(months, months * (G + 1));
      }
    }
  }
  const startYear = Number(scenario.calendar.start.slice(0, 4));
  for (const program of scenario.programs) {
    // stages after selection: 'reached' in every (fiscal year, group) slot
    for (const _ of program.stages ?? []) block(fy, (fy + 1) * (G + 1));
    // a backlog: per queue pool, final action dates per month and the wait per filing year
    if (program.inventory) {
      const oldest = Math.min(
        ...program.inventory.rows.map((r) => Number(r.priority_date.slice(0, 4))),
        startYear,
      );
      const filingYears = startYear + years + 1 - oldest;
      for (const pool of program.pools) {
        if (pool.select !== 'queue') continue;
        const months = years * 12 + 1;
        block(months, months * (G + 1) * 3);
        block(filingYears, filingYears * (G + 1) * 2);
      }
    }
  }
  for (const c of scenario.ceilings) {
    const P = periodsOf(c.per, years);
    block(P, (P + 1) * (c.amount !== undefined ? 3 : 1) + (P + 1) * G * (c.per_group ? 3 : 0));
  }
  const C = G * segments * sizeClasses;
  const programs = scenario.programs.length;
  const pools = scenario.programs.reduce((n, p) => n + p.pools.length, 0);
  // each program: inflow, next inflow, early, fresh (C each) and a waiting cohort per step; each
  // pool: its box; and the selection's scratch (2 C)
  engineCells = C * (4 * programs + pools + 2 + programs * Math.min(steps, 1200));
  const runs = Math.ceil((opts.runs ?? scenario.simulation.runs) / Math.max(1, opts.shards ?? 1));
  const threads = Math.max(1, opts.threads ?? 1);
  const perThread = outputCells * 8 + engineCells * 8;
  const model = keptCells * ROW_BYTES + C * 8 * (programs + pools);
  const kept = keptCells * runs * 4;
  return {
    groups: G,
    segments,
    sizeClasses,
    maxPeriods,
    outputCells,
    keptCells,
    engineCells,
    runs,
    threads,
    bytes: { model, kept, perThread, total: model + kept + perThread * threads },
  };
}

/** A size in bytes for a message: 3.2 GiB, 512 MiB. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} bytes` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/** `--max-memory` and `max_memory` values: 512M, 4G, 8GiB, 1.5T, or bytes. Undefined when not one. */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4 }[(m[2] ?? '').toLowerCase()] ?? 0;
  const n = Number(m[1]) * 1024 ** power;
  return Number.isFinite(n) && n >= 1 ? Math.round(n) : undefined;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** Why a budget is exceeded, and the place in the scenario responsible for it. */
export interface BudgetProblem {
  /** the scenario path to blame */
  path: (string | number)[];
  message: string;
  hint: string;
  /** true when the runs are what does not fit (a `--runs` option is then to blame, if given) */
  runs: boolean;
}

/** What exceeds the limits, if anything (at most one problem: the first limit hit). */
export function budgetProblem(scenario: Scenario, opts: BudgetOptions = {}): BudgetProblem | undefined {
  if (scenario.attributes.length > MAX_ATTRIBUTES)
    return {
      path: ['attributes', MAX_ATTRIBUTES],
      message: `at most ${MAX_ATTRIBUTES} attributes are supported (each doubles the segments a group is split into: ${2 ** MAX_ATTRIBUTES} for ${MAX_ATTRIBUTES}); this is attribute ${MAX_ATTRIBUTES + 1} of ${scenario.attributes.length}`,
      hint: 'an attribute that no rule reads can go; several that always go together can be one',
      runs: false,
    };
  const e = estimateBudget(scenario, opts);
  const limit = opts.maxMemory ?? DEFAULT_MAX_MEMORY;
  const groupsPath = scenario.groups.from !== undefined ? ['groups', 'from'] : ['groups'];
  // the model's size: blame the bigger factor, the groups or the periods (the horizon)
  const modelPath = (): (string | number)[] =>
    e.segments > Math.max(e.groups, e.maxPeriods) && e.engineCells * 8 > e.outputCells * 8
      ? ['attributes']
      : e.groups >= e.maxPeriods
        ? groupsPath
        : ['calendar', 'years'];
  const shape = `${n(e.groups)} groups, ${n(e.segments)} segment${e.segments === 1 ? '' : 's'}${e.sizeClasses > 1 ? `, ${e.sizeClasses} size classes` : ''}, up to ${n(e.maxPeriods)} periods a pool`;
  if (e.keptCells > MAX_KEPT_CELLS)
    return {
      path: modelPath(),
      message: `the model would report about ${n(e.keptCells)} cells (${shape}); at most ${n(MAX_KEPT_CELLS)} are supported`,
      hint: 'use fewer groups (or group them by region), a shorter horizon, or pools per fiscal year rather than per month',
      runs: false,
    };
  if (e.bytes.total <= limit) return undefined;
  const runsPart = e.bytes.kept;
  const modelPart = e.bytes.total - runsPart;
  const byRuns = runsPart >= modelPart;
  const estimate = `about ${formatBytes(e.bytes.total)}: ${formatBytes(runsPart)} for ${n(e.keptCells)} cells kept for each of ${n(e.runs)} runs, ${formatBytes(modelPart)} for the model (${shape}) and ${e.threads} thread${e.threads === 1 ? '' : 's'}`;
  return {
    path: byRuns ? ['simulation', 'runs'] : modelPath(),
    message: `${byRuns ? 'these runs' : 'this model'} would need ${estimate}; the limit is ${formatBytes(limit)}`,
    hint: byRuns
      ? 'use fewer runs, split them with --shard I/N and visasim merge, or raise the limit with --max-memory'
      : 'use fewer groups, a shorter horizon or fewer attributes, or raise the limit with --max-memory',
    runs: byRuns,
  };
}

/** The budget as validation errors, located in the scenario. */
export function checkBudget(scenario: Scenario, where: Locator, opts: BudgetOptions = {}): ScenarioIssue[] {
  const p = budgetProblem(scenario, opts);
  if (!p) return [];
  const out: ScenarioIssue[] = [];
  makeReporter(where, out)('too_large', p.path, p.message, { hint: p.hint });
  return out;
}

/** A budget the command-line options exceed (`--runs`, `--threads`): exit 2, no place in a file. */
export class BudgetError extends Error {
  override name = 'BudgetError';
}
