/**
 * The page every report shares: one self-contained HTML file that works offline. The header and
 * sections come from the report (run, comparison, sweep); this adds the document, the chart
 * containers, every spec in a `<script type="application/json">`, vega, vega-lite and vega-embed
 * inlined from node_modules (read at call time) and the embed script, which sets
 * `document.body.dataset.rendered` to "1" once every chart has rendered (or "error"). Nothing is
 * loaded from the network.
 */
import type { VegaLiteSpec } from '../charts/common.js';
import {
  embedScript,
  escapeHtml,
  escapeInlineScript,
  jsonForScript,
  REPORT_CSS,
  readBrowserLibraries,
} from '../html-assets.js';

export interface ReportChart {
  name: string;
  spec: VegaLiteSpec | object;
}

export interface ReportPage {
  /** the document title (browser tab) */
  title: string;
  /** the HTML of the header, inside <header> */
  header: string;
  /** HTML sections of <main>, in order; empty strings are left out */
  sections: readonly string[];
  charts: readonly ReportChart[];
}

const PAGE_FOOTER =
  "Made with visasim. Every figure is a Monte Carlo estimate from the scenario's own assumptions; it is not a forecast of what an agency will do.";

function chartTitle(spec: object, fallback: string): string {
  const title = (spec as { title?: unknown }).title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && 'text' in title) {
    const text = (title as { text: unknown }).text;
    return Array.isArray(text) ? text.join(' ') : String(text);
  }
  return fallback;
}

/** The buttons under each chart (the embed script does what they say). */
const DOWNLOADS: [string, string][] = [
  ['png', 'PNG'],
  ['svg', 'SVG'],
  ['csv', 'Data (CSV)'],
  ['html', 'Chart alone (HTML)'],
  ['open', 'Open alone'],
];

/**
 * The chart figures, each a container vega-embed fills; `after` puts HTML (a table of the same
 * numbers) right after a chart, by chart name.
 */
export function chartsSection(
  charts: readonly ReportChart[],
  after: Readonly<Record<string, string>> = {},
): string {
  if (charts.length === 0) return '';
  const figures = charts
    .map((c) => {
      const id = escapeHtml(c.name);
      const title = escapeHtml(chartTitle(c.spec, c.name));
      const description = (c.spec as { description?: unknown }).description;
      const words = typeof description === 'string' && description ? ` ${escapeHtml(description)}` : '';
      return `<figure class="chart" id="chart-${id}" aria-labelledby="caption-${id}">
<div class="vis" id="vis-${id}"></div>
<figcaption id="caption-${id}"><strong>${title}.</strong>${words} The same chart is in charts/${id}.svg and .png; its figures are in the tables of this report.</figcaption>
<p class="downloads">Take this chart: ${DOWNLOADS.map(
        ([get, label]) => `<button type="button" data-chart="${id}" data-get="${get}">${label}</button>`,
      ).join(' ')}</p>
</figure>${after[c.name] ? `\n${after[c.name]}` : ''}`;
    })
    .join('\n');
  return `<section id="charts">
<h2>Charts</h2>
${figures}
</section>`;
}

/** The status badge of a scenario. */
export function statusBadge(status: string): string {
  const statusClass = `status-${status.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
  return `<span class="badge ${escapeHtml(statusClass)}">Status: ${escapeHtml(status)}</span>`;
}

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
<style>${REPORT_CSS}</style>
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
${embed}
</body>
</html>
`;
}
