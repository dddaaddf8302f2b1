#!/usr/bin/env node
// The two scripts of the interactive report.html, bundled from the TypeScript sources for the browser:
//   report-worker.js  the Web Worker that reruns the scenario (src/report/interactive/browser/worker.ts):
//                     scenario validation, model compile, engine, stats, chart specs, the report's HTML
//   report-page.js    the page's script that wires the controls to it (browser/page.ts)
// `npm run build` writes them to dist/bin/ (scripts/bundle.mjs); a report built from source (tests,
// tsx) runs this file with --json and reads them from its stdout (src/report/interactive/scripts.ts).
// platform 'browser': an import of a Node built-in (node:fs …) fails the build, so nothing that reads
// files can reach the page. mathjs: only its parser, as in the bundled command line.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** formula/mathjs.ts loads mathjs through node:module; the browser gets the parser alone. */
const mathjsParseOnly = {
  name: 'mathjs-parse-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/mathjs\.js$/ }, (args) => {
      if (!/[\\/]formula[\\/]formula\.(ts|js)$/.test(args.importer)) return undefined;
      return { path: join(root, 'src/formula/mathjs-parse-only.ts') };
    });
  },
};

export async function buildBrowserScripts() {
  const out = {};
  for (const [name, entry] of [
    ['worker', 'src/report/interactive/browser/worker.ts'],
    ['page', 'src/report/interactive/browser/page.ts'],
  ]) {
    const r = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      plugins: [mathjsParseOnly],
      logLevel: 'warning',
    });
    out[name] = r.outputFiles[0].text;
  }
  return out;
}

if (
  process.argv[1] &&
  fileURLToPath(import.meta.url) === process.argv[1] &&
  process.argv.includes('--json')
) {
  process.stdout.write(JSON.stringify(await buildBrowserScripts()));
}
