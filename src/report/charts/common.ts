/**
 * What every chart shares: the frame (title, subtitle, footer with sources and runs), the config
 * (font, sizes), fixed colour scales (one colour per group, pool and program across all charts) and
 * number formats. Charts read the Summary only; they never compute statistics (STYLE.md §8), they
 * pick rows and lay them out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Metric, QuantileRow, Summary } from '../../stats/types.js';

/** A vega-lite specification, as the charts emit it. */
export type VegaLiteSpec = TopLevelSpec;

/** One view of a vertical concatenation (a unit, layer or facet spec). */
export type PanelSpec = Extract<VegaLiteSpec, { vconcat: unknown }>['vconcat'][number];

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** DejaVu Sans is what render.ts hands to resvg, so SVG layout and PNG text agree; the rest are
 * fallbacks for browsers showing report.html on a machine without DejaVu. */
export const FONT_FAMILY = 'DejaVu Sans, Verdana, Arial, sans-serif';

/** Overall chart width in pixels (plot area plus axis labels). */
export const CHART_WIDTH = 700;
/** Plot width of a horizontal bar chart whose y labels are group names. */
export const BAR_PLOT_WIDTH = 440;
/** Plot width of a chart with a numeric y axis. */
export const PLOT_WIDTH = 620;

/** Paul Tol's "muted" qualitative scheme (colour-blind safe), in his recommended order. Groups get
 * colours by their index in `summary.groups`, so a country has the same colour in every chart. */
export const GROUP_PALETTE = [
  '#CC6677',
  '#332288',
  '#DDCC77',
  '#117733',
  '#88CCEE',
  '#882255',
  '#44AA99',
  '#999933',
  '#AA4499',
] as const;

/** Okabe–Ito (colour-blind safe) for pools and programs, darkest hues first; yellow left out, it is
 * unreadable on white. */
export const POOL_PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#000000',
] as const;

export const NUMBER_FORMAT = ',.0f';
export const PERCENT_FORMAT = '.0%';

const MUTED = '#555555';

/** Thousands separators for text that is not drawn by vega (subtitles, footers): 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Data values in specs: integers stay as they are, others keep 6 significant digits, so specs are
 * small and stable. */
export function round6(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(6));
}

/** Split text into lines of at most `width` characters at spaces (longer words stay whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A row index by cell, for looking up the cap or the share filled beside another metric. */
export function cellIndex(
  summary: Summary,
): (program: string, pool: string, group: string, period: string, metric: Metric) => QuantileRow | undefined {
  const index = new Map<string, QuantileRow>();
  for (const r of summary.rows)
    index.set(`${r.program}\u0000${r.pool}\u0000${r.group}\u0000${r.period}\u0000${r.metric}`, r);
  return (program, pool, group, period, metric) =>
    index.get(`${program}\u0000${pool}\u0000${group}\u0000${period}\u0000${metric}`);
}

/** Rows that carry a value in at least one run. */
export function hasValue(row: QuantileRow): boolean {
  return row.stats.n > 0 && Number.isFinite(row.stats.p50);
}

export function groupName(summary: Summary, id: string): string {
  return summary.groups.find((g) => g.id === id)?.name ?? id;
}

/** Colour scale for a field holding group ids: every group of the summary, in summary order. */
export function groupColorScale(summary: Summary): { domain: string[]; range: string[] } {
  const domain = summary.groups.map((g) => g.id);
  return { domain, range: domain.map((_, i) => GROUP_PALETTE[i % GROUP_PALETTE.length] ?? '#777777') };
}

export interface PoolRef {
  /** `program/pool`, unique across programs */
  key: string;
  program: string;
  pool: string;
  /** what readers see: the pool title, prefixed by the program title when there are several */
  label: string;
}

/** Every pool of every program, in declaration order. */
export function poolRefs(summary: Summary): PoolRef[] {
  const several = summary.programs.length > 1;
  return summary.programs.flatMap((p) =>
    p.pools.map((pool) => ({
      key: `${p.id}/${pool.id}`,
      program: p.id,
      pool: pool.id,
      label: several ? `${p.title}: ${pool.title}` : pool.title,
    })),
  );
}

/** The reference for a row's pool; pools missing from `summary.programs` get their id as label. */
export function poolRefOf(refs: PoolRef[], row: QuantileRow): PoolRef {
  return (
    refs.find((r) => r.program === row.program && r.pool === row.pool) ?? {
      key: `${row.program}/${row.pool}`,
      program: row.program,
      pool: row.pool,
      label: row.pool,
    }
  );
}

/** Colour scale for a field holding pool labels: every pool of the summary (fixed across charts). */
export function poolColorScale(refs: PoolRef[], extra: string[] = []): { domain: string[]; range: string[] } {
  const domain = [...refs.map((r) => r.label), ...extra.filter((l) => !refs.some((r) => r.label === l))];
  return { domain, range: domain.map((_, i) => POOL_PALETTE[i % POOL_PALETTE.length] ?? '#777777') };
}

/** A legend above the plot: one row when the labels fit in the chart width, else one per line. */
export function topLegend(title: string | null, labels: string[], symbolType?: string) {
  // ~7 px per character at 11 px, plus symbol and gap: keep the row within CHART_WIDTH
  const rowWidth = labels.reduce((w, l) => w + 7 * l.length + 40, 0);
  return {
    title,
    orient: 'top' as const,
    direction: rowWidth > CHART_WIDTH - 80 ? ('vertical' as const) : ('horizontal' as const),
    ...(symbolType ? { symbolType } : {}),
  };
}

/** A darker shade of a `#rrggbb` colour (for whiskers and ticks drawn over bars of that colour). */
export function darken(hex: string, factor = 0.55): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) =>
    Math.round(((n >> shift) & 0xff) * factor)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** Colour scale for a field holding program titles. */
export function programColorScale(summary: Summary): { domain: string[]; range: string[] } {
  const domain = summary.programs.map((p) => p.title);
  return { domain, range: domain.map((_, i) => POOL_PALETTE[i % POOL_PALETTE.length] ?? '#777777') };
}

export function programTitle(summary: Summary, id: string): string {
  return summary.programs.find((p) => p.id === id)?.title ?? id;
}

/** "FY2024–FY2028", or the single year. */
export function horizonLabel(summary: Summary): string {
  const first = summary.fiscalYears[0];
  const last = summary.fiscalYears[summary.fiscalYears.length - 1];
  if (first === undefined || last === undefined) return 'the whole horizon';
  return first === last ? first : `${first}–${last}`;
}

/** "1,000 runs" */
export function runsLabel(summary: Summary): string {
  return `${formatCount(summary.runs)} ${summary.runs === 1 ? 'run' : 'runs'}`;
}

/** First subtitle line: the scenario and its status, e.g. "300,000 US … · status: proposed". */
export function scenarioLine(summary: Summary): string {
  return `${summary.scenario.title} · status: ${summary.scenario.status}`;
}

/** At most this many footer lines for the sources; the rest are counted and left to report.html. */
const MAX_SOURCE_LINES = 3;
const FOOTER_WIDTH = 115;

/** Footer lines: the source titles (at most three lines) and the runs and seed. */
export function footerLines(summary: Summary): string[] {
  return sourceFooterLines(
    summary.scenario.sources.map((s) => s.title),
    `${runsLabel(summary)}, seed ${summary.seed} · made with visasim`,
  );
}

/**
 * Footer lines from source titles (at most three lines, the rest counted and left to report.html)
 * and a last line (runs and seed).
 */
export function sourceFooterLines(titles: readonly string[], last: string): string[] {
  if (titles.length === 0) return ['Sources: none given in the scenario.', last];
  for (let shown = titles.length; shown >= 1; shown--) {
    const rest = titles.length - shown;
    const text =
      rest === 0
        ? `Sources: ${titles.join('; ')}.`
        : `Sources: ${titles.slice(0, shown).join('; ')}; and ${rest} more listed in report.html.`;
    const lines = wrap(text, FOOTER_WIDTH);
    if (lines.length <= MAX_SOURCE_LINES || shown === 1) return [...lines.slice(0, MAX_SOURCE_LINES), last];
  }
  return [last];
}

/**
 * The footer as a title below the chart body: a title anchored at "start" lines up with the left edge
 * of everything drawn (axis labels included), which a text view cannot do, and it renders in SVG/PNG.
 */
function footerTitle(lines: string[]) {
  return {
    text: lines,
    orient: 'bottom' as const,
    anchor: 'start' as const,
    fontSize: 10,
    fontWeight: 'normal' as const,
    color: MUTED,
    lineHeight: 14,
    offset: 20,
  };
}

/** Vega-lite config shared by all charts. */
export function chartConfig(): NonNullable<VegaLiteSpec['config']> {
  return {
    font: FONT_FAMILY,
    background: 'white',
    view: { stroke: null },
    title: {
      anchor: 'start',
      fontSize: 17,
      fontWeight: 'bold',
      color: '#222222',
      subtitleFontSize: 12,
      subtitleColor: '#444444',
      subtitlePadding: 6,
      offset: 14,
    },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      titleColor: '#333333',
      labelColor: '#333333',
      gridColor: '#e4e4e4',
      domainColor: '#888888',
      tickColor: '#888888',
      labelOverlap: true,
      labelSeparation: 6,
    },
    header: { labelFontSize: 12, titleFontSize: 12 },
    legend: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      orient: 'top',
      labelLimit: 600,
      symbolOpacity: 1,
    },
    concat: { spacing: 22 },
  };
}

export interface FrameOptions {
  /** in words; lines when it is too long for one */
  title: string | string[];
  /** lines explaining the encoding ("bars: median of 1,000 runs …"), after the scenario line */
  explain: string[];
  panels: PanelSpec[];
  description: string;
  /** how the panels share scales and legends (vega-lite `resolve`) */
  resolve?: Extract<VegaLiteSpec, { vconcat: unknown }>['resolve'];
}

/** What a chart says about where its numbers come from: the scenario line(s) opening the subtitle
 * and the footer lines (sources, runs, seed). */
export interface FrameHead {
  /** e.g. ["300,000 US … · status: proposed"], or one line per scenario in a comparison */
  scenario: string[];
  footer: string[];
}

/** The head of a single-scenario chart. */
export function summaryHead(summary: Summary): FrameHead {
  return { scenario: [scenarioLine(summary)], footer: footerLines(summary) };
}

/** The full chart: title and subtitle on top, panels, then the footer. */
export function frame(summary: Summary, opts: FrameOptions): VegaLiteSpec {
  return frameWith(summaryHead(summary), opts);
}

/** `frame` for charts that are not about one Summary (comparisons, sweeps). */
export function frameWith(head: FrameHead, opts: FrameOptions): VegaLiteSpec {
  const subtitle = [...head.scenario, ...opts.explain].flatMap((l) => wrap(l, 100));
  const footer = footerTitle(head.footer);
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: opts.description,
    title: { text: opts.title, subtitle },
    padding: 16,
    config: chartConfig(),
    vconcat: [
      opts.resolve
        ? { title: footer, vconcat: opts.panels, resolve: opts.resolve }
        : { title: footer, vconcat: opts.panels },
    ],
  };
}
