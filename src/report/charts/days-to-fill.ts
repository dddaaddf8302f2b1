/**
 * "When each pool's cap is reached", on a calendar: one row per pool, a pale bar for each of its cap
 * periods (from `periodDates`), and on it the median date on which the cap was reached (among the runs
 * in which it was) with the 5th–95th percentile dates. Above each dot its date; below it, when the cap
 * was not reached in every run, the share of runs in which it was. A period whose cap is never reached
 * says "not reached", a pool whose cap is never reached in any period says so once. Rows:
 * `capReached(summary)`. Null when no cap is ever reached or the pools carry no dates.
 */
import type { Summary } from '../../core/types.js';
import { type CapReached, capReached } from '../cap-reached.js';
import { addDays, formatDate, formatDateRange, formatDay, formatPeriodDates } from '../dates.js';
import {
  BAR_PLOT_WIDTH,
  frame,
  MULTILINE_LABELS,
  NUMBER_FORMAT,
  poolColorScale,
  poolRefs,
  round6,
  runsLabel,
  SHARE_TOOLTIP_FORMAT,
  type TooltipField,
  type VegaLiteSpec,
  wrappedLabel,
} from './common.js';

type Dated = CapReached & { dates: NonNullable<CapReached['dates']> };

/** "in 62% of runs", "in <1% of runs" */
function inShareOfRuns(share: number): string {
  const pct = Math.round(share * 100);
  return `in ${pct === 0 && share > 0 ? '<1' : pct === 100 ? '>99' : pct}% of runs`;
}

/** Days since 1970-01-01 of an ISO date. */
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** The day halfway between two ISO dates. */
function midway(from: string, to: string): string {
  return addDays(from, (dayNumber(to) - dayNumber(from)) / 2);
}

/** Periods narrower than this many pixels get no date labels (a label is about 40 px wide). */
const MIN_LABELLED_PERIOD = 56;

/** The width in pixels of the shortest period on the chart's time axis. */
function narrowestPeriod(values: { start: string; end: string }[]): number {
  const from = Math.min(...values.map((v) => dayNumber(v.start)));
  const to = Math.max(...values.map((v) => dayNumber(v.end)));
  const shortest = Math.min(...values.map((v) => dayNumber(v.end) - dayNumber(v.start)));
  return (BAR_PLOT_WIDTH * shortest) / Math.max(1, to - from);
}

/** Rows listing every date have at most this many cap periods; longer rows say the first and a count. */
const MAX_LISTED_PERIODS = 3;

/**
 * A pool's dates in words, for the column right of the plot when the bars are too short to carry
 * them: "Oct 26, 2022 · Apr 8, 2023", or "first Oct 26, 2022; reached in 20 of 24" for many periods.
 */
export function rowDates(pool: readonly CapReached[]): string {
  const reached = pool.filter((c) => c.reachedOn !== null);
  const first = reached[0]?.reachedOn;
  if (!first) return 'not reached in any run';
  if (pool.length <= MAX_LISTED_PERIODS)
    return pool.map((c) => (c.reachedOn ? formatDate(c.reachedOn.p50) : 'not reached')).join(' · ');
  const often = pool.filter((c) => c.share >= 0.5).length;
  return `first ${formatDate(first.p50)}; reached in ${often} of ${pool.length} in most runs`;
}

function datum(c: Dated, pool: Dated[]) {
  const on = c.reachedOn;
  const poolNever = pool.every((x) => x.reachedOn === null);
  const first = pool[0]?.dates.start ?? c.dates.start;
  const last = pool[pool.length - 1]?.dates.end ?? c.dates.end;
  return {
    pool: c.poolLabel,
    row: wrappedLabel(c.poolLabel, 34),
    period: c.period,
    start: c.dates.start,
    end: c.dates.end,
    periodText: formatPeriodDates(c.dates.start, c.dates.end),
    reached: on !== null,
    p05: on?.p05 ?? null,
    p50: on?.p50 ?? null,
    p95: on?.p95 ?? null,
    medianText: on ? formatDate(on.p50) : 'not reached in any run',
    rangeText: on ? formatDateRange(on.p05, on.p95) : '–',
    daysP50: c.days ? round6(c.days.p50) : null,
    share: round6(c.share),
    label: on ? formatDay(on.p50) : 'not reached',
    shareLabel: on && c.share < 1 ? inShareOfRuns(c.share) : '',
    // where the "not reached" label goes: the middle of the period, or of the whole row once when the
    // pool's cap is reached in none of its periods (so that short periods do not crowd it)
    poolNever,
    labelAt: poolNever ? midway(first, last) : midway(c.dates.start, c.dates.end),
    labelOnce: !poolNever || c === pool[0],
    // the row's dates, carried by its first period only (for the column right of the plot)
    rowText: c === pool[0] && !poolNever ? rowDates(pool) : '',
  };
}

export function daysToFill(summary: Summary): VegaLiteSpec | null {
  const entries = capReached(summary).filter((c): c is Dated => c.dates !== undefined);
  if (!entries.some((c) => c.reachedOn !== null)) return null;

  const values = entries.map((c) =>
    datum(
      c,
      entries.filter((x) => x.program === c.program && x.pool === c.pool),
    ),
  );
  const rows = [...new Set(values.map((v) => v.row))];
  const lines = Math.max(...rows.map((r) => r.split('\n').length));
  const scale = poolColorScale(poolRefs(summary), [...new Set(values.map((v) => v.pool))]);
  const color = { field: 'pool', type: 'nominal' as const, scale, legend: null };
  const y = {
    field: 'row',
    type: 'nominal' as const,
    sort: rows,
    title: null,
    axis: { ...MULTILINE_LABELS, labelLimit: 240, ticks: false, labelPadding: 8, domain: false },
  };
  const date = (field: string) => ({ field, type: 'temporal' as const });
  const tooltip: TooltipField[] = [
    { field: 'pool', type: 'nominal', title: 'Pool' },
    { field: 'period', type: 'nominal', title: 'Cap period' },
    { field: 'periodText', type: 'nominal', title: 'Dates' },
    { field: 'medianText', type: 'nominal', title: 'Cap reached (median)' },
    { field: 'rangeText', type: 'nominal', title: '90% of runs' },
    { field: 'daysP50', type: 'quantitative', title: 'Days after the period starts', format: NUMBER_FORMAT },
    {
      field: 'share',
      type: 'quantitative',
      title: 'Runs in which it was reached',
      format: SHARE_TOOLTIP_FORMAT,
    },
  ];
  const reached = { filter: 'datum.reached' };
  /** A text layer, above the bar (or below it with `below`), for the rows the filter keeps. */
  const text = (
    filter: string,
    x: string,
    field: string,
    opts: { below?: boolean; muted?: boolean } = {},
  ) => ({
    transform: [{ filter }],
    mark: {
      type: 'text' as const,
      align: 'center' as const,
      baseline: opts.below ? ('top' as const) : ('bottom' as const),
      dy: opts.below ? 9 : -9,
      fontSize: 10,
      ...(opts.muted ? { fontStyle: 'italic' } : {}),
    },
    encoding: {
      x: date(x),
      text: { field },
      color: { value: opts.muted ? '#666666' : '#333333' },
      tooltip,
    },
  });
  // a layer whose filter leaves no row would warn of an empty extent in the browser
  const some = (keep: (v: (typeof values)[number]) => boolean) => values.some(keep);
  // dates above the dots only where they fit: monthly caps over two years leave ~18 px a period
  const labelled = narrowestPeriod(values) >= MIN_LABELLED_PERIOD;

  return frame(summary, {
    title: 'When each pool’s cap is reached',
    description: 'The date each pool reached its cap in each cap period, and how often it did.',
    explain: [
      'Pale bar: the period a cap is for. Dot and date: the median date on which the cap was reached',
      `in the runs where it was (of ${runsLabel(summary)}); line: 90% of those runs (5th–95th percentile).`,
      ...(labelled
        ? []
        : ['The periods are too short to label on the bars: the median dates are on the right.']),
      // the clock the dates are on: a program with a receipt clock has a second one
      ...(entries.some((c) => c.receiptOn !== undefined)
        ? [
            'Dates are start dates, the clock of the cap periods; the receipt dates USCIS announces (final receipt dates) are in the report’s table “When each cap is reached”.',
          ]
        : []),
    ],
    panels: [
      {
        width: BAR_PLOT_WIDTH,
        height: { step: Math.max(50, 24 + 13 * lines) },
        data: { values },
        encoding: { y, color },
        layer: [
          {
            // a white edge parts periods that follow one another (FY2024 | FY2025 …)
            mark: { type: 'bar', fillOpacity: 0.22, height: { band: 0.32 }, stroke: 'white', strokeWidth: 3 },
            encoding: {
              x: {
                ...date('start'),
                scale: { type: 'utc' },
                title: null,
                axis: { format: '%b %Y', labelAngle: 0, grid: true, tickCount: 6 },
              },
              x2: { field: 'end' },
              tooltip,
            },
          },
          {
            transform: [reached],
            mark: { type: 'rule', strokeWidth: 2.5 },
            encoding: { x: date('p05'), x2: { field: 'p95' }, tooltip },
          },
          {
            transform: [reached],
            mark: { type: 'point', filled: true, size: 80, opacity: 1, stroke: '#222222', strokeWidth: 0.8 },
            encoding: { x: date('p50'), tooltip },
          },
          ...(labelled ? [text('datum.reached', 'p50', 'label')] : []),
          ...(labelled && some((v) => v.shareLabel !== '')
            ? [text("datum.shareLabel !== ''", 'p50', 'shareLabel', { below: true })]
            : []),
          ...(labelled && some((v) => !v.reached && !v.poolNever)
            ? [text('!datum.reached && !datum.poolNever', 'labelAt', 'label', { muted: true })]
            : []),
          ...(some((v) => v.poolNever)
            ? [text('datum.poolNever && datum.labelOnce', 'labelAt', 'medianText', { muted: true })]
            : []),
          ...(labelled
            ? []
            : [
                {
                  transform: [{ filter: "datum.rowText !== ''" }],
                  mark: {
                    type: 'text' as const,
                    align: 'left' as const,
                    baseline: 'middle' as const,
                    fontSize: 11,
                  },
                  encoding: {
                    x: { value: BAR_PLOT_WIDTH + 12 },
                    text: { field: 'rowText' },
                    color: { value: '#333333' },
                    tooltip,
                  },
                },
              ]),
        ],
      },
    ],
  });
}
