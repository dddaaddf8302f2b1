/**
 * Mergeable partial results of `visasim run --shard I/N`: `partial.json` (what was run: scenario
 * hash and resolved scenario, seed, the shard's run range) and `partial.f32` (the shard's kept cells,
 * run-major, little-endian float32 — the same values the full run would hold). `mergePartials`
 * checks that the pieces belong together and rebuilds the Accumulator of the full run.
 */
import type { Manifest } from '../pipeline.js';
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
}

export interface Partial {
  meta: PartialMeta;
  values: Float32Array;
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
  };
  return [
    { path: 'partial.json', data: `${JSON.stringify(meta, null, 2)}\n` },
    { path: 'partial.f32', data: littleEndian(values) },
  ];
}

function littleEndian(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return out;
}

export class PartialError extends Error {
  override name = 'PartialError';
}

export function parsePartial(where: string, json: string, bin: Uint8Array): Partial {
  let meta: PartialMeta;
  try {
    meta = JSON.parse(json) as PartialMeta;
  } catch {
    throw new PartialError(`${where}/partial.json is not valid JSON`);
  }
  if (meta.format !== PARTIAL_FORMAT)
    throw new PartialError(`${where}/partial.json is not a ${PARTIAL_FORMAT} file`);
  if (bin.byteLength !== meta.runs * meta.cells * 4) {
    throw new PartialError(
      `${where}/partial.f32 holds ${bin.byteLength} bytes, expected ${meta.runs * meta.cells * 4} (incomplete?)`,
    );
  }
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const values = new Float32Array(meta.runs * meta.cells);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return { meta, values };
}

/** Combine shards into the Accumulator of the full run; the manifest is the full run's. */
export function mergePartials(
  parts: Partial[],
  offsets: readonly number[],
): { acc: Accumulator; manifest: Manifest } {
  if (parts.length === 0) throw new PartialError('nothing to merge');
  const first = parts[0] as Partial;
  const m0 = first.meta.manifest;
  const count = first.meta.shard.count;
  const seen = new Set<number>();
  for (const p of parts) {
    const m = p.meta.manifest;
    if (m.scenario.sha256 !== m0.scenario.sha256)
      throw new PartialError(
        `shard ${p.meta.shard.index} comes from a different scenario (sha256 ${m.scenario.sha256.slice(0, 12)}… vs ${m0.scenario.sha256.slice(0, 12)}…)`,
      );
    if (m.seed !== m0.seed || m.runs !== m0.runs)
      throw new PartialError(
        `shard ${p.meta.shard.index} has seed ${m.seed} and ${m.runs} runs; shard ${first.meta.shard.index} has seed ${m0.seed} and ${m0.runs}`,
      );
    if (p.meta.shard.count !== count)
      throw new PartialError(`shard ${p.meta.shard.index} is one of ${p.meta.shard.count}, not of ${count}`);
    if (seen.has(p.meta.shard.index))
      throw new PartialError(`shard ${p.meta.shard.index}/${count} given twice`);
    if (p.meta.cells !== offsets.length)
      throw new PartialError(
        `shard ${p.meta.shard.index} has ${p.meta.cells} cells per run, the model ${offsets.length}`,
      );
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
  return {
    acc,
    manifest: {
      ...rest,
      execution: { ...rest.execution, timings: { loadMs: 0, simulateMs: 0, summarizeMs: 0 } },
    },
  };
}
