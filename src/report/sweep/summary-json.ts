/** summary.json of a sweep. */
import type { SweepSummary } from '../../core/types.js';
import { type JsonValue, ordered, stringifyOrdered } from '../ordered-json.js';
import { headlineJson, scenarioRefJson, statsJson } from '../summary-json.js';

/** summary.json of a sweep: the scenario, the parameter, every point's headline figures, the tornado. */
export function sweepSummaryJson(ss: SweepSummary): string {
  const doc: JsonValue = ordered([
    ['scenario', scenarioRefJson(ss.scenario)],
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
