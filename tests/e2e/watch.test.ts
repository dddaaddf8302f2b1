/**
 * `visasim run --watch` as a user runs it: the scenario deleted and written again (git checkout),
 * then replaced by a rename (an atomic save), and its data file edited; each time the outputs are
 * rewritten with the new numbers, and Ctrl-C between runs ends the watch.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const scenario = (cap: number) => `id: w
title: Watched
status: hypothetical
calendar: { start: 2023-10-01, years: 1 }
simulation: { runs: 5, seed: 1 }
groups: { from: groups.csv }
programs:
  - id: p
    title: p
    demand: { per_year: pop, noise: none }
    pools:
      - { id: a, cap: ${cap} }
`;

describe('visasim run --watch', () => {
  it('reruns after delete-and-recreate, an atomic save and a data edit; Ctrl-C ends it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'visasim-watch-e2e-'));
    const file = join(dir, 's.yaml');
    writeFileSync(join(dir, 'groups.csv'), 'id,name,pop\nMX,Mexico,1000\n');
    writeFileSync(file, scenario(100));
    const out = join(dir, 'o');
    const child = spawn(
      process.execPath,
      [CLI, 'run', file, '--watch', '--out', out, '--charts', 'none', '--quiet'],
      {
        stdio: 'pipe',
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    const watching = () => stderr.split('\n').filter((l) => l.startsWith('watching 2 files')).length;
    const until = async (n: number) => {
      for (let t = 0; watching() < n; t += 25) {
        if (t > 15_000) throw new Error(`no run ${n}; stderr:\n${stderr}`);
        await sleep(25);
      }
    };
    const cell = (pool: string, metric: string) =>
      readFileSync(join(out, 'quantiles.csv'), 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`p,${pool},,,${metric},`))
        ?.split(',')[5];
    try {
      await until(1);
      expect(cell('a', 'cap')).toBe('100');

      rmSync(file); // git checkout: the file goes away for a moment …
      await sleep(400);
      writeFileSync(file, scenario(200)); // … and comes back
      await until(3); // the run of the missing file fails (printed), then the file's
      expect(stderr).toContain('error: cannot read');
      expect(cell('a', 'cap')).toBe('200');

      writeFileSync(join(dir, '.s.yaml.tmp'), scenario(300)); // an editor's atomic save
      renameSync(join(dir, '.s.yaml.tmp'), file);
      await until(4);
      expect(cell('a', 'cap')).toBe('300');

      writeFileSync(join(dir, 'groups.csv'), 'id,name,pop\nMX,Mexico,50\n');
      await until(5);
      expect(cell('', 'applicants')).toBe('50');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(existsSync(join(out, '.visasim-lock'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 40_000);
});
