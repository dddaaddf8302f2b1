/**
 * report.html of a run: the content (run-report.ts) in the self-contained page (page.ts). When the
 * manifest carries the resolved scenario (every run's does), the page is interactive: a controls
 * panel heads <main>, and the page carries the manifest, the worker that reruns the scenario and the
 * script that wires them (src/report/interactive/).
 */
import type { Summary } from '../../core/types.js';
import { scenarioControls } from '../interactive/controls.js';
import { CONTROLS_CSS, controlsPanel } from '../interactive/panel.js';
import { pageRuns } from '../interactive/rerun.js';
import { interactiveScripts } from '../interactive/scripts.js';
import { escapeInlineScript, jsonForScript } from './escape.js';
import type { ReportChart } from './figures.js';
import { reportPage } from './page.js';
import { type ReportHtmlOptions, runReportParts } from './run-report.js';

export type { ReportCheck, ReportHtmlOptions } from './run-report.js';

/** The controls panel and the scripts of an interactive page, or undefined when there is nothing to rerun. */
function interactive(manifest: object): { panel: string; scripts: string } | undefined {
  const scenario = (manifest as { scenario?: { resolved?: unknown; file?: unknown } }).scenario;
  if (!scenario?.resolved) return undefined;
  const panel = controlsPanel(scenarioControls(scenario.resolved), {
    runs: pageRuns(manifest),
    fileRuns: Number((manifest as { runs?: unknown }).runs) || pageRuns(manifest),
    seed: String((manifest as { seed?: unknown }).seed ?? ''),
    file: typeof scenario.file === 'string' ? scenario.file : '',
  });
  if (!panel) return undefined;
  const { worker, page } = interactiveScripts();
  // the manifest as it is written, minus how it was executed (so the page stays the same bytes)
  const { execution: _execution, ...stable } = manifest as Record<string, unknown>;
  return {
    panel,
    scripts: [
      `<script type="application/json" id="visasim-manifest">${jsonForScript(stable)}</script>`,
      `<script type="text/plain" id="visasim-worker">${escapeInlineScript(worker)}</script>`,
      `<script>\n${escapeInlineScript(page)}\n</script>`,
    ].join('\n'),
  };
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
  const parts = runReportParts(summary, charts, manifest, opts);
  const live = interactive(manifest);
  return reportPage({
    ...parts,
    ...(live ? { sections: [live.panel, ...parts.sections], css: CONTROLS_CSS, scripts: live.scripts } : {}),
    charts,
  });
}
