/**
 * "When each pool's cap is reached": for every pool whose cap is reached in at least some runs, the
 * median number of days from the start of its cap period until the cap was reached (among the runs in
 * which it was), with the 5th–95th percentile, and below it the share of runs in which it was reached
 * at all. Rows: metrics 'days_to_fill' and 'filled', group '', pool and period set. Null when no cap
 * is ever reached.
 */
import type { QuantileRow, Summary } from '../../stats/types.js';
import {
  cellIndex,
  formatCount,
  frame,
  hasValue,
  NUMBER_FORMAT,
  PERCENT_FORMAT,
  PLOT_WIDTH,
  type PoolRef,
  poolColorScale,
  poolRefOf,
  poolRefs,
  round6,
  runsLabel,
  topLegend,
  type VegaLiteSpec,
} from './common.js';

const isPoolPeriod = (r: QuantileRow) => r.group === '' && r.pool !== '' && r.period !== '';

/** Period labels in time order: each pool's declared periods, then any others in row order. */
function periodOrder(summary: Summary, rows: QuantileRow[]): string[] {
  const declared = summary.programs.flatMap((p) => p.pools.flatMap((pool) => pool.periods));
  const seen = new Set<string>();
  const inRows = new Set(rows.map((r) => r.period));
  const out: string[] = [];
  for (const p of [...summary.fiscalYears, ...declared, ...rows.map((r) => r.period)]) {
    if (!seen.has(p) && inRows.has(p)) {
      seen.add(p);
      out.push(p);
    }
  }
  return out;
}

export function daysToFill(summary: Summary): VegaLiteSpec | null {
  const cell = cellIndex(summary);
  const days = summary.rows.filter((r) => r.metric === 'days_to_fill' && isPoolPeriod(r) && hasValue(r));
  const filled = summary.rows.filter((r) => r.metric === 'filled' && isPoolPeriod(r) && hasValue(r));
  const fillsSometimes = days.length > 0 || filled.some((r) => r.stats.mean > 0);
  if (!fillsSometimes) return null;

  const refs = poolRefs(summary);
  const refOf = (r: QuantileRow): PoolRef => poolRefOf(refs, r);
  const periods = periodOrder(summary, [...days, ...filled]);
  const allFiscal = periods.every((p) => summary.fiscalYears.includes(p));
  const periodTitle = allFiscal ? 'fiscal year' : 'cap period';

  const dayValues = days.map((r) => {
    const share = cell(r.program, r.pool, '', r.period, 'filled');
    return {
      pool: refOf(r).label,
      period: r.period,
      p05: round6(r.stats.p05),
      p50: round6(r.stats.p50),
      p95: round6(r.stats.p95),
      runsFilled: r.stats.n,
      share: share && hasValue(share) ? round6(share.stats.mean) : null,
    };
  });
  const shareValues = filled.map((r) => ({
    pool: refOf(r).label,
    period: r.period,
    share: round6(r.stats.mean),
    runsFilled: Math.round(r.stats.mean * r.stats.n),
  }));
  const pools = [...new Set([...dayValues, ...shareValues].map((v) => v.pool))];
  const scale = poolColorScale(refs, pools);
  const legend = topLegend('Pool', scale.domain, 'square');
  const color = { field: 'pool', type: 'nominal' as const, scale, legend: null };
  const x = {
    field: 'period',
    type: 'ordinal' as const,
    sort: periods,
    title: periodTitle,
    axis: { labelAngle: 0 },
    scale: { paddingInner: 0.25 },
  };
  const xOffset = { field: 'pool', type: 'nominal' as const, sort: scale.domain };
  const dayTooltip = [
    { field: 'pool', type: 'nominal' as const, title: 'Pool' },
    { field: 'period', type: 'ordinal' as const, title: 'Period' },
    {
      field: 'p50',
      type: 'quantitative' as const,
      title: 'Cap reached after (days, median)',
      format: NUMBER_FORMAT,
    },
    { field: 'p05', type: 'quantitative' as const, title: '5th percentile', format: NUMBER_FORMAT },
    { field: 'p95', type: 'quantitative' as const, title: '95th percentile', format: NUMBER_FORMAT },
    {
      field: 'runsFilled',
      type: 'quantitative' as const,
      title: 'Runs in which the cap was reached',
      format: NUMBER_FORMAT,
    },
  ];
  const shareTooltip = [
    { field: 'pool', type: 'nominal' as const, title: 'Pool' },
    { field: 'period', type: 'ordinal' as const, title: 'Period' },
    {
      field: 'share',
      type: 'quantitative' as const,
      title: 'Share of runs in which the cap was reached',
      format: '.1%',
    },
    {
      field: 'runsFilled',
      type: 'quantitative' as const,
      title: 'Runs in which the cap was reached',
      format: NUMBER_FORMAT,
    },
  ];

  const panelTitle = { fontSize: 13, anchor: 'start' as const, frame: 'group' as const };
  const panels: Extract<VegaLiteSpec, { vconcat: unknown }>['vconcat'] = [];
  if (dayValues.length > 0) {
    panels.push({
      title: { text: 'Days from the start of the period until the cap was reached', ...panelTitle },
      width: PLOT_WIDTH,
      height: 240,
      data: { values: dayValues },
      encoding: { x, xOffset, color: { ...color, legend } },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2.5, opacity: 0.55 },
          encoding: {
            y: {
              field: 'p05',
              type: 'quantitative',
              title: 'days after the period starts',
              axis: { format: NUMBER_FORMAT },
            },
            y2: { field: 'p95' },
            tooltip: dayTooltip,
          },
        },
        {
          mark: { type: 'point', filled: true, size: 90, opacity: 1, stroke: '#222222', strokeWidth: 0.8 },
          encoding: { y: { field: 'p50', type: 'quantitative' }, tooltip: dayTooltip },
        },
      ],
    });
  }
  if (shareValues.length > 0) {
    panels.push({
      title: { text: 'Share of runs in which the cap was reached at all', ...panelTitle },
      width: PLOT_WIDTH,
      height: 160,
      data: { values: shareValues },
      encoding: { x, xOffset, color: { ...color, legend: dayValues.length > 0 ? null : legend } },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y: {
              field: 'share',
              type: 'quantitative',
              title: 'share of runs',
              scale: { domain: [0, 1] },
              axis: { format: PERCENT_FORMAT, tickCount: 5 },
            },
            tooltip: shareTooltip,
          },
        },
        {
          mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10 },
          encoding: {
            y: { field: 'share', type: 'quantitative' },
            text: { field: 'share', type: 'quantitative', format: PERCENT_FORMAT },
            color: { value: '#333333' },
            tooltip: shareTooltip,
          },
        },
      ],
    });
  }

  return frame(summary, {
    title: 'When each pool’s cap is reached',
    description:
      'The day each pool reached its cap, counted from the start of the period, and how often it did.',
    explain: [
      'Dots: median day on which the cap was reached, among the runs in which it was;',
      'lines: 5th–95th percentile of those runs. Day 0 is the first day of the cap period.',
      `Bars below: share of all ${runsLabel(summary)} in which the cap was reached (${formatCount(
        summary.runs,
      )} = 100%).`,
    ],
    panels,
    resolve: { legend: { color: 'independent' } },
  });
}
