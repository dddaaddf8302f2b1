/**
 * Writing output files so that a run never leaves a half-written file that looks complete
 * (DESIGN.md §4). Every file goes to a temporary name in its own directory first (same directory,
 * so the rename cannot cross file systems), is flushed to disk, and only once all of them are
 * written are they renamed into place. If anything fails, the temporary files made so far are
 * removed and the error is thrown again; files already in place before the call are left as they were
 * unless their replacement was renamed over them.
 *
 * With `listIn` (run, merge, compare, sweep, shards), the manifest named there lists every file of
 * the run under `outputs`; after the renames, the files the previous run's manifest listed that this
 * run did not write again are removed, so the folder holds exactly this run's files (and any file
 * visasim did not write, which it never touches). An abort (Ctrl-C) before the renames removes the
 * temporary files and rejects with Interrupted; once renaming has begun it completes.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Interrupted } from '../parallel/pool.js';
import { asOutputError, TEMP_PREFIX } from './output-dir.js';

export { TEMP_PREFIX };

/**
 * A file's content given piece by piece (runs.csv of many runs, runs.parquet): each chunk is written
 * to the temporary file as it comes, so the whole file is never held in memory.
 */
export type OutputChunks = () => Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

export interface OutputFile {
  /** path relative to the output directory, with `/` separators, e.g. `charts/backlog-over-time.svg` */
  path: string;
  data: string | Uint8Array;
}

/** A file `writeOutputs` writes chunk by chunk, as they come (`runs.csv` of many runs). */
export interface StreamedFile {
  /** as OutputFile's */
  path: string;
  data: OutputChunks;
}

/** Chunks are gathered into writes of about this many bytes (UTF-16 units for text). */
const WRITE_BATCH = 1 << 20;

function target(dir: string, path: string): string {
  const full = resolve(dir, path);
  const rel = relative(resolve(dir), full);
  if (path === '' || isAbsolute(path) || rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`output path must stay inside the output folder: ${path}`);
  }
  return full;
}

async function writeSynced(
  file: string,
  data: (OutputFile | StreamedFile)['data'],
  signal?: AbortSignal,
): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    if (typeof data === 'function') {
      // streamed: batched into writes of about WRITE_BATCH, checking for Ctrl-C between them
      let text: string[] = [];
      let size = 0;
      const flush = async () => {
        if (size === 0) return;
        const joined = text.join('');
        text = [];
        size = 0;
        await handle.write(joined, null, 'utf8');
      };
      for await (const chunk of data()) {
        if (signal?.aborted) throw new Interrupted('interrupted');
        if (typeof chunk === 'string') {
          text.push(chunk);
          size += chunk.length;
          if (size >= WRITE_BATCH) await flush();
        } else {
          await flush();
          await handle.write(chunk);
        }
      }
      await flush();
    } else {
      await handle.writeFile(data);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface WriteOptions {
  /** stop before the renames when aborted (Ctrl-C): temporary files removed, rejects with Interrupted */
  signal?: AbortSignal;
  /** the JSON file among `files` (e.g. `manifest.json`) that lists the run's files under `outputs` */
  listIn?: string;
}

/** The files the previous run listed in its manifest (or partial.json), if any. */
async function previousOutputs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of ['manifest.json', 'partial.json']) {
    try {
      const file = join(dir, name);
      if (!(await lstat(file)).isFile()) continue;
      const json = JSON.parse(await readFile(file, 'utf8')) as { outputs?: unknown };
      if (Array.isArray(json.outputs)) out.push(...json.outputs.filter((p) => typeof p === 'string'));
    } catch {
      // no manifest, or not one of ours: nothing is known to be visasim's
    }
  }
  return out;
}

function withListing(
  files: readonly (OutputFile | StreamedFile)[],
  listIn: string | undefined,
): (OutputFile | StreamedFile)[] {
  if (!listIn) return [...files];
  const outputs = files.map((f) => f.path);
  return files.map((f) => {
    if (f.path !== listIn || typeof f.data !== 'string') return f;
    const json = JSON.parse(f.data) as Record<string, unknown>;
    return { path: f.path, data: `${JSON.stringify({ ...json, outputs }, null, 2)}\n` };
  });
}

/** Remove the previous run's files that this run did not write again (regular files only). */
async function removeStale(dir: string, previous: readonly string[], current: ReadonlySet<string>) {
  for (const p of previous) {
    let full: string;
    try {
      full = target(dir, p);
    } catch {
      continue; // a listing that points outside the folder is not ours to follow
    }
    if (current.has(full)) continue;
    try {
      if (!(await lstat(full)).isFile()) continue;
      await rm(full, { force: true });
      // a folder it leaves empty (charts/) goes too, up to the output folder
      for (let d = dirname(full); d !== resolve(dir) && d.startsWith(resolve(dir)); d = dirname(d))
        await rmdir(d);
    } catch {
      // gone already, or the folder still holds something
    }
  }
}

/** rmdir the folders `mkdir` made (pairs: the deepest, then the first it created), while empty. */
async function removeMade(made: readonly string[]): Promise<void> {
  for (let i = made.length - 2; i >= 0; i -= 2) {
    const top = made[i + 1] as string;
    for (let d = made[i] as string; ; d = dirname(d)) {
      try {
        await rmdir(d);
      } catch {
        break; // not empty (or gone): its parents are not empty either
      }
      if (d === top || dirname(d) === d) break;
    }
  }
}

/**
 * Write `files` under `dir`, creating folders as needed, each through a temporary file and a rename.
 * A refusal of the machine (permission, disk full, file-size limit) rejects with OutputError.
 * @example await writeOutputs('output/us-300k', [{ path: 'quantiles.csv', data: csv }])
 */
export async function writeOutputs(
  dir: string,
  files: readonly (OutputFile | StreamedFile)[],
  opts: WriteOptions = {},
): Promise<void> {
  const listed = withListing(files, opts.listIn);
  const plan = listed.map((f) => {
    const final = target(dir, f.path);
    const temp = resolve(
      dirname(final),
      `${TEMP_PREFIX}${basename(final)}-${randomBytes(6).toString('hex')}`,
    );
    return { final, temp, data: f.data };
  });
  const seen = new Set<string>();
  for (const p of plan) {
    if (seen.has(p.final)) throw new Error(`output path given twice: ${relative(resolve(dir), p.final)}`);
    seen.add(p.final);
  }
  const previous = opts.listIn ? await previousOutputs(dir) : [];

  const pending = new Set<string>();
  // the folders this call made (charts/), removed again if it fails, so no empty folder is left
  const made: string[] = [];
  let current = dir;
  try {
    for (const p of plan) {
      if (opts.signal?.aborted) throw new Interrupted('interrupted');
      current = dirname(p.final);
      const first = await mkdir(current, { recursive: true });
      if (first) made.push(current, first);
      pending.add(p.temp);
      current = p.final;
      await writeSynced(p.temp, p.data, opts.signal);
    }
    if (opts.signal?.aborted) throw new Interrupted('interrupted');
    for (const p of plan) {
      current = p.final;
      await rename(p.temp, p.final);
      pending.delete(p.temp);
    }
  } catch (e) {
    await Promise.all([...pending].map((t) => rm(t, { force: true }).catch(() => undefined)));
    await removeMade(made);
    throw asOutputError(e, current);
  }
  await removeStale(dir, previous, seen);
}
