/**
 * The outputs of `visasim sweep`: charts, tables, summary and report of a SweepSummary (one run set
 * per value of a parameter, all with the same seed, plus an optional one-at-a-time tornado of the
 * uncertain parameters). Like the other outputs these only pick figures and lay them out.
 *
 * common.ts: the figures charted and their words, the parameter as text, the chart head, the
 * tornado's order; charts/: one file per chart; csv.ts: sweep.csv and tornado.csv; summary-json.ts;
 * lead.ts: the sweep in words; html.ts: report.html; build.ts: every file, in order.
 */
export { buildSweepFiles, type SweepBuildOptions } from './build.js';
export { sweepCharts } from './charts/index.js';
export { type SweepOptions, sweepParamLabel } from './common.js';
export { SWEEP_CSV_HEADER, sweepCsv, TORNADO_CSV_HEADER, tornadoCsv } from './csv.js';
export { sweepReportHtml } from './html.js';
export { sweepLead } from './lead.js';
export { sweepSummaryJson } from './summary-json.js';
