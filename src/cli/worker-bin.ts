/**
 * The worker thread's entry in the bundle (dist/bin/worker.js, scripts/bundle.mjs): runs the
 * bundled worker beside it, dist/bin/worker.cjs (src/parallel/worker.ts and what it imports),
 * through a V8 code cache as the bin runs the command line (code-cache.ts), so that each thread
 * neither parses nor compiles the engine's 0.75 MB again. A worker thread is terminated, never
 * exits: its cache is written once its first chunk of runs is done, with the engine's functions
 * compiled.
 */
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { runBundle } from './code-cache.js';

let writeCache: (() => void) | undefined;
runBundle(fileURLToPath(new URL('./worker.cjs', import.meta.url)), (specifier) => import(specifier), {
  command: 'worker',
  atExit: (write) => {
    writeCache = write;
  },
});
// added after the bundle's own listener, so it runs right after the first chunk is simulated and
// answered (a busy thread never reaches setImmediate: the next chunk is always waiting)
if (writeCache) parentPort?.once('message', writeCache);
