/**
 * Every chart of a report, in reading order. In: a Summary. Out: `{ name, spec }` for each chart that
 * has something to show (a chart builder returns null otherwise). Names are file stems:
 * `charts/<name>.vl.json`, `.svg`, `.png`.
 */
import type { Summary } from '../../stats/types.js';
import { backlogOverTime } from './backlog-over-time.js';
import type { VegaLiteSpec } from './common.js';
import { daysToFill } from './days-to-fill.js';
import { issuedByGroup } from './issued-by-group.js';
import { selectionProbability } from './selection-probability.js';
import { unusedByPool } from './unused-by-pool.js';

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
];

/**
 * The charts with something to show.
 * @example buildCharts(summary).map((c) => c.name) // ['issued-by-group', 'selection-probability', ...]
 */
export function buildCharts(summary: Summary): Chart[] {
  const out: Chart[] = [];
  for (const { name, build } of CHARTS) {
    const spec = build(summary);
    if (spec) out.push({ name, spec });
  }
  return out;
}
