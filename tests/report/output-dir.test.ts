import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  asOutputError,
  cleanLeftovers,
  LOCK_FILE,
  lockOutput,
  OutputError,
  TEMP_PREFIX,
} from '../../src/report/output-dir.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'visasim-outdir-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lockOutput', () => {
  it('creates the folder and its lock, and removes both when nothing was written', async () => {
    const out = join(dir, 'a', 'b');
    const lock = await lockOutput(out);
    expect(existsSync(join(out, LOCK_FILE))).toBe(true);
    await lock.release(false);
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });

  it('keeps the folder once written, without the lock', async () => {
    const out = join(dir, 'o');
    const lock = await lockOutput(out);
    await writeFile(join(out, 'x.csv'), 'x');
    await lock.release(true);
    expect(await readdir(out)).toEqual(['x.csv']);
  });

  it('refuses a second writer while the first holds the lock, naming the folder', async () => {
    const out = join(dir, 'o');
    const first = await lockOutput(out);
    await expect(lockOutput(out)).rejects.toThrow(/another visasim is writing into .*\/o \(process \d+/);
    await first.release(true);
    const again = await lockOutput(out);
    await again.release(true);
  });

  it('takes over the lock of a process that no longer runs', async () => {
    await writeFile(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), started: 'then' }),
    );
    const lock = await lockOutput(dir);
    await lock.release(true);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a file as the output folder with an OutputError (exit 4), before any work', async () => {
    await writeFile(join(dir, 'f'), 'x');
    await expect(lockOutput(join(dir, 'f'))).rejects.toBeInstanceOf(OutputError);
    await expect(lockOutput(join(dir, 'f', 'sub'))).rejects.toThrow(/f\/sub.*not a folder \(ENOTDIR\)/);
  });

  it('cleans the temporary files a killed process left, and nothing else', async () => {
    await mkdir(join(dir, 'charts'));
    await writeFile(join(dir, `${TEMP_PREFIX}quantiles.csv-abc`), 'half');
    await writeFile(join(dir, 'charts', `${TEMP_PREFIX}a.svg-abc`), 'half');
    await writeFile(join(dir, 'mine.txt'), 'user file');
    const lock = await lockOutput(dir);
    await lock.release(true);
    expect((await readdir(dir, { recursive: true })).map(String).sort()).toEqual(['charts', 'mine.txt']);
  });
});

describe('cleanLeftovers', () => {
  it('tolerates a folder that does not exist', async () => {
    await expect(cleanLeftovers(join(dir, 'none'))).resolves.toBeUndefined();
  });
});

describe('asOutputError', () => {
  it('turns the machine’s refusals into an OutputError naming the path; other errors pass', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const e = asOutputError(full, '/out/quantiles.csv');
    expect(e).toBeInstanceOf(OutputError);
    expect((e as OutputError).message).toBe(
      'cannot write /out/quantiles.csv: no space left on the device (ENOSPC)',
    );
    const tmp = Object.assign(new Error('EACCES'), { code: 'EACCES', path: `/out/${TEMP_PREFIX}x-1` });
    expect((asOutputError(tmp, '/out/x') as OutputError).path).toBe('/out/x');
    const bug = new TypeError('x is undefined');
    expect(asOutputError(bug, '/out')).toBe(bug);
  });
});
