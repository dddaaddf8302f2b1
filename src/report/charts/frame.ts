/**
 * The frame every chart shares: title and subtitle on top (the scenario and its status, then what the
 * marks mean), the panels, and a footer with the sources and the runs and seed; the config (font,
 * sizes, colours of text and axes).
 */
import type { Summary } from '../../core/types.js';
import { countRuns, wrap } from './format.js';
import type { PanelSpec, VegaLiteSpec } from './types.js';

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

const MUTED = '#555555';
/** Subtitle lines are wrapped at this many characters (about the chart width at 12 px). */
const SUBTITLE_WIDTH = 100;

/** "FY2024–FY2028", or the single year. */
export function horizonLabel(summary: Pick<Summary, 'fiscalYears'>): string {
  const first = summary.fiscalYears[0];
  const last = summary.fiscalYears[summary.fiscalYears.length - 1];
  if (first === undefined || last === undefined) return 'the whole horizon';
  return first === last ? first : `${first}–${last}`;
}

/** "1,000 runs" */
export function runsLabel(summary: Pick<Summary, 'runs'>): string {
  return countRuns(summary.runs);
}

/**
 * Subtitle lines naming a scenario and its status, e.g. "300,000 US … · status: proposed". A title
 * too long for one line is wrapped so that "status: …" stays whole on the last line.
 */
export function scenarioLines(title: string, status: string): string[] {
  const tail = `status: ${status}`;
  const one = `${title} · ${tail}`;
  if (one.length <= SUBTITLE_WIDTH) return [one];
  const lines = wrap(title, SUBTITLE_WIDTH);
  const last = lines[lines.length - 1] ?? '';
  if (last.length + 3 + tail.length <= SUBTITLE_WIDTH) lines[lines.length - 1] = `${last} · ${tail}`;
  else lines.push(tail);
  return lines;
}

/** At most this many footer lines for the sources; the rest are counted and left to report.html. */
const MAX_SOURCE_LINES = 3;
const FOOTER_WIDTH = 115;

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

/** Footer lines of a single-scenario chart: the source titles and the runs and seed. */
export function footerLines(summary: Summary): string[] {
  return sourceFooterLines(
    summary.scenario.sources.map((s) => s.title),
    `${runsLabel(summary)}, seed ${summary.seed} · made with visasim`,
  );
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

/** The title of one panel of a chart (a pool, a program, "Per fiscal year"). */
export function panelTitle(text: string, subtitle?: string) {
  return {
    text,
    ...(subtitle ? { subtitle, subtitleFontSize: 11, subtitlePadding: 2 } : {}),
    anchor: 'start' as const,
    frame: 'group' as const,
    fontSize: 13,
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
  /** e.g. ["300,000 US … · status: proposed"], or lines per scenario in a comparison */
  scenario: string[];
  footer: string[];
}

/** The head of a single-scenario chart. */
export function summaryHead(summary: Summary): FrameHead {
  return {
    scenario: scenarioLines(summary.scenario.title, summary.scenario.status),
    footer: footerLines(summary),
  };
}

/** The full chart: title and subtitle on top, panels, then the footer. */
export function frame(summary: Summary, opts: FrameOptions): VegaLiteSpec {
  return frameWith(summaryHead(summary), opts);
}

/** `frame` for charts that are not about one Summary (comparisons, sweeps). */
export function frameWith(head: FrameHead, opts: FrameOptions): VegaLiteSpec {
  const subtitle = [...head.scenario, ...opts.explain].flatMap((l) => wrap(l, SUBTITLE_WIDTH));
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
