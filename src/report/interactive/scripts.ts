/**
 * The interactive report's two scripts (scripts/browser-bundle.mjs): read from dist/browser/, where
 * `npm run build` writes them, or — when visasim runs from its TypeScript source (tests, tsx) —
 * bundled from the source then, once per process, so they are never older than the code.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  const read = (name: string) => {
    try {
      return readFileSync(join(root, 'dist/browser', name), 'utf8');
    } catch {
      throw new Error(`dist/browser/${name} is missing: run \`npm run build\``);
    }
  };
  return { worker: read('report-worker.js'), page: read('report-page.js') };
}
