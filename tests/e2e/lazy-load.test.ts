/**
 * What the bin loads: `validate` (and every command that draws no chart) never imports vega or
 * vega-lite and starts no chart thread; a run that draws charts does. Seen through Node's module
 * hooks (module.register), which log every module the main thread resolves.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'visasim-lazy-'));
const hooks = join(dir, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.VISASIM_TEST_MODULE_LOG, (context.parentURL ?? '') + ' ' + r.url + '\\n');
  return r;
}
`,
);
const register = join(dir, 'register.mjs');
writeFileSync(
  register,
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
);

/** "importer module" for every module resolved for these arguments (the main thread's and workers'). */
function loaded(args: string[], env: NodeJS.ProcessEnv = {}): string[] {
  const log = join(dir, `log-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env, VISASIM_TEST_MODULE_LOG: log },
  });
  expect(r.status, r.stderr).toBe(0);
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

/** vega's modules, imported by the bin or the bundle it runs (the main thread), or by anyone */
const vega = (lines: string[], by = /./) =>
  lines.filter((l) => / \S*\/node_modules\/vega(-lite)?\//.test(l) && by.test(l.split(' ')[0] ?? ''));
const MAIN = /\/dist\/bin\/(visasim\.js|cli\.cjs)$/;

describe('lazy loading', () => {
  it('validate loads neither vega nor the chart thread', () => {
    const urls = loaded(['validate', 'scenarios/us-300k-work-visas.yaml']);
    expect(urls.some((u) => u.endsWith('/dist/bin/visasim.js'))).toBe(true);
    expect(vega(urls)).toEqual([]);
    expect(urls.filter((u) => /node_modules\/(vega|@resvg)/.test(u))).toEqual([]);
    expect(urls.filter((u) => u.includes('chart-worker'))).toEqual([]);
  });

  it('a run that draws charts loads vega on its chart thread, or on the main thread without one', () => {
    const out = join(dir, 'out');
    const args = [
      'run',
      'scenarios/us-300k-work-visas.yaml',
      '--runs',
      '5',
      '--charts',
      'svg',
      '--out',
      out,
      '--quiet',
    ];
    expect(vega(loaded(args, { VISASIM_CHART_THREAD: '0' }), MAIN).length).toBeGreaterThan(0);
    // with the thread, vega is the thread's (bundled into dist/bin/chart-worker.js), not the main thread's
    const threaded = loaded(args);
    expect(vega(threaded, MAIN)).toEqual([]);
    expect(threaded.some((l) => l.endsWith('/dist/bin/chart-worker.js'))).toBe(true);
    expect(readFileSync(join(out, 'charts/issued-by-group.svg'), 'utf8').startsWith('<svg')).toBe(true);
  });
});
