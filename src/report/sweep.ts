/**
 * The outputs of `visasim sweep`: charts, tables, summary and report of a SweepSummary (one run set
 * per value of a parameter, all with the same seed, plus an optional one-at-a-time tornado of the
 * uncertain parameters). Like the other charts these only pick figures and lay them out.
 *
 * Charts: for each headline figure that moves, the figure against the swept value as a fan (median
 * line, 25th–75th and 5th–95th percentile bands); the tornado (for each uncertain parameter, the
 * headline figure with that parameter fixed at its low and at its high end, widest bar on top).
 */
import type { CellStats, Headline, Metric, SweepSummary, TornadoBar } from '../stats/types.js';
import { METRICS } from '../stats/types.js';
import { type ChartFormat, chartFiles, manifestJson } from './build.js';
import {
  BAR_PLOT_WIDTH,
  type FrameHead,
  formatCount,
  frameWith,
  NUMBER_FORMAT,
  PERCENT_FORMAT,
  PLOT_WIDTH,
  POOL_PALETTE,
  round6,
  sourceFooterLines,
  topLegend,
  type VegaLiteSpec,
} from './charts/common.js';
import type { Chart } from './charts/index.js';
import {
  assumptionsSection,
  chartsSection,
  formatValue,
  manifestSection,
  type ReportChart,
  rangeText,
  reportPage,
  sourcesSection,
  statusBadge,
} from './html.js';
import { escapeHtml } from './html-assets.js';
import { type JsonValue, type OrderedObject, ordered, stringifyOrdered } from './ordered-json.js';
import { csvField, formatCsvNumber } from './quantiles-csv.js';
import type { OutputFile } from './write-atomic.js';

export interface SweepOptions {
  /** the swept parameter in words, e.g. "the Mexico pool's yearly cap" (default: made from the path) */
  paramLabel?: string;
}

export interface SweepBuildOptions extends SweepOptions {
  /** chart formats, as for `buildReportFiles`; 'none' means no chart files and no report.html */
  charts: readonly ChartFormat[] | 'none';
}

/** Headline metrics in the order their charts appear. */
const SWEEP_METRICS: readonly Metric[] = [
  'issued',
  'unused',
  'backlog',
  'selection_rate',
  'diverted',
  'applicants',
];

/** What a headline metric is, as the object of a sentence. */
const METRIC_NOUN: Record<Metric, string> = {
  cap: 'the cap',
  applicants: 'the number of applicants',
  eligible: 'the number of eligible applicants',
  issued: 'the visas issued',
  unused: 'the visas left unused',
  backlog: 'the number of applicants still waiting',
  diverted: 'the number of applicants who take another route',
  selection_rate: 'the chance that an applicant gets a visa',
  days_to_fill: 'the time until the cap is reached',
  filled: 'the chance that the cap is reached',
};

/** Axis titles with units. */
const METRIC_AXIS: Record<Metric, string> = {
  cap: 'visas available',
  applicants: 'applicants',
  eligible: 'eligible applicants',
  issued: 'visas issued',
  unused: 'visas unused',
  backlog: 'applicants waiting',
  diverted: 'applicants who took another route',
  selection_rate: 'share of applicants who got a visa',
  days_to_fill: 'days until the cap is reached',
  filled: 'share of runs in which the cap is reached',
};

const isShareMetric = (m: Metric) => m === 'selection_rate' || m === 'filled';
const axisFormat = (m: Metric) => (isShareMetric(m) ? PERCENT_FORMAT : NUMBER_FORMAT);
const tooltipFormat = (m: Metric) => (isShareMetric(m) ? '.1%' : NUMBER_FORMAT);

/** Parameter values as written: "150,000", "0.2", "0.0014". */
const VALUE_FORMAT = ',~r';

/** A parameter value for labels: integers with separators, others to 3 significant digits
 * (tornado ends are percentiles of a distribution: 0.00143857 → "0.00144"). */
function formatParamValue(x: number): string {
  const text = Number.isInteger(x) ? formatCount(x) : String(Number(x.toPrecision(3)));
  return text.replace(/^-/, '−');
}

/**
 * The swept parameter in words, from its path: `parameters.take_up` → "take_up",
 * `programs.work-visas.pools.mexico.cap.amount` → "the mexico pool's cap"; other paths as given.
 */
export function sweepParamLabel(param: string): string {
  const parts = param.split('.').filter(Boolean);
  if (parts[0] === 'parameters' && parts[1]) return parts[1];
  if (parts[0] === 'programs' && parts[2] === 'pools' && parts[3] && parts.length > 4) {
    const rest = parts.slice(4).filter((p, i, all) => !(p === 'amount' && i === all.length - 1));
    return `the ${parts[3]} pool's ${rest.join(' ')}`;
  }
  if (parts[0] === 'programs' && parts[1] && parts.length > 2) {
    const rest = parts.slice(2).filter((p, i, all) => !(p === 'amount' && i === all.length - 1));
    return `the ${parts[1]} ${rest.join(' ')}`;
  }
  return param;
}

function head(ss: SweepSummary): FrameHead {
  return {
    scenario: [`${ss.scenario.title} · status: ${ss.scenario.status}`],
    footer: sourceFooterLines(
      ss.scenario.sources.map((s) => s.title),
      `${formatCount(ss.runs)} ${ss.runs === 1 ? 'run' : 'runs'} at each setting, seed ${ss.seed} · made with visasim`,
    ),
  };
}

const numeric = (ss: SweepSummary) => ss.points.length > 0 && ss.points.every((p) => p.x !== undefined);

/** Headline figures of one metric at every point, by program. */
function series(ss: SweepSummary, metric: Metric) {
  return ss.points.flatMap((p) =>
    p.headline
      .filter((h) => h.metric === metric && h.pool === '' && h.stats.n > 0)
      .map((h) => ({ point: p, h })),
  );
}

/** True when the figure is the same at every value (nothing to chart). */
function isFlat(ss: SweepSummary, metric: Metric): boolean {
  if (ss.points.length < 2) return false;
  const byKey = new Map<string, CellStats[]>();
  for (const { h } of series(ss, metric)) byKey.set(h.key, [...(byKey.get(h.key) ?? []), h.stats]);
  return [...byKey.values()].every((list) =>
    list.every((s) => s.p05 === list[0]?.p05 && s.p50 === list[0]?.p50 && s.p95 === list[0]?.p95),
  );
}

/** The metrics that get a chart: every headline metric that moves (all of them if none does). */
function chartedMetrics(ss: SweepSummary): Metric[] {
  const present = SWEEP_METRICS.filter((m) => series(ss, m).length > 0);
  const moving = present.filter((m) => !isFlat(ss, m));
  return moving.length > 0 ? moving : present.slice(0, 1);
}

function titleCase(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** One headline figure against the swept value: median line, 25th–75th and 5th–95th bands. */
function sweepMetricChart(ss: SweepSummary, metric: Metric, paramLabel: string): VegaLiteSpec | null {
  const rows = series(ss, metric);
  if (rows.length === 0) return null;
  const programs = [...new Set(rows.map((r) => r.h.program))];
  const several = programs.length > 1;
  const label = several ? titleCase(METRIC_NOUN[metric].replace(/^the /, '')) : (rows[0]?.h.label ?? metric);
  const isNumeric = numeric(ss);
  const values = rows.map(({ point, h }) => ({
    program: h.program,
    value: point.value,
    ...(isNumeric ? { x: point.x } : {}),
    p05: round6(h.stats.p05),
    p25: round6(h.stats.p25),
    p50: round6(h.stats.p50),
    p75: round6(h.stats.p75),
    p95: round6(h.stats.p95),
    mean: round6(h.stats.mean),
  }));
  const xTitle = paramLabel === ss.param ? ss.param : `${paramLabel} (${ss.param})`;
  const xs = ss.points.map((p) => p.x ?? 0);
  const x = isNumeric
    ? {
        field: 'x',
        type: 'quantitative' as const,
        title: xTitle,
        scale: { zero: false, nice: false, padding: 16 },
        axis: {
          // the values as given: a tick format would round them to the tick step's precision
          labelExpr: `format(datum.value, '${VALUE_FORMAT}')`,
          grid: false,
          ...(xs.length <= 12 ? { values: xs } : { tickCount: 8 }),
        },
      }
    : {
        field: 'value',
        type: 'ordinal' as const,
        sort: ss.points.map((p) => p.value),
        title: xTitle,
        axis: { labelAngle: 0 },
        scale: { padding: 0.3 },
      };
  const domain = programs;
  const color = {
    field: 'program',
    type: 'nominal' as const,
    scale: { domain, range: domain.map((_, i) => POOL_PALETTE[i % POOL_PALETTE.length] ?? '#777777') },
    legend: several ? topLegend(null, domain) : null,
  };
  const f = tooltipFormat(metric);
  const tooltip = [
    ...(several ? [{ field: 'program', type: 'nominal' as const, title: 'Program' }] : []),
    { field: 'value', type: 'nominal' as const, title: ss.param },
    { field: 'p50', type: 'quantitative' as const, title: 'Median', format: f },
    { field: 'p25', type: 'quantitative' as const, title: '25th percentile', format: f },
    { field: 'p75', type: 'quantitative' as const, title: '75th percentile', format: f },
    { field: 'p05', type: 'quantitative' as const, title: '5th percentile', format: f },
    { field: 'p95', type: 'quantitative' as const, title: '95th percentile', format: f },
  ];
  const span = isNumeric
    ? `as ${paramLabel} goes from ${pointValue(ss.points[0] ?? { value: '' })} to ${pointValue(
        ss.points[ss.points.length - 1] ?? { value: '' },
      )}`
    : `for each value of ${paramLabel}`;

  const y = {
    field: 'p05',
    type: 'quantitative' as const,
    title: METRIC_AXIS[metric],
    axis: { format: axisFormat(metric) },
  };
  // numbers: a fan along the swept values; other values (names) are not on a line: dots with bars
  const layer = isNumeric
    ? [
        { mark: { type: 'area' as const, opacity: 0.16 }, encoding: { y, y2: { field: 'p95' } } },
        {
          mark: { type: 'area' as const, opacity: 0.32 },
          encoding: { y: { field: 'p25', type: 'quantitative' as const }, y2: { field: 'p75' } },
        },
        {
          mark: { type: 'line' as const, strokeWidth: 2.5, point: { filled: true, size: 45 } },
          encoding: { y: { field: 'p50', type: 'quantitative' as const }, tooltip },
        },
      ]
    : [
        {
          mark: { type: 'rule' as const, strokeWidth: 2, opacity: 0.55 },
          encoding: { y, y2: { field: 'p95' }, tooltip },
        },
        {
          mark: { type: 'rule' as const, strokeWidth: 7, opacity: 0.7 },
          encoding: { y: { field: 'p25', type: 'quantitative' as const }, y2: { field: 'p75' }, tooltip },
        },
        {
          mark: {
            type: 'point' as const,
            filled: true,
            size: 100,
            opacity: 1,
            stroke: '#222222',
            strokeWidth: 0.8,
          },
          encoding: { y: { field: 'p50', type: 'quantitative' as const }, tooltip },
        },
      ];

  return frameWith(head(ss), {
    title: lines(`${label}, ${span}`),
    description: `${label} for each value of ${ss.param}.`,
    explain: isNumeric
      ? [
          `Each value: ${formatCount(ss.runs)} runs with the same seed. Line: median;`,
          'dark band: middle 50% of runs (25th–75th percentile); light band: 90% of runs (5th–95th).',
        ]
      : [
          `Each value: ${formatCount(ss.runs)} runs with the same seed. Dot: median;`,
          'thick bar: middle 50% of runs (25th–75th percentile); thin line: 90% of runs (5th–95th).',
        ],
    panels: [
      {
        width: PLOT_WIDTH,
        height: 300,
        data: { values },
        encoding: {
          x,
          color,
          ...(several && !isNumeric
            ? { xOffset: { field: 'program', type: 'nominal' as const, sort: domain } }
            : {}),
        },
        layer,
      },
    ],
  });
}

/** Title lines of at most about 64 characters. */
function lines(text: string): string | string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > 64) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out.length === 1 ? (out[0] ?? '') : out;
}

/** The headline the tornado is about: its label and metric. */
function tornadoFigure(ss: SweepSummary): { label: string; metric: Metric } {
  const key = ss.tornadoKey ?? '';
  const h = ss.points.flatMap((p) => p.headline).find((x) => x.key === key);
  if (h) return { label: h.label, metric: h.metric };
  const suffix = key.split('.').pop() ?? '';
  const metric = (METRICS as readonly string[]).includes(suffix) ? (suffix as Metric) : 'issued';
  return { label: key === '' ? titleCase(METRIC_NOUN[metric].replace(/^the /, '')) : key, metric };
}

/** Bars widest first: |high − low| of the medians, then the parameter name. */
function sortedTornado(ss: SweepSummary): TornadoBar[] {
  const width = (t: TornadoBar) => Math.abs(t.high.p50 - t.low.p50);
  return ss.tornado
    .filter((t) => Number.isFinite(t.low.p50) && Number.isFinite(t.high.p50))
    .sort((a, b) => width(b) - width(a) || (a.parameter < b.parameter ? -1 : 1));
}

/** Whether an end's label goes right of its bar end. */
function sideOf(at: number, ref: number, other: number, end: 'low' | 'high'): boolean {
  if (at !== ref) return at > ref;
  if (other !== ref) return other < ref;
  return end === 'high';
}

/** One-at-a-time sensitivity: which uncertain parameter moves the headline figure most. */
function tornadoChart(ss: SweepSummary): VegaLiteSpec | null {
  const bars = sortedTornado(ss);
  if (bars.length === 0) return null;
  const { label, metric } = tornadoFigure(ss);
  const base = ss.base && Number.isFinite(ss.base.p50) ? round6(ss.base.p50) : null;
  const ends = ['low', 'high'] as const;
  const endLabel = { low: 'parameter at its low end', high: 'parameter at its high end' };
  const values = bars.flatMap((t) =>
    ends.map((end) => {
      const s = end === 'low' ? t.low : t.high;
      const used = end === 'low' ? t.lowValue : t.highValue;
      const other = end === 'low' ? t.high.p50 : t.low.p50;
      return {
        parameter: t.parameter,
        end: endLabel[end],
        used: round6(used),
        usedText: `${end === 'low' ? 'low' : 'high'}: ${formatParamValue(used)}`,
        p05: round6(s.p05),
        p50: round6(s.p50),
        p95: round6(s.p95),
        // bars run from the base to this end's median; with no base, one bar from end to end
        from: round6(base ?? other),
        width: round6(Math.abs(t.high.p50 - t.low.p50)),
        // labels go past the end of the bar, on its outer side; an end that does not move the figure
        // is labelled on the side away from the other end (low left, high right when neither moves)
        right: sideOf(s.p50, base ?? other, other, end),
      };
    }),
  );
  const order = bars.map((t) => t.parameter);
  const f = tooltipFormat(metric);
  const tooltip = [
    { field: 'parameter', type: 'nominal' as const, title: 'Parameter' },
    { field: 'end', type: 'nominal' as const, title: 'Fixed at' },
    { field: 'used', type: 'quantitative' as const, title: 'Value used', format: VALUE_FORMAT },
    { field: 'p50', type: 'quantitative' as const, title: `${label} (median)`, format: f },
    { field: 'p05', type: 'quantitative' as const, title: '5th percentile', format: f },
    { field: 'p95', type: 'quantitative' as const, title: '95th percentile', format: f },
  ];
  const y = {
    field: 'parameter',
    type: 'nominal' as const,
    sort: order,
    title: null,
    axis: { labelLimit: 220, ticks: false, labelPadding: 8, labelFontSize: 12, domain: false },
  };
  const colors = { domain: [endLabel.low, endLabel.high], range: ['#0072B2', '#E69F00'] };
  const text = (right: boolean) => ({
    transform: [{ filter: right ? 'datum.right' : '!datum.right' }],
    mark: {
      type: 'text' as const,
      align: right ? ('left' as const) : ('right' as const),
      baseline: 'middle' as const,
      dx: right ? 5 : -5,
      fontSize: 10,
    },
    encoding: {
      y,
      x: { field: 'p50', type: 'quantitative' as const },
      text: { field: 'usedText', type: 'nominal' as const },
      color: { value: '#333333' },
      tooltip,
    },
  });

  return frameWith(head(ss), {
    title: lines(`Which uncertain assumption moves ${METRIC_NOUN[metric]} most`),
    description: `One-at-a-time sensitivity of ${label} to each uncertain parameter.`,
    explain: [
      `${label}, median of ${formatCount(ss.runs)} runs, with one parameter fixed at its low or high end`,
      'and every other parameter drawn as usual. Labels: the value used. Widest bar on top.',
      ...(base !== null
        ? [`Black line: the median with every parameter drawn (${formatValue(metric, base)}).`]
        : []),
    ],
    panels: [
      {
        width: BAR_PLOT_WIDTH,
        height: { step: 30 },
        data: { values },
        layer: [
          {
            ...(base === null ? { transform: [{ filter: `datum.end === '${endLabel.low}'` }] } : {}),
            mark: { type: 'bar', height: { band: 0.62 } },
            encoding: {
              y,
              x: {
                field: 'p50',
                type: 'quantitative',
                title: `${label} (median)`,
                axis: { format: axisFormat(metric), tickCount: 5 },
                scale: { zero: false, padding: 80 },
              },
              x2: { field: 'from' },
              color:
                base === null
                  ? { value: '#999999' }
                  : {
                      field: 'end',
                      type: 'nominal',
                      scale: colors,
                      legend: topLegend(null, colors.domain, 'square'),
                    },
              tooltip,
            },
          },
          ...(base !== null
            ? [
                {
                  mark: { type: 'rule' as const, color: '#222222', strokeWidth: 1.5 },
                  encoding: { x: { datum: base, type: 'quantitative' as const } },
                },
              ]
            : []),
          text(true),
          text(false),
        ],
      },
    ],
  });
}

/**
 * The charts of a sweep with something to show: `sweep-<metric>` for each headline figure that
 * moves, then `tornado` when the summary has one.
 * @example sweepCharts(ss).map((c) => c.name) // ['sweep-issued', 'sweep-unused', …, 'tornado']
 */
export function sweepCharts(ss: SweepSummary, opts: SweepOptions = {}): Chart[] {
  const paramLabel = opts.paramLabel ?? sweepParamLabel(ss.param);
  const out: Chart[] = [];
  if (ss.points.length > 0) {
    for (const metric of chartedMetrics(ss)) {
      const spec = sweepMetricChart(ss, metric, paramLabel);
      if (spec) out.push({ name: `sweep-${metric.replace(/_/g, '-')}`, spec });
    }
  }
  const tornado = tornadoChart(ss);
  if (tornado) out.push({ name: 'tornado', spec: tornado });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Tables

const STATS = ['n', 'mean', 'sd', 'min', 'p05', 'p25', 'p50', 'p75', 'p95', 'max'] as const;

export const SWEEP_CSV_HEADER = [
  'param',
  'value',
  'x',
  'key',
  'label',
  'program',
  'pool',
  'metric',
  ...STATS,
] as const;

/**
 * sweep.csv: one line per swept value and headline figure, in the order of the points.
 * @example sweepCsv(ss).split('\n')[0] // 'param,value,x,key,label,program,pool,metric,n,mean,…'
 */
export function sweepCsv(ss: SweepSummary): string {
  const lines = ss.points.flatMap((p) =>
    p.headline.map((h) =>
      [
        ...[ss.param, p.value].map(csvField),
        formatCsvNumber(p.x),
        ...[h.key, h.label, h.program, h.pool, h.metric].map(csvField),
        ...STATS.map((k) => formatCsvNumber(h.stats[k])),
      ].join(','),
    ),
  );
  return `${[SWEEP_CSV_HEADER.join(','), ...lines].join('\n')}\n`;
}

export const TORNADO_CSV_HEADER = [
  'key',
  'parameter',
  'low_value',
  'high_value',
  'base_p50',
  'low_p05',
  'low_p50',
  'low_p95',
  'high_p05',
  'high_p50',
  'high_p95',
] as const;

/**
 * tornado.csv: one line per uncertain parameter, widest swing first; empty text without a tornado.
 * @example tornadoCsv(ss).split('\n')[1] // 'work-visas.issued,interest,0.0014,0.0052,1350000,…'
 */
export function tornadoCsv(ss: SweepSummary): string {
  const bars = sortedTornado(ss);
  if (bars.length === 0) return '';
  const lines = bars.map((t) =>
    [
      csvField(ss.tornadoKey ?? ''),
      csvField(t.parameter),
      ...[
        t.lowValue,
        t.highValue,
        ss.base?.p50,
        t.low.p05,
        t.low.p50,
        t.low.p95,
        t.high.p05,
        t.high.p50,
        t.high.p95,
      ].map((x) => formatCsvNumber(x)),
    ].join(','),
  );
  return `${[TORNADO_CSV_HEADER.join(','), ...lines].join('\n')}\n`;
}

function statsJson(s: CellStats): OrderedObject {
  return ordered(STATS.map((k) => [k, s[k]]));
}

function headlineJson(h: Headline): OrderedObject {
  return ordered([
    ['key', h.key],
    ['label', h.label],
    ['program', h.program],
    ['pool', h.pool],
    ['metric', h.metric],
    ['stats', statsJson(h.stats)],
  ]);
}

/** summary.json of a sweep: the scenario, the parameter, every point's headline figures, the tornado. */
export function sweepSummaryJson(ss: SweepSummary): string {
  const doc: JsonValue = ordered([
    [
      'scenario',
      ordered([
        ['id', ss.scenario.id],
        ['title', ss.scenario.title],
        ['status', ss.scenario.status],
        ['description', ss.scenario.description],
      ]),
    ],
    ['param', ss.param],
    ['runs', ss.runs],
    ['seed', ss.seed],
    [
      'points',
      ss.points.map((p) =>
        ordered([
          ['value', p.value],
          ['x', p.x],
          ['headline', p.headline.map(headlineJson)],
        ]),
      ),
    ],
    ['tornadoKey', ss.tornadoKey],
    ['base', ss.base ? statsJson(ss.base) : undefined],
    [
      'tornado',
      ss.tornado.map((t) =>
        ordered([
          ['parameter', t.parameter],
          ['lowValue', t.lowValue],
          ['highValue', t.highValue],
          ['low', statsJson(t.low)],
          ['high', statsJson(t.high)],
        ]),
      ),
    ],
  ]);
  return stringifyOrdered(doc);
}

// ---------------------------------------------------------------------------------------------------
// Report

interface LeadParts {
  intro: string;
  /** "From 100,000 to 200,000 (medians):" */
  changesIntro: string;
  /** e.g. ["Visas issued, FY2024–FY2028", "1,104,000", "1,546,000"] */
  changes: [label: string, from: string, to: string][];
  unchanged: string[];
  tornado: string | null;
}

/** A swept value as readers see it: numbers with separators, anything else as given. */
function pointValue(p: { value: string; x?: number | undefined }): string {
  return p.x !== undefined && Number.isInteger(p.x) ? formatCount(p.x) : p.value;
}

function leadParts(ss: SweepSummary, opts: SweepOptions): LeadParts {
  const paramLabel = opts.paramLabel ?? sweepParamLabel(ss.param);
  const n = ss.points.length;
  const parts: LeadParts = { intro: '', changesIntro: '', changes: [], unchanged: [], tornado: null };
  if (n > 0) {
    parts.intro = `The scenario was run at ${n} ${n === 1 ? 'value' : 'values'} of ${paramLabel} (${ss.points
      .map(pointValue)
      .join('; ')}), each with ${formatCount(ss.runs)} runs and the same seed.`;
    const first = ss.points[0];
    const last = ss.points[n - 1];
    if (first && last && n > 1) {
      parts.changesIntro = `From ${pointValue(first)} to ${pointValue(last)} (medians):`;
      for (const metric of SWEEP_METRICS) {
        for (const h of first.headline.filter((x) => x.metric === metric && x.pool === '')) {
          const end = last.headline.find((x) => x.key === h.key);
          if (!end || h.stats.n === 0 || end.stats.n === 0) continue;
          if (isFlat(ss, metric)) parts.unchanged.push(h.label);
          else
            parts.changes.push([
              h.label,
              formatValue(metric, h.stats.p50),
              formatValue(metric, end.stats.p50),
            ]);
        }
      }
    }
  }
  const top = sortedTornado(ss)[0];
  if (top) {
    const { label, metric } = tornadoFigure(ss);
    parts.tornado = `Of the uncertain parameters, ${top.parameter} moves “${label}” most: ${formatValue(
      metric,
      top.low.p50,
    )} with ${top.parameter} at ${formatParamValue(top.lowValue)}, ${formatValue(metric, top.high.p50)} at ${formatParamValue(
      top.highValue,
    )}.`;
  }
  return parts;
}

/**
 * The plain-language lead of a sweep, as sentences (report.html shows the changes as a list).
 * @example sweepLead(ss)[0] // 'The scenario was run at 5 values of the mexico pool's cap (100,000; …), …'
 */
export function sweepLead(ss: SweepSummary, opts: SweepOptions = {}): string[] {
  const p = leadParts(ss, opts);
  return [
    p.intro,
    p.changes.length > 0
      ? `${p.changesIntro} ${p.changes.map(([l, a, b]) => `${l}: ${a} → ${b}`).join('; ')}.`
      : '',
    p.unchanged.length > 0 ? `The same at every value: ${p.unchanged.join('; ')}.` : '',
    p.tornado ?? '',
  ].filter(Boolean);
}

function leadHtml(ss: SweepSummary, opts: SweepOptions): string {
  const p = leadParts(ss, opts);
  const items = p.changes
    .map(
      ([l, a, b]) =>
        `<li>${escapeHtml(l)}: <span class="num">${escapeHtml(a)}</span> → <strong class="num">${escapeHtml(b)}</strong></li>`,
    )
    .join('\n');
  const body = [
    p.intro ? `<p>${escapeHtml(p.intro)}</p>` : '',
    items ? `<p>${escapeHtml(p.changesIntro)}</p>\n<ul>\n${items}\n</ul>` : '',
    p.unchanged.length > 0 ? `<p>The same at every value: ${escapeHtml(p.unchanged.join('; '))}.</p>` : '',
    p.tornado ? `<p>${escapeHtml(p.tornado)}</p>` : '',
  ].filter(Boolean);
  return body.length > 0 ? `<div class="lead">\n${body.join('\n')}\n</div>` : '';
}

function pointsTable(ss: SweepSummary): string {
  if (ss.points.length === 0) return '';
  const keys: Headline[] = [];
  for (const p of ss.points) for (const h of p.headline) if (!keys.some((k) => k.key === h.key)) keys.push(h);
  // figures that are the same at every value are said once in the lead, not repeated in a column
  const cols = keys.filter((k) => SWEEP_METRICS.includes(k.metric) && !isFlat(ss, k.metric));
  const head = cols.map((c) => `<th scope="col" class="num wrap">${escapeHtml(c.label)}</th>`).join('');
  const body = ss.points
    .map((p) => {
      const cells = cols
        .map((c) => {
          const h = p.headline.find((x) => x.key === c.key);
          if (!h || h.stats.n === 0) return '<td class="num">–</td>';
          return `<td class="num">${escapeHtml(formatValue(h.metric, h.stats.p50))}<br><span class="range">${escapeHtml(
            rangeText(h.metric, h.stats),
          )}</span></td>`;
        })
        .join('');
      return `<tr><th scope="row" class="num">${escapeHtml(pointValue(p))}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<section id="points">
<h2>Headline figures at each value</h2>
<p class="note">Median of ${escapeHtml(formatCount(ss.runs))} runs, and below it the range that holds 90% of runs (5th–95th percentile).</p>
<div class="table-wrap">
<table class="figures">
<thead><tr><th scope="col" class="wrap"><code>${escapeHtml(ss.param)}</code></th>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
</section>`;
}

function tornadoTable(ss: SweepSummary): string {
  const bars = sortedTornado(ss);
  if (bars.length === 0) return '';
  const { label, metric } = tornadoFigure(ss);
  const body = bars
    .map(
      (t) =>
        `<tr><th scope="row"><code>${escapeHtml(t.parameter)}</code></th><td class="num">${escapeHtml(
          formatParamValue(t.lowValue),
        )}</td><td class="num">${escapeHtml(formatValue(metric, t.low.p50))}</td><td class="num">${escapeHtml(
          formatParamValue(t.highValue),
        )}</td><td class="num">${escapeHtml(formatValue(metric, t.high.p50))}</td></tr>`,
    )
    .join('\n');
  return `<section id="tornado">
<h2>Which uncertain parameter matters most</h2>
<p class="note">${escapeHtml(label)} (median) with one parameter fixed at its low or high end and every other one drawn as usual${
    ss.base ? `; with every parameter drawn it is ${escapeHtml(formatValue(metric, ss.base.p50))}` : ''
  }. Widest swing first.</p>
<table class="figures">
<thead><tr><th scope="col">Parameter</th><th scope="col" class="num">Low value</th><th scope="col" class="num">Median at low</th><th scope="col" class="num">High value</th><th scope="col" class="num">Median at high</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
}

/**
 * report.html of a sweep: the scenario, a plain-language lead, the headline figures at each value,
 * the charts, the tornado table, sources, assumptions and the manifest.
 * @example writeFileSync('report.html', sweepReportHtml(ss, sweepCharts(ss), manifest))
 */
export function sweepReportHtml(
  ss: SweepSummary,
  charts: readonly ReportChart[],
  manifest: object,
  opts: SweepOptions = {},
): string {
  const { scenario } = ss;
  return reportPage({
    title: `${scenario.title} — visasim sweep of ${ss.param}`,
    header: `<p class="kicker">visasim sweep · scenario <code>${escapeHtml(scenario.id)}</code></p>
<h1>${escapeHtml(scenario.title)}</h1>
<p class="meta">${statusBadge(scenario.status)}
${escapeHtml(formatCount(ss.runs))} runs at each value of <code>${escapeHtml(ss.param)}</code>, seed ${escapeHtml(ss.seed)}</p>
<p class="description">${escapeHtml(scenario.description)}</p>
${leadHtml(ss, opts)}`,
    sections: [
      pointsTable(ss),
      chartsSection(charts),
      tornadoTable(ss),
      sourcesSection(scenario.sources),
      assumptionsSection(scenario.assumptions),
      manifestSection(ss, manifest),
    ],
    charts,
  });
}

/**
 * The output files of a sweep, in a fixed order: sweep.csv, tornado.csv (when there is a tornado),
 * summary.json, manifest.json, then per chart `charts/<name>.vl.json` (+ `.svg`, `.png`), then
 * report.html.
 * @example await writeOutputs(dir, await buildSweepFiles(ss, manifest, { charts: ['svg', 'html'] }))
 */
export async function buildSweepFiles(
  ss: SweepSummary,
  manifest: object,
  opts: SweepBuildOptions,
): Promise<OutputFile[]> {
  const tornado = tornadoCsv(ss);
  const files: OutputFile[] = [
    { path: 'sweep.csv', data: sweepCsv(ss) },
    ...(tornado === '' ? [] : [{ path: 'tornado.csv', data: tornado }]),
    { path: 'summary.json', data: sweepSummaryJson(ss) },
    { path: 'manifest.json', data: manifestJson(manifest) },
  ];
  if (opts.charts === 'none') return files;
  const formats = new Set(opts.charts);
  const label = opts.paramLabel === undefined ? {} : { paramLabel: opts.paramLabel };
  const charts = sweepCharts(ss, label);
  files.push(...(await chartFiles(charts, formats)));
  if (formats.has('html'))
    files.push({ path: 'report.html', data: sweepReportHtml(ss, charts, manifest, label) });
  return files;
}
