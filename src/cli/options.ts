/** Option parsers shared by commands. They turn text into values or throw UsageError; no arithmetic. */
import { availableParallelism } from 'node:os';
import { parseBytes } from '../scenario/budget.js';
import { MAX_RUNS } from '../scenario/schema.js';
import { UsageError } from './errors.js';

/** Options that may be given more than once (yargs collects them in a list). */
const REPEATABLE = new Set(['set', 'files', 'dirs', '_', '$0']);

/**
 * Refuse an option given twice (`--runs 4 --runs 5`): yargs would hand the command the list
 * ["4", "5"], read as the bad value "4,5" (or, for --out, a crash). A yargs middleware.
 */
export function refuseRepeated(argv: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(argv)) {
    if (REPEATABLE.has(key) || !Array.isArray(value)) continue;
    // yargs keeps both spellings (keep-runs, keepRuns): report the one with the dash
    if (key !== kebab(key) && Object.hasOwn(argv, kebab(key))) continue;
    throw new UsageError(
      `--${kebab(key)} is given ${value.length} times (${value.map((v) => JSON.stringify(String(v))).join(', ')}); give it once`,
    );
  }
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function parseRuns(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  if (!/^\d+$/.test(s) || Number(s) < 1)
    throw new UsageError(`--runs must be a whole number of at least 1, got "${s}"`);
  const n = Number(s);
  if (n > MAX_RUNS)
    throw new UsageError(`--runs must be at most ${MAX_RUNS.toLocaleString('en-US')}, got ${s}`);
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
  const s = String(v ?? 'svg,png,html').trim();
  if (s === 'none') return 'none';
  const parts = s.split(',').map((x) => x.trim());
  for (const p of parts) {
    if (p !== 'svg' && p !== 'png' && p !== 'html')
      throw new UsageError(`--charts takes svg, png, html (comma-separated) or none, got "${p}"`);
  }
  return parts as ChartFormat[];
}

export function asStrings(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

export function parseThreads(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 256)
    throw new UsageError(`--threads must be a whole number from 1 to 256, got "${s}"`);
  return Number(s);
}

export function parseShard(v: unknown): { index: number; count: number } | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N, e.g. 3/10, got "${s}"`);
  return { index, count };
}

/** --max-memory: 512M, 8G, 8GiB, 1.5T or bytes. */
export function parseMaxMemory(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  const bytes = parseBytes(s);
  if (bytes === undefined)
    throw new UsageError(`--max-memory takes a size such as 512M, 8G or 8GiB, got "${s}"`);
  return bytes;
}

/**
 * --threads beyond the machine's cores: each thread only adds memory (a run's buffers), so `run`
 * uses one per core. The warning to print, if any.
 */
export function threadsWarning(
  threads: number | undefined,
  cores = availableParallelism(),
): string | undefined {
  if (threads === undefined || threads <= cores) return undefined;
  return `visasim: warning: --threads ${threads} is more than this machine's ${cores} core${cores === 1 ? '' : 's'}; using ${cores}`;
}

/** The global options every command that reads a scenario takes: --allow-any-path, --max-memory. */
export function globalOpts(args: unknown): { allowAnyPath?: true; maxMemory?: number } {
  const maxMemory = parseMaxMemory((args as { maxMemory?: unknown }).maxMemory);
  return { ...anyPath(args), ...(maxMemory !== undefined ? { maxMemory } : {}) };
}

/** The global --allow-any-path flag as a load option. */
export function anyPath(args: unknown): { allowAnyPath?: true } {
  return (args as { allowAnyPath?: unknown }).allowAnyPath === true ? { allowAnyPath: true } : {};
}
