/** Every file `visasim compare` writes, as data (written by `writeOutputs`). */
import type { CompareSummary } from '../../core/types.js';
import { type ChartFormat, chartAndPageFiles, manifestJson } from '../build.js';
import type { OutputFile } from '../write-atomic.js';
import { compareCharts } from './charts/index.js';
import type { CompareOptions } from './common.js';
import { compareCsv } from './csv.js';
import { compareReportHtml } from './html.js';
import { compareSummaryJson } from './summary-json.js';

export interface CompareBuildOptions extends CompareOptions {
  /** chart formats, as for `buildReportFiles`; 'none' means no chart files and no report.html */
  charts: readonly ChartFormat[] | 'none';
}

/**
 * The output files of a comparison, in a fixed order: diff.csv, summary.json, manifest.json, then
 * per chart `charts/<name>.vl.json` (+ `.svg`, `.png`), then report.html.
 * @example await writeOutputs(dir, await buildCompareFiles(cs, manifest, { charts: ['svg', 'png', 'html'] }))
 */
export async function buildCompareFiles(
  cs: CompareSummary,
  manifest: object,
  opts: CompareBuildOptions,
): Promise<OutputFile[]> {
  const change = opts.change === undefined ? {} : { change: opts.change };
  return [
    { path: 'diff.csv', data: compareCsv(cs) },
    { path: 'summary.json', data: compareSummaryJson(cs) },
    { path: 'manifest.json', data: manifestJson(manifest) },
    ...(await chartAndPageFiles(
      opts.charts,
      () => compareCharts(cs, change),
      (charts) => compareReportHtml(cs, charts, manifest, change),
    )),
  ];
}
