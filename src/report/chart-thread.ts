/**
 * Charts drawn on a worker thread (src/report/chart-worker.ts), started when a run that draws SVG or
 * PNG charts begins: vega and vega-lite load there while the main thread loads the scenario and
 * simulates, and the charts are drawn there while the main thread makes the tables and the report
 * page. The same render code runs in the thread, so the bytes are those of the main thread's
 * rendering (tests/report/chart-thread.test.ts). Under `--watch` the thread stays, with vega warm.
 *
 * The thread is an optimisation only: from source (vitest, tsx), with `VISASIM_CHART_THREAD=0`, when
 * its script is missing or when it fails, charts are drawn on the main thread as before.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ChartReply, ChartRequest } from './chart-worker.js';
import type { VegaLiteSpec } from './charts/common.js';

interface Waiting {
  svg: (svg: string) => void;
  png: ((png: Buffer) => void) | undefined;
  fail: (e: Error) => void;
}

/** A started chart thread. */
export class ChartThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** set when the thread failed or ended: its charts and later ones go to the main thread */
  broken: Error | undefined;

  constructor(file: URL) {
    this.worker = new Worker(file);
    this.worker.on('message', (m: ChartReply) => this.receive(m));
    const end = (e: Error) => {
      this.broken ??= e;
      for (const w of this.waiting.values()) w.fail(e);
      this.waiting.clear();
      this.worker.unref();
    };
    this.worker.on('error', end);
    this.worker.on('exit', (code) => end(new Error(`the chart thread exited with code ${code}`)));
    // an idle chart thread never keeps the process alive (after the listeners: adding a 'message'
    // listener refs the worker again)
    this.worker.unref();
  }

  /**
   * The SVG of a spec and, when `png`, its PNG: both promises reject if the thread fails. Requests
   * are served in order, one SVG at a time.
   */
  render(spec: VegaLiteSpec, png: boolean): { svg: Promise<string>; png: Promise<Buffer> | undefined } {
    const id = this.nextId++;
    let svgDone!: (svg: string) => void;
    let pngDone: ((png: Buffer) => void) | undefined;
    const fails: ((e: Error) => void)[] = [];
    const svg = new Promise<string>((resolve, reject) => {
      svgDone = resolve;
      fails.push(reject);
    });
    const pngP = png
      ? new Promise<Buffer>((resolve, reject) => {
          pngDone = resolve;
          fails.push(reject);
        })
      : undefined;
    this.waiting.set(id, {
      svg: svgDone,
      png: pngDone,
      fail: (e) => {
        for (const f of fails) f(e);
      },
    });
    if (this.waiting.size === 1) this.worker.ref();
    this.worker.postMessage({ id, spec, svg: true, png } satisfies ChartRequest);
    return { svg, png: pngP };
  }

  private receive(m: ChartReply): void {
    const w = this.waiting.get(m.id);
    if (!w) return;
    if ('error' in m) {
      const e = new Error(m.error);
      if (m.stack) e.stack = m.stack;
      w.fail(e);
      this.settle(m.id);
    } else if ('svg' in m) {
      w.svg(m.svg);
      if (!w.png) this.settle(m.id);
    } else {
      w.png?.(Buffer.from(m.png.buffer, m.png.byteOffset, m.png.byteLength));
      this.settle(m.id);
    }
  }

  private settle(id: number): void {
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker.unref();
  }

  /** End the thread (tests). */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

let thread: ChartThread | undefined;

/** The chart thread's script beside this module (tsc's output, or the bundle in dist/bin). */
function chartWorkerFile(): URL | undefined {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return undefined; // from source: the main thread draws
  const file = new URL('./chart-worker.js', here);
  return existsSync(file) ? file : undefined;
}

/**
 * Start the chart thread if it is not running (it then starts loading vega). Returns it, or
 * undefined when charts will be drawn on the main thread.
 */
export function startChartThread(env: NodeJS.ProcessEnv = process.env): ChartThread | undefined {
  if (env.VISASIM_CHART_THREAD === '0') return undefined;
  if (thread && !thread.broken) return thread;
  const file = chartWorkerFile();
  if (!file) return undefined;
  try {
    thread = new ChartThread(file);
  } catch {
    thread = undefined;
  }
  return thread;
}

/** The running chart thread, if one was started and works. */
export function chartThread(): ChartThread | undefined {
  return thread && !thread.broken ? thread : undefined;
}
