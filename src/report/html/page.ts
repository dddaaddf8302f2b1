/**
 * The page every report shares: one self-contained HTML file that works offline. The header and
 * sections come from the report (run, comparison, sweep); this adds the document, the chart
 * containers, every spec in a `<script type="application/json">`, vega, vega-lite and vega-embed
 * inlined from node_modules (read at call time) and the embed script, which sets
 * `document.body.dataset.rendered` to "1" once every chart has rendered (or "error"). Nothing is
 * loaded from the network.
 */
import {
  embedScript,
  escapeHtml,
  escapeInlineScript,
  jsonForScript,
  REPORT_CSS,
  readBrowserLibraries,
} from '../html-assets.js';
import type { ReportChart } from './figures.js';

export { chartsSection, type ReportChart, statusBadge } from './figures.js';

export interface ReportPage {
  /** the document title (browser tab) */
  title: string;
  /** the HTML of the header, inside <header> */
  header: string;
  /** HTML sections of <main>, in order; empty strings are left out */
  sections: readonly string[];
  charts: readonly ReportChart[];
  /** more style rules, after the report's own */
  css?: string;
  /** more elements at the end of the body, after the charts' scripts (HTML) */
  scripts?: string;
}

const PAGE_FOOTER =
  "Made with visasim. Every figure is a Monte Carlo estimate from the scenario's own assumptions; it is not a forecast of what an agency will do.";

/**
 * A self-contained page: the given header and sections, then every chart's spec, the inlined
 * libraries and the embed script (when there are charts).
 */
export function reportPage(page: ReportPage): string {
  const { charts } = page;
  const specs = charts
    .map(
      (c) =>
        `<script type="application/json" id="spec-${escapeHtml(c.name)}">${jsonForScript(c.spec)}</script>`,
    )
    .join('\n');
  const libraries =
    charts.length > 0
      ? readBrowserLibraries()
          .map((lib) => `<script data-library="${lib.name}">\n${escapeInlineScript(lib.code)}\n</script>`)
          .join('\n')
      : '';
  // escaped: the standalone chart page it builds names the script element in its strings
  const embed =
    charts.length > 0
      ? `<script>\n${escapeInlineScript(embedScript(charts.map((c) => c.name)))}\n</script>`
      : '';
  const rendered = charts.length > 0 ? '' : ' data-rendered="1"';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="visasim">
<title>${escapeHtml(page.title)}</title>
<style>${REPORT_CSS}${page.css ?? ''}</style>
</head>
<body${rendered}>
<header>
${page.header}
</header>
<main>
${page.sections.filter(Boolean).join('\n')}
</main>
<footer>${PAGE_FOOTER}</footer>
${specs}
${libraries}
${embed}${page.scripts ? `\n${page.scripts}` : ''}
</body>
</html>
`;
}
