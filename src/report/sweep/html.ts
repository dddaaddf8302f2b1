/**
 * report.html of a sweep: the scenario, a plain-language lead, the headline figures at each value,
 * the charts, the tornado table, sources, assumptions and the manifest (html/page.ts).
 */
import type { Headline, SweepSummary } from '../../core/types.js';
import { resolvedOf, withRanges } from '../assumption-range.js';
import { formatValue, rangeText } from '../cell-text.js';
import { formatCount } from '../charts/format.js';
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
  type ReportChart,
  reportPage,
  section,
  sourcesSection,
  statusBadge,
} from '../html/index.js';
import { escapeHtml } from '../html-assets.js';
import { modifiedSentence } from '../lead.js';
import { manifestModification, shownTitle } from '../modified.js';
import {
  formatParamValue,
  isFlat,
  pointValue,
  SWEEP_METRICS,
  type SweepOptions,
  sortedTornado,
  tornadoFigure,
} from './common.js';
import { leadParts } from './lead.js';

function leadHtml(ss: SweepSummary, opts: SweepOptions): string {
  const p = leadParts(ss, opts);
  const items = p.changes
    .map(
      ([l, a, b]) =>
        `<li>${escapeHtml(l)}: <span class="num">${escapeHtml(a)}</span> → <strong class="num">${escapeHtml(b)}</strong></li>`,
    )
    .join('\n');
  const body = [
    p.intro ? `<p>${escapeHtml(p.intro)}</p>` : '',
    items ? `<p>${escapeHtml(p.changesIntro)}</p>\n<ul>\n${items}\n</ul>` : '',
    p.unchanged.length > 0 ? `<p>The same at every value: ${escapeHtml(p.unchanged.join('; '))}.</p>` : '',
    p.tornado ? `<p>${escapeHtml(p.tornado)}</p>` : '',
  ].filter(Boolean);
  return body.length > 0 ? `<div class="lead">\n${body.join('\n')}\n</div>` : '';
}

function pointsTable(ss: SweepSummary): string {
  if (ss.points.length === 0) return '';
  const keys: Headline[] = [];
  for (const p of ss.points) for (const h of p.headline) if (!keys.some((k) => k.key === h.key)) keys.push(h);
  // figures that are the same at every value are said once in the lead, not repeated in a column
  const cols = keys.filter((k) => SWEEP_METRICS.includes(k.metric) && !isFlat(ss, k.metric));
  const rows = ss.points.map((p) => {
    const cells = cols
      .map((c) => {
        const h = p.headline.find((x) => x.key === c.key);
        if (!h || h.stats.n === 0) return '<td class="num">–</td>';
        return `<td class="num">${escapeHtml(formatValue(h.metric, h.stats.p50))}<br><span class="range">${escapeHtml(
          rangeText(h.metric, h.stats),
        )}</span></td>`;
      })
      .join('');
    return `<tr><th scope="row" class="num">${escapeHtml(pointValue(p))}</th>${cells}</tr>`;
  });
  return section(
    'points',
    'Headline figures at each value',
    note(
      `Median of ${formatCount(ss.runs)} runs, and below it the range that holds 90% of runs (5th–95th percentile).`,
    ),
    figuresTable(
      [
        `<th scope="col" class="wrap"><code>${escapeHtml(ss.param)}</code></th>`,
        ...cols.map((c) => headCell(c.label, 'num wrap')),
      ],
      rows,
    ),
  );
}

function tornadoTable(ss: SweepSummary): string {
  const bars = sortedTornado(ss);
  if (bars.length === 0) return '';
  const { label, metric } = tornadoFigure(ss);
  const rows = bars.map(
    (t) =>
      `<tr><th scope="row"><code>${escapeHtml(t.parameter)}</code></th><td class="num">${escapeHtml(
        formatParamValue(t.lowValue),
      )}</td><td class="num">${escapeHtml(formatValue(metric, t.low.p50))}</td><td class="num">${escapeHtml(
        formatParamValue(t.highValue),
      )}</td><td class="num">${escapeHtml(formatValue(metric, t.high.p50))}</td></tr>`,
  );
  return section(
    'tornado',
    'Which uncertain parameter matters most',
    note(
      `${label} (median) with one parameter fixed at its low or high end and every other one drawn as usual${
        ss.base ? `; with every parameter drawn it is ${formatValue(metric, ss.base.p50)}` : ''
      }. Widest swing first.`,
    ),
    figuresTable(
      [
        headCell('Parameter'),
        headCell('Low value', 'num'),
        headCell('Median at low', 'num'),
        headCell('High value', 'num'),
        headCell('Median at high', 'num'),
      ],
      rows,
    ),
  );
}

/**
 * report.html of a sweep.
 * @example writeFileSync('report.html', sweepReportHtml(ss, sweepCharts(ss), manifest))
 */
export function sweepReportHtml(
  ss: SweepSummary,
  charts: readonly ReportChart[],
  manifest: object,
  opts: SweepOptions = {},
): string {
  const { scenario } = ss;
  const modified = manifestModification(manifest);
  const title = shownTitle(scenario.title, modified);
  return reportPage({
    title: `${title} — visasim sweep of ${ss.param}`,
    header: `<p class="kicker">visasim sweep · scenario <code>${escapeHtml(scenario.id)}</code></p>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${statusBadge(scenario.status)}${modifiedBadge(modified)}
${escapeHtml(formatCount(ss.runs))} runs at each value of <code>${escapeHtml(ss.param)}</code>, seed ${escapeHtml(ss.seed)}</p>
<p class="description">${escapeHtml(scenario.description)}</p>
${leadBlock([modifiedSentence(modified, 'every run of this sweep')])}
${leadHtml(ss, opts)}`,
    sections: [
      changesSection(modified),
      pointsTable(ss),
      chartsSection(charts),
      tornadoTable(ss),
      sourcesSection(scenario.sources),
      assumptionsSection(withRanges(scenario.assumptions, { a: resolvedOf(manifest) })),
      manifestSection(ss, manifest),
    ],
    charts,
  });
}
