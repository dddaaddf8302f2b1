/**
 * Writing output files so that a run never leaves a half-written file that looks complete
 * (DESIGN.md §4). Every file goes to a temporary name in its own directory first (same directory,
 * so the rename cannot cross file systems), is flushed to disk, and only once all of them are
 * written are they renamed into place. If anything fails, the temporary files made so far are
 * removed and the error is thrown again; files already in place before the call are left as they were
 * unless their replacement was renamed over them.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';

export interface OutputFile {
  /** path relative to the output directory, with `/` separators, e.g. `charts/backlog-over-time.svg` */
  path: string;
  data: string | Uint8Array;
}

/** Temporary files start with this, so a leftover from a killed process is easy to spot and ignore. */
export const TEMP_PREFIX = '.visasim-tmp-';

function target(dir: string, path: string): string {
  const full = resolve(dir, path);
  const rel = relative(resolve(dir), full);
  if (path === '' || isAbsolute(path) || rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`output path must stay inside the output folder: ${path}`);
  }
  return full;
}

async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Write `files` under `dir`, creating folders as needed, each through a temporary file and a rename.
 * @example await writeOutputs('output/us-300k', [{ path: 'quantiles.csv', data: csv }])
 */
export async function writeOutputs(dir: string, files: readonly OutputFile[]): Promise<void> {
  const plan = files.map((f) => {
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

  const pending = new Set<string>();
  try {
    for (const p of plan) {
      await mkdir(dirname(p.final), { recursive: true });
      pending.add(p.temp);
      await writeSynced(p.temp, p.data);
    }
    for (const p of plan) {
      await rename(p.temp, p.final);
      pending.delete(p.temp);
    }
  } catch (e) {
    await Promise.all([...pending].map((t) => rm(t, { force: true }).catch(() => undefined)));
    throw e;
  }
}
