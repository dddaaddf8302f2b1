/**
 * Every chart of a report, in reading order. In: a Summary. Out: `{ name, spec }` for each chart that
 * has something to show (a chart builder returns null otherwise). Names are file stems:
 * `charts/<name>.vl.json`, `.svg`, `.png`.
 */
import type { Summary } from '../../core/types.js';
import { backlogOverTime } from './backlog-over-time.js';
import { ceilingsChart } from './ceilings.js';
import type { VegaLiteSpec } from './common.js';
import { daysToFill } from './days-to-fill.js';
import { finalActionDates } from './final-action-dates.js';
import { issuedByGroup } from './issued-by-group.js';
import { referenceBeside } from './reference-beside.js';
import { selectionProbability } from './selection-probability.js';
import { stagesChart } from './stages.js';
import { unusedByPool } from './unused-by-pool.js';
import { waitByFilingYear } from './wait-by-filing-year.js';

export type { VegaLiteSpec } from './common.js';

export interface Chart {
  name: string;
  spec: VegaLiteSpec;
}

/** The chart builders, in the order the report shows them. */
export const CHARTS: readonly { name: string; build: (summary: Summary) => VegaLiteSpec | null }[] = [
  { name: 'issued-by-group', build: issuedByGroup },
  { name: 'selection-probability', build: selectionProbability },
  { name: 'unused-by-pool', build: unusedByPool },
  { name: 'days-to-fill', build: daysToFill },
  { name: 'backlog-over-time', build: backlogOverTime },
  { name: 'final-action-dates', build: finalActionDates },
  { name: 'wait-by-filing-year', build: waitByFilingYear },
  { name: 'stages', build: stagesChart },
  { name: 'ceilings', build: ceilingsChart },
  { name: 'reference-beside', build: referenceBeside },
];

/**
 * The charts of some builders that have something to show (a builder returns null otherwise), in
 * the builders' order; the comparison and the sweep use it with their own builders.
 * @example chartsOf(COMPARE_CHARTS, cs, {})
 */
export function chartsOf<A extends unknown[]>(
  builders: readonly { name: string; build: (...args: A) => VegaLiteSpec | null }[],
  ...args: A
): Chart[] {
  const out: Chart[] = [];
  for (const { name, build } of builders) {
    const spec = build(...args);
    if (spec) out.push({ name, spec });
  }
  return out;
}

/**
 * The charts with something to show.
 * @example buildCharts(summary).map((c) => c.name) // ['issued-by-group', 'selection-probability', ...]
 */
export function buildCharts(summary: Summary): Chart[] {
  return chartsOf(CHARTS, summary);
}
