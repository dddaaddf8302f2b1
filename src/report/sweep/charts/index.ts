/**
 * The sweep's charts: `sweep-<metric>` for each headline figure that moves, then `tornado` when the
 * summary has one. Like the other charts these only pick figures and lay them out.
 */
import type { SweepSummary } from '../../../core/types.js';
import type { Chart } from '../../charts/index.js';
import { chartedMetrics, type SweepOptions, sweepParamLabel } from '../common.js';
import { sweepMetricChart } from './metric.js';
import { tornadoChart } from './tornado.js';

/**
 * The charts of a sweep with something to show.
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
