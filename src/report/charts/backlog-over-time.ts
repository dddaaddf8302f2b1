/**
 * "How large the backlog grows": applicants waiting at the end of each fiscal year, program level,
 * as a fan chart — 5th–95th percentile band, 25th–75th percentile band, median line — one colour per
 * program; a horizon of one fiscal year, where a band has no width, as a dot with bars. Rows: metric
 * 'backlog', pool '', group '', period in `summary.fiscalYears`.
 */
import type { Summary } from '../../core/types.js';
import {
  BAND_EXPLAIN,
  bandLayers,
  frame,
  hasValue,
  NUMBER_FORMAT,
  PLOT_WIDTH,
  programColor,
  programColorScale,
  programTitle,
  quantileTooltip,
  round6,
  runsLabel,
  type VegaLiteSpec,
  yearTooltip,
} from './common.js';

export function backlogOverTime(summary: Summary): VegaLiteSpec | null {
  const years = new Set(summary.fiscalYears);
  const rows = summary.rows.filter(
    (r) => r.metric === 'backlog' && r.pool === '' && r.group === '' && years.has(r.period) && hasValue(r),
  );
  if (rows.length === 0) return null;
  const several = new Set(rows.map((r) => r.program)).size > 1;
  const kind = years.size > 1 ? 'fan' : 'dots';

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
  const color = programColor(programColorScale(summary), several);
  const tooltip = [
    ...yearTooltip(several),
    ...quantileTooltip('Backlog (median)', NUMBER_FORMAT, { quartiles: true }),
  ];

  return frame(summary, {
    title:
      kind === 'fan'
        ? 'How large the backlog grows'
        : `Applicants still waiting at the end of ${summary.fiscalYears[0] ?? 'the year'}`,
    description: 'Applicants waiting at the end of each fiscal year, with uncertainty bands across runs.',
    explain: [
      `Applicants still waiting at the end of each fiscal year. ${kind === 'fan' ? 'Line' : 'Dot'}: median of ${runsLabel(summary)};`,
      BAND_EXPLAIN[kind],
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
        layer: bandLayers(
          kind,
          { title: 'applicants waiting (backlog)', axis: { format: NUMBER_FORMAT } },
          tooltip,
        ),
      },
    ],
  });
}
