/**
 * report.html: one self-contained file that works offline. In: the Summary, the chart specs and the
 * run manifest. Out: HTML text with vega, vega-lite and vega-embed inlined from node_modules (read at
 * call time), every spec in a `<script type="application/json">`, and `document.body.dataset.rendered`
 * set to "1" once every chart has rendered (or "error"). Nothing is loaded from the network; links to
 * sources are plain links. Everything from the scenario is HTML-escaped. The same inputs give the same
 * bytes (manifest timings are left out for that reason).
 */
import type { CellStats, Metric, SourceRef, Summary } from '../stats/types.js';
import type { VegaLiteSpec } from './charts/common.js';
import { formatCount, horizonLabel, poolRefs, runsLabel } from './charts/common.js';
import {
  embedScript,
  escapeHtml,
  escapeInlineScript,
  jsonForScript,
  REPORT_CSS,
  readBrowserLibraries,
} from './html-assets.js';

export interface ReportChart {
  name: string;
  spec: VegaLiteSpec | object;
}

/** What the report shows of a scenario check (stats/checks.ts CheckResult fits). */
export interface ReportCheck {
  ok: boolean;
  /** what was found, e.g. "holds" or "p50 is 52,964, expected 52,965" */
  message: string;
  check?: { description?: string; source?: string | readonly string[] | undefined };
}

export interface ReportHtmlOptions {
  checks?: readonly ReportCheck[];
}

export const isShare = (m: Metric): boolean => m === 'selection_rate' || m === 'filled';

/** A cell value as text: counts with thousands separators, shares as percentages, days with the unit. */
export function formatValue(metric: Metric, x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (isShare(metric)) return `${(x * 100).toFixed(1)}%`;
  if (metric === 'days_to_fill') return `${formatCount(x)} days`;
  return formatCount(x);
}

/** The 5th–95th percentile range as text, or "same in every run". */
export function rangeText(metric: Metric, s: CellStats): string {
  if (s.p05 === s.p95) return 'same in every run';
  return `${formatValue(metric, s.p05)} – ${formatValue(metric, s.p95)}`;
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

/** The URL when it is http(s), else undefined (no javascript: links from a scenario). */
export function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

function headlineSection(summary: Summary): string {
  if (summary.headline.length === 0) return '';
  const rows = summary.headline
    .map(
      (h) =>
        `<tr><th scope="row">${escapeHtml(h.label)}</th><td class="num">${escapeHtml(
          formatValue(h.metric, h.stats.p50),
        )}</td><td class="num">${escapeHtml(rangeText(h.metric, h.stats))}</td></tr>`,
    )
    .join('\n');
  return `<section id="headline">
<h2>Headline figures</h2>
<table class="figures">
<thead><tr><th scope="col">Figure</th><th scope="col" class="num">Median</th><th scope="col" class="num">90% of runs (5th–95th percentile)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">Across ${escapeHtml(runsLabel(summary))} of the simulation (seed ${escapeHtml(summary.seed)}).</p>
</section>`;
}

/** The chart figures, each a container vega-embed fills. */
export function chartsSection(charts: readonly ReportChart[]): string {
  if (charts.length === 0) return '';
  const figures = charts
    .map((c) => {
      const id = escapeHtml(c.name);
      const title = escapeHtml(chartTitle(c.spec, c.name));
      return `<figure class="chart" id="chart-${id}">
<div class="vis" id="vis-${id}" role="img" aria-label="${title}"></div>
<noscript><p>${title}: this chart needs JavaScript. The same chart is in charts/${id}.svg and .png.</p></noscript>
</figure>`;
    })
    .join('\n');
  return `<section id="charts">
<h2>Charts</h2>
${figures}
</section>`;
}

function poolsSection(summary: Summary): string {
  const several = summary.programs.length > 1;
  const find = (program: string, pool: string, metric: Metric) =>
    summary.rows.find(
      (r) =>
        r.program === program && r.pool === pool && r.group === '' && r.period === '' && r.metric === metric,
    );
  const cell = (program: string, pool: string, metric: Metric) => {
    const row = find(program, pool, metric);
    if (!row || row.stats.n === 0) return '<td class="num">–</td><td class="num range">–</td>';
    return `<td class="num">${escapeHtml(formatValue(metric, row.stats.p50))}</td><td class="num range">${escapeHtml(
      rangeText(metric, row.stats),
    )}</td>`;
  };
  const lines = poolRefs(summary)
    .filter((ref) => ['cap', 'issued', 'unused'].some((m) => find(ref.program, ref.pool, m as Metric)))
    .map((ref) => {
      const program = summary.programs.find((p) => p.id === ref.program);
      const pool = program?.pools.find((p) => p.id === ref.pool);
      const name = pool?.title ?? ref.pool;
      return `<tr>${several ? `<td>${escapeHtml(program?.title ?? ref.program)}</td>` : ''}<th scope="row">${escapeHtml(
        name,
      )}</th>${cell(ref.program, ref.pool, 'cap')}${cell(ref.program, ref.pool, 'issued')}${cell(
        ref.program,
        ref.pool,
        'unused',
      )}</tr>`;
    });
  if (lines.length === 0) return '';
  const range = '<th scope="col" class="num range">5th–95th</th>';
  return `<section id="pools">
<h2>Issued, cap and unused per pool</h2>
<p class="note">Over ${escapeHtml(horizonLabel(summary))}, all groups together: median of ${escapeHtml(
    runsLabel(summary),
  )}, and the range that holds 90% of runs.</p>
<table class="figures">
<thead><tr>${several ? '<th scope="col">Program</th>' : ''}<th scope="col">Pool</th><th scope="col" class="num">Cap</th>${range}<th scope="col" class="num">Issued</th>${range}<th scope="col" class="num">Unused</th>${range}</tr></thead>
<tbody>
${lines.join('\n')}
</tbody>
</table>
</section>`;
}

function checkItem(c: ReportCheck): string {
  const description = c.check?.description;
  const text = description ? (c.ok ? description : `${description} — ${c.message}`) : c.message;
  const sources = c.check?.source === undefined ? [] : [c.check.source].flat();
  const refs = sources
    .map((id) => ` <a class="id" href="#source-${escapeHtml(id)}">[${escapeHtml(id)}]</a>`)
    .join('');
  return `<li class="${c.ok ? 'ok' : 'failed'}"><span class="badge">${c.ok ? 'holds' : 'fails'}</span> ${escapeHtml(text)}${refs}</li>`;
}

function checksSection(checks: readonly ReportCheck[] | undefined): string {
  if (!checks || checks.length === 0) return '';
  return `<section id="checks">
<h2>Checks stated in the scenario</h2>
<p class="note">Published numbers the scenario's results must reproduce.</p>
<ul class="checks">
${checks.map(checkItem).join('\n')}
</ul>
</section>`;
}

/**
 * The sources with links. `tags` adds a marker after a source (e.g. which scenario of a comparison
 * cites it), keyed by source id.
 */
export function sourcesSection(sources: readonly SourceRef[], tags?: ReadonlyMap<string, string>): string {
  if (sources.length === 0)
    return '<section id="sources"><h2>Sources</h2><p>The scenario cites no sources.</p></section>';
  const items = sources
    .map((s) => {
      const url = safeUrl(s.url);
      const title = url
        ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(s.title)}</a>`
        : escapeHtml(s.title);
      const meta = [s.publisher, s.date].filter((x): x is string => Boolean(x)).map(escapeHtml);
      const extra = [
        meta.length > 0 ? meta.join(', ') : '',
        s.confidence ? `confidence ${escapeHtml(s.confidence)}` : '',
        s.note ? escapeHtml(s.note) : '',
      ].filter(Boolean);
      const tag = tags?.get(s.id);
      return `<li id="source-${escapeHtml(s.id)}">${title}${extra.length > 0 ? ` — ${extra.join('; ')}` : ''} <span class="id">[${escapeHtml(s.id)}]</span>${tag ? ` <span class="badge">${escapeHtml(tag)}</span>` : ''}</li>`;
    })
    .join('\n');
  return `<section id="sources">
<h2>Sources</h2>
<ol class="sources">
${items}
</ol>
</section>`;
}

/** The scenario's assumptions, each marked as one; `tag` says which scenario states it. */
export function assumptionsSection(
  assumptions: readonly { id: string; text: string; tag?: string }[],
): string {
  if (assumptions.length === 0) return '';
  const items = assumptions
    .map(
      (a) =>
        `<li><span class="badge assumption">Assumption</span>${a.tag ? ` <span class="badge">${escapeHtml(a.tag)}</span>` : ''} <code>${escapeHtml(a.id)}</code>: ${escapeHtml(a.text)}</li>`,
    )
    .join('\n');
  return `<section id="assumptions">
<h2>Assumptions</h2>
<p class="note">These are choices made by the scenario's author, not facts from the sources. The results depend on them.</p>
<ul class="assumptions">
${items}
</ul>
</section>`;
}

function pick(obj: object, path: string[]): unknown {
  let v: unknown = obj;
  for (const k of path) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** The run details: tool, seed, runs, generator and scenario hash, then the whole manifest. */
export function manifestSection(run: { seed: string; runs: number }, manifest: object): string {
  // Timings change on every run; leaving them out keeps report.html byte-identical for the same inputs.
  const { timings: _timings, execution: _execution, ...stable } = manifest as Record<string, unknown>;
  const facts: [string, unknown][] = [
    [
      'Tool',
      [pick(manifest, ['tool']), pick(manifest, ['version'])].filter((x) => x !== undefined).join(' '),
    ],
    ['Seed', run.seed],
    ['Runs', formatCount(run.runs)],
    ['Random number generator', pick(manifest, ['rng'])],
    ['Scenario sha256', pick(manifest, ['scenario', 'sha256']) ?? pick(manifest, ['sha256'])],
    ['Scenario file', pick(manifest, ['scenario', 'file'])],
  ];
  const dl = facts
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd><code>${escapeHtml(String(v))}</code></dd>`)
    .join('\n');
  return `<section id="manifest">
<details>
<summary>Run details (manifest)</summary>
<dl class="manifest">
${dl}
</dl>
<details>
<summary>Full manifest (without how it was executed: threads, timings)</summary>
<pre>${escapeHtml(JSON.stringify(stable, null, 2))}</pre>
</details>
</details>
</section>`;
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
  const embed = charts.length > 0 ? `<script>\n${embedScript(charts.map((c) => c.name))}\n</script>` : '';
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

/** The status badge of a scenario. */
export function statusBadge(status: string): string {
  const statusClass = `status-${status.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
  return `<span class="badge ${escapeHtml(statusClass)}">Status: ${escapeHtml(status)}</span>`;
}

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
  const { scenario } = summary;
  return reportPage({
    title: `${scenario.title} — visasim report`,
    header: `<p class="kicker">visasim report · scenario <code>${escapeHtml(scenario.id)}</code></p>
<h1>${escapeHtml(scenario.title)}</h1>
<p class="meta">${statusBadge(scenario.status)}
${escapeHtml(runsLabel(summary))}, seed ${escapeHtml(summary.seed)} · ${escapeHtml(horizonLabel(summary))}</p>
<p class="description">${escapeHtml(scenario.description)}</p>`,
    sections: [
      headlineSection(summary),
      chartsSection(charts),
      poolsSection(summary),
      checksSection(opts.checks),
      sourcesSection(scenario.sources),
      assumptionsSection(scenario.assumptions),
      manifestSection(summary, manifest),
    ],
    charts,
  });
}
