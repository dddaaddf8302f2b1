/** sweep.csv and tornado.csv. */
import type { SweepSummary } from '../../core/types.js';
import { csvField, formatCsvNumber } from '../quantiles-csv.js';
import { STAT_KEYS } from '../summary-json.js';
import { sortedTornado } from './common.js';

export const SWEEP_CSV_HEADER = [
  'param',
  'value',
  'x',
  'key',
  'label',
  'program',
  'pool',
  'metric',
  ...STAT_KEYS,
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
        ...STAT_KEYS.map((k) => formatCsvNumber(h.stats[k])),
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
