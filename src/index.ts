/**
 * visasim's library API (docs/API.md). Each stage is a function with its own input and output type:
 *   loadScenario (file → Scenario) · compileModel (Scenario → Model) · simulate (Model → runs, into a
 *   RunSink) or accumulate (Model → an Accumulator of the runs)
 *   · summarize (runs → Summary) · evaluateChecks · buildReportFiles (Summary → files) · writeOutputs
 * `runScenario` (pipeline.ts) chains them; `compareScenarios` and `sweepScenario` run several.
 *
 * Every type that an exported function, class or type names is exported here too, so that a caller
 * can write it down (tests/index.test.ts checks this on the emitted declarations). A few are renamed
 * where their own name would be too vague outside their module (`FormulaValue`, `CsvCell`, …).
 * The outputs (quantiles.csv, summary.json, manifest.json, charts, report.html, runs.csv and
 * runs.parquet, and the files of a comparison and a sweep) are built as data (runs.csv and
 * runs.parquet as chunks) and written atomically by `writeOutputs`.
 */

export { type CompareResult, compareScenarios } from './analysis/compare.js';
export { parseSweepValues, type SweepOptions, type SweepResult, sweepScenario } from './analysis/sweep.js';
// where a run's time goes (RunOptions.phases, `visasim run --timings`)
export {
  formatPhases,
  type Phase,
  PhaseLog,
  type SimulateProfile,
  simulateParts,
  splitThread,
  type ThreadProfile,
  type ThreadSplit,
} from './core/phases.js';
export {
  type CeilingInfo,
  type CellStats,
  type CompareRow,
  type CompareSummary,
  type DailyAcceptance,
  type GroupInfo,
  type Headline,
  METRICS,
  type Metric,
  type PeriodInfo,
  type PoolInfo,
  type ProgramInfo,
  type QuantileRow,
  type ReferenceSeries,
  type ScenarioInfo,
  type SourceRef,
  type Summary,
  type SweepPoint,
  type SweepSummary,
  type TornadoBar,
} from './core/types.js';
export {
  type ClampCount,
  ClampTally,
  type DomainDetail,
  type DomainKind,
  FormulaDomainError,
} from './engine/domain.js';
export { type RunOptions as SimulateRunOptions, type RunView, simulateRun } from './engine/run.js';
export { type RunSink, type SimulateOptions, simulate } from './engine/simulate.js';
export {
  type CompiledFormula,
  FormulaError,
  type FormulaSite,
  type Scope as FormulaScope,
  type SeriesLookup,
  type Value as FormulaValue,
} from './formula/formula.js';
export type { PeriodKind, SeriesTable } from './formula/series.js';
export type { ApportionMethod } from './model/apportion.js';
export type { Calendar, FiscalYear, Step as CalendarStep } from './model/calendar.js';
export type { CeilingModel, CeilingPeriod, LimitRule } from './model/ceilings.js';
export type { CellBlock, CellLayout, CellRow } from './model/cells.js';
export {
  compileModel,
  type DemandModel,
  type GroupModel,
  type Model,
  ModelError,
  type ParameterModel,
  type PeriodDef,
  type PoolCap,
  type PoolModel,
  type ProgramModel,
  type SelectKind,
  type SelectModel,
  type StageModel,
  type UnitsModel,
  type UnusedModel,
} from './model/model.js';
export { Interrupted } from './parallel/pool.js';
export * from './pipeline.js';
export {
  type BuildOptions,
  buildReportFiles,
  type ChartFormat,
  chartFiles,
  manifestJson,
} from './report/build.js';
export { buildCharts, CHARTS, type Chart, type VegaLiteSpec } from './report/charts/index.js';
export {
  buildCompareFiles,
  type CompareBuildOptions,
  type CompareOptions as CompareReportOptions,
  compareCsv,
  compareReportHtml,
  compareSummaryJson,
} from './report/compare/index.js';
export { DAILY_CSV_HEADER, dailyCsv } from './report/daily-csv.js';
export {
  type ReportChart,
  type ReportCheck,
  type ReportHtmlOptions,
  reportHtml,
} from './report/html/index.js';
export { QUANTILES_CSV_HEADER, quantilesCsv } from './report/quantiles-csv.js';
export { REFERENCE_CSV_HEADER, referenceCsv } from './report/reference-csv.js';
export { renderPng, renderSvg } from './report/render.js';
export { RUNS_CSV_HEADER, runsCsv, runsCsvChunks } from './report/runs-csv.js';
export { ROWS_PER_GROUP as RUNS_PARQUET_ROWS_PER_GROUP, runsParquetChunks } from './report/runs-parquet.js';
export { ALL_KEY, summaryJson } from './report/summary-json.js';
export {
  buildSweepFiles,
  type SweepBuildOptions,
  type SweepOptions as SweepReportOptions,
  sweepCsv,
  sweepReportHtml,
  sweepSummaryJson,
  tornadoCsv,
} from './report/sweep/index.js';
export {
  type OutputChunks,
  type OutputFile,
  type StreamedFile,
  type WriteOptions,
  writeOutputs,
} from './report/write-atomic.js';
export {
  BudgetError,
  type BudgetOptions,
  DEFAULT_MAX_MEMORY,
  type Estimate as BudgetEstimate,
  estimateBudget,
  MAX_KEPT_CELLS,
} from './scenario/budget.js';
export type { Cell as CsvCell, CsvRow } from './scenario/csv.js';
export type { CapPer, CapSpec, Distribution, Window as DateWindow } from './scenario/decode.js';
export { loadScenario } from './scenario/index.js';
export {
  formatIssue,
  formatIssues,
  type IssueCode,
  ScenarioError,
  type ScenarioIssue,
  type Severity,
  type SourcePosition,
} from './scenario/issues.js';
export type { LoadedDocument, LoadOptions } from './scenario/load.js';
export {
  type Attribute,
  type Check,
  type Parameter,
  type Pool,
  type Program,
  type Scenario,
  scenarioJsonSchema,
} from './scenario/schema.js';
export type { LocateOptions } from './scenario/source-map.js';
export {
  Accumulator,
  accumulate,
  type Column,
  type HeldCell,
  type KeepOptions,
} from './stats/accumulate.js';
export { type CheckResult, evaluateChecks } from './stats/checks.js';
export type { Counts, CountsParts } from './stats/counts.js';
export type { PackedParts } from './stats/packed.js';
export { summarize } from './stats/summarize.js';
