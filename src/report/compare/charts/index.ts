/**
 * The comparison's charts, in reading order: the visas each group gets under A and under B side by
 * side; the change B − A per group with its 5th–95th percentile; the change in the backlog at the
 * end of each fiscal year as a fan. Like the single-scenario charts these only pick rows and lay
 * them out.
 */
import type { CompareSummary } from '../../../core/types.js';
import type { VegaLiteSpec } from '../../charts/common.js';
import { type Chart, chartsOf } from '../../charts/index.js';
import type { CompareOptions } from '../common.js';
import { compareBacklogChange } from './backlog-change.js';
import { compareChangeByGroup } from './change-by-group.js';
import { compareIssuedByGroup } from './issued-by-group.js';

/** The comparison charts, in reading order. */
export const COMPARE_CHARTS: readonly {
  name: string;
  build: (cs: CompareSummary, opts: CompareOptions) => VegaLiteSpec | null;
}[] = [
  { name: 'compare-issued-by-group', build: compareIssuedByGroup },
  { name: 'compare-change-by-group', build: compareChangeByGroup },
  { name: 'compare-backlog-change', build: compareBacklogChange },
];

/**
 * The charts of a comparison that have something to show.
 * @example compareCharts(cs).map((c) => c.name) // ['compare-issued-by-group', 'compare-change-by-group', …]
 */
export function compareCharts(cs: CompareSummary, opts: CompareOptions = {}): Chart[] {
  return chartsOf(COMPARE_CHARTS, cs, opts);
}
