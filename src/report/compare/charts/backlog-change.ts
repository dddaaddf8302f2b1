/** "How the line of waiting applicants changes": the change B − A in the backlog, per fiscal year. */
import type { CompareSummary } from '../../../core/types.js';
import {
  BAND_EXPLAIN,
  bandLayers,
  frameWith,
  NUMBER_FORMAT,
  PLOT_WIDTH,
  programColor,
  quantileTooltip,
  round6,
  SIGNED_AXIS,
  SIGNED_FORMAT,
  titleLines,
  type VegaLiteSpec,
  yearTooltip,
} from '../../charts/common.js';
import {
  both,
  type CompareOptions,
  compareHead,
  compareRunsLabel,
  hasStats,
  programOf,
  programScale,
} from '../common.js';

/** The change B − A in applicants still waiting at the end of each fiscal year, as a fan. */
export function compareBacklogChange(cs: CompareSummary, opts: CompareOptions): VegaLiteSpec | null {
  const b = both(cs);
  const years = new Set(b.fiscalYears);
  const rows = cs.rows.filter(
    (r) =>
      r.metric === 'backlog' && r.pool === '' && r.group === '' && years.has(r.period) && hasStats(r.diff),
  );
  if (rows.length === 0) return null;
  const values = rows.map((r) => ({
    program: programOf(b, r.program),
    period: r.period,
    p05: round6(r.diff.p05),
    p25: round6(r.diff.p25),
    p50: round6(r.diff.p50),
    p75: round6(r.diff.p75),
    p95: round6(r.diff.p95),
    mean: round6(r.diff.mean),
    aP50: round6(r.a.p50),
    bP50: round6(r.b.p50),
  }));
  const several = new Set(values.map((v) => v.program)).size > 1;
  // one year is a point, not a line: a dot with bars
  const kind = years.size > 1 ? 'fan' : 'dots';
  const color = programColor(programScale(b), several);
  const tooltip = [
    ...yearTooltip(several),
    ...quantileTooltip('Change B − A (median)', SIGNED_FORMAT, { quartiles: true }),
    {
      field: 'aP50',
      type: 'quantitative' as const,
      title: 'Waiting under A (median)',
      format: NUMBER_FORMAT,
    },
    {
      field: 'bP50',
      type: 'quantitative' as const,
      title: 'Waiting under B (median)',
      format: NUMBER_FORMAT,
    },
  ];
  const x = {
    field: 'period',
    type: 'ordinal' as const,
    sort: b.fiscalYears,
    title: 'fiscal year',
    axis: { labelAngle: 0 },
    scale: { padding: 0.25 },
  };
  const title = opts.change
    ? `How the line of waiting applicants changes if ${opts.change}`
    : 'How the line of waiting applicants changes from A to B';

  return frameWith(compareHead(cs), {
    title: titleLines(title),
    description: 'Change in applicants waiting at the end of each fiscal year, scenario B minus scenario A.',
    explain: [
      'Applicants still waiting at the end of each fiscal year under B minus under A, run by run.',
      `${kind === 'fan' ? 'Line' : 'Dot'}: median change over ${compareRunsLabel(cs)};`,
      BAND_EXPLAIN[kind],
      'Above the zero line: more people waiting under B; below: fewer.',
    ],
    panels: [
      {
        width: PLOT_WIDTH,
        height: 300,
        data: { values },
        layer: [
          {
            mark: { type: 'rule', color: '#222222', strokeWidth: 1.2, aria: false },
            encoding: { y: { datum: 0, type: 'quantitative' } },
          },
          ...bandLayers(kind, { title: 'change in applicants waiting (B − A)', axis: SIGNED_AXIS }, tooltip, {
            x,
            color,
          }),
        ],
      },
    ],
  });
}
