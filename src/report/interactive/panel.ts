/**
 * The controls panel of report.html, as HTML: a slider and an exact-value box for every number, a
 * text box for a formula cap, a date box for a date, a list for a split's column and method; every
 * one labelled, each carrying its `--set` path (`data-path`) and the file's value (`data-file`).
 * The list starts folded, so the first chart stays near the lead on a phone; a link with values
 * opens it. The page's script (browser/page.ts) makes the controls rerun the scenario. Pure.
 */
import { formatCount } from '../charts/format.js';
import { escapeHtml } from '../html/escape.js';
import type { Control, ControlGroup } from './controls.js';

const KIND_TITLES: Record<ControlGroup['kind'], string> = {
  parameter: 'Parameters',
  cap: 'Caps and limits',
  split: 'Splits',
};

function controlHtml(group: ControlGroup, c: Control, n: string): string {
  const id = `control-${n}`;
  const name = `${group.title}: ${c.label}`;
  const data = `data-path="${escapeHtml(c.path)}" data-file="${escapeHtml(c.value)}"${c.quote ? ' data-quote="1"' : ''}`;
  const label = `<label for="${id}">${escapeHtml(c.label)}</label>`;
  if (c.kind === 'select') {
    const options = (c.options ?? [])
      .map(
        (o) =>
          `<option value="${escapeHtml(o.value)}"${o.value === c.value ? ' selected' : ''}>${escapeHtml(o.label)}</option>`,
      )
      .join('');
    return `<div class="control">${label}<select id="${id}" ${data}>${options}</select></div>`;
  }
  if (c.kind === 'number') {
    const range = `min="${c.min}" max="${c.max}" step="${c.step}"`;
    // the slider and the box show one value; the box takes values beyond the slider's range
    return `<div class="control control-number">${label}<input type="range" id="${id}" ${range} value="${escapeHtml(
      c.value,
    )}" ${data} data-pair="${id}-exact"><input type="number" id="${id}-exact" class="exact" step="any"${
      c.integer ? ' inputmode="numeric"' : ' inputmode="decimal"'
    } value="${escapeHtml(c.value)}" aria-label="${escapeHtml(`${name}, exact value`)}" ${data} data-pair="${id}"></div>`;
  }
  const type = c.kind === 'date' ? 'date' : 'text';
  return `<div class="control control-${type}">${label}<input type="${type}" id="${id}" value="${escapeHtml(
    c.value,
  )}" ${data}${type === 'text' ? ` spellcheck="false" title="${escapeHtml(c.value)}"` : ''}></div>`;
}

/**
 * The panel: its heading, what the controls do, the status line, reset and download, and the
 * controls by kind. Empty when there is nothing to control.
 * @example controlsPanel(scenarioControls(resolved), { runs: 1000, seed: '2022', file: 'x.yaml' })
 */
export function controlsPanel(
  groups: readonly ControlGroup[],
  run: { runs: number; seed: string; file: string; fileRuns?: number },
): string {
  const count = groups.reduce((n, g) => n + g.controls.length, 0);
  if (count === 0) return '';
  let n = 0;
  const kinds = (['parameter', 'cap', 'split'] as const)
    .map((kind) => {
      const of = groups.filter((g) => g.kind === kind);
      if (of.length === 0) return '';
      const sets = of
        .map((g) => {
          const controls = g.controls.map((c) => controlHtml(g, c, String(n++))).join('\n');
          return `<fieldset class="control-group" id="controls-${escapeHtml(g.id)}">
<legend>${escapeHtml(g.title)}</legend>
${g.description ? `<p class="note">${escapeHtml(g.description)}</p>\n` : ''}${controls}
</fieldset>`;
        })
        .join('\n');
      return `<h3>${KIND_TITLES[kind]}</h3>\n<div class="control-groups">\n${sets}\n</div>`;
    })
    .filter(Boolean)
    .join('\n');
  const file = run.file.split(/[\\/]/).pop() ?? run.file;
  // a file run of more runs than the page reruns: its own figures and quantiles.csv are not the page's
  const fewer =
    run.fileRuns !== undefined && run.fileRuns > run.runs
      ? ` The figures below come from the file's ${escapeHtml(formatCount(run.fileRuns))} runs; the page reruns ${escapeHtml(
          formatCount(run.runs),
        )}, so even the file's own values give slightly different figures here, and the quantiles.csv of ${escapeHtml(
          formatCount(run.fileRuns),
        )} runs is the one written beside this page.`
      : '';
  const csvLabel =
    fewer === ''
      ? 'Download quantiles.csv'
      : `Download quantiles.csv (${escapeHtml(formatCount(run.runs))} runs)`;
  return `<section id="controls" class="controls" aria-labelledby="controls-title">
<h2 id="controls-title">Try other values</h2>
<p class="note">Move a control and the scenario runs again in this page — ${escapeHtml(
    formatCount(run.runs),
  )} runs, seed ${escapeHtml(run.seed)}, no network — and every figure, chart and table below is redrawn for it, marked as modified. A control is the same as <code>visasim run ${escapeHtml(
    file,
  )} --set PATH=VALUE</code>; the address of the page keeps the values, so a link shows this view.${fewer}</p>
<div class="controls-bar">
<p class="controls-status" id="controls-status" role="status" aria-live="polite">Showing the scenario file's values.</p>
<button type="button" id="controls-reset" disabled>Reset to the file's values</button>
<button type="button" id="controls-csv">${csvLabel}</button>
</div>
<details id="controls-list">
<summary>${escapeHtml(`${count} values you can change`)}</summary>
${kinds}
</details>
</section>`;
}

export const CONTROLS_CSS = `
.controls { background: #f7f7f4; border: 1px solid var(--line); border-radius: 4px; padding: 4px 16px 12px; margin: 24px 0 0; }
.controls h2 { margin-top: 12px; }
.controls h3 { font-size: 15px; margin: 14px 0 6px; }
.controls-bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.controls-status { flex: 1 1 16em; margin: 0; font-size: 14px; }
.controls-status.busy { color: var(--muted); }
.controls-status.error { color: #922b21; white-space: pre-wrap; }
.controls button { font: inherit; font-size: 14px; color: #0a5a8c; background: #fff; border: 1px solid #9bb8cc; border-radius: 3px; padding: 3px 10px; cursor: pointer; }
.controls button:disabled { color: #767676; border-color: var(--line); cursor: default; }
.controls summary { cursor: pointer; font-weight: bold; margin: 4px 0; }
.control-groups { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 10px; }
.control-group { border: 1px solid var(--line); border-radius: 4px; background: #fff; margin: 0; padding: 6px 10px 8px; min-width: 0; }
.control-group legend { font-weight: bold; padding: 0 4px; overflow-wrap: anywhere; }
.control-group .note { margin: 0 0 4px; font-size: 12px; }
.control { display: grid; grid-template-columns: 6.5em minmax(0, 1fr) 6.5em; gap: 6px; align-items: center; margin: 4px 0; font-size: 14px; }
.control label { overflow-wrap: anywhere; }
.control input, .control select { font: inherit; min-width: 0; width: 100%; }
.control-text input, .control-date input, .control select { grid-column: 2 / 4; }
.control.changed label { font-weight: bold; }
.control.changed label::after { content: " •"; color: #922b21; }
@media print { .controls { display: none; } }
`;
