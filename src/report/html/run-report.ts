/**
 * The content of a run's report.html. In: the Summary, the chart specs, the run manifest and the scenario's checks.
 * Out: one self-contained page (page.ts) with the scenario and its status, the headline figures with
 * their ranges, every chart, the issued, cap and unused per pool, the date each cap is reached, the
 * checks, the sources, the assumptions and the manifest. The same inputs give the same bytes
 * (manifest timings are left out for that reason).
 */
import type { Metric, Summary } from '../../core/types.js';
import { resolvedOf, withRanges } from '../assumption-range.js';
import { type CapReached, capReached, usedUpAtOnce } from '../cap-reached.js';
import { formatValue, rangeText } from '../cell-text.js';
import { formatCount } from '../charts/format.js';
import { horizonLabel, runsLabel } from '../charts/frame.js';
import { formatDate, formatDateRange, formatPeriodDates } from '../dates.js';
import { runLead } from '../lead.js';
import { manifestModification, shownTitle } from '../modified.js';
import { dailySection } from './daily.js';
import { escapeHtml } from './escape.js';
import { chartsSection, type ReportChart, statusBadge } from './figures.js';
import {
  assumptionsSection,
  changesSection,
  clampsSection,
  figuresTable,
  headCell,
  leadBlock,
  manifestSection,
  modifiedBadge,
  note,
  poolNames,
  RANGE_HEAD,
  section,
  sourcesSection,
  valueCells,
} from './sections.js';

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

function headlineSection(summary: Summary): string {
  if (summary.headline.length === 0) return '';
  const rows = summary.headline.map(
    (h) =>
      `<tr><th scope="row">${escapeHtml(h.label)}</th><td class="num">${escapeHtml(
        formatValue(h.metric, h.stats.p50),
      )}</td><td class="num">${escapeHtml(rangeText(h.metric, h.stats))}</td></tr>`,
  );
  return section(
    'headline',
    'Headline figures',
    figuresTable(
      [headCell('Figure'), headCell('Median', 'num'), headCell('90% of runs (5th–95th percentile)', 'num')],
      rows,
    ),
    note(`Across ${runsLabel(summary)} of the simulation (seed ${summary.seed}).`),
  );
}

function poolsSection(summary: Summary): string {
  const several = summary.programs.length > 1;
  const find = (program: string, pool: string, metric: Metric) =>
    summary.rows.find(
      (r) =>
        r.program === program && r.pool === pool && r.group === '' && r.period === '' && r.metric === metric,
    );
  const metrics: Metric[] = ['cap', 'issued', 'unused'];
  const lines = summary.programs
    .flatMap((p) => p.pools.map((pool) => ({ program: p.id, pool: pool.id })))
    .filter((ref) => metrics.some((m) => find(ref.program, ref.pool, m)))
    .map((ref) => {
      const names = poolNames(summary, ref.program, ref.pool);
      return `<tr>${several ? `<td>${escapeHtml(names.program)}</td>` : ''}<th scope="row">${escapeHtml(
        names.pool,
      )}</th>${metrics.map((m) => valueCells(m, find(ref.program, ref.pool, m)?.stats)).join('')}</tr>`;
    });
  if (lines.length === 0) return '';
  return section(
    'pools',
    'Issued, cap and unused per pool',
    note(
      `Over ${horizonLabel(summary)}, all groups together: median of ${runsLabel(summary)}, and the range that holds 90% of runs.`,
    ),
    figuresTable(
      [
        ...(several ? [headCell('Program')] : []),
        headCell('Pool'),
        headCell('Cap', 'num'),
        RANGE_HEAD,
        headCell('Issued', 'num'),
        RANGE_HEAD,
        headCell('Unused', 'num'),
        RANGE_HEAD,
      ],
      lines,
    ),
  );
}

/**
 * Issued, applicants and chance of a visa per group over the horizon: the numbers behind the
 * issued-by-group chart, for readers who cannot see it or want the exact figures.
 */
function groupsTable(summary: Summary): string {
  const several = summary.programs.length > 1;
  const find = (program: string, group: string, metric: Metric) =>
    summary.rows.find(
      (r) =>
        r.program === program && r.pool === '' && r.group === group && r.period === '' && r.metric === metric,
    );
  const metrics: Metric[] = ['issued', 'applicants', 'selection_rate'];
  const lines = summary.programs.flatMap((p) =>
    summary.groups
      .filter((g) => find(p.id, g.id, 'issued'))
      .map(
        (g) =>
          `<tr>${several ? `<td>${escapeHtml(p.title)}</td>` : ''}<th scope="row">${escapeHtml(g.name)}</th>${metrics
            .map((m) => valueCells(m, find(p.id, g.id, m)?.stats))
            .join('')}</tr>`,
      ),
  );
  if (lines.length === 0) return '';
  return `<div class="group-table">
<h3 id="groups-table">Per group, ${escapeHtml(horizonLabel(summary))}</h3>
${note(`Medians of ${runsLabel(summary)}, and the range that holds 90% of runs.`)}
${figuresTable(
  [
    ...(several ? [headCell('Program')] : []),
    headCell('Group'),
    headCell('Issued', 'num'),
    RANGE_HEAD,
    headCell('Applicants', 'num'),
    RANGE_HEAD,
    headCell('Chance of a number', 'num'),
    RANGE_HEAD,
  ],
  lines,
)}
</div>`;
}

/** "in every run", "in 62% of runs", "not reached in any run" */
function reachedShare(c: CapReached): string {
  if (c.share >= 1) return 'in every run';
  if (c.share <= 0) return 'not reached in any run';
  const pct = Math.round(c.share * 100);
  return `in ${pct === 0 ? '<1' : pct === 100 ? '>99' : pct}% of runs`;
}

/** One line of the "When each cap is reached" table (`receipt`: with the receipt-clock columns). */
function capLine(summary: Summary, c: CapReached, several: boolean, receipt: boolean): string {
  const names = poolNames(summary, c.program, c.pool);
  const period = c.dates
    ? `${escapeHtml(c.period)}<br><span class="range nowrap">${escapeHtml(formatPeriodDates(c.dates.start, c.dates.end))}</span>`
    : escapeHtml(c.period);
  let median = '–';
  let range = '–';
  if (c.reachedOn && usedUpAtOnce(c)) {
    // used up at once: the date is the period's first day, not a fill date to announce
    median = `${formatDate(c.reachedOn.p50)}: at once *`;
    range = formatDateRange(c.reachedOn.p05, c.reachedOn.p95);
  } else if (c.reachedOn) {
    median = formatDate(c.reachedOn.p50);
    range = formatDateRange(c.reachedOn.p05, c.reachedOn.p95);
  } else if (c.days) {
    // a summary without period dates: days from the start of the period
    median = formatValue('days_to_fill', c.days.p50);
    range = rangeText('days_to_fill', c.days);
  }
  // with two clocks, each clock's median and range share a cell, so the table fits a page's width
  const dateCell = (m: string, r: string) =>
    receipt
      ? `<td class="num"><strong>${escapeHtml(m)}</strong><br><span class="range nowrap">${escapeHtml(r)}</span></td>`
      : `<td class="num"><strong>${escapeHtml(m)}</strong></td><td class="num range">${escapeHtml(r)}</td>`;
  const byReceipt = !receipt
    ? ''
    : c.receiptOn
      ? dateCell(formatDate(c.receiptOn.p50), formatDateRange(c.receiptOn.p05, c.receiptOn.p95))
      : dateCell('–', '–');
  return `<tr>${several ? `<td>${escapeHtml(names.program)}</td>` : ''}<th scope="row">${escapeHtml(
    names.pool,
  )}</th><td>${period}</td>${byReceipt}${dateCell(median, range)}<td class="num">${escapeHtml(reachedShare(c))}</td></tr>`;
}

/** "When each cap is reached": the date agencies would announce, per pool and cap period. */
function capsSection(summary: Summary): string {
  const caps = capReached(summary);
  if (caps.length === 0) return '';
  const several = summary.programs.length > 1;
  const receipt = caps.some((c) => c.receiptOn !== undefined);
  const clock = receipt
    ? 'Two clocks: by receipt date — the day the applications that fill the cap were received (filed), which is the final receipt date USCIS announces — and by start date, the clock of the cap periods and windows; each gives the median, with the 90% range below it. '
    : 'The clock is the one the cap periods count in (start dates where a pool has start-date windows; the day the applications came in otherwise) — not necessarily the date an agency announces. ';
  return section(
    'caps',
    'When each cap is reached',
    note(
      `The date on which applications reached each cap: the median over the runs in which the cap was reached, and the range that holds 90% of those runs. ${clock}The last column says in how many of the ${formatCount(
        summary.runs,
      )} runs the cap was reached at all.`,
    ),
    figuresTable(
      [
        ...(several ? [headCell('Program')] : []),
        headCell('Pool'),
        headCell('Cap period'),
        ...(receipt
          ? [headCell('By receipt date', 'num'), headCell('By start date', 'num')]
          : [headCell('Cap reached (median)', 'num'), headCell('90% of runs', 'num range')]),
        headCell('How often', 'num'),
      ],
      caps.map((c) => capLine(summary, c, several, receipt)),
    ),
    caps.some(usedUpAtOnce)
      ? note(
          '* Reached within the first two days of its period: the numbers were used up as soon as they became available, by applicants already waiting (a backlog at the start, or filings made before the period opened). There is no later date an agency would announce; the line of applicants still waiting is in the headline figures.',
        )
      : '',
  );
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
  return section(
    'checks',
    'Checks stated in the scenario',
    note("Published numbers the scenario's results must reproduce."),
    `<ul class="checks">\n${checks.map(checkItem).join('\n')}\n</ul>`,
  );
}

/** The parts of a run's report page: the document title, the header (with the lead) and the sections. */
export interface RunReportParts {
  title: string;
  header: string;
  sections: string[];
}

/**
 * The content of report.html, without the page around it (page.ts): pure, so that the page can build
 * it again after its controls rerun the scenario (src/report/interactive/).
 */
export function runReportParts(
  summary: Summary,
  charts: readonly ReportChart[],
  manifest: object,
  opts: ReportHtmlOptions = {},
): RunReportParts {
  const { scenario } = summary;
  const modified = manifestModification(manifest);
  const title = shownTitle(scenario.title, modified);
  return {
    title: `${title} — visasim report`,
    header: `<p class="kicker">visasim report · scenario <code>${escapeHtml(scenario.id)}</code></p>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${statusBadge(scenario.status)}${modifiedBadge(modified)}
${escapeHtml(runsLabel(summary))}, seed ${escapeHtml(summary.seed)} · ${escapeHtml(horizonLabel(summary))}</p>
<p class="description">${escapeHtml(scenario.description)}</p>
${leadBlock(runLead(summary, modified))}`,
    sections: [
      changesSection(modified),
      headlineSection(summary),
      chartsSection(charts, { 'issued-by-group': groupsTable(summary) }),
      poolsSection(summary),
      capsSection(summary),
      dailySection(summary),
      checksSection(opts.checks),
      sourcesSection(scenario.sources),
      assumptionsSection(withRanges(scenario.assumptions, { a: resolvedOf(manifest) })),
      clampsSection(manifest),
      manifestSection(summary, manifest),
    ],
  };
}
