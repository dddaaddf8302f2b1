/**
 * The shapes that leave the engine and the statistics stage: what `summarize` returns and what the
 * report stage (tables, charts, HTML) reads. Nothing here does arithmetic.
 */

/** Every metric a cell can carry (DESIGN.md §4). */
export const METRICS = [
  'cap',
  'applicants',
  'eligible',
  'issued',
  'unused',
  'backlog',
  'diverted',
  'selection_rate',
  'days_to_fill',
  'filled',
  // Programs whose applications carry several persons (`units`) also report both units apart:
  'applications',
  'applications_issued',
  'persons',
  'persons_issued',
  // Queue pools of a program with a backlog (`inventory`), per month: the Visa Bulletin's cut-off
  'final_action_date',
  'current',
  'unavailable',
  // A program's stages after selection (`stages`): how many reached the stage in the period
  'reached',
  // Queue pools of a program with a backlog, by filing year: months from filing to selection, share served
  'wait_months',
  'served',
  // Pools of a program with a receipt clock (`receipt_clock`): days_to_fill on the filing-date clock
  'days_to_fill_receipt',
  // Pools that select by the final receipt date (`select: uscis`): applications received on that
  // date, and the share of them accepted (the random selection among them)
  'final_day_received',
  'final_day_accepted',
] as const;
export type Metric = (typeof METRICS)[number];

/** Distribution of one cell's value across runs. `n` counts the runs that had a value
 * (days_to_fill has none in a run where the pool did not fill). */
export interface CellStats {
  n: number;
  mean: number;
  sd: number;
  min: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  max: number;
}

/**
 * One row of quantiles.csv. An empty `pool`, `group` or `period` means the total over them:
 * pool '' is the whole program, group '' all groups, period '' the whole horizon.
 */
export interface QuantileRow {
  program: string;
  pool: string;
  group: string;
  period: string;
  metric: Metric;
  stats: CellStats;
}

export interface SourceRef {
  id: string;
  title: string;
  url?: string | undefined;
  date?: string | undefined;
  publisher?: string | undefined;
  confidence?: string | undefined;
  note?: string | undefined;
}

export interface PeriodInfo {
  /** e.g. FY2024, FY2024-H1, 2024-01, total */
  label: string;
  /** ISO dates, inclusive start, exclusive end */
  start: string;
  end: string;
}

export interface PoolInfo {
  id: string;
  title: string;
  /** labels of the periods this pool's cap applies to, in time order */
  periods: string[];
  /** the same periods with their dates (a pool's period is the part of the cap period it is open) */
  periodDates?: PeriodInfo[];
  /** what the cap is per: fiscal-year, half, month, total, or tranche */
  capPer?: string;
  /** a pool with no cap of its own: the id of the ceiling it draws on (its cap and unused have no value) */
  ceiling?: string;
}

export interface ProgramInfo {
  id: string;
  title: string;
  pools: PoolInfo[];
}

export interface GroupInfo {
  id: string;
  name: string;
}

export interface Headline {
  /** short machine key, e.g. "issued_total" */
  key: string;
  /** plain words, e.g. "Visas issued over the horizon" */
  label: string;
  program: string;
  pool: string;
  metric: Metric;
  stats: CellStats;
}

export interface ScenarioInfo {
  id: string;
  title: string;
  description: string;
  status: string;
  sources: SourceRef[];
  /** assumptions stated in the scenario (parameter notes marked as assumptions) */
  assumptions: { id: string; text: string }[];
}

export interface Summary {
  scenario: ScenarioInfo;
  runs: number;
  seed: string;
  /** fiscal years of the horizon, e.g. ["FY2024", "FY2025"] */
  fiscalYears: string[];
  groups: GroupInfo[];
  programs: ProgramInfo[];
  /** limits shared by several pools; their rows have program '' and pool `ceiling:<id>` */
  ceilings?: CeilingInfo[];
  headline: Headline[];
  /** sorted by program, pool, group, period (time order), metric (METRICS order) */
  rows: QuantileRow[];
  /** reference series (`series:` with `reference: true`), drawn beside the results; absent when none */
  reference?: ReferenceSeries[];
  /**
   * pools that select by the final receipt date (`select: uscis`): per cap period reached in some
   * run, the days around that date (daily.csv); absent when there are none
   */
  daily?: DailyAcceptance[];
}

/** The days around a pool's final receipt date in one cap period, over the runs (daily.csv). */
export interface DailyAcceptance {
  program: string;
  pool: string;
  period: string;
  /** the clock of the dates: 'receipt' (filing date) for a program with a receipt clock, else 'start' */
  clock: 'receipt' | 'start';
  /** from the day before the earliest final receipt date to the day after the latest, in order */
  days: {
    date: string;
    /** share of runs in which it was the final receipt date */
    final: number;
    /** the chance that an application received that day is accepted */
    accepted: number;
    /** median applications received that day, over the runs in which it was the final receipt date */
    received?: number;
  }[];
}

/** Observed values a scenario shows beside its results (reference.csv, the reference chart). */
export interface ReferenceSeries {
  id: string;
  title: string;
  unit?: string;
  /** the period kind of its table */
  kind: 'year' | 'fiscal_year' | 'month';
  /** the simulated values drawn beside it, per fiscal year */
  beside?: { program: string; pool?: string; metric: string };
  /** one per column and period, columns in the table's order, periods oldest first */
  points: { column: string; period: string; value: number }[];
}

export interface CeilingInfo {
  id: string;
  title: string;
  /** ids of the member pools */
  pools: string[];
  /** period labels */
  periods: string[];
}

/** One cell compared between scenario A and scenario B, run by run (common random numbers). */
export interface CompareRow {
  program: string;
  pool: string;
  group: string;
  period: string;
  metric: Metric;
  a: CellStats;
  b: CellStats;
  /** distribution over runs of (B − A) in the same run */
  diff: CellStats;
}

export interface CompareSummary {
  a: Summary;
  b: Summary;
  runs: number;
  seed: string;
  /** cells present in both, in A's row order */
  rows: CompareRow[];
}

/** One value of a swept parameter and the headline figures it gives. */
export interface SweepPoint {
  /** the value set, as written on the command line */
  value: string;
  /** numeric value when it is a number (for the x axis) */
  x?: number;
  headline: Headline[];
}

/** One-at-a-time sensitivity: a headline figure with one uncertain parameter fixed at its low and high ends. */
export interface TornadoBar {
  parameter: string;
  /** the values used for the low and high ends (e.g. p05 and p95 of its distribution, or its range) */
  lowValue: number;
  highValue: number;
  /** the headline's median with the parameter fixed low / high */
  low: CellStats;
  high: CellStats;
}

export interface SweepSummary {
  scenario: ScenarioInfo;
  /** the --param path, e.g. programs.work-visas.pools.mexico.cap */
  param: string;
  runs: number;
  seed: string;
  points: SweepPoint[];
  /** which headline key the tornado is about, e.g. "work-visas.issued" */
  tornadoKey?: string;
  /** the headline's median with every parameter at its own distribution */
  base?: CellStats;
  tornado: TornadoBar[];
}
