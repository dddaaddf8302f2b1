/** --keep-runs, and Ctrl-C leaving nothing behind. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, visasim } from '../helpers/cli.js';

const S300 = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'visasim-runs-'));

describe('visasim run --keep-runs', () => {
  it("writes every run's value of every reported cell", () => {
    const out = join(tmp(), 'o');
    expect(
      visasim([
        'run',
        S300,
        '--runs',
        '3',
        '--seed',
        '1',
        '--out',
        out,
        '--keep-runs',
        '--charts',
        'none',
        '--quiet',
      ]).code,
    ).toBe(0);
    const lines = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
    const cells = readFileSync(join(out, 'quantiles.csv'), 'utf8').trim().split('\n').length - 1;
    expect(lines[0]).toBe('run,program,pool,group,period,metric,value');
    // quantiles.csv leaves out groups that never take part; runs.csv keeps every cell of every run
    expect(lines.length - 1).toBeGreaterThanOrEqual(3 * cells);
    expect((lines.length - 1) % 3).toBe(0);
    expect(lines).toContain('2,work-visas,central-america,GT,FY2024,cap,52965');
  });
});

describe('Ctrl-C', () => {
  it('refuses --keep-runs on a shard, pointing at merge --keep-runs, and writes nothing', () => {
    const out = join(tmp(), 'shard');
    const r = visasim(['run', S300, '--runs', '4', '--shard', '1/2', '--keep-runs', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--keep-runs and --shard do not go together.*merge DIR\.\.\. --out DIR --keep-runs/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('stops a run cleanly with exit code 130 and writes nothing', async () => {
    const out = join(tmp(), 'never');
    const child = spawn(
      process.execPath,
      [CLI, 'run', S300, '--runs', '200000', '--threads', '2', '--out', out, '--quiet'],
      { stdio: 'pipe' },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    await new Promise((r) => setTimeout(r, 2500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted: nothing was written');
    expect(existsSync(out)).toBe(false);
  });
});
