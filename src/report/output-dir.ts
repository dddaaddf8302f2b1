/**
 * The output folder as a whole (issue 16, "Outputs"): a lock so that one visasim at a time writes
 * into a folder, the temporary files of a killed process cleaned once the lock is held, and the
 * machine's refusals (no permission, disk full, not a folder, a file-size limit) turned into an
 * OutputError that names the path — exit code 4, not an internal error.
 */
import { lstat, mkdir, open, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** Temporary files start with this, so a leftover from a killed process is easy to spot and clean. */
export const TEMP_PREFIX = '.visasim-tmp-';

/** The lock file in an output folder while a visasim writes there. */
export const LOCK_FILE = '.visasim-lock';

/** The machine refused: the path named, what it said. Exit code 4. */
export class OutputError extends Error {
  override name = 'OutputError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder is in the way of a file',
  EEXIST: 'a file is in the way of a folder',
  ENOTEMPTY: 'a folder is in the way of a file',
  EFBIG: 'file too large (a file-size limit)',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
  ELOOP: 'too many symbolic links',
  EBUSY: 'device or resource busy',
  EXDEV: 'cross-device link',
  ENODEV: 'no such device',
  ENXIO: 'no such device',
};

/** An errno error of the file system as an OutputError naming the path; anything else unchanged. */
export function asOutputError(e: unknown, path: string): unknown {
  if (e instanceof OutputError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !(code in REASONS)) return e;
  const own = (e as NodeJS.ErrnoException).path;
  const where = own && !basename(own).startsWith(TEMP_PREFIX) ? own : path;
  return new OutputError(`cannot write ${where}: ${REASONS[code]} (${code})`, where);
}

export interface OutputLock {
  dir: string;
  /** Remove the lock; when nothing was written, also the folders the lock created. */
  release(written: boolean): Promise<void>;
}

interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is the lock at `file` left by a process that no longer runs (on this machine)? */
async function stale(file: string): Promise<{ stale: boolean; holder: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { stale: true, holder: '' }; // gone meanwhile
  }
  let info: LockInfo | undefined;
  try {
    info = JSON.parse(text) as LockInfo;
  } catch {
    info = undefined;
  }
  if (!info || typeof info.pid !== 'number') {
    // a lock being written this very moment, or one a killed process left empty
    const age = Date.now() - (await stat(file).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
    return { stale: age > 10_000, holder: '' };
  }
  const holder = `process ${info.pid} on ${info.host}, since ${info.started}`;
  if (info.host !== hostname()) return { stale: false, holder };
  return { stale: info.pid !== process.pid && !alive(info.pid), holder };
}

async function takeLock(file: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const h = await open(file, 'wx');
      try {
        const info: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
        await h.writeFile(`${JSON.stringify(info)}\n`);
      } finally {
        await h.close();
      }
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const s = await stale(file);
      if (!s.stale)
        throw new OutputError(
          `another visasim is writing into ${dirname(file)}${s.holder ? ` (${s.holder})` : ''}; wait for it to finish, or choose another --out. If no visasim is running, remove ${file}`,
          dirname(file),
        );
      await rm(file, { force: true });
    }
  }
  throw new OutputError(`could not take the lock ${file}`, file);
}

/**
 * Remove the temporary files (`.visasim-tmp-*`) a killed process left in `dir` and its `charts/`
 * (one level of folders down). Only call it holding the lock: no live visasim writes there then.
 */
export async function cleanLeftovers(dir: string, depth = 1): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.name.startsWith(TEMP_PREFIX) && e.isFile()) await rm(full, { force: true });
    else if (depth > 0 && e.isDirectory()) await cleanLeftovers(full, depth - 1);
  }
}

/**
 * Make sure `dir` can be written, before any work: create it (and its parents) if needed, take its
 * lock and clean a killed process's leftovers. Throws OutputError (exit 4) naming the path when the
 * machine refuses or another visasim holds the lock.
 * @example const lock = await lockOutput('output/us-300k'); try { … } finally { await lock.release(done) }
 */
export async function lockOutput(dir: string): Promise<OutputLock> {
  const abs = resolve(dir);
  const existing = await stat(abs).catch(() => undefined);
  if (existing && !existing.isDirectory())
    throw new OutputError(`cannot write into ${abs}: it is a file, not a folder`, abs);
  let created: string | undefined;
  const lock = join(abs, LOCK_FILE);
  try {
    created = await mkdir(abs, { recursive: true });
    await takeLock(lock);
    await cleanLeftovers(abs);
  } catch (e) {
    if (created) await removeEmpty(abs, created);
    throw asOutputError(e, abs);
  }
  let released = false;
  return {
    dir: abs,
    async release(written: boolean) {
      if (released) return;
      released = true;
      await rm(lock, { force: true }).catch(() => undefined);
      if (!written && created) await removeEmpty(abs, created);
    },
  };
}

/** rmdir `dir` and its parents up to `top`, as long as they are empty. */
async function removeEmpty(dir: string, top: string): Promise<void> {
  let d = dir;
  for (;;) {
    try {
      const s = await lstat(d);
      if (!s.isDirectory()) return;
      await rmdir(d);
    } catch {
      return;
    }
    if (d === top || dirname(d) === d) return;
    d = dirname(d);
  }
}
