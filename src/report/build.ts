/**
 * Everything a run writes, as data: Summary + manifest → the list of output files (DESIGN.md §4).
 * Nothing is written here; `writeOutputs` does that atomically. Charts are rendered only in the
 * formats asked for, so `--charts none` never loads vega.
 */
import type { PhaseLog } from '../core/phases.js';
import type { Summary } from '../core/types.js';
import { chartThread } from './chart-thread.js';
import type { VegaLiteSpec } from './charts/common.js';
import { buildCharts, type Chart } from './charts/index.js';
import { dailyCsv } from './daily-csv.js';
import { type ReportCheck, reportHtml } from './html/index.js';
import { quantilesCsv } from './quantiles-csv.js';
import { referenceCsv } from './reference-csv.js';
import { renderPngAsync, renderSvg } from './render.js';
import { summaryJson } from './summary-json.js';
import type { OutputFile } from './write-atomic.js';

export type ChartFormat = 'svg' | 'png' | 'html';

export interface BuildOptions {
  /** chart formats to produce; `charts/*.vl.json` comes with any of them, and with none of them
   * (an empty list); 'none' means no chart files and no report.html */
  charts: readonly ChartFormat[] | 'none';
  /** the scenario's checks, shown in report.html */
  checks?: readonly ReportCheck[];
  /** where the time goes: tables, chart specs, the page, waiting for the drawings (`--timings`) */
  phases?: PhaseLog;
}

/** manifest.json text: the object as given, 2-space JSON with a trailing newline. */
export function manifestJson(manifest: object): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The files of some charts: per chart `charts/<name>.vl.json`, then `.svg` and `.png` when asked for.
 * @example files.push(...(await chartFiles(buildCharts(summary), new Set(['svg']))))
 */
export async function chartFiles(
  charts: readonly { name: string; spec: VegaLiteSpec }[],
  formats: ReadonlySet<ChartFormat>,
): Promise<OutputFile[]> {
  const files: (OutputFile | Promise<OutputFile>)[] = [];
  const drawn = formats.has('svg') || formats.has('png');
  // the chart thread (chart-thread.ts), when a run started one: every chart is asked for at once
  const thread = drawn ? chartThread() : undefined;
  for (const chart of charts) {
    files.push({ path: `charts/${chart.name}.vl.json`, data: `${JSON.stringify(chart.spec, null, 2)}\n` });
    if (!drawn) continue;
    if (thread) {
      const r = thread.render(chart.spec, formats.has('png'));
      // a thread that failed leaves the chart to this thread: the same code, the same bytes
      const svg = r.svg.catch(() => renderSvg(chart.spec));
      if (formats.has('svg')) files.push(svg.then((data) => ({ path: `charts/${chart.name}.svg`, data })));
      if (r.png) {
        const png = r.png.catch(() => svg.then(renderPngAsync));
        files.push(png.then((data) => ({ path: `charts/${chart.name}.png`, data })));
      }
      continue;
    }
    const svg = await renderSvg(chart.spec);
    if (formats.has('svg')) files.push({ path: `charts/${chart.name}.svg`, data: svg });
    // drawn on libuv's threads while the next chart's SVG is made here
    if (formats.has('png'))
      files.push(renderPngAsync(svg).then((data) => ({ path: `charts/${chart.name}.png`, data })));
  }
  // reported by Promise.all below, not as unhandled rejections first
  for (const f of files) if (f instanceof Promise) f.catch(() => undefined);
  return Promise.all(files);
}

/**
 * What follows the tables in every report (run, comparison, sweep): the chart files in the formats
 * asked for and, with 'html', the page; nothing for 'none', and the charts are built only then.
 * @example files.push(...(await chartAndPageFiles(opts.charts, () => buildCharts(s), (c) => reportHtml(s, c, m))))
 */
export async function chartAndPageFiles(
  charts: readonly ChartFormat[] | 'none',
  build: () => Chart[],
  page: (charts: Chart[]) => string,
  phases?: PhaseLog,
): Promise<OutputFile[]> {
  if (charts === 'none') return [];
  const formats = new Set(charts);
  const t0 = performance.now();
  const built = build();
  const t1 = performance.now();
  const drawing = chartFiles(built, formats);
  drawing.catch(() => undefined); // awaited below
  // the page is made while a chart thread draws
  const html = formats.has('html') ? page(built) : undefined;
  phases?.add('chart specs', t1 - t0, `${built.length} vega-lite specs`);
  if (html !== undefined)
    phases?.add('report page', performance.now() - t1, 'report.html, while the charts are drawn');
  const files = await drawing;
  if (html !== undefined) files.push({ path: 'report.html', data: html });
  return files;
}

/**
 * The output files of a run, in a fixed order: quantiles.csv, summary.json, manifest.json,
 * reference.csv (when the scenario has reference series), daily.csv (when a pool selects by the
 * final receipt date), then per
 * chart `charts/<name>.vl.json` (+ `.svg`, `.png`), then report.html.
 * @example await writeOutputs(dir, await buildReportFiles(summary, manifest, { charts: ['svg', 'html'] }))
 */
export async function buildReportFiles(
  summary: Summary,
  manifest: object,
  opts: BuildOptions,
): Promise<OutputFile[]> {
  // charts first: a chart thread draws them while the tables are made here
  const charts = chartAndPageFiles(
    opts.charts,
    () => buildCharts(summary),
    (charts) => reportHtml(summary, charts, manifest, opts.checks ? { checks: opts.checks } : {}),
    opts.phases,
  );
  charts.catch(() => undefined); // awaited below
  const t1 = performance.now();
  const reference = referenceCsv(summary);
  const daily = dailyCsv(summary);
  const tables = [
    { path: 'quantiles.csv', data: quantilesCsv(summary) },
    { path: 'summary.json', data: summaryJson(summary) },
    { path: 'manifest.json', data: manifestJson(manifest) },
    ...(reference !== undefined ? [{ path: 'reference.csv', data: reference }] : []),
    ...(daily !== undefined ? [{ path: 'daily.csv', data: daily }] : []),
  ];
  const t2 = performance.now();
  opts.phases?.add('tables', t2 - t1, 'quantiles.csv, summary.json and the other tables');
  const files = [...tables, ...(await charts)];
  const drawn = opts.charts !== 'none' && opts.charts.some((f) => f !== 'html');
  if (drawn)
    opts.phases?.add('charts', performance.now() - t2, 'waiting for the SVG/PNG drawings after the tables');
  return files;
}
