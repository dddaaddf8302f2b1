/**
 * "When a priority date is reached": the final action date (the Visa Bulletin's cut-off) of each
 * queue pool with a backlog, month by month, one line per group — the median over the runs in which
 * someone waits — with the 5th–95th percentile as a band. Rows: metric 'final_action_date', a pool
 * with such rows, group ≠ '' (each chargeability), period a month (YYYY-MM); values are day numbers
 * (days since 1970-01-01), drawn as dates. One panel per pool.
 */
import type { Summary } from '../../core/types.js';
import { isoOfDay } from '../../model/calendar.js';
import {
  cellIndex,
  frame,
  groupName,
  groupNameColor,
  hasValue,
  PLOT_WIDTH,
  panelTitle,
  poolRefOf,
  poolRefs,
  rowsByPool,
  runsLabel,
  SHARE_TOOLTIP_FORMAT,
  type VegaLiteSpec,
} from './common.js';

const MONTH = /^\d{4}-\d{2}$/;

export function finalActionDates(summary: Summary): VegaLiteSpec | null {
  const rows = summary.rows.filter(
    (r) => r.metric === 'final_action_date' && r.group !== '' && MONTH.test(r.period) && hasValue(r),
  );
  if (rows.length === 0) return null;
  const refs = poolRefs(summary);
  const cell = cellIndex(summary);
  const date = (day: number) => isoOfDay(Math.round(day));

  const panels = rowsByPool(rows).map(({ program, pool, rows: mine }) => {
    const values = mine.map((r) => {
      const current = cell(r.program, r.pool, r.group, r.period, 'current');
      return {
        month: `${r.period}-01`,
        group: r.group,
        groupName: groupName(summary, r.group),
        p05: date(r.stats.p05),
        p50: date(r.stats.p50),
        p95: date(r.stats.p95),
        runsWaiting: r.stats.n,
        current: current ? current.stats.mean : 0,
      };
    });
    // each group in its colour of every chart, named
    const ids = [...new Set(values.map((v) => v.group))];
    const color = groupNameColor(summary, ids);
    const x = {
      field: 'month',
      type: 'temporal' as const,
      title: 'month of the Visa Bulletin',
      axis: { format: '%b %Y', labelAngle: 0, tickCount: 8 },
    };
    const tooltip = [
      { field: 'groupName', type: 'nominal' as const, title: 'Group' },
      { field: 'month', type: 'temporal' as const, title: 'Month', format: '%B %Y' },
      { field: 'p50', type: 'temporal' as const, title: 'Final action date (median)', format: '%b %-d, %Y' },
      { field: 'p05', type: 'temporal' as const, title: '5th percentile', format: '%b %-d, %Y' },
      { field: 'p95', type: 'temporal' as const, title: '95th percentile', format: '%b %-d, %Y' },
      {
        field: 'current',
        type: 'quantitative' as const,
        title: 'Current ("C") in',
        format: SHARE_TOOLTIP_FORMAT,
      },
    ];
    return {
      title: panelTitle(poolRefOf(refs, { program, pool }).label),
      width: PLOT_WIDTH,
      height: 300,
      data: { values },
      encoding: { x, color },
      layer: [
        {
          mark: { type: 'area' as const, opacity: 0.2, interpolate: 'step-after' as const },
          encoding: {
            y: {
              field: 'p05',
              type: 'temporal' as const,
              title: 'final action date (priority date reached)',
              axis: { format: '%Y' },
              scale: { padding: 8 },
            },
            y2: { field: 'p95' },
          },
        },
        {
          mark: { type: 'line' as const, strokeWidth: 2.5, interpolate: 'step-after' as const },
          encoding: { y: { field: 'p50', type: 'temporal' as const }, tooltip },
        },
      ],
    };
  });

  return frame(summary, {
    title: 'When a priority date is reached: the final action date, month by month',
    description:
      'The final action date (cut-off) of each queue pool by group and month, median with the 5th–95th percentile band across runs.',
    explain: [
      `Each month, the priority date of the oldest applicant still waiting after the month's selections (the Visa Bulletin's final action date), by group. Line: median of ${runsLabel(summary)} in which someone waits; band: 90% of them (5th–95th percentile).`,
      'A line that rises moves the queue forward; a line that falls is a retrogression. A month in which nobody waits (the category is current) is left out.',
    ],
    panels,
  });
}
