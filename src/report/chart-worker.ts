/**
 * The chart thread (src/report/chart-thread.ts): a worker that imports vega and vega-lite as soon as
 * it starts — while the main thread loads the scenario and simulates — and then turns each chart's
 * vega-lite spec into its SVG and PNG with the same code as the main thread would (render.ts), so
 * the bytes are the same. It stays alive between runs of `--watch`, with vega warm.
 *
 * Messages in: { id, spec, svg, png }; out: { id, svg } as soon as the SVG is made (also when only
 * the PNG is asked for), then { id, png } when the PNG is drawn (on libuv's threads, while the next
 * SVG is made here), or { id, error } for either.
 */
import { parentPort } from 'node:worker_threads';
import { WARMUP_SPECS } from './chart-warmup.js';
import type { VegaLiteSpec } from './charts/common.js';
import { renderPngAsync, renderSvg } from './render.js';

export interface ChartRequest {
  id: number;
  spec: VegaLiteSpec;
  svg: boolean;
  png: boolean;
}

export type ChartReply =
  | { id: number; svg: string }
  | { id: number; png: Uint8Array }
  | { id: number; error: string; stack?: string };

/**
 * Warm up while the main thread simulates: vega, vega-lite and the font metrics load with the first
 * chart, and V8 compiles the code that every chart goes through (a first chart takes 2–3 times as
 * long as a later one). The warm-up charts (chart-warmup.json: three of the 300k scenario's charts,
 * their data cut short, with bars, rules, ticks, points, text, areas and lines) are drawn and thrown
 * away, up to three times; a chart asked for stops the warm-up at the next chart.
 */
async function warmUp(asked: () => boolean): Promise<void> {
  // V8 needs about two rounds of the same charts before they take their warm time
  for (let round = 0; round < WARMUP_ROUNDS; round++) {
    for (const spec of WARMUP_SPECS as VegaLiteSpec[]) {
      if (asked()) return;
      try {
        await renderSvg(spec);
      } catch {
        return; // a real chart will report what is wrong
      }
      await new Promise((r) => setImmediate(r)); // let a request in
    }
  }
}

const WARMUP_ROUNDS = 3;

const port = parentPort;
if (port) {
  let asked = false;
  // one SVG at a time, in the order asked (vega's View is not shared, but the text metrics are)
  let queue: Promise<void> = warmUp(() => asked);
  const fail = (id: number, e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({
      id,
      error: err.message,
      ...(err.stack ? { stack: err.stack } : {}),
    } satisfies ChartReply);
  };
  port.on('message', (req: ChartRequest) => {
    asked = true;
    queue = queue.then(async () => {
      let svg: string;
      try {
        svg = await renderSvg(req.spec);
      } catch (e) {
        fail(req.id, e);
        return;
      }
      port.postMessage({ id: req.id, svg } satisfies ChartReply);
      if (req.png)
        renderPngAsync(svg).then(
          (png) => {
            const bytes = new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
            port.postMessage({ id: req.id, png: bytes } satisfies ChartReply);
          },
          (e: unknown) => fail(req.id, e),
        );
    });
  });
}
