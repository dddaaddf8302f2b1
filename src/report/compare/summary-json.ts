/** summary.json of a comparison. */
import type { CompareSummary } from '../../core/types.js';
import { type JsonValue, ordered, stringifyOrdered } from '../ordered-json.js';
import { groupsJson, scenarioRefJson, statsJson } from '../summary-json.js';
import { both, headlineRow } from './common.js';

/**
 * summary.json of a comparison: both scenarios, the headline figures of A and B with their change,
 * and every compared cell as `{ program, pool, group, period, metric, a, b, diff }` ('' = all).
 */
export function compareSummaryJson(cs: CompareSummary): string {
  const headline: JsonValue[] = [];
  for (const h of cs.a.headline) {
    const other = cs.b.headline.find((x) => x.key === h.key);
    if (!other) continue;
    const row = headlineRow(cs, h.program, h.pool, h.metric);
    headline.push(
      ordered([
        ['key', h.key],
        ['label', h.label],
        ['program', h.program],
        ['pool', h.pool],
        ['metric', h.metric],
        ['a', statsJson(h.stats)],
        ['b', statsJson(other.stats)],
        ['diff', row ? statsJson(row.diff) : null],
      ]),
    );
  }
  const doc = ordered([
    ['a', scenarioRefJson(cs.a.scenario)],
    ['b', scenarioRefJson(cs.b.scenario)],
    ['runs', cs.runs],
    ['seed', cs.seed],
    ['commonRandomNumbers', true],
    ['fiscalYears', [...cs.a.fiscalYears]],
    ['groups', groupsJson(both(cs).groups)],
    ['headline', headline],
    [
      'rows',
      cs.rows.map((r) =>
        ordered([
          ['program', r.program],
          ['pool', r.pool],
          ['group', r.group],
          ['period', r.period],
          ['metric', r.metric],
          ['a', statsJson(r.a)],
          ['b', statsJson(r.b)],
          ['diff', statsJson(r.diff)],
        ]),
      ),
    ],
  ]);
  return stringifyOrdered(doc);
}
