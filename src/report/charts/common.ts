/**
 * What every chart shares: the frame (frame.ts), fixed colour scales (scales.ts), number formats
 * (format.ts), band layers and tooltips (layers.ts), and row lookups. Charts read the Summary only;
 * they never compute statistics (STYLE.md §8), they pick rows and lay them out.
 */
import type { Metric, QuantileRow, Summary } from '../../core/types.js';

export * from './format.js';
export * from './frame.js';
export * from './layers.js';
export * from './scales.js';
export type { PanelSpec, TooltipField, VegaLiteSpec } from './types.js';

/** A row index by cell, for looking up the cap or the share filled beside another metric. */
export function cellIndex(
  summary: Summary,
): (program: string, pool: string, group: string, period: string, metric: Metric) => QuantileRow | undefined {
  const index = new Map<string, QuantileRow>();
  for (const r of summary.rows)
    index.set(`${r.program}\u0000${r.pool}\u0000${r.group}\u0000${r.period}\u0000${r.metric}`, r);
  return (program, pool, group, period, metric) =>
    index.get(`${program}\u0000${pool}\u0000${group}\u0000${period}\u0000${metric}`);
}

/** Rows grouped by their pool (program and pool), pools in order of first appearance. */
export function rowsByPool(
  rows: readonly QuantileRow[],
): { program: string; pool: string; rows: QuantileRow[] }[] {
  const out: { program: string; pool: string; rows: QuantileRow[] }[] = [];
  for (const r of rows) {
    const at = out.find((p) => p.program === r.program && p.pool === r.pool);
    if (at) at.rows.push(r);
    else out.push({ program: r.program, pool: r.pool, rows: [r] });
  }
  return out;
}

/** Rows that carry a value in at least one run. */
export function hasValue(row: QuantileRow): boolean {
  return row.stats.n > 0 && Number.isFinite(row.stats.p50);
}
