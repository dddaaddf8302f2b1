/**
 * --watch (src/cli/watch.ts) on a real temporary folder: it reruns after a change, survives a file
 * deleted and recreated (as `git checkout` and many editors do), renamed away and back, and an atomic save (write a new file,
 * rename it over the old), follows the inputs each run reports, and reruns once more when changes
 * arrive during a run — once, however many.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchAndRun } from '../../src/cli/watch.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Harness {
  dir: string;
  scenario: string;
  /** the scenario's content at the start of each run */
  seen: string[];
  logs: string[];
  stop: () => Promise<void>;
}

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops) await s();
  stops = [];
});

/**
 * Start a watch over a scenario file (and `extra` inputs its runs report); each run records the
 * scenario's content, or 'missing', and lasts `runMs(k)` for run k.
 */
async function start(opts: { extra?: string[]; runMs?: (k: number) => number } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'visasim-watch-'));
  const scenario = join(dir, 'scenario.yaml');
  writeFileSync(scenario, 'v1');
  const extra = (opts.extra ?? []).map((f) => join(dir, f));
  for (const f of extra) writeFileSync(f, 'data');
  const h: Harness = { dir, scenario, seen: [], logs: [], stop: async () => undefined };
  const ac = new AbortController();
  const { readFileSync } = await import('node:fs');
  const done = watchAndRun({
    file: scenario,
    signal: ac.signal,
    debounceMs: 60,
    log: (l) => h.logs.push(l),
    run: async () => {
      let text = 'missing';
      try {
        text = readFileSync(scenario, 'utf8');
      } catch {
        // deleted: the run fails as visasim's does, and the watch goes on
      }
      h.seen.push(text);
      await sleep(opts.runMs?.(h.seen.length - 1) ?? 0);
      return text === 'missing' ? undefined : [scenario, ...extra];
    },
  });
  h.stop = async () => {
    ac.abort();
    await done;
    rmSync(dir, { recursive: true, force: true });
  };
  stops.push(h.stop);
  await until(() => h.logs.some((l) => l.startsWith('watching')), 'the first run');
  return h;
}

const watching = (h: Harness) => h.logs.filter((l) => l.startsWith('watching')).length;

describe('watchAndRun', () => {
  it('runs once, then again after a change', async () => {
    const h = await start();
    expect(h.seen).toEqual(['v1']);
    expect(h.logs.at(-1)).toBe('watching 1 file for changes (Ctrl-C to stop)');
    writeFileSync(h.scenario, 'v2');
    await until(() => watching(h) === 2, 'a second run');
    expect(h.seen).toEqual(['v1', 'v2']);
  });

  it('gathers a burst of writes (an editor saving) into one run', async () => {
    const h = await start();
    for (const v of ['a', 'b', 'c']) {
      writeFileSync(h.scenario, v);
      await sleep(10);
    }
    await until(() => watching(h) === 2, 'a second run');
    await sleep(300);
    expect(h.seen).toEqual(['v1', 'c']);
  });

  it('survives the file being deleted and recreated (git checkout): it runs again when it is back', async () => {
    const h = await start();
    rmSync(h.scenario);
    await until(() => h.seen.includes('missing'), 'the run of the missing file');
    await until(() => watching(h) === 2, 'the watch going on');
    expect(h.logs.at(-1)).toBe('watching 1 file for changes (Ctrl-C to stop)');
    writeFileSync(h.scenario, 'v2');
    await until(() => h.seen.at(-1) === 'v2', 'a run of the recreated file');
    // and it keeps watching the new file
    writeFileSync(h.scenario, 'v3');
    await until(() => h.seen.at(-1) === 'v3', 'a run after editing the recreated file');
  });

  it('survives an atomic save: a new file renamed over the old one, again and again', async () => {
    const h = await start();
    for (const v of ['v2', 'v3', 'v4']) {
      const tmp = join(h.dir, `.scenario.yaml.${v}.tmp`);
      writeFileSync(tmp, v);
      renameSync(tmp, h.scenario);
      await until(() => h.seen.at(-1) === v, `the run of ${v}`);
    }
    expect(h.seen.filter((s) => s === 'missing')).toEqual([]);
  });

  it('survives renames: the file renamed away and back, and a save that renames it to a backup first', async () => {
    const h = await start();
    const away = join(h.dir, 'scenario.yaml.bak');
    renameSync(h.scenario, away); // renamed away: that run fails, and the watch goes on
    await until(() => h.seen.at(-1) === 'missing', 'the run of the renamed-away file');
    await until(() => watching(h) === 2, 'the watch going on');
    renameSync(away, h.scenario); // and back
    await until(() => h.seen.at(-1) === 'v1' && watching(h) === 3, 'a run of the file renamed back');
    // vim without backupcopy: rename to a backup, write the new file, delete the backup
    renameSync(h.scenario, `${h.scenario}~`);
    writeFileSync(h.scenario, 'v2');
    rmSync(`${h.scenario}~`);
    await until(() => h.seen.at(-1) === 'v2', 'the run of the saved file');
    writeFileSync(h.scenario, 'v3');
    await until(() => h.seen.at(-1) === 'v3', 'a run after editing it again');
  });

  it('watches the inputs a run reports (data files), and reruns when one changes', async () => {
    const h = await start({ extra: ['groups.csv'] });
    expect(h.logs.at(-1)).toBe('watching 2 files for changes (Ctrl-C to stop)');
    writeFileSync(join(h.dir, 'groups.csv'), 'data 2');
    await until(() => watching(h) === 2, 'a run after the data changed');
    expect(h.seen).toHaveLength(2);
    // a file in the folder that is no input does not start a run
    writeFileSync(join(h.dir, 'notes.txt'), 'x');
    await sleep(400);
    expect(h.seen).toHaveLength(2);
  });

  it('runs once more when changes arrive during a run, with the last content, and only once', async () => {
    const h = await start({ runMs: (k) => (k === 1 ? 800 : 0) });
    writeFileSync(h.scenario, 'v2');
    await until(() => h.seen.length === 2, 'the second run to start');
    await sleep(150);
    writeFileSync(h.scenario, 'v3'); // during the run
    await sleep(150);
    writeFileSync(h.scenario, 'v4'); // during the run too
    await until(() => h.seen.length === 3, 'the run after the changes');
    expect(h.seen).toEqual(['v1', 'v2', 'v4']);
    expect(h.logs).toContain(`${h.scenario} changed during the run: running again`);
    await sleep(400);
    expect(h.seen).toHaveLength(3);
  });

  it('stops, closing the watcher, when a run rejects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'visasim-watch-'));
    const file = join(dir, 's.yaml');
    writeFileSync(file, 'x');
    await expect(
      watchAndRun({ file, log: () => undefined, run: () => Promise.reject(new Error('internal')) }),
    ).rejects.toThrow('internal');
    rmSync(dir, { recursive: true, force: true });
  });
});
