/**
 * "Visas left unused": per pool, the numbers available but not issued over the whole horizon (period
 * '' rows, whatever the pool's cap period: fiscal year, half, tranche, month or a total), as a bar at
 * the median with a 5th–95th percentile whisker and the median as a label. Below it, where that
 * reads well — some pool has several cap periods and something is left unused in one of them — the
 * same per cap period for the pools with several, as grouped bars in time order. Rows: metric
 * 'unused', group '', pool set.
 */
import type { QuantileRow, Summary } from '../../core/types.js';
import { summaryNoun } from '../lead.js';
import {
  type ColorScale,
  cellIndex,
  darkScale,
  darkWhisker,
  formatCount,
  frame,
  hasValue,
  horizonLabel,
  MULTILINE_LABELS,
  NUMBER_FORMAT,
  type PanelSpec,
  PLOT_WIDTH,
  panelTitle,
  poolColorScale,
  poolRefOf,
  poolRefs,
  quantileTooltip,
  round6,
  runsLabel,
  type TooltipField,
  topLegend,
  type VegaLiteSpec,
  wrappedLabel,
} from './common.js';

type Value = ReturnType<typeof unusedValue>;

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function unusedValue(summary: Summary, r: QuantileRow) {
  const ref = poolRefOf(poolRefs(summary), r);
  const cap = cellIndex(summary)(r.program, r.pool, '', r.period, 'cap');
  return {
    pool: ref.label,
    // the same label under another name, so the dark whisker scales do not merge with the legend
    shade: ref.label,
    row: wrappedLabel(ref.label, 34),
    period: r.period,
    p05: round6(r.stats.p05),
    p50: round6(r.stats.p50),
    p95: round6(r.stats.p95),
    mean: round6(r.stats.mean),
    cap: cap && hasValue(cap) ? round6(cap.stats.p50) : null,
    // the tooltip's words: a pool that only draws on a shared ceiling has no cap of its own
    capText: cap && hasValue(cap) ? formatCount(cap.stats.p50) : 'none of its own (a shared ceiling)',
    // "8,023 (5,578–10,862)": the median and the range that holds 90% of runs
    label:
      r.stats.p05 === r.stats.p95
        ? `${formatCount(r.stats.p50)} in every run`
        : `${formatCount(r.stats.p50)} (${formatCount(r.stats.p05)}–${formatCount(r.stats.p95)})`,
  };
}

const tooltipOf = (period: string): TooltipField[] => [
  { field: 'pool', type: 'nominal', title: 'Pool' },
  { field: 'period', type: 'nominal', title: period },
  ...quantileTooltip('Unused (median)', NUMBER_FORMAT),
  { field: 'capText', type: 'nominal', title: 'Cap' },
];

/** Plot width of the whole-horizon panel; its labels stand in a column to the right. */
const HORIZON_PLOT_WIDTH = 340;

/** Whole horizon: one horizontal bar per pool, and a column of labels with the median and range. */
function horizonPanel(summary: Summary, values: Value[], scale: ColorScale, title?: string): PanelSpec {
  const rows = [...new Set(values.map((v) => v.row))];
  const lines = Math.max(...rows.map((r) => r.split('\n').length));
  const top = Math.max(0, ...values.map((v) => v.p95));
  const tooltip = tooltipOf('Period');
  const y = {
    field: 'row',
    type: 'nominal' as const,
    sort: rows,
    title: null,
    axis: { ...MULTILINE_LABELS, labelLimit: 240, ticks: false, labelPadding: 8 },
  };
  return {
    ...(title ? { title: panelTitle(title) } : {}),
    width: HORIZON_PLOT_WIDTH,
    height: { step: Math.max(26, 10 + 13 * lines) },
    data: { values },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.6 } },
        encoding: {
          x: {
            field: 'p50',
            type: 'quantitative',
            title: `${summaryNoun(summary)} unused, ${horizonLabel(summary)}`,
            axis: { format: NUMBER_FORMAT, tickCount: 5 },
            // a scale with something to show when nothing is left unused
            ...(top > 0 ? {} : { scale: { domain: [0, 100] } }),
          },
          color: { field: 'pool', type: 'nominal', scale, legend: null },
          tooltip,
        },
      },
      darkWhisker('horizontal', scale, tooltip),
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 11 },
        encoding: {
          x: { value: HORIZON_PLOT_WIDTH + 10 },
          text: { field: 'label', type: 'nominal' },
          color: { value: '#333333' },
          tooltip,
        },
      },
    ],
  };
}

/** Per cap period: grouped bars in time order, one colour per pool. */
function periodPanel(
  summary: Summary,
  values: Value[],
  periods: string[],
  scale: ColorScale,
  fiscal: boolean,
): PanelSpec {
  const tooltip = tooltipOf(fiscal ? 'Fiscal year' : 'Cap period');
  const dark = darkScale(scale);
  return {
    title: panelTitle(fiscal ? 'Per fiscal year' : 'Per cap period'),
    width: PLOT_WIDTH,
    height: 220,
    data: { values },
    encoding: {
      x: {
        field: 'period',
        type: 'ordinal',
        sort: periods,
        title: fiscal ? 'fiscal year' : 'cap period',
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
            title: `${summaryNoun(summary)} unused`,
            axis: { format: NUMBER_FORMAT },
          },
          color: {
            field: 'pool',
            type: 'nominal',
            scale,
            legend: topLegend('Pool', [...new Set(values.map((v) => v.pool))]),
          },
          tooltip,
        },
      },
      darkWhisker('vertical', scale, tooltip),
      {
        // the median as a tick in the whisker's shade: visible where the median is 0 and there is no bar
        mark: { type: 'tick', thickness: 2, opacity: 1, bandSize: 14 },
        encoding: {
          y: { field: 'p50', type: 'quantitative' },
          fill: { field: 'shade', type: 'nominal', scale: dark, legend: null },
          tooltip,
        },
      },
    ],
  };
}

/** Period labels in time order: each pool's declared periods in turn, then any others. */
function periodOrder(summary: Summary, rows: QuantileRow[]): string[] {
  const declared = summary.programs.flatMap((p) => p.pools.flatMap((pool) => pool.periods));
  const present = new Set(rows.map((r) => r.period));
  return [...new Set([...summary.fiscalYears, ...declared, ...rows.map((r) => r.period)])].filter((p) =>
    present.has(p),
  );
}

export function unusedByPool(summary: Summary): VegaLiteSpec | null {
  const unused = summary.rows.filter(
    (r) => r.metric === 'unused' && r.group === '' && r.pool !== '' && hasValue(r),
  );
  const horizon = unused.filter((r) => r.period === '');
  if (horizon.length === 0) return null;

  // by period: the pools with several cap periods, when one of them leaves something unused in the
  // median run (whiskers alone over empty bars say no more than the whole-horizon panel)
  const byPool = new Map<string, QuantileRow[]>();
  for (const r of unused.filter((x) => x.period !== ''))
    byPool.set(`${r.program}/${r.pool}`, [...(byPool.get(`${r.program}/${r.pool}`) ?? []), r]);
  const periodRows = [...byPool.values()].filter((rs) => rs.length > 1).flat();
  const showPeriods = periodRows.some((r) => r.stats.p50 > 0);

  const pools = horizon.map((r) => poolRefOf(poolRefs(summary), r).label);
  const scale = poolColorScale(poolRefs(summary), pools);
  // numbers passed on (fall-down, spill, roll-over) count as unused in the period that passed them,
  // and over the horizon only where they lapse: say so where the two panels differ for that reason
  const passedOn =
    showPeriods &&
    horizon.some((h) => {
      const own = periodRows.filter((r) => r.program === h.program && r.pool === h.pool);
      const sum = own.reduce((n, r) => n + r.stats.mean, 0);
      return own.length > 0 && sum - h.stats.mean > Math.max(0.5, 0.01 * sum);
    });
  const periods = periodOrder(summary, periodRows);
  const fiscal = periods.every((p) => summary.fiscalYears.includes(p));
  const panels = [
    horizonPanel(
      summary,
      horizon.map((r) => unusedValue(summary, r)),
      scale,
      showPeriods ? `Over ${horizonLabel(summary)}` : undefined,
    ),
  ];
  if (showPeriods)
    panels.push(
      periodPanel(
        summary,
        periodRows.map((r) => unusedValue(summary, r)),
        periods,
        scale,
        fiscal,
      ),
    );

  return frame(summary, {
    title: `${capitalized(summaryNoun(summary))} left unused, by pool`,
    description: `${capitalized(summaryNoun(summary))} that no one received, per pool, over ${horizonLabel(summary)}${
      showPeriods ? ' and per cap period' : ''
    }.`,
    explain: [
      `Numbers that were available but not issued over ${horizonLabel(summary)}${
        showPeriods ? `; below, ${fiscal ? 'per fiscal year' : 'per cap period'}` : ''
      }.`,
      ...(passedOn
        ? [
            `Numbers a pool passed on to another pool or period (fall-down, spill, roll-over) count as unused in its ${fiscal ? 'fiscal year' : 'period'} below; over ${horizonLabel(summary)} they count only where they finally went unused.`,
          ]
        : []),
      `Bars: median of ${runsLabel(summary)}; whiskers and the range in brackets: 5th–95th percentile.`,
    ],
    panels,
    resolve: { scale: { x: 'independent', y: 'independent' }, legend: { color: 'independent' } },
  });
}
