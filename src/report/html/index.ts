/**
 * report.html and the pieces every report page shares. page.ts: the self-contained page (libraries
 * inlined, specs embedded); sections.ts: titled sections, tables of figures, sources, assumptions and
 * the manifest; report.ts: the report of a run. The comparison and the sweep build their pages from
 * the same pieces (compare/html.ts, sweep/html.ts).
 */
export { chartsSection, type ReportChart, type ReportPage, reportPage, statusBadge } from './page.js';
export { type ReportCheck, type ReportHtmlOptions, reportHtml } from './report.js';
export { type RunReportParts, runReportParts } from './run-report.js';
export {
  assumptionsSection,
  changesSection,
  figuresTable,
  headCell,
  leadBlock,
  manifestSection,
  modifiedBadge,
  note,
  proseHtml,
  RANGE_HEAD,
  safeUrl,
  section,
  sourcesSection,
  valueCells,
} from './sections.js';
