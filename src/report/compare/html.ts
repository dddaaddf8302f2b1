/**
 * report.html of a comparison: both scenarios, a plain-language lead, the headline figures of A and B
 * with their change, the charts, a per-country table, the sources and assumptions of both, and the
 * manifest. Self-contained and offline like the single-scenario report (html/page.ts).
 */
import type { CellStats, CompareSummary, Metric, Summary } from '../../core/types.js';
import { resolvedOf, withRanges } from '../assumption-range.js';
import { formatValue } from '../cell-text.js';
import { horizonLabel } from '../charts/frame.js';
import {
  assumptionsSection,
  changesSection,
  chartsSection,
  figuresTable,
  headCell,
  leadBlock,
  manifestSection,
  modifiedBadge,
  note,
  RANGE_HEAD,
  type ReportChart,
  reportPage,
  section,
  sourcesSection,
  statusBadge,
  valueCells,
} from '../html/index.js';
import { escapeHtml } from '../html-assets.js';
import { modifiedSentence } from '../lead.js';
import { manifestModification, shownTitle } from '../modified.js';
import {
  both,
  type CompareOptions,
  compareRunsLabel,
  hasStats,
  headlineRow,
  issuedByGroupRows,
  mergedAssumptions,
  mergedSources,
  nameOf,
  programOf,
} from './common.js';
import { changeRangeText, compareLead, formatChange } from './lead.js';

/** The change's median (bold) and its range, as two cells. */
function changeCells(metric: Metric, d: CellStats | undefined): string {
  const ok = d !== undefined && hasStats(d);
  return `<td class="num"><strong>${escapeHtml(ok ? formatChange(metric, d.p50) : '–')}</strong></td><td class="num range">${escapeHtml(
    ok ? changeRangeText(metric, d) : '–',
  )}</td>`;
}

function headlineTable(cs: CompareSummary): string {
  const lines: string[] = [];
  for (const h of cs.a.headline) {
    const other = cs.b.headline.find((x) => x.key === h.key);
    if (!other) continue;
    const row = headlineRow(cs, h.program, h.pool, h.metric);
    lines.push(
      `<tr><th scope="row">${escapeHtml(h.label)}</th><td class="num">${escapeHtml(
        formatValue(h.metric, h.stats.p50),
      )}</td><td class="num">${escapeHtml(formatValue(other.metric, other.stats.p50))}</td>${changeCells(
        h.metric,
        row?.diff,
      )}</tr>`,
    );
  }
  if (lines.length === 0) return '';
  return section(
    'headline',
    'Headline figures',
    figuresTable(
      [
        headCell('Figure'),
        headCell('A (median)', 'num'),
        headCell('B (median)', 'num'),
        headCell('Change B − A', 'num'),
        headCell('90% of runs', 'num range'),
      ],
      lines,
    ),
    note(
      `Medians of ${compareRunsLabel(cs)}. The change is taken run by run (A and B use the same random numbers in each run), so it is the median of the differences, which need not equal B's median minus A's.`,
    ),
  );
}

function groupTable(cs: CompareSummary): string {
  const b = both(cs);
  const rows = issuedByGroupRows(cs).sort((x, y) => y.diff.p50 - x.diff.p50);
  if (rows.length === 0) return '';
  const several = new Set(rows.map((r) => r.program)).size > 1;
  const lines = rows.map(
    (r) =>
      `<tr>${several ? `<td>${escapeHtml(programOf(b, r.program))}</td>` : ''}<th scope="row">${escapeHtml(
        nameOf(b, r.group),
      )}</th>${valueCells('issued', r.a)}${valueCells('issued', r.b)}${changeCells('issued', r.diff)}</tr>`,
  );
  return section(
    'groups',
    'Visas issued per country',
    note(
      `Over ${b.horizon}, all pools together: median of ${compareRunsLabel(cs)}, and the range that holds 90% of runs.`,
    ),
    figuresTable(
      [
        ...(several ? [headCell('Program')] : []),
        headCell('Group'),
        headCell('A', 'num'),
        RANGE_HEAD,
        headCell('B', 'num'),
        RANGE_HEAD,
        headCell('Change B − A', 'num'),
        RANGE_HEAD,
      ],
      lines,
    ),
  );
}

/**
 * report.html of a comparison.
 * @example writeFileSync('report.html', compareReportHtml(cs, compareCharts(cs), manifest))
 */
export function compareReportHtml(
  cs: CompareSummary,
  charts: readonly ReportChart[],
  manifest: object,
  opts: CompareOptions = {},
): string {
  const { a, b } = cs;
  const { sources, tags } = mergedSources(cs);
  const lead = compareLead(cs);
  const modified = {
    A: manifestModification((manifest as { a?: object }).a ?? {}),
    B: manifestModification((manifest as { b?: object }).b ?? {}),
  };
  const scenario = (side: 'A' | 'B', s: Summary) =>
    `<dt>${side}</dt><dd><strong>${escapeHtml(shownTitle(s.scenario.title, modified[side]))}</strong> <code>${escapeHtml(
      s.scenario.id,
    )}</code> ${statusBadge(s.scenario.status)}${modifiedBadge(modified[side])}<br><span class="description">${escapeHtml(
      s.scenario.description,
    )}</span></dd>`;
  const title = opts.change ? `What changes if ${opts.change}` : 'What changes from scenario A to scenario B';
  return reportPage({
    title: `${b.scenario.title} compared with ${a.scenario.title} — visasim comparison`,
    header: `<p class="kicker">visasim comparison · scenarios <code>${escapeHtml(a.scenario.id)}</code> and <code>${escapeHtml(
      b.scenario.id,
    )}</code></p>
<h1>${escapeHtml(title)}</h1>
<dl class="scenarios">
${scenario('A', a)}
${scenario('B', b)}
</dl>
<p class="meta">${escapeHtml(compareRunsLabel(cs))} with the same random numbers, seed ${escapeHtml(cs.seed)} · ${escapeHtml(
      horizonLabel(a),
    )}</p>
${leadBlock([modifiedSentence(modified.A, 'scenario A'), modifiedSentence(modified.B, 'scenario B'), ...lead].filter(Boolean))}`,
    sections: [
      changesSection(modified.A, 'changes-a', 'What was changed in A'),
      changesSection(modified.B, 'changes-b', 'What was changed in B'),
      headlineTable(cs),
      chartsSection(charts),
      groupTable(cs),
      sourcesSection(sources, tags),
      assumptionsSection(
        withRanges(mergedAssumptions(cs), { a: resolvedOf(manifest, 'a'), b: resolvedOf(manifest, 'b') }),
      ),
      manifestSection(cs, manifest),
    ],
    charts,
  });
}
