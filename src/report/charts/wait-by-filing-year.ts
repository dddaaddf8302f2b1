/**
 * "How long the line is": for each queue pool with a backlog, the months from filing (the priority
 * date) to selection, by filing year and group — the median over runs with the 25th–75th and
 * 5th–95th percentiles as bars — for those selected within the horizon. Rows: metric 'wait_months',
 * period `filed <year>`, group ≠ ''. One panel per pool; filing years with nobody selected in any
 * run are left out (their share served, 'served', is in quantiles.csv).
 */
import type { Summary } from '../../core/types.js';
import {
  BAND_EXPLAIN,
  bandLayers,
  cellIndex,
  frame,
  groupName,
  groupNameColor,
  hasValue,
  NUMBER_FORMAT,
  PLOT_WIDTH,
  panelTitle,
  poolRefOf,
  poolRefs,
  quantileTooltip,
  round6,
  rowsByPool,
  runsLabel,
  SHARE_TOOLTIP_FORMAT,
  type VegaLiteSpec,
} from './common.js';

const FILED = /^filed \d{4}$/;

export function waitByFilingYear(summary: Summary): VegaLiteSpec | null {
  const rows = summary.rows.filter(
    (r) => r.metric === 'wait_months' && r.group !== '' && FILED.test(r.period) && hasValue(r),
  );
  if (rows.length === 0) return null;
  const refs = poolRefs(summary);
  const cell = cellIndex(summary);
  const panels = rowsByPool(rows).map(({ program, pool, rows: mine }) => {
    const values = mine.map((r) => ({
      filed: r.period.replace('filed ', ''),
      group: r.group,
      groupName: groupName(summary, r.group),
      p05: round6(r.stats.p05),
      p25: round6(r.stats.p25),
      p50: round6(r.stats.p50),
      p75: round6(r.stats.p75),
      p95: round6(r.stats.p95),
      served: round6(cell(r.program, r.pool, r.group, r.period, 'served')?.stats.mean ?? Number.NaN),
    }));
    const years = [...new Set(values.map((v) => v.filed))].sort();
    const ids = [...new Set(values.map((v) => v.group))];
    const tooltip = [
      { field: 'groupName', type: 'nominal' as const, title: 'Group' },
      { field: 'filed', type: 'ordinal' as const, title: 'Filed in' },
      ...quantileTooltip('Months waited (median)', NUMBER_FORMAT, { quartiles: true }),
      {
        field: 'served',
        type: 'quantitative' as const,
        title: 'Selected by the end (mean)',
        format: SHARE_TOOLTIP_FORMAT,
      },
    ];
    return {
      title: panelTitle(poolRefOf(refs, { program, pool }).label),
      width: PLOT_WIDTH,
      height: 280,
      data: { values },
      encoding: {
        x: {
          field: 'filed',
          type: 'ordinal' as const,
          sort: years,
          title: 'year of filing (priority date)',
          axis: { labelAngle: 0 },
        },
        xOffset: { field: 'groupName', sort: ids.map((id) => groupName(summary, id)) },
        color: groupNameColor(summary, ids),
      },
      layer: bandLayers(
        'dots',
        { title: 'months from filing to selection', axis: { format: NUMBER_FORMAT } },
        tooltip,
      ),
    };
  });

  return frame(summary, {
    title: 'How long the line is: months from filing to selection, by year of filing',
    description:
      'Months from the priority date to selection, by filing year and group, median with the 25th–75th and 5th–95th percentiles across runs.',
    explain: [
      `Months from filing (the priority date) to selection, for those selected before the horizon ends, by the year they filed. Dot: median of ${runsLabel(summary)}; ${BAND_EXPLAIN.dots}`,
      'Those still waiting at the end are not in it: hover for the share of each filing year selected by then.',
    ],
    panels,
  });
}
