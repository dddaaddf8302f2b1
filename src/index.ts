/**
 * visasim's library API. Each stage is a function with its own input and output type:
 *   loadScenario (file → Scenario) · compileModel (Scenario → Model) · simulate (Model → runs)
 *   · summarize (runs → Summary) · evaluateChecks · buildReportFiles (Summary → files)
 * `runScenario` (pipeline.ts) chains them; `compareScenarios` and `sweepScenario` run several.
 */
export { compareScenarios } from './analysis/compare.js';
export { sweepScenario } from './analysis/sweep.js';
export { simulateRun } from './engine/run.js';
export { simulate } from './engine/simulate.js';
export { compileModel, type Model } from './model/model.js';
export * from './pipeline.js';
export { loadScenario } from './scenario/index.js';
export { formatIssue, formatIssues, ScenarioError } from './scenario/issues.js';
export { type Scenario, scenarioJsonSchema } from './scenario/schema.js';
export { type CheckResult, evaluateChecks } from './stats/checks.js';
export { summarize } from './stats/summarize.js';
export type { CompareSummary, Summary, SweepSummary } from './stats/types.js';
