/**
 * The outputs of `visasim compare A B`: charts, table, summary and report of a CompareSummary (two
 * scenarios run with the same seed, so run i of A and run i of B share their random numbers and the
 * difference B − A is taken run by run). Like the single-scenario charts these only pick rows and
 * lay them out; every number comes from the stats stage.
 *
 * Charts: the visas each group gets under A and under B side by side; the change B − A per group with
 * its 5th–95th percentile; the change in the backlog at the end of each fiscal year as a fan.
 */
import type { CellStats, CompareRow, CompareSummary, Metric, SourceRef, Summary } from '../stats/types.js';
import { type ChartFormat, chartFiles, manifestJson } from './build.js';
import {
  BAR_PLOT_WIDTH,
  darken,
  type FrameHead,
  formatCount,
  frameWith,
  GROUP_PALETTE,
  horizonLabel,
  NUMBER_FORMAT,
  PLOT_WIDTH,
  POOL_PALETTE,
  round6,
  sourceFooterLines,
  topLegend,
  type VegaLiteSpec,
} from './charts/common.js';
import type { Chart } from './charts/index.js';
import {
  assumptionsSection,
  chartsSection,
  formatValue,
  isShare,
  manifestSection,
  type ReportChart,
  rangeText,
  reportPage,
  sourcesSection,
  statusBadge,
} from './html.js';
import { escapeHtml } from './html-assets.js';
import { type JsonValue, type OrderedObject, ordered, stringifyOrdered } from './ordered-json.js';
import { csvField, formatCsvNumber } from './quantiles-csv.js';
import type { OutputFile } from './write-atomic.js';

export interface CompareOptions {
  /**
   * What B changes, as the end of "What changes if …", e.g. "the Central American half is split by
   * encounters". Without it the titles say "from A to B" and the subtitles name both scenarios.
   */
  change?: string;
}

export interface CompareBuildOptions extends CompareOptions {
  /** chart formats, as for `buildReportFiles`; 'none' means no chart files and no report.html */
  charts: readonly ChartFormat[] | 'none';
}

// ---------------------------------------------------------------------------------------------------
// Shared pieces

/** The merged view of both scenarios' groups, programs and horizon (A's first, then B's extras). */
interface Both {
  groups: { id: string; name: string }[];
  programs: { id: string; title: string }[];
  fiscalYears: string[];
  horizon: string;
}

function both(cs: CompareSummary): Both {
  const groups = [...cs.a.groups];
  for (const g of cs.b.groups) if (!groups.some((x) => x.id === g.id)) groups.push(g);
  const programs = cs.a.programs.map((p) => ({ id: p.id, title: p.title }));
  for (const p of cs.b.programs) if (!programs.some((x) => x.id === p.id)) programs.push(p);
  return { groups, programs, fiscalYears: [...cs.a.fiscalYears], horizon: horizonLabel(cs.a) };
}

/** The group colour scale of the single-scenario charts of A (B's extra groups after A's). */
function groupScale(b: Both): { domain: string[]; range: string[] } {
  const domain = b.groups.map((g) => g.id);
  return { domain, range: domain.map((_, i) => GROUP_PALETTE[i % GROUP_PALETTE.length] ?? '#777777') };
}

function programScale(b: Both): { domain: string[]; range: string[] } {
  const domain = b.programs.map((p) => p.title);
  return { domain, range: domain.map((_, i) => POOL_PALETTE[i % POOL_PALETTE.length] ?? '#777777') };
}

const nameOf = (b: Both, id: string) => b.groups.find((g) => g.id === id)?.name ?? id;
const programOf = (b: Both, id: string) => b.programs.find((p) => p.id === id)?.title ?? id;

const hasStats = (s: CellStats) => s.n > 0 && Number.isFinite(s.p50);

/** "1,000 runs of each scenario, same random numbers, seed 2022" */
function compareRunsLabel(cs: CompareSummary): string {
  return `${formatCount(cs.runs)} ${cs.runs === 1 ? 'run' : 'runs'} of each scenario`;
}

/** The sources of both scenarios, each once (A's first), and which scenario cites each. */
function mergedSources(cs: CompareSummary): { sources: SourceRef[]; tags: Map<string, string> } {
  const sources: SourceRef[] = [];
  const tags = new Map<string, string>();
  for (const [side, summary] of [
    ['A', cs.a],
    ['B', cs.b],
  ] as const) {
    for (const s of summary.scenario.sources) {
      if (!sources.some((x) => x.id === s.id)) sources.push(s);
      tags.set(s.id, tags.has(s.id) ? 'A and B' : side);
    }
  }
  return { sources, tags };
}

/** The assumptions of both scenarios; one stated in both (same id and text) once, tagged "A and B". */
function mergedAssumptions(cs: CompareSummary): { id: string; text: string; tag: string }[] {
  const out = cs.a.scenario.assumptions.map((x) => ({ id: x.id, text: x.text, tag: 'A' }));
  for (const x of cs.b.scenario.assumptions) {
    const same = out.find((y) => y.id === x.id && y.text === x.text);
    if (same) same.tag = 'A and B';
    else out.push({ id: x.id, text: x.text, tag: 'B' });
  }
  return out;
}

/** Subtitle lines naming both scenarios, and the footer with both scenarios' sources. */
function compareHead(cs: CompareSummary): FrameHead {
  const { sources } = mergedSources(cs);
  return {
    scenario: [
      `A: ${cs.a.scenario.title} · status: ${cs.a.scenario.status}`,
      `B: ${cs.b.scenario.title} · status: ${cs.b.scenario.status}`,
    ],
    footer: sourceFooterLines(
      sources.map((s) => s.title),
      `${compareRunsLabel(cs)} with the same random numbers, seed ${cs.seed} · made with visasim`,
    ),
  };
}

/** Title lines: at most about 64 characters a line at the title's size. */
function titleLines(text: string): string | string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > 64) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.length === 1 ? (lines[0] ?? '') : lines;
}

/** Program-level issued rows per group over the whole horizon. */
function issuedByGroupRows(cs: CompareSummary): CompareRow[] {
  return cs.rows.filter(
    (r) =>
      r.metric === 'issued' &&
      r.pool === '' &&
      r.period === '' &&
      r.group !== '' &&
      hasStats(r.a) &&
      hasStats(r.b) &&
      // a group that gets no visa in any run of either scenario would be an empty row
      (r.a.max > 0 || r.b.max > 0),
  );
}

/** Axis labels of a change: "+40,000", "0", "−40,000". */
const SIGNED_AXIS = { format: NUMBER_FORMAT, labelExpr: "(datum.value > 0 ? '+' : '') + datum.label" };

/** "+12,345" / "−40,000" / "0", with the minus sign the charts use. */
function signedCount(x: number): string {
  const r = Math.round(x);
  if (r === 0) return '0';
  return `${r > 0 ? '+' : '−'}${formatCount(Math.abs(r))}`;
}

// ---------------------------------------------------------------------------------------------------
// Charts

/** A and B side by side: visas issued to each group over the horizon, all pools together. */
function compareIssuedByGroup(cs: CompareSummary): VegaLiteSpec | null {
  const rows = issuedByGroupRows(cs);
  if (rows.length === 0) return null;
  const b = both(cs);
  const sideLabel = { A: `A: ${cs.a.scenario.title}`, B: `B: ${cs.b.scenario.title}` };
  const values = rows.flatMap((r) =>
    (['A', 'B'] as const).map((side) => {
      const s = side === 'A' ? r.a : r.b;
      return {
        program: programOf(b, r.program),
        group: r.group,
        groupName: nameOf(b, r.group),
        side,
        scenario: sideLabel[side],
        p05: round6(s.p05),
        p50: round6(s.p50),
        p95: round6(s.p95),
        mean: round6(s.mean),
      };
    }),
  );
  const programs = [...new Set(values.map((v) => v.program))];
  const several = programs.length > 1;
  const tooltip = [
    { field: 'groupName', type: 'nominal' as const, title: 'Group' },
    ...(several ? [{ field: 'program', type: 'nominal' as const, title: 'Program' }] : []),
    { field: 'scenario', type: 'nominal' as const, title: 'Scenario' },
    { field: 'p50', type: 'quantitative' as const, title: 'Issued (median)', format: NUMBER_FORMAT },
    { field: 'p05', type: 'quantitative' as const, title: '5th percentile', format: NUMBER_FORMAT },
    { field: 'p95', type: 'quantitative' as const, title: '95th percentile', format: NUMBER_FORMAT },
  ];
  // A pale, B solid; the subtitle says what A and B are
  const opacity = {
    field: 'side',
    type: 'ordinal' as const,
    sort: ['A', 'B'],
    scale: { domain: ['A', 'B'], range: [0.4, 1] },
    legend: {
      title: 'Scenario',
      orient: 'top' as const,
      direction: 'horizontal' as const,
      symbolType: 'square',
      symbolFillColor: '#555555',
    },
  };

  return frameWith(compareHead(cs), {
    title: 'Who gets the visas in each scenario',
    description: `Visas issued to each group over ${b.horizon} under scenario A and scenario B.`,
    explain: [
      `Visas issued over ${b.horizon}, all pools together. Pale bars: A; solid bars: B.`,
      `Bars: median of ${compareRunsLabel(cs)}; whiskers: 5th–95th percentile.`,
    ],
    panels: programs.map((program, i) => {
      const own = values.filter((v) => v.program === program);
      const order = [...new Set([...own].sort((x, y) => y.p50 - x.p50).map((v) => v.groupName))];
      return {
        ...(several
          ? { title: { text: program, anchor: 'start' as const, frame: 'group' as const, fontSize: 13 } }
          : {}),
        width: BAR_PLOT_WIDTH,
        // with an offset channel the step is that of one bar (A or B), not of a group
        height: { step: 15 },
        data: { values: own },
        encoding: {
          y: {
            field: 'groupName',
            type: 'nominal',
            sort: order,
            title: null,
            axis: { labelLimit: 260, ticks: false, labelPadding: 6 },
            scale: { paddingInner: 0.3 },
          },
          yOffset: { field: 'side', type: 'nominal', sort: ['A', 'B'] },
        },
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              x: {
                field: 'p50',
                type: 'quantitative',
                title: i === programs.length - 1 ? `visas issued, ${b.horizon}` : null,
                axis: { format: NUMBER_FORMAT, tickCount: 5 },
              },
              color: { field: 'group', type: 'nominal', scale: groupScale(b), legend: null },
              opacity,
              tooltip,
            },
          },
          {
            mark: { type: 'rule', color: '#333333', strokeWidth: 1.2 },
            encoding: { x: { field: 'p05', type: 'quantitative' }, x2: { field: 'p95' }, tooltip },
          },
        ],
      };
    }),
    resolve: { scale: { x: 'shared' } },
  });
}

/** The change B − A in visas issued to each group, with its band and a zero line. */
function compareChangeByGroup(cs: CompareSummary, opts: CompareOptions): VegaLiteSpec | null {
  const rows = issuedByGroupRows(cs).filter((r) => hasStats(r.diff));
  if (rows.length === 0) return null;
  const b = both(cs);
  const values = rows.map((r) => {
    const d = r.diff;
    const up = d.p50 >= 0;
    return {
      program: programOf(b, r.program),
      group: r.group,
      groupName: nameOf(b, r.group),
      p05: round6(d.p05),
      p25: round6(d.p25),
      p50: round6(d.p50),
      p75: round6(d.p75),
      p95: round6(d.p95),
      mean: round6(d.mean),
      aP50: round6(r.a.p50),
      bP50: round6(r.b.p50),
      // where the label goes: past the end of the whisker on the side the change points to
      labelAt: round6(up ? Math.max(d.p95, 0) : Math.min(d.p05, 0)),
      label: d.p05 === 0 && d.p95 === 0 ? 'no change' : signedCount(d.p50),
      up,
      shade: r.group,
    };
  });
  const programs = [...new Set(values.map((v) => v.program))];
  const several = programs.length > 1;
  // room past the whiskers for the labels: a quarter of the span on each side that has bars
  const lo = Math.min(0, ...values.map((v) => v.p05));
  const hi = Math.max(0, ...values.map((v) => v.p95));
  const room = (hi - lo || 1) * 0.25;
  const domain = [round6(lo < 0 ? lo - room : 0), round6(hi > 0 ? hi + room : 0)];
  const scale = groupScale(b);
  const dark = { domain: scale.domain, range: scale.range.map((c) => darken(c)) };
  const tooltip = [
    { field: 'groupName', type: 'nominal' as const, title: 'Group' },
    ...(several ? [{ field: 'program', type: 'nominal' as const, title: 'Program' }] : []),
    { field: 'p50', type: 'quantitative' as const, title: 'Change B − A (median)', format: '+,.0f' },
    { field: 'p05', type: 'quantitative' as const, title: '5th percentile', format: '+,.0f' },
    { field: 'p95', type: 'quantitative' as const, title: '95th percentile', format: '+,.0f' },
    { field: 'aP50', type: 'quantitative' as const, title: 'Issued under A (median)', format: NUMBER_FORMAT },
    { field: 'bP50', type: 'quantitative' as const, title: 'Issued under B (median)', format: NUMBER_FORMAT },
  ];
  const title = opts.change ? `What changes if ${opts.change}` : 'What changes for each country from A to B';

  return frameWith(compareHead(cs), {
    title: titleLines(title),
    description: `Change in visas issued to each group over ${b.horizon}, scenario B minus scenario A.`,
    explain: [
      `Visas issued over ${b.horizon}: B minus A in the same simulated run (same random numbers).`,
      `Bars and labels: median change over ${compareRunsLabel(cs)}; whiskers: 5th–95th percentile.`,
      'Right of the line: more visas under B; left: fewer.',
    ],
    panels: programs.map((program, i) => {
      const own = values.filter((v) => v.program === program);
      const order = [...own].sort((x, y) => y.p50 - x.p50).map((v) => v.groupName);
      const y = {
        field: 'groupName',
        type: 'nominal' as const,
        sort: order,
        title: null,
        axis: { labelLimit: 260, ticks: false, labelPadding: 6, domain: false },
      };
      const text = (up: boolean) => ({
        transform: [{ filter: up ? 'datum.up' : '!datum.up' }],
        mark: {
          type: 'text' as const,
          align: up ? ('left' as const) : ('right' as const),
          baseline: 'middle' as const,
          dx: up ? 6 : -6,
          fontSize: 11,
        },
        encoding: {
          y,
          x: { field: 'labelAt', type: 'quantitative' as const },
          text: { field: 'label', type: 'nominal' as const },
          color: { value: '#333333' },
          tooltip,
        },
      });
      return {
        ...(several
          ? { title: { text: program, anchor: 'start' as const, frame: 'group' as const, fontSize: 13 } }
          : {}),
        width: BAR_PLOT_WIDTH,
        height: { step: 26 },
        data: { values: own },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.7 } },
            encoding: {
              y,
              x: {
                field: 'p50',
                type: 'quantitative',
                title: i === programs.length - 1 ? `change in visas issued (B − A), ${b.horizon}` : null,
                axis: { ...SIGNED_AXIS, tickCount: 6 },
                scale: { domain, nice: true },
              },
              color: { field: 'group', type: 'nominal', scale, legend: null },
              tooltip,
            },
          },
          {
            mark: { type: 'rule', strokeWidth: 1.5 },
            encoding: {
              y,
              x: { field: 'p05', type: 'quantitative' },
              x2: { field: 'p95' },
              stroke: { field: 'shade', type: 'nominal', scale: dark, legend: null },
              tooltip,
            },
          },
          {
            mark: { type: 'rule', color: '#222222', strokeWidth: 1.2 },
            encoding: { x: { datum: 0, type: 'quantitative' } },
          },
          text(true),
          text(false),
        ],
      };
    }),
    resolve: { scale: { x: 'shared' } },
  });
}

/** The change B − A in applicants still waiting at the end of each fiscal year, as a fan. */
function compareBacklogChange(cs: CompareSummary, opts: CompareOptions): VegaLiteSpec | null {
  const b = both(cs);
  const years = new Set(b.fiscalYears);
  const rows = cs.rows.filter(
    (r) =>
      r.metric === 'backlog' && r.pool === '' && r.group === '' && years.has(r.period) && hasStats(r.diff),
  );
  if (rows.length === 0) return null;
  const values = rows.map((r) => ({
    program: programOf(b, r.program),
    period: r.period,
    p05: round6(r.diff.p05),
    p25: round6(r.diff.p25),
    p50: round6(r.diff.p50),
    p75: round6(r.diff.p75),
    p95: round6(r.diff.p95),
    mean: round6(r.diff.mean),
    aP50: round6(r.a.p50),
    bP50: round6(r.b.p50),
  }));
  const several = new Set(values.map((v) => v.program)).size > 1;
  const scale = programScale(b);
  const color = {
    field: 'program',
    type: 'nominal' as const,
    scale,
    legend: several ? topLegend(null, scale.domain) : null,
  };
  const tooltip = [
    ...(several ? [{ field: 'program', type: 'nominal' as const, title: 'Program' }] : []),
    { field: 'period', type: 'ordinal' as const, title: 'Fiscal year' },
    { field: 'p50', type: 'quantitative' as const, title: 'Change B − A (median)', format: '+,.0f' },
    { field: 'p25', type: 'quantitative' as const, title: '25th percentile', format: '+,.0f' },
    { field: 'p75', type: 'quantitative' as const, title: '75th percentile', format: '+,.0f' },
    { field: 'p05', type: 'quantitative' as const, title: '5th percentile', format: '+,.0f' },
    { field: 'p95', type: 'quantitative' as const, title: '95th percentile', format: '+,.0f' },
    {
      field: 'aP50',
      type: 'quantitative' as const,
      title: 'Waiting under A (median)',
      format: NUMBER_FORMAT,
    },
    {
      field: 'bP50',
      type: 'quantitative' as const,
      title: 'Waiting under B (median)',
      format: NUMBER_FORMAT,
    },
  ];
  const x = {
    field: 'period',
    type: 'ordinal' as const,
    sort: b.fiscalYears,
    title: 'fiscal year',
    axis: { labelAngle: 0 },
    scale: { padding: 0.25 },
  };
  const title = opts.change
    ? `How the line of waiting applicants changes if ${opts.change}`
    : 'How the line of waiting applicants changes from A to B';

  return frameWith(compareHead(cs), {
    title: titleLines(title),
    description: 'Change in applicants waiting at the end of each fiscal year, scenario B minus scenario A.',
    explain: [
      'Applicants still waiting at the end of each fiscal year under B minus under A, run by run.',
      `Line: median change over ${compareRunsLabel(cs)};`,
      'dark band: middle 50% of runs (25th–75th percentile); light band: 90% of runs (5th–95th).',
      'Above the zero line: more people waiting under B; below: fewer.',
    ],
    panels: [
      {
        width: PLOT_WIDTH,
        height: 300,
        data: { values },
        layer: [
          {
            mark: { type: 'rule', color: '#222222', strokeWidth: 1.2 },
            encoding: { y: { datum: 0, type: 'quantitative' } },
          },
          {
            mark: { type: 'area', opacity: 0.16 },
            encoding: {
              x,
              y: {
                field: 'p05',
                type: 'quantitative',
                title: 'change in applicants waiting (B − A)',
                axis: SIGNED_AXIS,
              },
              y2: { field: 'p95' },
              color,
            },
          },
          {
            mark: { type: 'area', opacity: 0.32 },
            encoding: { x, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' }, color },
          },
          {
            mark: { type: 'line', strokeWidth: 2.5, point: { filled: true, size: 45 } },
            encoding: { x, y: { field: 'p50', type: 'quantitative' }, color, tooltip },
          },
        ],
      },
    ],
  });
}

/** The comparison charts, in reading order. */
export const COMPARE_CHARTS: readonly {
  name: string;
  build: (cs: CompareSummary, opts: CompareOptions) => VegaLiteSpec | null;
}[] = [
  { name: 'compare-issued-by-group', build: compareIssuedByGroup },
  { name: 'compare-change-by-group', build: compareChangeByGroup },
  { name: 'compare-backlog-change', build: compareBacklogChange },
];

/**
 * The charts of a comparison that have something to show.
 * @example compareCharts(cs).map((c) => c.name) // ['compare-issued-by-group', 'compare-change-by-group', …]
 */
export function compareCharts(cs: CompareSummary, opts: CompareOptions = {}): Chart[] {
  const out: Chart[] = [];
  for (const { name, build } of COMPARE_CHARTS) {
    const spec = build(cs, opts);
    if (spec) out.push({ name, spec });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Tables

const STATS = ['n', 'mean', 'sd', 'min', 'p05', 'p25', 'p50', 'p75', 'p95', 'max'] as const;

/** diff.csv columns: the cell, the medians of A and B, the change B − A, then the rest. */
export const COMPARE_CSV_HEADER = [
  'program',
  'pool',
  'group',
  'period',
  'metric',
  'a_p50',
  'b_p50',
  'diff_mean',
  'diff_p05',
  'diff_p50',
  'diff_p95',
  'diff_sd',
  'diff_min',
  'diff_p25',
  'diff_p75',
  'diff_max',
  'diff_n',
  'a_mean',
  'a_p05',
  'a_p95',
  'a_n',
  'b_mean',
  'b_p05',
  'b_p95',
  'b_n',
] as const;

/**
 * diff.csv: one line per cell present in both scenarios, in A's row order. `diff_*` describe the
 * per-run difference B − A (so diff_p50 need not equal b_p50 − a_p50).
 * @example compareCsv(cs).split('\n')[0] // 'program,pool,group,period,metric,a_p50,b_p50,diff_mean,…'
 */
export function compareCsv(cs: CompareSummary): string {
  const lines = cs.rows.map((r) => {
    const keys = [r.program, r.pool, r.group, r.period, r.metric].map(csvField);
    const n = (x: number) => formatCsvNumber(x);
    const numbers = [
      r.a.p50,
      r.b.p50,
      r.diff.mean,
      r.diff.p05,
      r.diff.p50,
      r.diff.p95,
      r.diff.sd,
      r.diff.min,
      r.diff.p25,
      r.diff.p75,
      r.diff.max,
      r.diff.n,
      r.a.mean,
      r.a.p05,
      r.a.p95,
      r.a.n,
      r.b.mean,
      r.b.p05,
      r.b.p95,
      r.b.n,
    ].map(n);
    return [...keys, ...numbers].join(',');
  });
  return `${[COMPARE_CSV_HEADER.join(','), ...lines].join('\n')}\n`;
}

function statsJson(s: CellStats): OrderedObject {
  return ordered(STATS.map((k) => [k, s[k]]));
}

function scenarioRef(s: Summary): OrderedObject {
  return ordered([
    ['id', s.scenario.id],
    ['title', s.scenario.title],
    ['status', s.scenario.status],
    ['description', s.scenario.description],
  ]);
}

/** The diff row of a whole-horizon, all-groups figure (what a headline figure reports). */
function headlineRow(
  cs: CompareSummary,
  program: string,
  pool: string,
  metric: Metric,
): CompareRow | undefined {
  return cs.rows.find(
    (r) =>
      r.program === program && r.pool === pool && r.group === '' && r.period === '' && r.metric === metric,
  );
}

/**
 * summary.json of a comparison: both scenarios, the headline figures of A and B with their change,
 * and every compared cell as `{ program, pool, group, period, metric, a, b, diff }` ('' = all).
 */
export function compareSummaryJson(cs: CompareSummary): string {
  const headline: JsonValue[] = [];
  for (const h of cs.a.headline) {
    const other = cs.b.headline.find((x) => x.key === h.key);
    if (!other) continue;
    const row = headlineRow(cs, h.program, h.pool, h.metric);
    headline.push(
      ordered([
        ['key', h.key],
        ['label', h.label],
        ['program', h.program],
        ['pool', h.pool],
        ['metric', h.metric],
        ['a', statsJson(h.stats)],
        ['b', statsJson(other.stats)],
        ['diff', row ? statsJson(row.diff) : null],
      ]),
    );
  }
  const doc = ordered([
    ['a', scenarioRef(cs.a)],
    ['b', scenarioRef(cs.b)],
    ['runs', cs.runs],
    ['seed', cs.seed],
    ['commonRandomNumbers', true],
    ['fiscalYears', [...cs.a.fiscalYears]],
    [
      'groups',
      both(cs).groups.map((g) =>
        ordered([
          ['id', g.id],
          ['name', g.name],
        ]),
      ),
    ],
    ['headline', headline],
    [
      'rows',
      cs.rows.map((r) =>
        ordered([
          ['program', r.program],
          ['pool', r.pool],
          ['group', r.group],
          ['period', r.period],
          ['metric', r.metric],
          ['a', statsJson(r.a)],
          ['b', statsJson(r.b)],
          ['diff', statsJson(r.diff)],
        ]),
      ),
    ],
  ]);
  return stringifyOrdered(doc);
}

// ---------------------------------------------------------------------------------------------------
// Report

/** A change as text: "+12,345", "−3.1 percentage points", "+4 days". */
function formatChange(metric: Metric, x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (isShare(metric)) {
    const pp = Math.round(x * 1000) / 10;
    if (pp === 0) return '0 percentage points';
    return `${pp > 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)} percentage points`;
  }
  const unit = metric === 'days_to_fill' ? ' days' : '';
  return `${signedCount(x)}${unit}`;
}

function changeRangeText(metric: Metric, s: CellStats): string {
  if (s.p05 === s.p95) return 'same in every run';
  if (isShare(metric)) {
    // the unit once: "+0.6 to +0.8 percentage points"
    const pp = (x: number) => {
      const v = Math.round(x * 1000) / 10;
      return v === 0 ? '0' : `${v > 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}`;
    };
    return `${pp(s.p05)} to ${pp(s.p95)} percentage points`;
  }
  return `${formatChange(metric, s.p05)} to ${formatChange(metric, s.p95)}`;
}

/** "12,345 more" / "12,345 fewer" / "the same number of" for a count change. */
function moreOrFewer(x: number): string {
  const r = Math.round(x);
  if (r === 0) return 'the same number of';
  return `${formatCount(Math.abs(r))} ${r > 0 ? 'more' : 'fewer'}`;
}

/** "(in 90% of runs between 10,000 and 14,000 more)", or a warning that it could go either way. */
function rangeClause(s: CellStats): string {
  if (s.p05 === s.p95) return s.p05 === 0 ? '' : ' in every run';
  const lo = Math.round(s.p05);
  const hi = Math.round(s.p95);
  if (lo >= 0) return ` (in 90% of runs between ${formatCount(lo)} and ${formatCount(hi)} more)`;
  if (hi <= 0) return ` (in 90% of runs between ${formatCount(-hi)} and ${formatCount(-lo)} fewer)`;
  return ` (in 90% of runs anywhere from ${formatCount(-lo)} fewer to ${formatCount(hi)} more: it could go either way)`;
}

/** The plain-language lead: what B does differently, in a few sentences. */
export function compareLead(cs: CompareSummary): string[] {
  const b = both(cs);
  const sentences: string[] = [];
  const programs = [...new Set(cs.rows.map((r) => r.program))];
  for (const program of programs) {
    const prefix = programs.length > 1 ? `${programOf(b, program)}: ` : '';
    const total = headlineRow(cs, program, '', 'issued');
    if (total && hasStats(total.diff)) {
      const d = total.diff;
      const same = Math.round(d.p50) === 0;
      sentences.push(
        same && d.p05 === 0 && d.p95 === 0
          ? `${prefix}Compared with A, B issues the same number of visas over ${b.horizon} in every run.`
          : same
            ? `${prefix}Compared with A, B issues as many visas over ${b.horizon} in the median run${rangeClause(d)}.`
            : `${prefix}Compared with A, B issues ${moreOrFewer(d.p50)} visas over ${b.horizon}${rangeClause(d)}.`,
      );
    }
    const groups = issuedByGroupRows(cs)
      .filter((r) => r.program === program && hasStats(r.diff) && Math.round(r.diff.p50) !== 0)
      .sort((x, y) => y.diff.p50 - x.diff.p50);
    const gains = groups.filter((r) => r.diff.p50 > 0).slice(0, 3);
    const losses = groups
      .filter((r) => r.diff.p50 < 0)
      .reverse()
      .slice(0, 3);
    const list = (rs: CompareRow[]) =>
      rs.map((r) => `${nameOf(b, r.group)} (${moreOrFewer(r.diff.p50)})`).join(', ');
    if (gains.length > 0 && losses.length > 0)
      sentences.push(`More go to ${list(gains)}; fewer to ${list(losses)}.`);
    else if (gains.length > 0) sentences.push(`More go to ${list(gains)}.`);
    else if (losses.length > 0) sentences.push(`Fewer go to ${list(losses)}.`);
    const unused = headlineRow(cs, program, '', 'unused');
    if (unused && hasStats(unused.diff) && Math.round(unused.diff.p50) !== 0)
      sentences.push(`B leaves ${moreOrFewer(unused.diff.p50)} visas unused${rangeClause(unused.diff)}.`);
    const last = b.fiscalYears[b.fiscalYears.length - 1];
    const backlog = cs.rows.find(
      (r) =>
        r.program === program &&
        r.pool === '' &&
        r.group === '' &&
        r.period === last &&
        r.metric === 'backlog',
    );
    if (backlog && hasStats(backlog.diff) && Math.round(backlog.diff.p50) !== 0)
      sentences.push(
        `At the end of ${last}, ${moreOrFewer(backlog.diff.p50)} applicants are still waiting${rangeClause(backlog.diff)}.`,
      );
  }
  return sentences;
}

function headlineTable(cs: CompareSummary): string {
  const lines: string[] = [];
  for (const h of cs.a.headline) {
    const other = cs.b.headline.find((x) => x.key === h.key);
    if (!other) continue;
    const row = headlineRow(cs, h.program, h.pool, h.metric);
    const d = row?.diff;
    lines.push(
      `<tr><th scope="row">${escapeHtml(h.label)}</th><td class="num">${escapeHtml(
        formatValue(h.metric, h.stats.p50),
      )}</td><td class="num">${escapeHtml(formatValue(other.metric, other.stats.p50))}</td><td class="num"><strong>${escapeHtml(
        d && hasStats(d) ? formatChange(h.metric, d.p50) : '–',
      )}</strong></td><td class="num range">${escapeHtml(d && hasStats(d) ? changeRangeText(h.metric, d) : '–')}</td></tr>`,
    );
  }
  if (lines.length === 0) return '';
  return `<section id="headline">
<h2>Headline figures</h2>
<table class="figures">
<thead><tr><th scope="col">Figure</th><th scope="col" class="num">A (median)</th><th scope="col" class="num">B (median)</th><th scope="col" class="num">Change B − A</th><th scope="col" class="num range">90% of runs</th></tr></thead>
<tbody>
${lines.join('\n')}
</tbody>
</table>
<p class="note">Medians of ${escapeHtml(compareRunsLabel(cs))}. The change is taken run by run (A and B use the same random numbers in each run), so it is the median of the differences, which need not equal B's median minus A's.</p>
</section>`;
}

function groupTable(cs: CompareSummary): string {
  const b = both(cs);
  const rows = issuedByGroupRows(cs).sort((x, y) => y.diff.p50 - x.diff.p50);
  if (rows.length === 0) return '';
  const programs = new Set(rows.map((r) => r.program));
  const several = programs.size > 1;
  const lines = rows.map(
    (r) =>
      `<tr>${several ? `<td>${escapeHtml(programOf(b, r.program))}</td>` : ''}<th scope="row">${escapeHtml(
        nameOf(b, r.group),
      )}</th><td class="num">${escapeHtml(formatValue('issued', r.a.p50))}</td><td class="num range">${escapeHtml(
        rangeText('issued', r.a),
      )}</td><td class="num">${escapeHtml(formatValue('issued', r.b.p50))}</td><td class="num range">${escapeHtml(
        rangeText('issued', r.b),
      )}</td><td class="num"><strong>${escapeHtml(
        hasStats(r.diff) ? formatChange('issued', r.diff.p50) : '–',
      )}</strong></td><td class="num range">${escapeHtml(hasStats(r.diff) ? changeRangeText('issued', r.diff) : '–')}</td></tr>`,
  );
  const range = '<th scope="col" class="num range">5th–95th</th>';
  return `<section id="groups">
<h2>Visas issued per country</h2>
<p class="note">Over ${escapeHtml(b.horizon)}, all pools together: median of ${escapeHtml(
    compareRunsLabel(cs),
  )}, and the range that holds 90% of runs.</p>
<table class="figures">
<thead><tr>${several ? '<th scope="col">Program</th>' : ''}<th scope="col">Group</th><th scope="col" class="num">A</th>${range}<th scope="col" class="num">B</th>${range}<th scope="col" class="num">Change B − A</th>${range}</tr></thead>
<tbody>
${lines.join('\n')}
</tbody>
</table>
</section>`;
}

/**
 * report.html of a comparison: both scenarios, a plain-language lead, the headline figures of A and B
 * with their change, the charts, a per-country table, the sources and assumptions of both, and the
 * manifest. Self-contained and offline like the single-scenario report.
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
  const scenario = (side: string, s: Summary) =>
    `<dt>${side}</dt><dd><strong>${escapeHtml(s.scenario.title)}</strong> <code>${escapeHtml(
      s.scenario.id,
    )}</code> ${statusBadge(s.scenario.status)}<br><span class="description">${escapeHtml(
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
${lead.length > 0 ? `<p class="lead">${escapeHtml(lead.join(' '))}</p>` : ''}`,
    sections: [
      headlineTable(cs),
      chartsSection(charts),
      groupTable(cs),
      sourcesSection(sources, tags),
      assumptionsSection(mergedAssumptions(cs)),
      manifestSection(cs, manifest),
    ],
    charts,
  });
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
  const files: OutputFile[] = [
    { path: 'diff.csv', data: compareCsv(cs) },
    { path: 'summary.json', data: compareSummaryJson(cs) },
    { path: 'manifest.json', data: manifestJson(manifest) },
  ];
  if (opts.charts === 'none') return files;
  const formats = new Set(opts.charts);
  const change = opts.change === undefined ? {} : { change: opts.change };
  const charts = compareCharts(cs, change);
  files.push(...(await chartFiles(charts, formats)));
  if (formats.has('html'))
    files.push({ path: 'report.html', data: compareReportHtml(cs, charts, manifest, change) });
  return files;
}
