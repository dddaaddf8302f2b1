/**
 * "How large the backlog grows": applicants waiting at the end of each fiscal year, program level,
 * as a fan chart — 5th–95th percentile band, 25th–75th percentile band, median line — one colour per
 * program. Rows: metric 'backlog', pool '', group '', period in `summary.fiscalYears`.
 */
import type { Summary } from '../../stats/types.js';
import {
  frame,
  hasValue,
  NUMBER_FORMAT,
  PLOT_WIDTH,
  programColorScale,
  programTitle,
  round6,
  runsLabel,
  topLegend,
  type VegaLiteSpec,
} from './common.js';

export function backlogOverTime(summary: Summary): VegaLiteSpec | null {
  const years = new Set(summary.fiscalYears);
  const rows = summary.rows.filter(
    (r) => r.metric === 'backlog' && r.pool === '' && r.group === '' && years.has(r.period) && hasValue(r),
  );
  if (rows.length === 0) return null;
  const several = new Set(rows.map((r) => r.program)).size > 1;

  const values = rows.map((r) => ({
    program: programTitle(summary, r.program),
    period: r.period,
    p05: round6(r.stats.p05),
    p25: round6(r.stats.p25),
    p50: round6(r.stats.p50),
    p75: round6(r.stats.p75),
    p95: round6(r.stats.p95),
    mean: round6(r.stats.mean),
  }));
  const scale = programColorScale(summary);
  const color = {
    field: 'program',
    type: 'nominal' as const,
    scale,
    legend: several ? topLegend(null, scale.domain) : null,
  };
  const tooltip = [
    ...(several ? [{ field: 'program', type: 'nominal' as const, title: 'Program' }] : []),
    { field: 'period', type: 'ordinal' as const, title: 'Fiscal year' },
    { field: 'p50', type: 'quantitative' as const, title: 'Backlog (median)', format: NUMBER_FORMAT },
    { field: 'p25', type: 'quantitative' as const, title: '25th percentile', format: NUMBER_FORMAT },
    { field: 'p75', type: 'quantitative' as const, title: '75th percentile', format: NUMBER_FORMAT },
    { field: 'p05', type: 'quantitative' as const, title: '5th percentile', format: NUMBER_FORMAT },
    { field: 'p95', type: 'quantitative' as const, title: '95th percentile', format: NUMBER_FORMAT },
  ];

  return frame(summary, {
    title: 'How large the backlog grows',
    description: 'Applicants waiting at the end of each fiscal year, with uncertainty bands across runs.',
    explain: [
      `Applicants still waiting at the end of each fiscal year. Line: median of ${runsLabel(summary)};`,
      'dark band: middle 50% of runs (25th–75th percentile); light band: 90% of runs (5th–95th).',
    ],
    panels: [
      {
        width: PLOT_WIDTH,
        height: 320,
        data: { values },
        encoding: {
          x: {
            field: 'period',
            type: 'ordinal',
            sort: [...summary.fiscalYears],
            title: 'fiscal year',
            axis: { labelAngle: 0 },
            scale: { padding: 0.25 },
          },
          color,
        },
        layer: [
          {
            mark: { type: 'area', opacity: 0.16 },
            encoding: {
              y: {
                field: 'p05',
                type: 'quantitative',
                title: 'applicants waiting (backlog)',
                axis: { format: NUMBER_FORMAT },
              },
              y2: { field: 'p95' },
            },
          },
          {
            mark: { type: 'area', opacity: 0.32 },
            encoding: { y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } },
          },
          {
            mark: { type: 'line', strokeWidth: 2.5, point: { filled: true, size: 45 } },
            encoding: { y: { field: 'p50', type: 'quantitative' }, tooltip },
          },
        ],
      },
    ],
  });
}
