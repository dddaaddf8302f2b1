/**
 * Files found from the running module's own location. The same code runs in three layouts:
 *   from source      src/<dir>/x.ts        (vitest, tsx)
 *   tsc's output     dist/<dir>/x.js       (the library entry dist/index.js)
 *   the bundled CLI  dist/bin/visasim.js   (scripts/bundle.mjs; every module is inlined there)
 * so no path is written relative to a module's folder: the package root is found by walking up, and
 * the worker is looked for beside the module that starts it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'visasim';

/**
 * The folder of the nearest `package.json` named visasim at or above `from` (a file URL or path).
 * Other package.json files on the way (a fixture, a nested package) are passed over.
 */
export function findPackageRoot(from: string | URL): string {
  const start = typeof from === 'string' && !from.startsWith('file:') ? from : fileURLToPath(from);
  let dir = dirname(start);
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && packageName(file) === PACKAGE_NAME) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json named "${PACKAGE_NAME}" above ${start}`);
    dir = up;
  }
}

function packageName(file: string): unknown {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

let root: string | undefined;

/** visasim's package folder (holding package.json and scenarios/), whichever layout is running. */
export function packageRoot(): string {
  root ??= findPackageRoot(import.meta.url);
  return root;
}

/** visasim's package.json. */
export function packageJson(): { name: string; version: string } {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
}

/**
 * The worker-thread script for a module at `moduleUrl` (pass `import.meta.url`): `worker.js` beside
 * it in tsc's output and in the bundle (scripts/bundle.mjs writes dist/bin/worker.js next to
 * dist/bin/visasim.js), `worker.ts` beside it when running from source, where it needs tsx to load.
 */
export function workerFile(moduleUrl: string | URL): { url: URL; typescript: boolean } {
  const typescript = String(moduleUrl).endsWith('.ts');
  const url = new URL(typescript ? './worker.ts' : './worker.js', moduleUrl);
  if (!existsSync(url))
    throw new Error(`the worker script ${fileURLToPath(url)} is missing: run \`npm run build\``);
  return { url, typescript };
}
