/**
 * report.html of a run: the content (run-report.ts) in the self-contained page (page.ts).
 */
import type { Summary } from '../../core/types.js';
import type { ReportChart } from './figures.js';
import { reportPage } from './page.js';
import { type ReportHtmlOptions, runReportParts } from './run-report.js';

export type { ReportCheck, ReportHtmlOptions } from './run-report.js';

/**
 * The self-contained HTML report.
 * @example writeFileSync('report.html', reportHtml(summary, buildCharts(summary), manifest))
 */
export function reportHtml(
  summary: Summary,
  charts: readonly ReportChart[],
  manifest: object,
  opts: ReportHtmlOptions = {},
): string {
  return reportPage({ ...runReportParts(summary, charts, manifest, opts), charts });
}
