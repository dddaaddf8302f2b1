/** `sweep-<metric>`: one headline figure against the swept value, with its bands. */
import type { Metric, SweepSummary } from '../../../core/types.js';
import {
  BAND_EXPLAIN,
  bandLayers,
  formatCount,
  frameWith,
  PLOT_WIDTH,
  POOL_PALETTE,
  paletteScale,
  quantileTooltip,
  round6,
  titleLines,
  topLegend,
  type VegaLiteSpec,
} from '../../charts/common.js';
import {
  axisFormat,
  isNumericSweep,
  METRIC_AXIS,
  METRIC_NOUN,
  pointValue,
  series,
  sweepHead,
  titleCase,
  tooltipFormat,
  VALUE_FORMAT,
} from '../common.js';

/**
 * One headline figure against the swept value: for numbers a fan along the values (median line,
 * 25th–75th and 5th–95th bands); for other values (names), which are not on a line, dots with bars.
 */
export function sweepMetricChart(ss: SweepSummary, metric: Metric, paramLabel: string): VegaLiteSpec | null {
  const rows = series(ss, metric);
  if (rows.length === 0) return null;
  const programs = [...new Set(rows.map((r) => r.h.program))];
  const several = programs.length > 1;
  const label = several ? titleCase(METRIC_NOUN[metric].replace(/^the /, '')) : (rows[0]?.h.label ?? metric);
  const isNumeric = isNumericSweep(ss);
  const values = rows.map(({ point, h }) => ({
    program: h.program,
    value: point.value,
    ...(isNumeric ? { x: point.x } : {}),
    p05: round6(h.stats.p05),
    p25: round6(h.stats.p25),
    p50: round6(h.stats.p50),
    p75: round6(h.stats.p75),
    p95: round6(h.stats.p95),
    mean: round6(h.stats.mean),
  }));
  const xTitle = paramLabel === ss.param ? ss.param : `${paramLabel} (${ss.param})`;
  const xs = ss.points.map((p) => p.x ?? 0);
  const x = isNumeric
    ? {
        field: 'x',
        type: 'quantitative' as const,
        title: xTitle,
        scale: { zero: false, nice: false, padding: 16 },
        axis: {
          // the values as given: a tick format would round them to the tick step's precision
          labelExpr: `format(datum.value, '${VALUE_FORMAT}')`,
          grid: false,
          ...(xs.length <= 12 ? { values: xs } : { tickCount: 8 }),
        },
      }
    : {
        field: 'value',
        type: 'ordinal' as const,
        sort: ss.points.map((p) => p.value),
        title: xTitle,
        axis: { labelAngle: 0 },
        scale: { padding: 0.3 },
      };
  const scale = paletteScale(programs, POOL_PALETTE);
  const color = {
    field: 'program',
    type: 'nominal' as const,
    scale,
    legend: several ? topLegend(null, programs) : null,
  };
  const tooltip = [
    ...(several ? [{ field: 'program', type: 'nominal' as const, title: 'Program' }] : []),
    { field: 'value', type: 'nominal' as const, title: ss.param },
    ...quantileTooltip('Median', tooltipFormat(metric), { quartiles: true }),
  ];
  const first = ss.points[0] ?? { value: '' };
  const last = ss.points[ss.points.length - 1] ?? { value: '' };
  const span = isNumeric
    ? `as ${paramLabel} goes from ${pointValue(first)} to ${pointValue(last)}`
    : `for each value of ${paramLabel}`;
  const kind = isNumeric ? 'fan' : 'dots';

  return frameWith(sweepHead(ss), {
    title: titleLines(`${label}, ${span}`),
    description: `${label} for each value of ${ss.param}.`,
    explain: [
      `Each value: ${formatCount(ss.runs)} runs with the same seed. ${isNumeric ? 'Line' : 'Dot'}: median;`,
      BAND_EXPLAIN[kind],
    ],
    panels: [
      {
        width: PLOT_WIDTH,
        height: 300,
        data: { values },
        encoding: {
          x,
          color,
          ...(several && !isNumeric
            ? { xOffset: { field: 'program', type: 'nominal' as const, sort: programs } }
            : {}),
        },
        layer: bandLayers(
          kind,
          { title: METRIC_AXIS[metric], axis: { format: axisFormat(metric) } },
          tooltip,
        ),
      },
    ],
  });
}
