/** Every file `visasim sweep` writes, as data (written by `writeOutputs`). */
import type { SweepSummary } from '../../core/types.js';
import { type ChartFormat, chartAndPageFiles, manifestJson } from '../build.js';
import type { OutputFile } from '../write-atomic.js';
import { sweepCharts } from './charts/index.js';
import type { SweepOptions } from './common.js';
import { sweepCsv, tornadoCsv } from './csv.js';
import { sweepReportHtml } from './html.js';
import { sweepSummaryJson } from './summary-json.js';

export interface SweepBuildOptions extends SweepOptions {
  /** chart formats, as for `buildReportFiles`; 'none' means no chart files and no report.html */
  charts: readonly ChartFormat[] | 'none';
}

/**
 * The output files of a sweep, in a fixed order: sweep.csv, tornado.csv (when there is a tornado),
 * summary.json, manifest.json, then per chart `charts/<name>.vl.json` (+ `.svg`, `.png`), then
 * report.html.
 * @example await writeOutputs(dir, await buildSweepFiles(ss, manifest, { charts: ['svg', 'html'] }))
 */
export async function buildSweepFiles(
  ss: SweepSummary,
  manifest: object,
  opts: SweepBuildOptions,
): Promise<OutputFile[]> {
  const tornado = tornadoCsv(ss);
  const label = opts.paramLabel === undefined ? {} : { paramLabel: opts.paramLabel };
  return [
    { path: 'sweep.csv', data: sweepCsv(ss) },
    ...(tornado === '' ? [] : [{ path: 'tornado.csv', data: tornado }]),
    { path: 'summary.json', data: sweepSummaryJson(ss) },
    { path: 'manifest.json', data: manifestJson(manifest) },
    ...(await chartAndPageFiles(
      opts.charts,
      () => sweepCharts(ss, label),
      (charts) => sweepReportHtml(ss, charts, manifest, label),
    )),
  ];
}
