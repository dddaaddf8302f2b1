/**
 * The report stage: Summary → quantiles.csv · summary.json · manifest.json · charts (vega-lite,
 * SVG, PNG) · report.html, and the atomic writer; the same for a comparison (CompareSummary →
 * diff.csv …) and a sweep (SweepSummary → sweep.csv, tornado.csv …). Nothing here computes
 * statistics; it formats what the stats stage produced. vega and vega-lite load only when a chart is
 * rendered.
 */
export { type BuildOptions, buildReportFiles, type ChartFormat, chartFiles, manifestJson } from './build.js';
export { type CapReached, capReached } from './cap-reached.js';
export { buildCharts, CHARTS, type Chart, type VegaLiteSpec } from './charts/index.js';
export {
  buildCompareFiles,
  COMPARE_CHARTS,
  COMPARE_CSV_HEADER,
  type CompareBuildOptions,
  type CompareOptions,
  compareCharts,
  compareCsv,
  compareLead,
  compareReportHtml,
  compareSummaryJson,
} from './compare/index.js';
export { type ReportChart, type ReportCheck, type ReportHtmlOptions, reportHtml } from './html/index.js';
export { formatCsvNumber, QUANTILES_CSV_HEADER, quantilesCsv } from './quantiles-csv.js';
export { compileChart, renderPng, renderSvg } from './render.js';
export { ALL_KEY, summaryJson } from './summary-json.js';
export {
  buildSweepFiles,
  SWEEP_CSV_HEADER,
  type SweepBuildOptions,
  type SweepOptions,
  sweepCharts,
  sweepCsv,
  sweepLead,
  sweepParamLabel,
  sweepReportHtml,
  sweepSummaryJson,
  TORNADO_CSV_HEADER,
  tornadoCsv,
} from './sweep/index.js';
export { type OutputChunks, type OutputFile, type StreamedFile, writeOutputs } from './write-atomic.js';
