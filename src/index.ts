/**
 * visasim's library API. Each stage is a function with its own input and output type:
 *   loadScenario (file → Scenario) · compileModel (Scenario → Model) · simulate (Model → runs, into a
 *   RunSink) or accumulate (Model → an Accumulator of the runs)
 *   · summarize (runs → Summary) · evaluateChecks · buildReportFiles (Summary → files)
 * `runScenario` (pipeline.ts) chains them; `compareScenarios` and `sweepScenario` run several.
 */
export { compareScenarios } from './analysis/compare.js';
export { sweepScenario } from './analysis/sweep.js';
export type { CompareSummary, Summary, SweepSummary } from './core/types.js';
export { simulateRun } from './engine/run.js';
export { type RunSink, type SimulateOptions, simulate } from './engine/simulate.js';
export { compileModel, type Model } from './model/model.js';
export * from './pipeline.js';
export { loadScenario } from './scenario/index.js';
export { formatIssue, formatIssues, ScenarioError } from './scenario/issues.js';
export { type Scenario, scenarioJsonSchema } from './scenario/schema.js';
export { Accumulator, accumulate } from './stats/accumulate.js';
export { type CheckResult, evaluateChecks } from './stats/checks.js';
export { summarize } from './stats/summarize.js';
