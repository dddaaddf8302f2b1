/**
 * "Chance of getting a visa": the share of each group's applicants who were selected over the whole
 * horizon, program level, as a dot at the median with a 5th–95th percentile line. Rows: metric
 * 'selection_rate', pool '', period '', group set. One panel per program when there are several.
 */
import type { Summary } from '../../core/types.js';
import {
  BAR_PLOT_WIDTH,
  frame,
  groupColorScale,
  groupName,
  groupRows,
  groupTooltip,
  hasValue,
  horizonLabel,
  PERCENT_FORMAT,
  panelTitle,
  programTitle,
  quantileTooltip,
  round6,
  runsLabel,
  SHARE_TOOLTIP_FORMAT,
  type VegaLiteSpec,
} from './common.js';

export function selectionProbability(summary: Summary): VegaLiteSpec | null {
  const rows = summary.rows.filter(
    (r) => r.metric === 'selection_rate' && r.pool === '' && r.period === '' && r.group !== '' && hasValue(r),
  );
  if (rows.length === 0) return null;
  const several = new Set(rows.map((r) => r.program)).size > 1;

  const values = rows.map((r) => {
    return {
      group: r.group,
      groupName: groupName(summary, r.group),
      program: programTitle(summary, r.program),
      p05: round6(r.stats.p05),
      p50: round6(r.stats.p50),
      p95: round6(r.stats.p95),
      mean: round6(r.stats.mean),
    };
  });
  const programs = [...new Set(values.map((v) => v.program))];
  const tooltip = [
    ...groupTooltip(several),
    ...quantileTooltip('Selection rate (median)', SHARE_TOOLTIP_FORMAT),
  ];
  const color = { field: 'group', type: 'nominal' as const, scale: groupColorScale(summary), legend: null };
  const x = {
    type: 'quantitative' as const,
    scale: { domain: [0, 1] },
    title: 'share of applicants who got a visa',
    axis: { format: PERCENT_FORMAT, tickCount: 5 },
  };

  return frame(summary, {
    title: 'Chance of getting a visa, by country',
    description: `Share of each group's applicants selected over ${horizonLabel(summary)}.`,
    explain: [
      `Share of applicants selected over ${horizonLabel(summary)}, all pools together.`,
      `Dot and label: median of ${runsLabel(summary)}; line: 5th–95th percentile.`,
    ],
    panels: programs.map((program) => {
      const own = values.filter((v) => v.program === program);
      // Highest chance on top; ties keep the order of summary.groups.
      const order = [...own].sort((a, b) => b.p50 - a.p50).map((v) => v.groupName);
      return {
        ...(several ? { title: panelTitle(program) } : {}),
        width: BAR_PLOT_WIDTH,
        height: { step: 26 },
        data: { values: own },
        encoding: {
          y: groupRows(order, { labelPadding: 8, grid: true, gridDash: [2, 3] }),
          color,
        },
        layer: [
          {
            mark: { type: 'rule', strokeWidth: 3, opacity: 0.9 },
            encoding: { x: { field: 'p05', ...x }, x2: { field: 'p95' }, tooltip },
          },
          {
            mark: { type: 'point', filled: true, size: 110, opacity: 1, stroke: '#222222', strokeWidth: 0.8 },
            encoding: { x: { field: 'p50', type: 'quantitative' }, tooltip },
          },
          {
            mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: 11 },
            encoding: {
              x: { field: 'p95', type: 'quantitative' },
              text: { field: 'p50', type: 'quantitative', format: PERCENT_FORMAT },
              color: { value: '#333333' },
              tooltip,
            },
          },
        ],
      };
    }),
    resolve: { scale: { x: 'shared' } },
  });
}
