/**
 * The interactive report's two scripts (scripts/browser-bundle.mjs): read from dist/bin/, where
 * `npm run build` writes them beside the bin, or — when visasim runs from its TypeScript source (tests, tsx) —
 * bundled from the source then, once per process, so they are never older than the code.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../paths.js';

export interface InteractiveScripts {
  /** the Web Worker that reruns the scenario */
  worker: string;
  /** the page's script that wires the controls to it */
  page: string;
}

let cached: InteractiveScripts | undefined;

export function interactiveScripts(): InteractiveScripts {
  cached ??= load();
  return cached;
}

function load(): InteractiveScripts {
  const root = packageRoot();
  if (import.meta.url.endsWith('.ts')) {
    const json = execFileSync(process.execPath, [join(root, 'scripts/browser-bundle.mjs'), '--json'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(json) as InteractiveScripts;
  }
  // beside the module that reads them in the bundle (dist/bin/visasim.js, or a copy of dist/bin
  // anywhere), else in the package's dist/bin (tsc's output, dist/report/interactive/scripts.js)
  const read = (name: string) => {
    for (const at of [fileURLToPath(new URL(`./${name}`, import.meta.url)), join(root, 'dist/bin', name)]) {
      try {
        return readFileSync(at, 'utf8');
      } catch {
        // the next place
      }
    }
    throw new Error(`dist/bin/${name} is missing: run \`npm run build\``);
  };
  return { worker: read('report-worker.js'), page: read('report-page.js') };
}
