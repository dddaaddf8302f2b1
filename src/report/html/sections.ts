/**
 * Sections that every report (run, comparison, sweep) builds the same way: a titled section, a table
 * of figures with a median and its range, the sources with links, the assumptions marked as such, and
 * the run details. Everything that comes from a scenario is HTML-escaped here.
 */

import { type ClampNote, clampLine } from '../../core/clamp-note.js';
import type { CellStats, Metric, SourceRef, Summary } from '../../core/types.js';
import { formatValue, rangeText } from '../cell-text.js';
import { formatCount } from '../charts/format.js';
import type { Modification } from '../modified.js';
import { escapeHtml } from './escape.js';

/** A section of the report: its heading and body (HTML); `id` is the fragment it can be linked by. */
export function section(id: string, title: string, ...body: string[]): string {
  return `<section id="${escapeHtml(id)}">
<h2>${escapeHtml(title)}</h2>
${body.filter(Boolean).join('\n')}
</section>`;
}

/** The pool's own title and its program's, from the summary (ids when they are missing). */
export function poolNames(
  summary: Summary,
  program: string,
  pool: string,
): { program: string; pool: string } {
  const p = summary.programs.find((x) => x.id === program);
  return { program: p?.title ?? program, pool: p?.pools.find((x) => x.id === pool)?.title ?? pool };
}

/** A note under a heading or table (plain text). */
export function note(text: string): string {
  return `<p class="note">${escapeHtml(text)}</p>`;
}

/** The header cell over a 5th–95th percentile column. */
export const RANGE_HEAD = '<th scope="col" class="num range">5th–95th</th>';

/** A header cell (`cls` "num" for a column of numbers). Text is escaped. */
export function headCell(text: string, cls = ''): string {
  return `<th scope="col"${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</th>`;
}

/**
 * A table of figures: header cells and body rows given as HTML (`<th>`… and `<tr>`…), in a box that
 * scrolls sideways by itself when the table is wider than the page (on a phone), so the page never does.
 */
export function figuresTable(head: readonly string[], rows: readonly string[]): string {
  const table = `<table class="figures">
<thead><tr>${head.join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  return `<div class="table-wrap" tabindex="0">\n${table}\n</div>`;
}

/** Two cells: the median and the range that holds 90% of runs ("–" for a cell with no value). */
export function valueCells(metric: Metric, s: CellStats | undefined): string {
  if (!s || s.n === 0) return '<td class="num">–</td><td class="num range">–</td>';
  return `<td class="num">${escapeHtml(formatValue(metric, s.p50))}</td><td class="num range">${escapeHtml(
    rangeText(metric, s),
  )}</td>`;
}

/** The URL when it is http(s), else undefined (no javascript: links from a scenario). */
export function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** Scenario prose as HTML: escaped, with `code` in backticks set as code. */
export function proseHtml(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** What a source's confidence mark means, in words. */
const CONFIDENCE: Record<string, string> = {
  H: 'confidence high: a primary source, or two that agree',
  M: 'confidence medium: one reputable secondary source',
  L: 'confidence low: one weak source, to check before relying on it',
};

/** The site a link points to ("www.epi.org"), standing in for a publisher the scenario does not name. */
function hostOf(url: string | undefined): string | undefined {
  return url ? /^https?:\/\/([^/]+)/i.exec(url)?.[1] : undefined;
}

/**
 * The sources as readers can follow them: title (linked), publisher (or the site), date, whether a
 * link was recorded, the confidence in words and the note. `tags` adds a marker after a source (e.g. which scenario of a comparison
 * cites it), keyed by source id.
 */
export function sourcesSection(sources: readonly SourceRef[], tags?: ReadonlyMap<string, string>): string {
  if (sources.length === 0) return section('sources', 'Sources', '<p>The scenario cites no sources.</p>');
  const items = sources
    .map((s) => {
      const url = safeUrl(s.url);
      const title = url
        ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(s.title)}</a>`
        : escapeHtml(s.title);
      const meta = [s.publisher ?? hostOf(url), s.date ?? 'no date given'].filter((x): x is string =>
        Boolean(x),
      );
      const extra = [
        meta.map(escapeHtml).join(', '),
        url ? '' : 'no link recorded',
        s.confidence ? escapeHtml(CONFIDENCE[s.confidence] ?? `confidence ${s.confidence}`) : '',
        s.note ? proseHtml(s.note) : '',
      ].filter(Boolean);
      const tag = tags?.get(s.id);
      return `<li id="source-${escapeHtml(s.id)}">${title}${extra.length > 0 ? ` — ${extra.join('; ')}` : ''} <span class="id">[${escapeHtml(s.id)}]</span>${tag ? ` <span class="badge">${escapeHtml(tag)}</span>` : ''}</li>`;
    })
    .join('\n');
  return section('sources', 'Sources', `<ol class="sources">\n${items}\n</ol>`);
}

/** An assumption's text without an opening "Assumption." that the badge beside it already says. */
function withoutLabel(text: string): string {
  const rest = text.replace(/^assumption\s*[.:,;—–-]\s*/i, '');
  return rest === text ? text : rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * The scenario's assumptions, each marked as one with its range (what values the runs draw); `tag`
 * says which scenario states it.
 */
export function assumptionsSection(
  assumptions: readonly { id: string; text: string; tag?: string; range?: string }[],
): string {
  if (assumptions.length === 0) return '';
  const items = assumptions
    .map(
      (a) =>
        `<li><span class="badge assumption">Assumption</span>${a.tag ? ` <span class="badge">${escapeHtml(a.tag)}</span>` : ''} <code>${escapeHtml(a.id)}</code>: ${proseHtml(withoutLabel(a.text))}${
          a.range ? ` <span class="range-of">Range: ${escapeHtml(a.range)}.</span>` : ''
        }</li>`,
    )
    .join('\n');
  return section(
    'assumptions',
    'Assumptions',
    note(
      "These are choices made by the scenario's author, not facts from the sources. The results depend on them.",
    ),
    `<ul class="assumptions">\n${items}\n</ul>`,
  );
}

/**
 * The formulas that declare `clamp: true` (manifest.json `clamped`): in how many runs each was
 * clamped to its range, and where it is written. Nothing when no formula declares a clamp.
 */
export function clampsSection(manifest: object): string {
  const notes = pick(manifest, ['clamped']) as ClampNote[] | undefined;
  if (!Array.isArray(notes) || notes.length === 0) return '';
  const runs = Number(pick(manifest, ['runs']));
  const items = notes.map((n) => `<li>${escapeHtml(clampLine(n, runs))}</li>`).join('\n');
  return section(
    'clamped',
    'Clamped values',
    note(
      'These formulas declare clamp: true: where a parameter draw, year or month takes one outside its range, the value is set to the nearest end of the range. The more runs it happens in, the more the results rest on the clamp.',
    ),
    `<ul class="clamped">\n${items}\n</ul>`,
  );
}

/** The plain-language lead: a few sentences, each a paragraph. */
export function leadBlock(sentences: readonly string[]): string {
  if (sentences.length === 0) return '';
  return `<div class="lead" id="lead">\n${sentences.map((t) => `<p>${escapeHtml(t)}</p>`).join('\n')}\n</div>`;
}

/** A "Modified" badge beside the status when the run changed its scenario. */
export function modifiedBadge(m: Modification | undefined): string {
  return m ? ' <span class="badge status-modified">Modified</span>' : '';
}

/** "What was changed": every override, its value and who set it (--set or a file). */
export function changesSection(
  m: Modification | undefined,
  id = 'changes',
  title = 'What was changed',
): string {
  if (!m) return '';
  const rows = m.changes.map(
    (c) =>
      `<tr><th scope="row"><code>${escapeHtml(c.path)}</code></th><td><code>${escapeHtml(c.value)}</code></td><td>${escapeHtml(c.by)}</td></tr>`,
  );
  return section(
    id,
    title,
    note(
      `These values differ from ${m.base ? `the scenario file ${m.base}` : 'the scenario file'}: the figures below are for the changed scenario, not the file as published.`,
    ),
    figuresTable([headCell('Path'), headCell('Value'), headCell('Set by')], rows),
  );
}

function pick(obj: object, path: string[]): unknown {
  let v: unknown = obj;
  for (const k of path) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/**
 * A manifest without how it was executed (`execution`: threads, Node version, timings; `timings`),
 * at any depth — a comparison's manifest holds one per scenario. Those change from one run to the
 * next; leaving them out keeps report.html byte-identical for the same inputs.
 */
export function stableManifest(manifest: unknown): unknown {
  if (Array.isArray(manifest)) return manifest.map(stableManifest);
  if (!manifest || typeof manifest !== 'object') return manifest;
  return Object.fromEntries(
    Object.entries(manifest)
      .filter(([k]) => k !== 'execution' && k !== 'timings')
      .map(([k, v]) => [k, stableManifest(v)]),
  );
}

/** The run details: tool, seed, runs, generator and scenario hash, then the whole manifest. */
export function manifestSection(run: { seed: string; runs: number }, manifest: object): string {
  const stable = stableManifest(manifest);
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
