/** `tornado`: which uncertain parameter moves the headline figure most, one at a time. */
import type { SweepSummary } from '../../../core/types.js';
import { formatValue } from '../../cell-text.js';
import {
  BAR_PLOT_WIDTH,
  formatCount,
  frameWith,
  quantileTooltip,
  round6,
  sideLabelLayers,
  titleLines,
  topLegend,
  type VegaLiteSpec,
} from '../../charts/common.js';
import {
  axisFormat,
  formatParamValue,
  METRIC_NOUN,
  sortedTornado,
  sweepHead,
  tooltipFormat,
  tornadoFigure,
  VALUE_FORMAT,
} from '../common.js';

/** Whether an end's label goes right of its bar end. */
function sideOf(at: number, ref: number, other: number, end: 'low' | 'high'): boolean {
  if (at !== ref) return at > ref;
  if (other !== ref) return other < ref;
  return end === 'high';
}

/** One-at-a-time sensitivity: which uncertain parameter moves the headline figure most. */
export function tornadoChart(ss: SweepSummary): VegaLiteSpec | null {
  const bars = sortedTornado(ss);
  if (bars.length === 0) return null;
  const { label, metric } = tornadoFigure(ss);
  const base = ss.base && Number.isFinite(ss.base.p50) ? round6(ss.base.p50) : null;
  const ends = ['low', 'high'] as const;
  const endLabel = { low: 'parameter at its low end', high: 'parameter at its high end' };
  const values = bars.flatMap((t) =>
    ends.map((end) => {
      const s = end === 'low' ? t.low : t.high;
      const used = end === 'low' ? t.lowValue : t.highValue;
      const other = end === 'low' ? t.high.p50 : t.low.p50;
      return {
        parameter: t.parameter,
        end: endLabel[end],
        used: round6(used),
        usedText: `${end === 'low' ? 'low' : 'high'}: ${formatParamValue(used)}`,
        p05: round6(s.p05),
        p50: round6(s.p50),
        p95: round6(s.p95),
        // bars run from the base to this end's median; with no base, one bar from end to end
        from: round6(base ?? other),
        width: round6(Math.abs(t.high.p50 - t.low.p50)),
        // labels go past the end of the bar, on its outer side; an end that does not move the figure
        // is labelled on the side away from the other end (low left, high right when neither moves)
        right: sideOf(s.p50, base ?? other, other, end),
      };
    }),
  );
  const tooltip = [
    { field: 'parameter', type: 'nominal' as const, title: 'Parameter' },
    { field: 'end', type: 'nominal' as const, title: 'Fixed at' },
    { field: 'used', type: 'quantitative' as const, title: 'Value used', format: VALUE_FORMAT },
    ...quantileTooltip(`${label} (median)`, tooltipFormat(metric)),
  ];
  const y = {
    field: 'parameter',
    type: 'nominal' as const,
    sort: bars.map((t) => t.parameter),
    title: null,
    axis: { labelLimit: 220, ticks: false, labelPadding: 8, labelFontSize: 12, domain: false },
  };
  const colors = { domain: [endLabel.low, endLabel.high], range: ['#0072B2', '#E69F00'] };

  return frameWith(sweepHead(ss), {
    title: titleLines(`Which uncertain assumption moves ${METRIC_NOUN[metric]} most`),
    description: `One-at-a-time sensitivity of ${label} to each uncertain parameter.`,
    explain: [
      `${label}, median of ${formatCount(ss.runs)} runs, with one parameter fixed at its low or high end`,
      'and every other parameter drawn as usual. Labels: the value used. Widest bar on top.',
      ...(base !== null
        ? [`Black line: the median with every parameter drawn (${formatValue(metric, base)}).`]
        : []),
    ],
    panels: [
      {
        width: BAR_PLOT_WIDTH,
        height: { step: 30 },
        data: { values },
        layer: [
          {
            ...(base === null ? { transform: [{ filter: `datum.end === '${endLabel.low}'` }] } : {}),
            mark: { type: 'bar', height: { band: 0.62 } },
            encoding: {
              y,
              x: {
                field: 'p50',
                type: 'quantitative',
                title: `${label} (median)`,
                axis: { format: axisFormat(metric), tickCount: 5 },
                scale: { zero: false, padding: 80 },
              },
              x2: { field: 'from' },
              color:
                base === null
                  ? { value: '#999999' }
                  : {
                      field: 'end',
                      type: 'nominal',
                      scale: colors,
                      legend: topLegend(null, colors.domain, 'square'),
                    },
              tooltip,
            },
          },
          ...(base !== null
            ? [
                {
                  mark: { type: 'rule' as const, color: '#222222', strokeWidth: 1.5, aria: false },
                  encoding: { x: { datum: base, type: 'quantitative' as const } },
                },
              ]
            : []),
          // the low end's label a little above the row's middle, the high end's a little below: when
          // both ends fall on one side of the line they would otherwise print over each other
          ...ends.flatMap((end) =>
            sideLabelLayers(
              'right',
              {
                y,
                x: { field: 'p50', type: 'quantitative' as const },
                text: { field: 'usedText', type: 'nominal' as const },
              },
              tooltip,
              { dx: 5, fontSize: 10, dy: end === 'low' ? -6 : 6, filter: `datum.end === '${endLabel[end]}'` },
            ),
          ),
        ],
      },
    ],
  });
}
