/**
 * What the sweep's charts, tables and report share: which headline figures are charted and in what
 * words, the swept parameter and its values as text, the chart head, and the tornado's bars in order.
 */
import type { CellStats, Metric, SweepSummary, TornadoBar } from '../../core/types.js';
import { METRICS } from '../../core/types.js';
import { isShare } from '../cell-text.js';
import {
  countRuns,
  type FrameHead,
  formatCount,
  NUMBER_FORMAT,
  PERCENT_FORMAT,
  SHARE_TOOLTIP_FORMAT,
  scenarioLines,
  sourceFooterLines,
} from '../charts/common.js';

export interface SweepOptions {
  /** the swept parameter in words, e.g. "the Mexico pool's yearly cap" (default: made from the path) */
  paramLabel?: string;
}

/** Headline metrics in the order their charts appear. */
export const SWEEP_METRICS: readonly Metric[] = [
  'issued',
  'unused',
  'backlog',
  'selection_rate',
  'diverted',
  'applicants',
];

/** What a headline metric is, as the object of a sentence. */
export const METRIC_NOUN: Record<Metric, string> = {
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
  applications: 'the number of applications filed',
  applications_issued: 'the number of applications selected',
  persons: 'the number of persons the applications carry',
  persons_issued: 'the number of persons on the applications selected',
  final_action_date: 'the final action date (cut-off)',
  current: 'the chance that the category is current',
  unavailable: 'the chance that the category is unavailable',
  reached: 'the number who reached the stage',
  wait_months: 'the wait from filing to selection',
  served: 'the share of a filing year selected by the end',
  days_to_fill_receipt: 'the time until the cap is reached, by receipt (filing) date',
  final_day_received: 'the applications received on the final receipt date',
  final_day_accepted: 'the share of applications received on the final receipt date that are accepted',
};

/** Axis titles with units. */
export const METRIC_AXIS: Record<Metric, string> = {
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
  applications: 'applications filed',
  applications_issued: 'applications selected',
  persons: 'persons on applications filed',
  persons_issued: 'persons on applications selected',
  final_action_date: 'final action date (priority date reached)',
  current: 'share of runs in which the category is current',
  unavailable: 'share of runs in which the category is unavailable',
  reached: 'people who reached the stage',
  wait_months: 'months from filing to selection',
  served: 'share of the filing year selected',
  days_to_fill_receipt: 'days until the cap is reached, by receipt date',
  final_day_received: 'applications received on the final receipt date',
  final_day_accepted: 'share accepted of those received on the final receipt date',
};

export const axisFormat = (m: Metric): string => (isShare(m) ? PERCENT_FORMAT : NUMBER_FORMAT);
export const tooltipFormat = (m: Metric): string => (isShare(m) ? SHARE_TOOLTIP_FORMAT : NUMBER_FORMAT);

/** Parameter values as written: "150,000", "0.2", "0.0014". */
export const VALUE_FORMAT = ',~r';

/** A parameter value for labels: integers with separators, others to 3 significant digits
 * (tornado ends are percentiles of a distribution: 0.00143857 → "0.00144"). */
export function formatParamValue(x: number): string {
  const text = Number.isInteger(x) ? formatCount(x) : String(Number(x.toPrecision(3)));
  return text.replace(/^-/, '−');
}

/** A swept value as readers see it: numbers with separators, anything else as given. */
export function pointValue(p: { value: string; x?: number | undefined }): string {
  return p.x !== undefined && Number.isInteger(p.x) ? formatCount(p.x) : p.value;
}

export function titleCase(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/**
 * The swept parameter in words, from its path: `parameters.take_up` → "take_up",
 * `programs.work-visas.pools.mexico.cap.amount` → "the mexico pool's cap"; other paths as given.
 */
export function sweepParamLabel(param: string): string {
  const parts = param.split('.').filter(Boolean);
  const rest = (from: number) =>
    parts
      .slice(from)
      .filter((p, i, all) => !(p === 'amount' && i === all.length - 1))
      .join(' ');
  if (parts[0] === 'parameters' && parts[1]) return parts[1];
  if (parts[0] === 'programs' && parts[2] === 'pools' && parts[3] && parts.length > 4)
    return `the ${parts[3]} pool's ${rest(4)}`;
  if (parts[0] === 'programs' && parts[1] && parts.length > 2) return `the ${parts[1]} ${rest(2)}`;
  return param;
}

/** The scenario line and the footer (sources, runs at each setting, seed) of a sweep chart. */
export function sweepHead(ss: SweepSummary): FrameHead {
  return {
    scenario: scenarioLines(ss.scenario.title, ss.scenario.status),
    footer: sourceFooterLines(
      ss.scenario.sources.map((s) => s.title),
      `${countRuns(ss.runs)} at each setting, seed ${ss.seed} · made with visasim`,
    ),
  };
}

/** Whether every swept value is a number (the x axis is then numeric). */
export const isNumericSweep = (ss: SweepSummary): boolean =>
  ss.points.length > 0 && ss.points.every((p) => p.x !== undefined);

/** Headline figures of one metric at every point, by program. */
export function series(ss: SweepSummary, metric: Metric) {
  return ss.points.flatMap((p) =>
    p.headline
      .filter((h) => h.metric === metric && h.pool === '' && h.stats.n > 0)
      .map((h) => ({ point: p, h })),
  );
}

/** True when the figure is the same at every value (nothing to chart). */
export function isFlat(ss: SweepSummary, metric: Metric): boolean {
  if (ss.points.length < 2) return false;
  const byKey = new Map<string, CellStats[]>();
  for (const { h } of series(ss, metric)) byKey.set(h.key, [...(byKey.get(h.key) ?? []), h.stats]);
  return [...byKey.values()].every((list) =>
    list.every((s) => s.p05 === list[0]?.p05 && s.p50 === list[0]?.p50 && s.p95 === list[0]?.p95),
  );
}

/** The metrics that get a chart: every headline metric that moves (all of them if none does). */
export function chartedMetrics(ss: SweepSummary): Metric[] {
  const present = SWEEP_METRICS.filter((m) => series(ss, m).length > 0);
  const moving = present.filter((m) => !isFlat(ss, m));
  return moving.length > 0 ? moving : present.slice(0, 1);
}

/** The headline the tornado is about: its label and metric. */
export function tornadoFigure(ss: SweepSummary): { label: string; metric: Metric } {
  const key = ss.tornadoKey ?? '';
  const h = ss.points.flatMap((p) => p.headline).find((x) => x.key === key);
  if (h) return { label: h.label, metric: h.metric };
  const suffix = key.split('.').pop() ?? '';
  const metric = (METRICS as readonly string[]).includes(suffix) ? (suffix as Metric) : 'issued';
  return { label: key === '' ? titleCase(METRIC_NOUN[metric].replace(/^the /, '')) : key, metric };
}

/** Bars widest first: |high − low| of the medians, then the parameter name. */
export function sortedTornado(ss: SweepSummary): TornadoBar[] {
  const width = (t: TornadoBar) => Math.abs(t.high.p50 - t.low.p50);
  return ss.tornado
    .filter((t) => Number.isFinite(t.low.p50) && Number.isFinite(t.high.p50))
    .sort((a, b) => width(b) - width(a) || (a.parameter < b.parameter ? -1 : 1));
}
