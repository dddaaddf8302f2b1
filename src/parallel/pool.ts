/**
 * Spreads runs over worker_threads. Runs are cut into chunks handed out from a queue (so a slow
 * thread never holds the others up); each chunk's values land in the Accumulator at their run
 * index, so the result is byte-identical for any thread count. One thread runs in-process.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SimulateProfile, ThreadProfile } from '../core/phases.js';
import { type DomainDetail, FormulaDomainError } from '../engine/domain.js';
import { exportParsed } from '../formula/formula.js';
import { keptOffsets } from '../model/cells.js';
import type { Model } from '../model/model.js';
import { workerFile } from '../paths.js';
import type { Scenario } from '../scenario/schema.js';
import { Accumulator, accumulate, type KeepOptions } from '../stats/accumulate.js';
import type { ChunkRequest, ChunkResult } from './worker.js';

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
    return acc;
  }

  const acc = new Accumulator(keptOffsets(model.cells), opts.runs, opts.keep);
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
          if (opts.profile) {
            if (res.boot) {
              thread.startMs = res.boot.loadedAt - asked;
              thread.compileMs = res.boot.compiledAt - res.boot.loadedAt;
            }
            thread.slices.push({ runs: res.count, ms: res.ms });
            const t0 = performance.now();
            acc.addBlock(res.first - first, res.count, res.values);
            opts.profile.storeMs += performance.now() - t0;
          } else acc.addBlock(res.first - first, res.count, res.values);
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
  } finally {
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
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
