/**
 * The report page's Web Worker (bundled by scripts/bundle.mjs into dist/bin/report-worker.js and
 * inlined into report.html as text): reruns the scenario with the page's overrides (rerun.ts) and
 * sends back the page's new header, sections, chart specs and quantiles.csv. The manifest comes once;
 * each rerun reads it again, so nothing carries over from one rerun to the next (but the JIT's work:
 * a warm-up rerun on arrival).
 */
import { pageRuns, RerunError, rerun } from '../rerun.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

interface WorkerScope {
  onmessage: ((e: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerReply): void;
}
const scope = globalThis as unknown as WorkerScope;

let manifest: object | undefined;

/**
 * The warm-up: reruns of the file's values, WARM_UP_CHUNKS of WARM_UP_RUNS runs each, one per task,
 * so that the engine's code is compiled (JIT) before the first control moves — which then takes a
 * third of the time — and a request that comes meanwhile waits for one chunk at most.
 */
const WARM_UP_RUNS = 150;
const WARM_UP_CHUNKS = 10;
let warmUpLeft = 0;
let warmUpRuns = 0;
let warmUpMs = 0;

function warmUp(): void {
  if (!manifest || warmUpLeft <= 0) return;
  warmUpLeft--;
  const t0 = performance.now();
  try {
    const runs = Math.min(WARM_UP_RUNS, pageRuns(manifest));
    rerun({ manifest, sets: [], runs });
    warmUpRuns += runs;
  } catch {
    warmUpLeft = 0; // the reruns will say what is wrong
    return;
  }
  warmUpMs += performance.now() - t0;
  if (warmUpLeft > 0) setTimeout(warmUp, 0);
  else scope.postMessage({ type: 'warm', runs: warmUpRuns, ms: warmUpMs });
}

scope.onmessage = (e) => {
  const req = e.data;
  if (req.type === 'init') {
    manifest = JSON.parse(req.manifest) as object;
    warmUpLeft = WARM_UP_CHUNKS;
    setTimeout(warmUp, 0);
    return;
  }
  const { id, sets } = req;
  try {
    if (!manifest) throw new RerunError('the page sent no scenario');
    const t0 = performance.now();
    const r = rerun({ manifest, sets, now: () => performance.now() });
    const ms = performance.now() - t0;
    scope.postMessage({
      type: 'done',
      id,
      sets,
      runs: r.summary.runs,
      title: r.parts.title,
      header: r.parts.header,
      sections: r.parts.sections.filter(Boolean).join('\n'),
      charts: r.charts.map((c) => ({ name: c.name, spec: JSON.stringify(c.spec) })),
      csv: r.csv,
      ms,
      simulateMs: r.simulateMs,
    });
  } catch (err) {
    const message =
      err instanceof RerunError ? err.message : `internal error: ${String((err as Error)?.message ?? err)}`;
    scope.postMessage({ type: 'error', id, sets, message });
  }
};
