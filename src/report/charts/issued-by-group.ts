/**
 * "Who gets the visas": visas issued to each group within each pool over the whole horizon, as a
 * bar at the median with a 5th–95th percentile whisker and the group's own cap as a tick, one row
 * panel of bars per pool, on one x scale unless the pools differ in size by more than 3× (then each
 * panel has its own, so a small pool is not a sliver beside a large one). A pool capped per fiscal
 * year says its cap a year, with the horizon's total beside it. Rows: metric 'issued', period '',
 * pool and group set; caps from the same cells.
 */
import type { Summary } from '../../core/types.js';
import { summaryNoun } from '../lead.js';
import {
  BAR_PLOT_WIDTH,
  cellIndex,
  formatCount,
  frame,
  groupColorScale,
  groupName,
  groupRows,
  hasValue,
  horizonLabel,
  NUMBER_FORMAT,
  panelTitle,
  poolRefOf,
  poolRefs,
  quantileTooltip,
  round6,
  runsLabel,
  type TooltipField,
  type VegaLiteSpec,
} from './common.js';

/** Pools whose largest bars differ by more than this factor get an x scale each. */
export const INDEPENDENT_SCALE_RATIO = 3;

/**
 * "cap 150,000 a year · 750,000 over FY2024–FY2028" for a pool capped per fiscal year with the same
 * cap every year; "cap 66,000 over FY2023" otherwise.
 */
export function capLineOf(summary: Summary, program: string, pool: string, total: number): string {
  const horizon = horizonLabel(summary);
  const info = summary.programs.find((p) => p.id === program)?.pools.find((p) => p.id === pool);
  const cell = cellIndex(summary);
  const yearly = summary.fiscalYears.map((fy) => cell(program, pool, '', fy, 'cap')?.stats.p50);
  const first = yearly[0];
  const same = first !== undefined && yearly.every((x) => x === first);
  if (info?.capPer === 'fiscal-year' && summary.fiscalYears.length > 1 && same)
    return `cap ${formatCount(first)} a year · ${formatCount(total)} over ${horizon}`;
  return `cap ${formatCount(total)} over ${horizon}`;
}

export function issuedByGroup(summary: Summary): VegaLiteSpec | null {
  const all = summary.rows.filter(
    // a ceiling's rows (program '') count the pools' numbers again: its members are drawn already
    (r) =>
      r.metric === 'issued' &&
      r.period === '' &&
      r.pool !== '' &&
      r.program !== '' &&
      r.group !== '' &&
      hasValue(r),
  );
  // A group eligible for a pool that never got a visa from it in any run is left out: a row of empty
  // bars hides the groups that do get visas.
  const rows = all.filter((r) => r.stats.max > 0);
  if (rows.length === 0) return null;
  const leftOut = all.length - rows.length;
  const cell = cellIndex(summary);
  const refs = poolRefs(summary);

  const values = rows.map((r) => {
    const ref = poolRefOf(refs, r);
    const cap = cell(r.program, r.pool, r.group, '', 'cap');
    const poolCap = cell(r.program, r.pool, '', '', 'cap');
    const capLine =
      poolCap && hasValue(poolCap) ? capLineOf(summary, r.program, r.pool, poolCap.stats.p50) : null;
    return {
      pool: ref.key,
      poolLabel: ref.label,
      poolCap: capLine,
      group: r.group,
      groupName: groupName(summary, r.group),
      p05: round6(r.stats.p05),
      p50: round6(r.stats.p50),
      p95: round6(r.stats.p95),
      mean: round6(r.stats.mean),
      cap: cap && hasValue(cap) ? round6(cap.stats.p50) : null,
    };
  });
  // Within each pool, the group with most visas on top.
  const groupOrder = [...values]
    .sort((a, b) => b.p50 - a.p50 || (a.groupName < b.groupName ? -1 : 1))
    .map((v) => v.groupName);
  // Pools in declaration order, then any pool missing from summary.programs.
  const poolKeys = [...new Set([...refs.map((r) => r.key), ...values.map((v) => v.pool)])].filter((k) =>
    values.some((v) => v.pool === k),
  );
  const anyCap = values.some((v) => v.cap !== null);
  // a pool split by group shows each group's cap; an unsplit pool has none to show ("Cap: null")
  const tooltipOf = (withCap: boolean): TooltipField[] => [
    { field: 'groupName', type: 'nominal', title: 'Group' },
    { field: 'poolLabel', type: 'nominal', title: 'Pool' },
    ...quantileTooltip('Issued (median)', NUMBER_FORMAT),
    ...(withCap
      ? [{ field: 'cap', type: 'quantitative' as const, title: 'Cap', format: NUMBER_FORMAT }]
      : []),
  ];
  const largest = poolKeys.map((k) => Math.max(...values.filter((v) => v.pool === k).map((v) => v.p95)));
  const independent = Math.max(...largest) > INDEPENDENT_SCALE_RATIO * Math.max(1, Math.min(...largest));
  const noun = summaryNoun(summary);
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);

  return frame(summary, {
    title: `Who gets the ${noun}: issued by country and pool`,
    description: `${Noun} issued to each group in each pool over ${horizonLabel(summary)}.`,
    explain: [
      `${Noun} issued over ${horizonLabel(summary)}. Bars: median of ${runsLabel(summary)}; whiskers: 5th–95th percentile.`,
      ...(independent ? ['Each pool has its own scale: they differ in size by more than 3 times.'] : []),
      ...(anyCap ? ['Black tick: the group’s own cap (where the pool is split by group).'] : []),
      ...(leftOut > 0 ? ['Groups that never got a visa from a pool in any run are not shown under it.'] : []),
    ],
    panels: poolKeys.map((key, i) => {
      const last = i === poolKeys.length - 1;
      const poolValues = values.filter((v) => v.pool === key);
      const poolCap = poolValues.some((v) => v.cap !== null);
      const tooltip = tooltipOf(poolCap);
      return {
        title: panelTitle(poolValues[0]?.poolLabel ?? key, poolValues[0]?.poolCap ?? undefined),
        width: BAR_PLOT_WIDTH,
        height: { step: 22 },
        data: { values: poolValues },
        encoding: {
          y: groupRows([...new Set(groupOrder)]),
        },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.7 } },
            encoding: {
              x: {
                field: 'p50',
                type: 'quantitative',
                title: last || independent ? `${noun} issued, ${horizonLabel(summary)}` : null,
                axis: { format: NUMBER_FORMAT, tickCount: 4 },
              },
              color: { field: 'group', type: 'nominal', scale: groupColorScale(summary), legend: null },
              tooltip,
            },
          },
          {
            mark: { type: 'rule', color: '#333333', strokeWidth: 1.2 },
            encoding: { x: { field: 'p05', type: 'quantitative' }, x2: { field: 'p95' }, tooltip },
          },
          ...(poolCap
            ? [
                {
                  mark: { type: 'tick' as const, color: '#000000', opacity: 1, thickness: 3, bandSize: 20 },
                  encoding: { x: { field: 'cap', type: 'quantitative' as const }, tooltip },
                },
              ]
            : []),
        ],
      };
    }),
    resolve: { scale: { x: independent ? 'independent' : 'shared' } },
  });
}
