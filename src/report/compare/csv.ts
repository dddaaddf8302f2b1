/** diff.csv of a comparison: every cell present in both scenarios, A, B and the change B − A. */
import type { CompareSummary } from '../../core/types.js';
import { csvField, formatCsvNumber } from '../quantiles-csv.js';

/** diff.csv columns: the cell, the medians of A and B, the change B − A, then the rest. */
export const COMPARE_CSV_HEADER = [
  'program',
  'pool',
  'group',
  'period',
  'metric',
  'a_p50',
  'b_p50',
  'diff_mean',
  'diff_p05',
  'diff_p50',
  'diff_p95',
  'diff_sd',
  'diff_min',
  'diff_p25',
  'diff_p75',
  'diff_max',
  'diff_n',
  'a_mean',
  'a_p05',
  'a_p95',
  'a_n',
  'b_mean',
  'b_p05',
  'b_p95',
  'b_n',
] as const;

/**
 * diff.csv: one line per cell present in both scenarios, in A's row order. `diff_*` describe the
 * per-run difference B − A (so diff_p50 need not equal b_p50 − a_p50).
 * @example compareCsv(cs).split('\n')[0] // 'program,pool,group,period,metric,a_p50,b_p50,diff_mean,…'
 */
export function compareCsv(cs: CompareSummary): string {
  const lines = cs.rows.map((r) => {
    const keys = [r.program, r.pool, r.group, r.period, r.metric].map(csvField);
    const numbers = [
      r.a.p50,
      r.b.p50,
      r.diff.mean,
      r.diff.p05,
      r.diff.p50,
      r.diff.p95,
      r.diff.sd,
      r.diff.min,
      r.diff.p25,
      r.diff.p75,
      r.diff.max,
      r.diff.n,
      r.a.mean,
      r.a.p05,
      r.a.p95,
      r.a.n,
      r.b.mean,
      r.b.p05,
      r.b.p95,
      r.b.n,
    ].map((x) => formatCsvNumber(x));
    return [...keys, ...numbers].join(',');
  });
  return `${[COMPARE_CSV_HEADER.join(','), ...lines].join('\n')}\n`;
}
