/**
 * A worker thread: compiles the model from the validated scenario it is given, then simulates the
 * chunks of runs the main thread sends, returning each chunk's kept cells as one Float32Array
 * (run-major: run i's K values at [i·K, (i+1)·K)). Run r uses the streams of run index r, so the
 * values are the same as in a single-threaded run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CellStats } from '../core/types.js';
import { type ClampCount, ClampTally, type DomainDetail, FormulaDomainError } from '../engine/domain.js';
import type { RunSink } from '../engine/simulate.js';
import { type FormulaNode, importParsed } from '../formula/formula.js';
import { keptOffsets } from '../model/cells.js';
import { compileModel } from '../model/model.js';
import type { Scenario } from '../scenario/schema.js';
import { type HeldCell, heldStats } from '../stats/accumulate.js';
import { simulateNamingRun } from '../stats/run-error.js';

interface Init {
  scenario: Scenario;
  seed: string;
  /** the scenario's formulas, parsed by the main thread */
  formulas: Record<string, FormulaNode>;
}
export interface ChunkRequest {
  first: number;
  count: number;
  /** a block buffer the main thread has finished with, to fill again (no garbage per chunk) */
  buffer?: ArrayBuffer;
}
export interface ChunkResult {
  first: number;
  count: number;
  values: Float32Array;
  /** the clamps of formulas that declare `clamp: true` in these runs (engine/domain.ts) */
  clamps: ClampCount[];
  /** the chunk stopped at a value out of a formula's domain (its first run that met one) */
  failed?: DomainDetail;
  /** ms the chunk's runs took in the thread */
  ms: number;
  /** with the thread's first chunk: when its code was loaded and when the model was compiled (ms since the epoch) */
  boot?: { loadedAt: number; compiledAt: number };
}

const epochMs = () => performance.timeOrigin + performance.now();
const loadedAt = epochMs();
const { scenario, seed, formulas } = workerData as Init;
importParsed(formulas);
const model = compileModel(scenario);
let boot: ChunkResult['boot'] = { loadedAt, compiledAt: epochMs() };
const offsets = keptOffsets(model.cells);
const K = offsets.length;

/** Cells lent by the main thread's Accumulator once every run is stored, for their statistics. */
export interface StatsRequest {
  stats: HeldCell[];
  /** runs of the Accumulator */
  runs: number;
}
export interface StatsResult {
  /** the same cells, their arrays handed back */
  cells: HeldCell[];
  /** the statistics of each (`heldStats`) */
  stats: CellStats[];
}

/** The sink of a chunk: each run's kept cells, packed run-major into one Float32Array. */
class KeptBlock implements RunSink {
  readonly values: Float32Array;
  constructor(count: number, buffer?: ArrayBuffer) {
    // every value of the block is written (run i's K cells), so a reused buffer needs no clearing
    this.values =
      buffer && buffer.byteLength >= count * K * 4
        ? new Float32Array(buffer, 0, count * K)
        : new Float32Array(count * K);
  }
  add(i: number, cells: Float64Array): void {
    const { values } = this;
    const base = i * K;
    for (let k = 0; k < K; k++) values[base + k] = cells[offsets[k] as number] as number;
  }
}

parentPort?.on('message', (req: ChunkRequest | StatsRequest) => {
  if ('stats' in req) {
    const stats = req.stats.map((cell) => heldStats(cell, req.runs));
    const buffers = req.stats.flatMap((c) =>
      c.column
        ? [c.column.buffer]
        : c.packed
          ? [c.packed.low.buffer, c.packed.high.buffer]
          : c.counts
            ? [c.counts.counts.buffer]
            : [],
    );
    const res: StatsResult = { cells: req.stats, stats };
    parentPort?.postMessage(res, buffers as ArrayBuffer[]);
    return;
  }
  const block = new KeptBlock(req.count, req.buffer);
  const clamps = new ClampTally();
  const t0 = performance.now();
  try {
    simulateNamingRun(model, { runs: req.count, firstRun: req.first, seed, clamps }, block);
  } catch (e) {
    if (!(e instanceof FormulaDomainError)) throw e;
    // answered, not thrown: the main thread waits for the chunks before this one, so that the
    // error it reports is the first run's, whatever the number of threads
    const failed: ChunkResult = {
      first: req.first,
      count: 0,
      values: new Float32Array(0),
      clamps: [],
      ms: 0,
    };
    parentPort?.postMessage({ ...failed, failed: e.detail });
    return;
  }
  const result: ChunkResult = {
    first: req.first,
    count: req.count,
    values: block.values,
    clamps: clamps.entries(),
    ms: performance.now() - t0,
    ...(boot ? { boot } : {}),
  };
  boot = undefined;
  parentPort?.postMessage(result, [block.values.buffer as ArrayBuffer]);
});
