/**
 * The bin's V8 code cache (src/cli/code-cache.ts): written once, reused, and harmless when it is
 * corrupt, stale, unwritable or turned off; the command's output is the same with and without it.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheDir, codeCacheFile, commandOf, runBundle } from '../../src/cli/code-cache.js';
import { CLI, ROOT } from '../helpers/cli.js';

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `visasim-${name}-`));

/** A bundle of the bin's shape: a function expression called with (require, url, import). */
function bundleFile(dir: string): string {
  const file = join(dir, 'bundle.cjs');
  // a unique text per test, so that V8's in-process cache of compiled scripts never answers for it
  const nonce = `${Date.now()}-${Math.random()}`;
  writeFileSync(
    file,
    `#!/usr/bin/env node\n(function (require, url, load) { "use strict"; globalThis.__codeCacheTest = { nonce: ${JSON.stringify(nonce)}, url, hasRequire: typeof require === 'function', load, sum: [1, 2, 3].reduce((a, b) => a + b, 0) }; })\n`,
  );
  return file;
}

const ran = () =>
  (globalThis as { __codeCacheTest?: { url: string; hasRequire: boolean; sum: number } }).__codeCacheTest;

describe('runBundle', () => {
  const load = (s: string) => import(s);

  it('runs the bundle with require, its URL and the import function, writing a cache at exit', () => {
    const dir = tmp('cc');
    const cache = join(dir, 'cache');
    const file = bundleFile(dir);
    let write: (() => void) | undefined;
    const first = runBundle(file, load, { env: { VISASIM_CACHE_DIR: cache }, atExit: (w) => (write = w) });
    expect(ran()).toMatchObject({ hasRequire: true, sum: 6 });
    expect(ran()?.url).toBe(`file://${file}`);
    expect(first).toMatchObject({ used: false, willWrite: true });
    expect(first.file?.startsWith(cache)).toBe(true);
    write?.();
    expect(readdirSync(cache)).toHaveLength(1);
    expect(statSync(first.file as string).size).toBeGreaterThan(0);
  });

  it('keeps the four newest caches of a bundle name and command, its own included', () => {
    const dir = tmp('cc');
    const cache = join(dir, 'cache');
    mkdirSync(cache);
    for (let i = 0; i < 6; i++) {
      const f = join(cache, `bundle_cjs-validate-0000000${i}.v8cache`);
      writeFileSync(f, 'old');
      utimesSync(f, 1000 + i, 1000 + i);
    }
    writeFileSync(join(cache, 'other_cjs-validate-00000000.v8cache'), 'another bundle');
    writeFileSync(join(cache, 'bundle_cjs-run-00000000.v8cache'), 'another command');
    // a thread terminated while writing left its temporary file: removed once a minute old
    const stale = join(cache, 'bundle_cjs-validate-00000009.v8cache.1-2.tmp');
    writeFileSync(stale, 'half');
    utimesSync(stale, 1000, 1000);
    const fresh = join(cache, 'bundle_cjs-validate-00000009.v8cache.1-3.tmp');
    writeFileSync(fresh, 'being written');
    let write: (() => void) | undefined;
    const state = runBundle(bundleFile(dir), load, {
      env: { VISASIM_CACHE_DIR: cache },
      atExit: (w) => (write = w),
      command: 'validate',
    });
    write?.();
    expect(readdirSync(cache).sort()).toEqual(
      [
        basename(state.file as string),
        'bundle_cjs-validate-00000005.v8cache',
        'bundle_cjs-validate-00000004.v8cache',
        'bundle_cjs-validate-00000003.v8cache',
        'bundle_cjs-run-00000000.v8cache',
        'other_cjs-validate-00000000.v8cache',
        basename(fresh),
      ].sort(),
    );
  });

  it('is silent when the cache folder cannot be made, and runs the bundle', () => {
    const dir = tmp('cc');
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const file = bundleFile(dir);
    let write: (() => void) | undefined;
    const state = runBundle(file, load, {
      env: { VISASIM_CACHE_DIR: join(blocker, 'cache') },
      atExit: (w) => (write = w),
    });
    expect(state.used).toBe(false);
    expect(() => write?.()).not.toThrow();
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
  });

  it('is turned off by VISASIM_CODE_CACHE=0', () => {
    const dir = tmp('cc');
    const state = runBundle(bundleFile(dir), load, {
      env: { VISASIM_CODE_CACHE: '0', VISASIM_CACHE_DIR: join(dir, 'cache') },
      atExit: () => {
        throw new Error('nothing to write');
      },
    });
    expect(state).toEqual({ file: undefined, used: false, willWrite: false });
    expect(ran()?.sum).toBe(6);
  });

  it('names its file by command', () => {
    expect(commandOf(['validate', 'x.yaml'])).toBe('validate');
    expect(commandOf(['--verbose', 'run', 'x.yaml'])).toBe('run');
    expect(commandOf(['--version'])).toBe('none');
    expect(commandOf(['../x'])).toBe('other');
    expect(codeCacheFile('/c', '/p/cli.cjs', 1, 2, 'run')).toMatch(/^\/c\/cli_cjs-run-[0-9a-f]{8}\.v8cache$/);
  });

  it('names a per-user folder', () => {
    expect(codeCacheDir({ VISASIM_CACHE_DIR: '/x' })).toBe('/x');
    expect(codeCacheDir({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'visasim'));
    expect(codeCacheDir({ VISASIM_CODE_CACHE: 'off', XDG_CACHE_HOME: '/c' })).toBeUndefined();
  });
});

describe('the bin', () => {
  const bin = (args: string[], cache: string) => {
    const env: NodeJS.ProcessEnv = { ...process.env, VISASIM_CACHE_DIR: cache };
    delete env.VISASIM_CODE_CACHE;
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const cacheFiles = (cache: string) =>
    readdirSync(cache).map((f) => {
      const st = statSync(join(cache, f));
      return { f, ino: st.ino, mtimeMs: st.mtimeMs, size: st.size };
    });
  const args = ['validate', 'scenarios/us-300k-work-visas.yaml', 'scenarios/no-such-file.yaml'];

  it('writes its cache once, reuses it, and replaces a corrupt one; the output never changes', () => {
    const cache = join(tmp('bin-cc'), 'cache');
    const first = bin(args, cache);
    expect(first.code).toBe(2);
    expect(first.stdout).toContain('ok scenarios/us-300k-work-visas.yaml');
    const written = cacheFiles(cache);
    expect(written).toHaveLength(1);
    // V8 accepted it: not written again (a rejected cache is replaced by a renamed new file)
    expect(bin(args, cache)).toEqual(first);
    expect(cacheFiles(cache)).toEqual(written);
    // corrupt: the same output, and a valid cache replaces it
    const file = join(cache, written[0]?.f as string);
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(bin(args, cache)).toEqual(first);
    const replaced = cacheFiles(cache);
    expect(replaced).toHaveLength(1);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(bin(args, cache)).toEqual(first);
    expect(cacheFiles(cache)).toEqual(replaced);
    // and without any cache
    const off = spawnSync(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, VISASIM_CODE_CACHE: '0' },
    });
    expect({ code: off.status, stdout: off.stdout, stderr: off.stderr }).toEqual(first);
  });

  it("starts worker threads through their own cache, written once after a thread's first chunk; the output never changes", () => {
    const cache = join(tmp('worker-cc'), 'cache');
    const out = tmp('worker-out');
    const args = (n: number) => [
      ...['run', 'scenarios/us-300k-work-visas.yaml', '--runs', '200', '--threads', '2'],
      ...['--charts', 'none', '--quiet', '--out', join(out, String(n))],
    ];
    const quantiles = (n: number) => readFileSync(join(out, String(n), 'quantiles.csv'), 'utf8');
    const run = (n: number) => {
      expect(bin(args(n), cache).code).toBe(0);
      return quantiles(n);
    };
    const first = run(1);
    const workers = () => cacheFiles(cache).filter((f) => f.f.startsWith('worker_cjs-worker-'));
    const written = workers();
    // one cache, whichever thread renamed its file last; no temporary file left behind
    expect(written.map((f) => f.f)).toEqual([
      expect.stringMatching(/^worker_cjs-worker-[0-9a-f]{8}\.v8cache$/),
    ]);
    expect(run(2)).toBe(first);
    expect(workers()).toEqual(written);
    const off = spawnSync(process.execPath, [CLI, ...args(3)], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, VISASIM_CODE_CACHE: '0' },
    });
    expect(off.status).toBe(0);
    expect(quantiles(3)).toBe(first);
  });
});
