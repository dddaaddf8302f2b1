/**
 * The outputs of `visasim compare A B`: charts, table, summary and report of a CompareSummary (two
 * scenarios run with the same seed, so run i of A and run i of B share their random numbers and the
 * difference B − A is taken run by run). Like the single-scenario outputs these only pick rows and
 * lay them out; every number comes from the stats stage.
 *
 * common.ts: both scenarios merged (groups, programs, sources, assumptions) and the chart head;
 * charts/: one file per chart; csv.ts: diff.csv; summary-json.ts; lead.ts: the comparison in words;
 * html.ts: report.html; build.ts: every file, in order.
 */
export { buildCompareFiles, type CompareBuildOptions } from './build.js';
export { COMPARE_CHARTS, compareCharts } from './charts/index.js';
export type { CompareOptions } from './common.js';
export { COMPARE_CSV_HEADER, compareCsv } from './csv.js';
export { compareReportHtml } from './html.js';
export { changeRangeText, compareLead, formatChange } from './lead.js';
export { compareSummaryJson } from './summary-json.js';
