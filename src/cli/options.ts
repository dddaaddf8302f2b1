/** Option parsers shared by commands. They turn text into values or throw UsageError; no arithmetic. */
import { MAX_RUNS } from '../scenario/schema.js';
import { UsageError } from './errors.js';

export function parseRuns(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  if (!/^\d+$/.test(s) || Number(s) < 1) throw new UsageError(`--runs must be a whole number of at least 1, got "${s}"`);
  const n = Number(s);
  if (n > MAX_RUNS) throw new UsageError(`--runs must be at most ${MAX_RUNS.toLocaleString('en-US')}, got ${s}`);
  return n;
}

export function parseSeed(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  if (s.length === 0) throw new UsageError('--seed must not be empty');
  return s;
}

export type ChartFormat = 'svg' | 'png' | 'html';

export function parseCharts(v: unknown): ChartFormat[] | 'none' {
  const s = String(v ?? 'svg,png,html');
  if (s === 'none') return 'none';
  const parts = s.split(',').map((x) => x.trim());
  for (const p of parts) {
    if (p !== 'svg' && p !== 'png' && p !== 'html') throw new UsageError(`--charts takes svg, png, html (comma-separated) or none, got "${p}"`);
  }
  return parts as ChartFormat[];
}

export function asStrings(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}
