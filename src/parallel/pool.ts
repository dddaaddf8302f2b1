/**
 * Spreads runs over worker_threads. Runs are cut into chunks handed out from a queue (so a slow
 * thread never holds the others up); each chunk's values land in the Accumulator at their run
 * index, so the result is byte-identical for any thread count. One thread runs in-process.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SimulateProfile, ThreadProfile } from '../core/phases.js';
import type { CellStats } from '../core/types.js';
import { type DomainDetail, FormulaDomainError } from '../engine/domain.js';
import { exportParsed } from '../formula/formula.js';
import { keptOffsets } from '../model/cells.js';
import type { Model } from '../model/model.js';
import { workerFile } from '../paths.js';
import type { Scenario } from '../scenario/schema.js';
import { Accumulator, accumulate, type HeldCell, type KeepOptions } from '../stats/accumulate.js';
import type { ChunkRequest, ChunkResult, StatsRequest, StatsResult } from './worker.js';

export interface ParallelOptions {
  runs: number;
  seed: string;
  /** run index of the first run (shards) */
  firstRun?: number;
  /** worker threads; default: the machine's cores */
  threads?: number;
  onProgress?: (done: number) => void;
  /** resolves when the caller wants to stop (Ctrl-C): workers are terminated, the promise rejects */
  signal?: AbortSignal;
  /** which cells must be kept run by run (stats/accumulate.ts); default: all of them */
  keep?: KeepOptions;
  /** filled with where the time went, thread by thread (`--timings`, core/phases.ts) */
  profile?: SimulateProfile;
  /**
   * Whether the worker threads compute the cells' statistics once every run is stored
   * (`statsInWorkers`), so that `Accumulator.stats` has them at hand; default: from
   * STATS_IN_WORKERS_FROM runs
   */
  stats?: boolean;
  /** called when every run is simulated and stored (and the threads have ended, unless they compute the statistics) */
  onSimulated?: () => void;
}

/** ms since the epoch, comparable between threads (each thread's performance.now has its own origin) */
const epochMs = () => performance.timeOrigin + performance.now();

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Runs each worker thread should have before one more is worth starting. A worker costs ≈ 0.3 s of
 * CPU before its first chunk is done (starting a thread, loading the engine, compiling the model,
 * the collector of a new heap) and warms the engine up on its own; the main thread does none of
 * that. 1,000 runs of the 300k scenario took 1.0–1.2 s of CPU in the main thread against 1.7–1.9 s
 * on two workers, and less wall time too (bench/RESULTS.md).
 */
export const MIN_RUNS_PER_THREAD = 1500;

/** The threads to use for `runs` runs when none were asked for: at most `most`, each with ≥ MIN_RUNS_PER_THREAD runs. */
export function threadsFor(runs: number, most = defaultThreads()): number {
  return Math.max(1, Math.min(most, Math.floor(runs / MIN_RUNS_PER_THREAD)));
}

/**
 * The young generation of a worker's heap, in MB (V8's default is 16 or more). A worker's engine
 * keeps little from one run to the next, so a small one costs no measurable CPU, and it saves
 * ≈ 10 MB of peak RSS a worker (300k × 10 FY, 20,000 runs on 2 threads: 226–228 MB instead of
 * 249–252, CPU 7.0–7.4 s both ways; CHNV × 10,000 163 instead of 182–184 MB; bench/RESULTS.md).
 */
const WORKER_YOUNG_MB = 4;

export class Interrupted extends Error {
  override name = 'Interrupted';
}

export async function simulateParallel(
  scenario: Scenario,
  model: Model,
  opts: ParallelOptions,
): Promise<Accumulator> {
  if (opts.signal?.aborted) throw new Interrupted('interrupted');
  const threads = Math.max(1, Math.min(opts.threads ?? defaultThreads(), opts.runs));
  const first = opts.firstRun ?? 0;
  if (threads === 1) {
    let stop = false;
    const onStop = () => {
      stop = true;
    };
    opts.signal?.addEventListener('abort', onStop, { once: true });
    const onProgress = opts.profile
      ? profiledProgress(opts.profile, opts.runs, opts.onProgress)
      : opts.onProgress;
    const acc = accumulate(
      model,
      {
        runs: opts.runs,
        seed: opts.seed,
        firstRun: first,
        ...(onProgress ? { onProgress } : {}),
        shouldStop: () => stop,
      },
      opts.keep,
    );
    opts.signal?.removeEventListener('abort', onStop);
    if (stop) throw new Interrupted('interrupted');
    opts.onSimulated?.();
    return acc;
  }

  const acc = new Accumulator(keptOffsets(model.cells), opts.runs, opts.keep);
  const inWorkers = opts.stats ?? opts.runs >= STATS_IN_WORKERS_FROM;
  const chunk = Math.max(1, Math.min(250, Math.ceil(opts.runs / (threads * 8))));
  const queue: ChunkRequest[] = [];
  for (let s = 0; s < opts.runs; s += chunk)
    queue.push({ first: first + s, count: Math.min(chunk, opts.runs - s) });

  // worker.js beside this module, or beside the bundle it was inlined into; worker.ts from source
  const { url: file, typescript: fromSource } = workerFile(import.meta.url);
  // The formulas come parsed (compileModel parsed them here), so workers never load mathjs.
  const workerData = { scenario, seed: opts.seed, formulas: exportParsed() };
  const workers: Worker[] = [];
  let done = 0;
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      /** chunks sent and not yet answered */
      let pending = 0;
      onAbort = () => reject(new Interrupted('interrupted'));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      /** values out of a formula's domain met by chunks: the first run's is reported */
      const failures: DomainDetail[] = [];
      /** Send `w` the next chunk, with a block buffer it sent before and that is stored now. */
      const next = (w: Worker, buffer?: ArrayBuffer) => {
        const req = queue.shift();
        if (req) {
          pending++;
          if (buffer) w.postMessage({ ...req, buffer }, [buffer]);
          else w.postMessage(req);
        } else if (pending === 0) {
          if (failures.length) reject(new FormulaDomainError(firstFailure(failures)));
          else resolve();
        }
      };
      for (let t = 0; t < threads; t++) {
        const asked = epochMs();
        const thread: ThreadProfile = { startMs: 0, compileMs: 0, slices: [] };
        opts.profile?.threads.push(thread);
        // From source (vitest, tsx) the worker is TypeScript: a tiny bootstrap registers tsx first.
        const w = fromSource
          ? new Worker(
              `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file.href)}); });`,
              {
                eval: true,
                workerData,
                resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
              },
            )
          : new Worker(file, { workerData, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
        workers.push(w);
        w.on('message', (res: ChunkResult) => {
          pending--;
          if (res.failed) {
            // the chunks before it are done or under way; those after it need not run
            failures.push(res.failed);
            queue.length = 0;
            next(w);
            return;
          }
          if (res.boot) {
            thread.startMs = res.boot.loadedAt - asked;
            thread.compileMs = res.boot.compiledAt - res.boot.loadedAt;
          }
          thread.slices.push({ runs: res.count, ms: res.ms });
          const t0 = performance.now();
          acc.addBlock(res.first - first, res.count, res.values);
          if (opts.profile) opts.profile.storeMs += performance.now() - t0;
          acc.clamps.merge(res.clamps);
          done += res.count;
          opts.onProgress?.(done);
          next(w, res.values.buffer as ArrayBuffer);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0 && queue.length + pending > 0) reject(new Error(`worker exited with code ${code}`));
        });
        // Two chunks each, so a worker has the next one at hand while the main thread stores a result.
        next(w);
        next(w);
      }
    });
    if (inWorkers) {
      opts.onSimulated?.();
      await statsInWorkers(acc, workers, opts.signal);
    }
  } finally {
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // the threads' end is part of simulating, unless they computed the statistics first
  if (!inWorkers) opts.onSimulated?.();
  return acc;
}

/**
 * onProgress for a run in this thread that also notes, in `profile`, how long each twentieth of
 * the runs took (the slices core/phases.ts splits into warm-up and steady state).
 */
function profiledProgress(
  profile: SimulateProfile,
  runs: number,
  onProgress: ((done: number) => void) | undefined,
): (done: number) => void {
  const thread: ThreadProfile = { startMs: 0, compileMs: 0, slices: [] };
  profile.threads.push(thread);
  const every = Math.max(1, Math.ceil(runs / 20));
  let last = performance.now();
  let lastDone = 0;
  return (done) => {
    if (done % every === 0 || done === runs) {
      const now = performance.now();
      thread.slices.push({ runs: done - lastDone, ms: now - last });
      last = now;
      lastDone = done;
    }
    onProgress?.(done);
  };
}

/** The failure of the earliest run, as one thread would have met it. */
function firstFailure(failures: readonly DomainDetail[]): DomainDetail {
  return failures.reduce((a, b) => ((b.run ?? 0) < (a.run ?? 0) ? b : a));
}

/**
 * Compute the statistics of the cells that take a pass over every run's value (columns and packed
 * columns: sorting or counting them is most of what `summarize` does) in the worker threads, which
 * are idle once the last chunk is stored, and hand them to the Accumulator (`giveBack`). The cells'
 * arrays are moved to a worker and back (transferred, not copied: no more memory), in batches taken
 * from a queue. The statistics are those the main thread would compute (the same code,
 * `heldStats`), so the outputs stay the same bytes.
 */
async function statsInWorkers(
  acc: Accumulator,
  workers: readonly Worker[],
  signal?: AbortSignal,
): Promise<void> {
  // a cell whose array shares its buffer with others cannot move alone: the main thread keeps it
  const cells = acc
    .lend()
    .filter((c) => transferables(c).every((a) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength));
  if (cells.length === 0 || workers.length === 0) return;
  const per = Math.max(1, Math.ceil(cells.length / (workers.length * STATS_BATCHES_PER_THREAD)));
  const batches: HeldCell[][] = [];
  for (let i = 0; i < cells.length; i += per) batches.push(cells.slice(i, i + per));
  const back: StatsResult[] = [];
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = 0;
      onAbort = () => reject(new Interrupted('interrupted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      const next = (w: Worker) => {
        const cells = batches.shift();
        if (cells) {
          pending++;
          const req: StatsRequest = { stats: cells, runs: acc.runs };
          w.postMessage(
            req,
            cells.flatMap((c) => transferables(c).map((a) => a.buffer as ArrayBuffer)),
          );
        } else if (pending === 0) resolve();
      };
      for (const w of workers) {
        w.removeAllListeners('message');
        w.on('message', (res: StatsResult) => {
          pending--;
          back.push(res);
          next(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (batches.length + pending > 0) reject(new Error(`worker exited with code ${code}`));
        });
      }
      // two batches each, so that a worker has the next at hand while its last answer travels
      for (const w of workers) next(w);
      for (const w of workers) next(w);
    });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
  for (const res of back) acc.giveBack(res.cells, res.stats as CellStats[]);
}

/**
 * Runs from which the worker threads compute the statistics (`statsInWorkers`). Each thread that
 * computes them compiles the statistics code for itself (≈ 0.15–0.3 s of CPU, mostly on V8's
 * compiler threads), which 10,000 runs of 300k × 10 FY do not repay (≈ 0.28 s of statistics on the
 * main thread, ≈ 0.14 s a thread on two); 100,000 runs do (1.7 s against 0.8 s a thread; bench/RESULTS.md).
 */
export const STATS_IN_WORKERS_FROM = 20_000;

/** Batches of cells per worker thread in `statsInWorkers` (a queue of them balances the threads). */
const STATS_BATCHES_PER_THREAD = 8;

/** The typed arrays of a lent cell. */
function transferables(c: HeldCell): ArrayBufferView[] {
  return c.column ? [c.column] : c.packed ? [c.packed.low, c.packed.high] : c.counts ? [c.counts.counts] : [];
}
