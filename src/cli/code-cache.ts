/**
 * Starting the bundled command line with a V8 code cache (the bin, src/cli/bin.ts). Node 20 has no
 * `module.enableCompileCache` (it came in 22.1), so this does by hand what v8-compile-cache did:
 * the bundle (dist/bin/cli.cjs, one function expression, scripts/bundle.mjs) is compiled as a
 * `vm.Script` with the code V8 produced for it in an earlier process, which V8 checks and reuses
 * instead of parsing and compiling the 2 MB of source again (≈ 80 ms of every command). After the
 * first command the cache holds the functions that command compiled too.
 *
 * The cache is an optimisation only: a missing, stale, corrupt or unwritable cache file is
 * silently ignored (V8 rejects data that does not match the source, the V8 version or its flags),
 * and the bundle's behaviour and outputs are the same with or without it. The file goes to
 * `$VISASIM_CACHE_DIR`, else `$XDG_CACHE_HOME/visasim`, else `~/.cache/visasim`
 * (`%LOCALAPPDATA%\visasim` on Windows); `VISASIM_CODE_CACHE=0` turns it off.
 */
import { isAscii } from 'node:buffer';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

/** The folder of the code cache, or undefined when it is turned off or no folder can be named. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.VISASIM_CODE_CACHE === '0' || env.VISASIM_CODE_CACHE === 'off') return undefined;
  if (env.VISASIM_CACHE_DIR) return env.VISASIM_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'visasim');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'visasim');
  try {
    const home = homedir();
    return home ? join(home, '.cache', 'visasim') : undefined;
  } catch {
    return undefined;
  }
}

/** 32-bit FNV-1a of a string, in hex: names the cache file (no crypto module to load). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The command a process runs, for the cache's name: the first argument that is not an option
 * (`run`, `validate`…), or `none` (`--version`, `--help`).
 */
export function commandOf(argv: readonly string[]): string {
  const word = argv.find((a) => !a.startsWith('-'));
  if (word === undefined) return 'none';
  return /^[a-z]{1,20}$/.test(word) ? word : 'other';
}

/**
 * The cache file of a bundle: one per command (a cache holds the functions its first process
 * compiled, so `validate` is not left with the cache a `--help` made), bundle file (its path, size
 * and time), Node version and architecture, so two installed versions never overwrite each other's.
 */
export function codeCacheFile(
  dir: string,
  bundle: string,
  size: number,
  mtimeMs: number,
  command = 'none',
): string {
  const key = [bundle, size, mtimeMs, process.version, process.versions.v8, process.arch].join('\0');
  return join(dir, `${basename(bundle).replace(/\W/g, '_')}-${command}-${fnv1a(key)}.v8cache`);
}

/** What happened to the code cache, for tests. */
export interface CodeCacheState {
  file: string | undefined;
  /** the cache was read and V8 accepted it */
  used: boolean;
  /** a new cache will be written when the process exits */
  willWrite: boolean;
}

/**
 * Compile and run `bundle`, a script whose value is a function, and call that function with
 * (require, the bundle's file URL, `importer`: the caller's import(), for the packages the bundle
 * imports at run time; it must resolve them as a module beside the bundle would). The code cache is used when valid and written at exit when it
 * was missing or rejected.
 */
export function runBundle(
  bundle: string,
  importer: (specifier: string) => Promise<unknown>,
  opts: {
    env?: NodeJS.ProcessEnv;
    /** when to write a new cache (default: when the process exits) */
    atExit?: (write: () => void) => void;
    /** the command, which names the cache (default: from process.argv) */
    command?: string;
  } = {},
): CodeCacheState {
  const env = opts.env ?? process.env;
  const atExit = opts.atExit ?? ((write: () => void) => process.once('exit', write));
  // the bundle is ASCII (scripts/bundle.mjs): read as Latin-1, it needs no UTF-8 decoding (≈ 20 ms)
  const bytes = readFileSync(bundle);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  let file: string | undefined;
  let cachedData: Buffer | undefined;
  const dir = codeCacheDir(env);
  if (dir !== undefined) {
    try {
      const st = statSync(bundle);
      file = codeCacheFile(
        dir,
        bundle,
        st.size,
        st.mtimeMs,
        opts.command ?? commandOf(process.argv.slice(2)),
      );
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined; // no cache yet (or no folder): made at exit
    }
  }
  const script = new Script(source, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  const willWrite = file !== undefined && !used;
  if (willWrite && file !== undefined && dir !== undefined) {
    const target = file;
    // at exit, so that the cache also holds the functions this command compiled on its way
    atExit(() => writeCache(script, dir, target));
  }
  const main = script.runInThisContext() as (
    require: NodeJS.Require,
    url: string,
    load: (specifier: string) => Promise<unknown>,
  ) => void;
  const url = pathToFileURL(bundle).href;
  main(createRequire(url), url, importer);
  return { file, used, willWrite };
}

/** Cache files kept per bundle name and command: a few installed versions (or Node versions) side by side. */
const KEEP = 4;

/**
 * Write the cache atomically (a temporary file renamed), remove the oldest caches of the same
 * bundle name beyond KEEP (left by earlier builds), and say nothing when any of it fails.
 */
function writeCache(script: Script, dir: string, file: string): void {
  // the worker threads of one process write theirs at the same time (src/cli/worker-bin.ts)
  const { threadId } = createRequire(import.meta.url)('node:worker_threads') as { threadId: number };
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    const data = script.createCachedData();
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    const prefix = basename(file).replace(/-[0-9a-f]{8}\.v8cache$/, '-'); // the bundle's and command's
    const files = readdirSync(dir).filter((f) => f.startsWith(prefix));
    // a thread terminated while writing leaves its temporary file: gone after a minute
    for (const f of files)
      if (f.endsWith('.tmp') && statSync(join(dir, f)).mtimeMs < Date.now() - 60_000)
        unlinkSync(join(dir, f));
    const old = files
      .filter((f) => f.endsWith('.v8cache'))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(KEEP);
    for (const { f } of old) unlinkSync(join(dir, f));
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}
