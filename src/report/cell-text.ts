/**
 * A cell's value as text, the way every report table and lead sentence writes it: counts with
 * thousands separators, shares as percentages, days with their unit, and the 5th–95th range.
 */
import type { CellStats, Metric } from '../core/types.js';
import { formatCount } from './charts/format.js';

/** Metrics whose values are shares (0–1), shown as percentages. */
export const isShare = (m: Metric): boolean =>
  m === 'selection_rate' || m === 'filled' || m === 'final_day_accepted';

/** A cell value as text: counts with thousands separators, shares as percentages, days with the unit. */
export function formatValue(metric: Metric, x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (isShare(metric)) return `${(x * 100).toFixed(1)}%`;
  if (metric === 'days_to_fill' || metric === 'days_to_fill_receipt') return `${formatCount(x)} days`;
  return formatCount(x);
}

/** The 5th–95th percentile range as text, or "same in every run". */
export function rangeText(metric: Metric, s: CellStats): string {
  if (Number.isNaN(s.p05) && Number.isNaN(s.p95)) return '–'; // a value in no run
  if (s.p05 === s.p95) return 'same in every run';
  return `${formatValue(metric, s.p05)} – ${formatValue(metric, s.p95)}`;
}
