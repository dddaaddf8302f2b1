/**
 * Layers and tooltips that several charts draw the same way: the quantiles of a cell across runs as a
 * fan (median line, 25th–75th and 5th–95th bands) or, where the x values are not on a line, as a dot
 * with a thick and a thin bar. Data rows carry `p05`, `p25`, `p50`, `p75`, `p95`.
 */
import { type ColorScale, darkScale } from './scales.js';
import type { TooltipField } from './types.js';

/**
 * Tooltip lines for the median and the 5th–95th percentile (and the 25th–75th with `quartiles`).
 * @example quantileTooltip('Backlog (median)', ',.0f', { quartiles: true })
 */
export function quantileTooltip(
  median: string,
  format: string,
  opts: { quartiles?: boolean } = {},
): TooltipField[] {
  const at = (field: string, title: string): TooltipField => ({ field, type: 'quantitative', title, format });
  return [
    at('p50', median),
    ...(opts.quartiles ? [at('p25', '25th percentile'), at('p75', '75th percentile')] : []),
    at('p05', '5th percentile'),
    at('p95', '95th percentile'),
  ];
}

/** Where a band chart's y axis comes from: the title (with unit) and the axis properties. */
export interface BandAxis {
  title: string;
  axis: Record<string, unknown>;
}

/** The words that explain a band chart's marks, for the subtitle. */
export const BAND_EXPLAIN = {
  fan: 'dark band: middle 50% of runs (25th–75th percentile); light band: 90% of runs (5th–95th).',
  dots: 'thick bar: middle 50% of runs (25th–75th percentile); thin line: 90% of runs (5th–95th).',
} as const;

/**
 * The layers of a band chart. `fan` for values along a line (years, numbers): two areas and the
 * median line with dots; `dots` for separate values (names, or a single year, where an area has no
 * width): a thin 5th–95th bar, a thick 25th–75th bar and a dot at the median. `encoding` goes into
 * every layer (x and colour when the panel does not set them for all layers).
 */
export function bandLayers(
  kind: 'fan' | 'dots',
  y: BandAxis,
  tooltip: TooltipField[],
  encoding: Record<string, unknown> = {},
) {
  const low = { field: 'p05', type: 'quantitative' as const, title: y.title, axis: y.axis };
  const quartiles = { y: { field: 'p25', type: 'quantitative' as const }, y2: { field: 'p75' } };
  const median = { y: { field: 'p50', type: 'quantitative' as const } };
  if (kind === 'fan')
    return [
      {
        mark: { type: 'area' as const, opacity: 0.16 },
        encoding: { ...encoding, y: low, y2: { field: 'p95' } },
      },
      { mark: { type: 'area' as const, opacity: 0.32 }, encoding: { ...encoding, ...quartiles } },
      {
        mark: { type: 'line' as const, strokeWidth: 2.5, point: { filled: true, size: 45 } },
        encoding: { ...encoding, ...median, tooltip },
      },
    ];
  return [
    {
      mark: { type: 'rule' as const, strokeWidth: 2, opacity: 0.55 },
      encoding: { ...encoding, y: low, y2: { field: 'p95' }, tooltip },
    },
    {
      mark: { type: 'rule' as const, strokeWidth: 7, opacity: 0.7 },
      encoding: { ...encoding, ...quartiles, tooltip },
    },
    {
      mark: {
        type: 'point' as const,
        filled: true,
        size: 100,
        opacity: 1,
        stroke: '#222222',
        strokeWidth: 0.8,
      },
      encoding: { ...encoding, ...median, tooltip },
    },
  ];
}

/** The first tooltip lines of a per-group mark: the group, and its program when there are several. */
export function groupTooltip(severalPrograms: boolean): TooltipField[] {
  return [
    { field: 'groupName', type: 'nominal', title: 'Group' },
    ...(severalPrograms ? [{ field: 'program', type: 'nominal' as const, title: 'Program' }] : []),
  ];
}

/**
 * The y channel of a chart with one row per group (field `groupName`), in the order given: names as
 * labels, no ticks, no title. `axis` adds to the axis properties.
 */
export function groupRows(order: string[], axis: Record<string, unknown> = {}) {
  return {
    field: 'groupName',
    type: 'nominal' as const,
    sort: order,
    title: null,
    axis: { labelLimit: 260, ticks: false, labelPadding: 6, ...axis },
  };
}

/**
 * Labels past the end of a bar, on its outer side: two text layers, one right of `x` for rows where
 * the boolean field `right` holds and one left of it for the others. `encoding` holds y, x and text.
 */
export function sideLabelLayers(
  right: string,
  encoding: Record<string, unknown>,
  tooltip: TooltipField[],
  style: { dx: number; fontSize: number; dy?: number; filter?: string },
) {
  return [true, false].map((isRight) => ({
    transform: [
      ...(style.filter ? [{ filter: style.filter }] : []),
      { filter: isRight ? `datum.${right}` : `!datum.${right}` },
    ],
    mark: {
      type: 'text' as const,
      align: isRight ? ('left' as const) : ('right' as const),
      baseline: 'middle' as const,
      dx: isRight ? style.dx : -style.dx,
      ...(style.dy ? { dy: style.dy } : {}),
      fontSize: style.fontSize,
    },
    encoding: { ...encoding, color: { value: '#333333' }, tooltip },
  }));
}

/** The first tooltip lines of a per-year mark: the program when there are several, the fiscal year. */
export function yearTooltip(severalPrograms: boolean): TooltipField[] {
  return [
    ...(severalPrograms ? [{ field: 'program', type: 'nominal' as const, title: 'Program' }] : []),
    { field: 'period', type: 'ordinal', title: 'Fiscal year' },
  ];
}

/**
 * A 5th–95th percentile whisker in a dark shade of each bar's colour (the field `shade` holds the
 * same value as the bar's colour field): visible over the bar, and still telling the bars apart
 * when the median is 0 and there is no bar. `horizontal` for bars along x.
 */
export function darkWhisker(
  orient: 'horizontal' | 'vertical',
  scale: ColorScale,
  tooltip: TooltipField[],
  encoding: Record<string, unknown> = {},
) {
  const low = { field: 'p05', type: 'quantitative' as const };
  const high = { field: 'p95' };
  return {
    mark: { type: 'rule' as const, strokeWidth: 1.5 },
    encoding: {
      ...encoding,
      ...(orient === 'horizontal' ? { x: low, x2: high } : { y: low, y2: high }),
      stroke: { field: 'shade', type: 'nominal' as const, scale: darkScale(scale), legend: null },
      tooltip,
    },
  };
}
