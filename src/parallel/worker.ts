/**
 * A worker thread: compiles the model from the validated scenario it is given, then simulates the
 * chunks of runs the main thread sends, returning each chunk's kept cells as one Float32Array
 * (run-major: run i's K values at [i·K, (i+1)·K)). Run r uses the streams of run index r, so the
 * values are the same as in a single-threaded run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulateRun } from '../engine/run.js';
import { keptOffsets } from '../engine/simulate.js';
import { type FormulaNode, importParsed } from '../model/formula.js';
import { compileModel } from '../model/model.js';
import type { Scenario } from '../scenario/schema.js';

interface Init {
  scenario: Scenario;
  seed: string;
  /** the scenario's formulas, parsed by the main thread */
  formulas: Record<string, FormulaNode>;
}
export interface ChunkRequest {
  first: number;
  count: number;
}
export interface ChunkResult {
  first: number;
  count: number;
  values: Float32Array;
}

const { scenario, seed, formulas } = workerData as Init;
importParsed(formulas);
const model = compileModel(scenario);
const offsets = keptOffsets(model);
const K = offsets.length;
const buffer = new Float64Array(model.cells.size); // reused by every run

parentPort?.on('message', (req: ChunkRequest) => {
  const values = new Float32Array(req.count * K);
  for (let i = 0; i < req.count; i++) {
    const out = simulateRun(model, req.first + i, seed, buffer);
    const base = i * K;
    for (let k = 0; k < K; k++) values[base + k] = out[offsets[k] as number] as number;
  }
  const result: ChunkResult = { first: req.first, count: req.count, values };
  parentPort?.postMessage(result, [values.buffer]);
});
