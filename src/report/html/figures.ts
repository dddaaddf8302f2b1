/**
 * The chart figures of a report page and the status badge: pure HTML from specs, so that the page's
 * own script can build them again after a rerun (src/report/interactive/).
 */
import type { VegaLiteSpec } from '../charts/common.js';
import { escapeHtml } from './escape.js';

export interface ReportChart {
  name: string;
  spec: VegaLiteSpec | object;
}

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
