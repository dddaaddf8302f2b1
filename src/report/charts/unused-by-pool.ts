/**
 * "Visas left unused": unused numbers per pool and fiscal year (all groups), as grouped bars at the
 * median with 5th–95th percentile whiskers. Rows: metric 'unused', group '', pool set, period in
 * `summary.fiscalYears`; a summary without fiscal-year rows (a cap given once in total) falls back to
 * the whole horizon (period '').
 */
import type { Summary } from '../../stats/types.js';
import {
  cellIndex,
  darken,
  frame,
  hasValue,
  horizonLabel,
  NUMBER_FORMAT,
  PLOT_WIDTH,
  poolColorScale,
  poolRefOf,
  poolRefs,
  round6,
  runsLabel,
  topLegend,
  type VegaLiteSpec,
} from './common.js';

export function unusedByPool(summary: Summary): VegaLiteSpec | null {
  const years = new Set(summary.fiscalYears);
  const base = summary.rows.filter(
    (r) => r.metric === 'unused' && r.group === '' && r.pool !== '' && hasValue(r),
  );
  let rows = base.filter((r) => years.has(r.period));
  const byYear = rows.length > 0;
  if (!byYear) rows = base.filter((r) => r.period === '');
  if (rows.length === 0) return null;

  const cell = cellIndex(summary);
  const refs = poolRefs(summary);
  const wholeHorizon = `${horizonLabel(summary)} (all years)`;
  const values = rows.map((r) => {
    const ref = poolRefOf(refs, r);
    const cap = cell(r.program, r.pool, '', r.period, 'cap');
    return {
      pool: ref.label,
      // the same label under another name, so the dark whisker scales do not merge with the legend
      shade: ref.label,
      period: byYear ? r.period : wholeHorizon,
      p05: round6(r.stats.p05),
      p50: round6(r.stats.p50),
      p95: round6(r.stats.p95),
      mean: round6(r.stats.mean),
      cap: cap && hasValue(cap) ? round6(cap.stats.p50) : null,
    };
  });
  const pools = [...new Set(values.map((v) => v.pool))];
  const scale = poolColorScale(refs, pools);
  const dark = { domain: scale.domain, range: scale.range.map((c) => darken(c)) };
  const tooltip = [
    { field: 'pool', type: 'nominal' as const, title: 'Pool' },
    { field: 'period', type: 'ordinal' as const, title: byYear ? 'Fiscal year' : 'Period' },
    { field: 'p50', type: 'quantitative' as const, title: 'Unused (median)', format: NUMBER_FORMAT },
    { field: 'p05', type: 'quantitative' as const, title: '5th percentile', format: NUMBER_FORMAT },
    { field: 'p95', type: 'quantitative' as const, title: '95th percentile', format: NUMBER_FORMAT },
    { field: 'cap', type: 'quantitative' as const, title: 'Cap', format: NUMBER_FORMAT },
  ];

  return frame(summary, {
    title: 'Visas left unused, by pool',
    description: 'Visas that no one received, per pool and fiscal year.',
    explain: [
      `Numbers that were available but not issued${byYear ? ', per fiscal year' : ''}.`,
      `Bars and ticks: median of ${runsLabel(summary)}; whiskers: 5th–95th percentile.`,
    ],
    panels: [
      {
        width: PLOT_WIDTH,
        height: 300,
        data: { values },
        encoding: {
          x: {
            field: 'period',
            type: 'ordinal',
            sort: byYear ? [...summary.fiscalYears] : [wholeHorizon],
            title: byYear ? 'fiscal year' : null,
            axis: { labelAngle: 0 },
            scale: { paddingInner: 0.25 },
          },
          xOffset: { field: 'pool', type: 'nominal', sort: scale.domain },
        },
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              y: {
                field: 'p50',
                type: 'quantitative',
                title: 'visas unused',
                axis: { format: NUMBER_FORMAT },
              },
              color: { field: 'pool', type: 'nominal', scale, legend: topLegend('Pool', scale.domain) },
              tooltip,
            },
          },
          {
            // whisker and median tick in a dark shade of the pool's colour: visible over the bar, and
            // still telling the pools apart when the median is 0 and there is no bar
            mark: { type: 'rule', strokeWidth: 1.5 },
            encoding: {
              y: { field: 'p05', type: 'quantitative' },
              y2: { field: 'p95' },
              stroke: { field: 'shade', type: 'nominal', scale: dark, legend: null },
              tooltip,
            },
          },
          {
            mark: { type: 'tick', thickness: 2, opacity: 1, bandSize: 14 },
            encoding: {
              y: { field: 'p50', type: 'quantitative' },
              fill: { field: 'shade', type: 'nominal', scale: dark, legend: null },
              tooltip,
            },
          },
        ],
      },
    ],
  });
}
