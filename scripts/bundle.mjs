#!/usr/bin/env node
// Bundles the command line after tsc (`npm run build`): dist/cli/main.js → dist/bin/cli.cjs, run by
// the bin dist/bin/visasim.js (dist/cli/bin.js) through a V8 code cache (src/cli/code-cache.ts); the
// worker thread dist/parallel/worker.js → dist/bin/worker.cjs, started by dist/bin/worker.js
// (src/cli/worker-bin.ts, with its own code cache) beside it, where the pool looks for it (src/paths.ts); the chart thread dist/report/chart-worker.js → dist/bin/chart-worker.js. One file starts faster than tsc's ≈ 250 modules and their packages'
// (bench/run.mjs, validate workload). The library entry dist/index.js stays tsc's output. Then the
// interactive report's two browser scripts go to dist/bin/, beside the bin that reads them (scripts/browser-bundle.mjs).
//
// Left out of the bundle, resolved from node_modules at run time as before:
//   vega, vega-lite, vega-embed, @resvg/resvg-js   heavy or native, loaded only when charts are drawn
//   (on the main thread when there is no chart thread; dist/bin/chart-worker.js has vega inside).
// Never seen by esbuild, so never bundled: dejavu-fonts-ttf (resolved through
// createRequire(import.meta.url), which from dist/bin finds the same node_modules) and tsx (only in a
// worker started from source). mathjs is bundled, but only its parser: see mathjsParseOnly.

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildBrowserScripts } from './browser-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// yargs finds its locale files (translated help and errors) and the package.json whose "yargs"
// settings it reads from its own file's location. Inlined, that location would be dist/bin: give its
// platform shim the location of the installed file instead, so the bundle behaves as yargs did.
const yargsOwnLocation = {
  name: 'yargs-own-location',
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) throw new Error(`${args.path} no longer uses import.meta.url`);
      // (the bundle is a script with a require(): src/cli/code-cache.ts)
      const installed =
        "new URL('lib/platform-shims/esm.mjs', __visasimRequire('node:url').pathToFileURL(__visasimRequire.resolve('yargs/package.json'))).href";
      return { contents: text.replaceAll('import.meta.url', installed), loader: 'js' };
    });
  },
};

// After a command's handler starts, yargs renders that command's whole help text and keeps it, in
// case the handler later asks for it (showHelp) or fails into yargs's default failure message. visasim
// does neither (its .fail() prints its own line), so the ≈ 15–40 ms of every command are skipped.
const yargsNoHelpCache = {
  name: 'yargs-no-help-cache',
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const call = 'yargs.getInternalMethods().getUsageInstance().cacheHelpMessage();';
      if (!text.includes(call))
        throw new Error(`${args.path} no longer caches the help text: update scripts/bundle.mjs`);
      return { contents: text.replace(call, '/* help text not cached: scripts/bundle.mjs */'), loader: 'js' };
    });
  },
};

// string-width (yargs and cliui's copies, for help text) makes an Intl.Segmenter when it loads: ICU's
// break iterator, ≈ 10 ms each of every command's start-up, used only to measure help text. Made on
// first use instead; `segmenter.segment(text)` is the one use, so the widths are the same.
let segmentersLazy = 0;
const lazySegmenter = {
  name: 'lazy-segmenter',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const made = 'const segmenter = new Intl.Segmenter();';
      if (
        !text.includes(made) ||
        (text.match(/segmenter\./g) ?? []).length !== 1 ||
        !text.includes('segmenter.segment(')
      )
        return undefined;
      segmentersLazy++;
      const lazy =
        'let segmenterMade;\nconst segmenter = { segment: (text) => (segmenterMade ??= new Intl.Segmenter()).segment(text) };';
      return { contents: text.replace(made, lazy), loader: 'js' };
    });
  },
};

// formula/mathjs.js loads mathjs's single-file build, the fastest way without a bundler. In the bundle,
// formula/mathjs-parse-only.js is faster: esbuild keeps only the parser's part of mathjs's ES modules.
let mathjsSwapped = false;
const mathjsParseOnly = {
  name: 'mathjs-parse-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/mathjs\.js$/ }, (args) => {
      if (args.importer !== join(root, 'dist/formula/formula.js')) return undefined;
      mathjsSwapped = true;
      return { path: join(root, 'dist/formula/mathjs-parse-only.js') };
    });
  },
};

// The command line is a script, not an ES module (dist/bin/cli.cjs): one function expression that
// the bin (src/cli/bin.ts → dist/bin/visasim.js) compiles with a V8 code cache (src/cli/code-cache.ts)
// and calls with (require, the file's URL, import). import.meta.url is that URL. A script compiled
// from a code cache cannot call import() in Node 20 ("A dynamic import callback was not specified"),
// so the bundle's import() of the external packages calls the bin's own import(), which resolves
// them from dist/bin as before.
const cliWrapper = {
  banner:
    '(function (__visasimRequire, __visasimImportMetaUrl, __visasimImport) {\n"use strict";\nconst require = __visasimRequire;\n' +
    'const __visasimLazy = (id) => { let m; return new Proxy({}, { get: (_, k) => (m ??= require(id))[k], has: (_, k) => k in (m ??= require(id)) }); };',
  footer: '})',
};
/**
 * Bundle `entry` into dist/bin/<name>.cjs as such a script (cliWrapper), with only ASCII in it. `lazy`:
 * the Node built-ins loaded on first use.
 */
async function scriptBundle(name, entry, plugins, lazy) {
  const built = await build({
    write: false,
    absWorkingDir: root,
    entryPoints: { [name]: entry },
    outExtension: { '.js': '.cjs' },
    outdir: 'dist/bin',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // ASCII only (non-ASCII escaped): the bin reads it as a one-byte string, without decoding UTF-8
    charset: 'ascii',
    target: 'node20',
    external: ['vega', 'vega-lite', 'vega-embed', '@resvg/resvg-js'],
    plugins,
    define: { 'import.meta.url': '__visasimImportMetaUrl' },
    banner: { js: cliWrapper.banner },
    footer: { js: cliWrapper.footer },
    // no source maps: they were 63% of the packed package, and Node reads them only with
    // --enable-source-maps; a stack to debug is clearer from source (npx tsx src/cli/main.ts …)
    sourcemap: false,
    logLevel: 'warning',
  });
  const [out] = built.outputFiles;
  let text = out.text;
  for (const pkg of ['vega', 'vega-lite', 'vega-embed', '@resvg/resvg-js'])
    text = text.replaceAll(`import(${JSON.stringify(pkg)})`, `__visasimImport(${JSON.stringify(pkg)})`);
  // charset 'ascii' escapes strings, not comments or regular expressions: escape what is left, which
  // means the same there, so that the bin reads the file as a one-byte string (src/cli/code-cache.ts)
  // (one UTF-16 unit at a time: a character outside the BMP becomes its surrogate pair)
  text = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // Node built-ins that only some commands use are loaded on first use (validate uses none of
  // them): `var import_x = require("node:x")` at the bundle's top level becomes a proxy that requires
  // the module when one of its members is first read. Only this plain form: esbuild reads the
  // members of such an import at each use (import_x.member), never at load.
  let lazied = 0;
  text = text.replace(
    /^var (import_\w+) = require\("((?:node:)?([a-z_]+))"\);$/gm,
    (line, name, id, bare) => {
      if (!lazy.includes(bare)) return line;
      lazied++;
      return `var ${name} = __visasimLazy(${JSON.stringify(id)});`;
    },
  );
  if (lazy.length && lazied === 0)
    throw new Error('scripts/bundle.mjs: no built-in module is loaded lazily any more');
  const left = text.match(/\bimport\("[^"]*"\)/);
  if (left)
    throw new Error(`dist/bin/${name}.cjs still calls ${left[0]}: scripts/bundle.mjs must pass it on`);
  mkdirSync(join(root, 'dist/bin'), { recursive: true });
  writeFileSync(out.path, text);
}
await scriptBundle(
  'cli',
  'dist/cli/main.js',
  [yargsOwnLocation, yargsNoHelpCache, mathjsParseOnly, lazySegmenter],
  ['crypto', 'child_process', 'worker_threads', 'zlib', 'stream', 'readline', 'perf_hooks'],
);
if (segmentersLazy === 0)
  throw new Error('no string-width made lazy: update scripts/bundle.mjs (lazySegmenter)');
// the worker thread (src/parallel/worker.ts) the same way, started by dist/bin/worker.js
// (src/cli/worker-bin.ts) through its own code cache
await scriptBundle('worker', 'dist/parallel/worker.js', [mathjsParseOnly], []);
await build({
  absWorkingDir: root,
  entryPoints: { visasim: 'dist/cli/bin.js', worker: 'dist/cli/worker-bin.js' },
  outdir: 'dist/bin',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['vega', 'vega-lite', 'vega-embed', '@resvg/resvg-js'],
  plugins: [mathjsParseOnly],
  // CommonJS packages inside (yaml, cli-progress, seedrandom) call require() for Node built-ins,
  // which an ES module does not have: give the bundle one.
  banner: {
    js: "import { createRequire as __visasimCreateRequire } from 'node:module';\nconst require = __visasimCreateRequire(import.meta.url);",
  },
  sourcemap: false,
  logLevel: 'warning',
});
// The chart thread (src/report/chart-thread.ts) with vega and vega-lite inside: one file loads in a
// third of the CPU time of vega's ≈ 80 ES modules from node_modules (0.12 against 0.41 s here), which
// decides whether the thread is warm when the simulation ends. The same sources as node_modules',
// so the same charts byte for byte; minified (names kept) to add ≈ 0.3 MB to the package, not 0.9.
await build({
  absWorkingDir: root,
  entryPoints: { 'chart-worker': 'dist/report/chart-worker.js' },
  outdir: 'dist/bin',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // resvg is a native addon; canvas must stay absent (vega would measure text with it)
  external: ['@resvg/resvg-js', 'canvas'],
  minify: true,
  keepNames: true,
  legalComments: 'eof',
  banner: {
    js: "import { createRequire as __visasimCreateRequire } from 'node:module';\nconst require = __visasimCreateRequire(import.meta.url);",
  },
  sourcemap: false,
  logLevel: 'warning',
});
if (!mathjsSwapped)
  throw new Error('dist/formula/formula.js no longer imports ./mathjs.js: update scripts/bundle.mjs');
chmodSync(join(root, 'dist/bin/visasim.js'), 0o755);

// the interactive report's worker and page script (scripts/browser-bundle.mjs), read by report.html's
// builder beside the bin (src/report/interactive/scripts.ts), so a copy of dist/bin alone still writes the page
const browser = await buildBrowserScripts();
mkdirSync(join(root, 'dist/bin'), { recursive: true });
writeFileSync(join(root, 'dist/bin/report-worker.js'), browser.worker);
writeFileSync(join(root, 'dist/bin/report-page.js'), browser.page);
