/**
 * Mergeable partial results of `visasim run --shard I/N`: `partial.json` (what was run: scenario
 * hash and resolved scenario, seed, the shard's run range) and `partial.f32` (the shard's kept cells,
 * run-major, little-endian float32 — the same values the full run would hold). partial.json carries
 * the sha256 of partial.f32 and, in its manifest, the versions that made it (visasim, RNG,
 * samplers). `parsePartial` refuses a damaged pair (truncated, corrupt, malformed); `mergePartials`
 * refuses shards that do not belong together or to this visasim, and values no run can hold
 * (NaN where a count must be, negative numbers, shares outside [0, 1]); then it rebuilds the
 * Accumulator of the full run. Every refusal is a PartialError naming the shard's folder.
 */
import { createHash } from 'node:crypto';
import type { Metric } from '../core/types.js';
import { type ClampNote, type Manifest, scenarioHash, shardRange, VERSION } from '../pipeline.js';
import { SAMPLER_VERSION } from '../random/index.js';
import { RNG_ALGORITHM } from '../random/stream.js';
import { Accumulator } from '../stats/accumulate.js';

export const PARTIAL_FORMAT = 'visasim-partial/1';

export interface PartialMeta {
  format: typeof PARTIAL_FORMAT;
  manifest: Manifest;
  shard: { index: number; count: number };
  firstRun: number;
  runs: number;
  /** number of kept cells per run */
  cells: number;
  /** sha256 (hex) of partial.f32 */
  sha256: string;
}

export interface Partial {
  meta: PartialMeta;
  values: Float32Array;
  /** where it was read from (its folder), to name it in errors */
  where: string;
}

export function partialFiles(
  acc: Accumulator,
  manifest: Manifest,
  firstRun: number,
): { path: string; data: string | Uint8Array }[] {
  if (!manifest.shard) throw new Error('partialFiles: the manifest has no shard');
  const K = acc.offsets.length;
  const values = new Float32Array(acc.runs * K);
  for (let r = 0; r < acc.runs; r++) values.set(acc.runValues(r), r * K);
  const meta: PartialMeta = {
    format: PARTIAL_FORMAT,
    manifest,
    shard: { index: manifest.shard.index, count: manifest.shard.count },
    firstRun,
    runs: acc.runs,
    cells: K,
    sha256: '',
  };
  const bin = littleEndian(values);
  meta.sha256 = sha256(bin);
  return [
    { path: 'partial.json', data: `${JSON.stringify(meta, null, 2)}\n` },
    { path: 'partial.f32', data: bin },
  ];
}

const sha256 = (bin: Uint8Array) => createHash('sha256').update(bin).digest('hex');

function littleEndian(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return out;
}

export class PartialError extends Error {
  override name = 'PartialError';
}

const isCount = (v: unknown, min = 0): v is number => Number.isSafeInteger(v) && (v as number) >= min;

/** The shape of partial.json, checked before anything is read from it. */
function checkMeta(where: string, meta: unknown): asserts meta is PartialMeta {
  const bad = (what: string) =>
    new PartialError(`${where}/partial.json is damaged or not visasim's: ${what}`);
  if (!meta || typeof meta !== 'object') throw bad('not an object');
  const m = meta as Partial['meta'];
  if (m.format !== PARTIAL_FORMAT)
    throw new PartialError(`${where}/partial.json is not a ${PARTIAL_FORMAT} file`);
  if (!m.shard || !isCount(m.shard.count, 1) || !isCount(m.shard.index, 1) || m.shard.index > m.shard.count)
    throw bad('no valid shard I/N');
  if (!isCount(m.firstRun) || !isCount(m.runs) || !isCount(m.cells))
    throw bad('no valid run range or cell count');
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256))
    throw bad('no sha256 of partial.f32 (made by a visasim before 0.2? rerun the shard)');
  const man = m.manifest as Partial['meta']['manifest'] | undefined;
  if (!man || typeof man !== 'object' || !man.scenario || typeof man.scenario.sha256 !== 'string')
    throw bad('no manifest');
  if (!isCount(man.runs, 1) || m.firstRun + m.runs > man.runs) throw bad('runs outside the full run');
  if (scenarioHash(man.scenario.resolved) !== man.scenario.sha256)
    throw bad('its resolved scenario does not match its sha256');
}

/**
 * Read a shard: partial.json's text and partial.f32's bytes. Refuses (PartialError, naming `where`)
 * malformed JSON, a data file of the wrong size (truncated) or whose sha256 differs (corrupt, or
 * another shard's).
 */
export function parsePartial(where: string, json: string, bin: Uint8Array): Partial {
  let meta: unknown;
  try {
    meta = JSON.parse(json);
  } catch {
    throw new PartialError(`${where}/partial.json is not valid JSON (truncated?)`);
  }
  checkMeta(where, meta);
  if (bin.byteLength !== meta.runs * meta.cells * 4) {
    throw new PartialError(
      `${where}/partial.f32 holds ${bin.byteLength} bytes, expected ${meta.runs * meta.cells * 4} (truncated?)`,
    );
  }
  if (sha256(bin) !== meta.sha256)
    throw new PartialError(
      `${where}/partial.f32 does not match the sha256 in its partial.json: the file is corrupt, or another shard's`,
    );
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const values = new Float32Array(meta.runs * meta.cells);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return { meta, values, where };
}

/**
 * What a kept cell of `metric` can hold: NaN where a run may have no value, never a negative number
 * — except `unused`, below 0 where numbers were issued past a limit on purpose (a per-group limit
 * lifted by `lift_when_unused`, an application admitted whole across a cap by `crossing: admit`),
 * and `days_to_fill_receipt`, below 0 when a cap is reached by receipts filed before its period opens.
 */
function plausible(metric: Metric, v: number): boolean {
  if (Number.isNaN(v))
    return (
      metric === 'cap' ||
      metric === 'unused' ||
      metric === 'days_to_fill' ||
      metric === 'days_to_fill_receipt' ||
      metric === 'final_day_received' ||
      metric === 'final_day_accepted' ||
      metric === 'selection_rate' ||
      metric === 'filled' ||
      metric === 'final_action_date' ||
      metric === 'wait_months' ||
      metric === 'served'
    );
  if (!Number.isFinite(v) || (v < 0 && metric !== 'unused' && metric !== 'days_to_fill_receipt'))
    return false;
  if (
    metric === 'selection_rate' ||
    metric === 'filled' ||
    metric === 'current' ||
    metric === 'unavailable' ||
    metric === 'served' ||
    metric === 'final_day_accepted'
  )
    return v <= 1;
  return true;
}

/** Refuse a shard whose values no run can hold (the sha256 catches accidents; this, rewritten files). */
export function checkValues(p: Partial, metrics: readonly Metric[]): void {
  const K = p.meta.cells;
  for (let i = 0; i < p.values.length; i++) {
    const metric = metrics[i % K] as Metric;
    const v = p.values[i] as number;
    if (!plausible(metric, v))
      throw new PartialError(
        `${p.where}/partial.f32: run ${p.meta.firstRun + Math.floor(i / K)} has ${v} for a cell of metric ${metric}, which no run can hold`,
      );
  }
}

/** Combine shards into the Accumulator of the full run; the manifest is the full run's. */
export function mergePartials(
  parts: Partial[],
  offsets: readonly number[],
  metrics?: readonly Metric[],
): { acc: Accumulator; manifest: Manifest } {
  if (parts.length === 0) throw new PartialError('nothing to merge');
  const first = parts[0] as Partial;
  const m0 = first.meta.manifest;
  const count = first.meta.shard.count;
  const seen = new Set<number>();
  const mine = `visasim ${VERSION} (rng ${RNG_ALGORITHM}, samplers ${SAMPLER_VERSION})`;
  for (const p of parts) {
    const m = p.meta.manifest;
    const theirs = `visasim ${m.version} (rng ${m.rng}, samplers ${m.samplers ?? 'unrecorded'})`;
    if (theirs !== mine)
      throw new PartialError(
        `shard ${p.meta.shard.index} (${p.where}) was made by ${theirs}; this is ${mine}: make every shard with the visasim that merges them`,
      );
    if (m.scenario.sha256 !== m0.scenario.sha256)
      throw new PartialError(
        `shard ${p.meta.shard.index} (${p.where}) comes from a different scenario (sha256 ${m.scenario.sha256.slice(0, 12)}… vs ${m0.scenario.sha256.slice(0, 12)}…)`,
      );
    if (m.seed !== m0.seed || m.runs !== m0.runs)
      throw new PartialError(
        `shard ${p.meta.shard.index} (${p.where}) has seed ${m.seed} and ${m.runs} runs; shard ${first.meta.shard.index} has seed ${m0.seed} and ${m0.runs}`,
      );
    if (p.meta.shard.count !== count)
      throw new PartialError(
        `shard ${p.meta.shard.index} (${p.where}) is one of ${p.meta.shard.count}, not of ${count}`,
      );
    if (seen.has(p.meta.shard.index))
      throw new PartialError(`shard ${p.meta.shard.index}/${count} given twice (${p.where})`);
    if (p.meta.cells !== offsets.length)
      throw new PartialError(
        `shard ${p.meta.shard.index} (${p.where}) has ${p.meta.cells} cells per run, the model ${offsets.length}`,
      );
    const range = shardRange(m.runs, p.meta.shard);
    if (p.meta.firstRun !== range.first || p.meta.runs !== range.count)
      throw new PartialError(
        `shard ${p.meta.shard.index} (${p.where}) holds runs ${p.meta.firstRun}–${p.meta.firstRun + p.meta.runs - 1}, not those of shard ${p.meta.shard.index}/${count}`,
      );
    if (metrics) checkValues(p, metrics);
    seen.add(p.meta.shard.index);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length)
    throw new PartialError(
      `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}`,
    );
  const acc = new Accumulator(offsets, m0.runs);
  for (const p of parts) {
    const K = p.meta.cells;
    for (let r = 0; r < p.meta.runs; r++) acc.addKept(p.meta.firstRun + r, p.values, r * K);
  }
  const { shard: _shard, ...rest } = m0;
  const clamped = mergeClamped(parts);
  return {
    acc,
    manifest: {
      ...rest,
      ...(clamped ? { clamped } : {}),
      execution: { ...rest.execution, timings: { loadMs: 0, simulateMs: 0, summarizeMs: 0 } },
    },
  };
}

/**
 * The clamp counts of the full run (pipeline.ts, ClampNote): each shard's, added up. Every shard of
 * one scenario lists the same formulas; a count that is not a whole number is refused.
 */
function mergeClamped(parts: Partial[]): ClampNote[] | undefined {
  const first = parts[0]?.meta.manifest.clamped;
  if (!first) return undefined;
  const sum = first.map((n) => ({ ...n, range: [...n.range] as [number, number], runs: 0, values: 0 }));
  for (const p of parts) {
    const mine = p.meta.manifest.clamped;
    if (!Array.isArray(mine) || mine.length !== sum.length)
      throw new PartialError(
        `shard ${p.meta.shard.index} (${p.where}) lists other clamping formulas than shard ${parts[0]?.meta.shard.index}`,
      );
    mine.forEach((n, i) => {
      const into = sum[i] as ClampNote;
      if (n.path !== into.path || !isCount(n.runs) || !isCount(n.values) || n.runs > p.meta.runs)
        throw new PartialError(`${p.where}/partial.json is damaged or not visasim's: bad clamp counts`);
      into.runs += n.runs;
      into.values += n.values;
    });
  }
  return sum;
}
