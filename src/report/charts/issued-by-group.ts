/**
 * "Who gets the visas": visas issued to each group within each pool over the whole horizon, as a
 * bar at the median with a 5th–95th percentile whisker and the group's own cap as a tick, one row
 * of bars per pool. Rows: metric 'issued', period '', pool and group set; caps from the same cells.
 */
import type { Summary } from '../../stats/types.js';
import {
  BAR_PLOT_WIDTH,
  NUMBER_FORMAT,
  type VegaLiteSpec,
  cellIndex,
  formatCount,
  frame,
  groupColorScale,
  groupName,
  hasValue,
  horizonLabel,
  poolRefOf,
  poolRefs,
  round6,
  runsLabel,
} from './common.js';

export function issuedByGroup(summary: Summary): VegaLiteSpec | null {
  const rows = summary.rows.filter(
    (r) => r.metric === 'issued' && r.period === '' && r.pool !== '' && r.group !== '' && hasValue(r),
  );
  if (rows.length === 0) return null;
  const cell = cellIndex(summary);
  const refs = poolRefs(summary);

  const values = rows.map((r) => {
    const ref = poolRefOf(refs, r);
    const cap = cell(r.program, r.pool, r.group, '', 'cap');
    const poolCap = cell(r.program, r.pool, '', '', 'cap');
    const facet =
      poolCap && hasValue(poolCap) ? `${ref.label} · cap ${formatCount(poolCap.stats.p50)}` : ref.label;
    return {
      pool: ref.key,
      poolLabel: facet,
      group: r.group,
      groupName: groupName(summary, r.group),
      p05: round6(r.stats.p05),
      p50: round6(r.stats.p50),
      p95: round6(r.stats.p95),
      mean: round6(r.stats.mean),
      cap: cap && hasValue(cap) ? round6(cap.stats.p50) : null,
    };
  });
  // Within each pool, the group with most visas on top. An explicit order (not a sort by field) works
  // with independent y scales per facet.
  const groupOrder = [...values]
    .sort((a, b) => b.p50 - a.p50 || (a.groupName < b.groupName ? -1 : 1))
    .map((v) => v.groupName);
  const facetOrder = [...new Set(refs.map((r) => values.find((v) => v.pool === r.key)?.poolLabel))].filter(
    (l): l is string => l !== undefined,
  );
  const anyCap = values.some((v) => v.cap !== null);

  const tooltip = [
    { field: 'groupName', type: 'nominal', title: 'Group' },
    { field: 'poolLabel', type: 'nominal', title: 'Pool' },
    { field: 'p50', type: 'quantitative', title: 'Issued (median)', format: NUMBER_FORMAT },
    { field: 'p05', type: 'quantitative', title: '5th percentile', format: NUMBER_FORMAT },
    { field: 'p95', type: 'quantitative', title: '95th percentile', format: NUMBER_FORMAT },
    { field: 'cap', type: 'quantitative', title: 'Cap', format: NUMBER_FORMAT },
  ] as const;

  return frame(summary, {
    title: 'Who gets the visas: issued by country and pool',
    description: `Visas issued to each group in each pool over ${horizonLabel(summary)}.`,
    explain: [
      `Visas issued over ${horizonLabel(summary)}. Bars: median of ${runsLabel(summary)}; whiskers: 5th–95th percentile` +
        (anyCap ? ';' : '.'),
      ...(anyCap ? ['black tick: the group’s own cap (where the pool is split by group).'] : []),
    ],
    panels: [
      {
        data: { values },
        facet: {
          row: {
            field: 'poolLabel',
            type: 'nominal',
            sort: facetOrder,
            header: {
              title: null,
              labelAngle: 0,
              labelAlign: 'left',
              labelAnchor: 'start',
              labelOrient: 'top',
              labelFontWeight: 'bold',
              labelFontSize: 13,
              labelPadding: 2,
            },
          },
        },
        spacing: 18,
        resolve: { scale: { y: 'independent' } },
        spec: {
          width: BAR_PLOT_WIDTH,
          height: { step: 22 },
          encoding: {
            y: {
              field: 'groupName',
              type: 'nominal',
              sort: [...new Set(groupOrder)],
              title: null,
              axis: { labelLimit: 260, ticks: false, labelPadding: 6 },
            },
          },
          layer: [
            {
              mark: { type: 'bar', height: { band: 0.7 } },
              encoding: {
                x: {
                  field: 'p50',
                  type: 'quantitative',
                  title: `visas issued, ${horizonLabel(summary)}`,
                  axis: { format: NUMBER_FORMAT, tickCount: 4 },
                },
                color: { field: 'group', type: 'nominal', scale: groupColorScale(summary), legend: null },
                tooltip: [...tooltip],
              },
            },
            {
              mark: { type: 'rule', color: '#333333', strokeWidth: 1.2 },
              encoding: {
                x: { field: 'p05', type: 'quantitative' },
                x2: { field: 'p95' },
                tooltip: [...tooltip],
              },
            },
            ...(anyCap
              ? [
                  {
                    mark: { type: 'tick' as const, color: '#000000', opacity: 1, thickness: 3, bandSize: 20 },
                    encoding: {
                      x: { field: 'cap', type: 'quantitative' as const },
                      tooltip: [...tooltip],
                    },
                  },
                ]
              : []),
          ],
        },
      },
    ],
  });
}
