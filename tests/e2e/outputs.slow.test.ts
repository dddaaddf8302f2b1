/**
 * The output folder under concurrency and Ctrl-C (issue 16): slow, as they run long simulations in
 * child processes to race or interrupt them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, visasim } from '../helpers/cli.js';

const S300 = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'visasim-outputs-'));
const listAll = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

/** A child `run` into `out`, for the tests that interrupt it or race it. */
function start(out: string, extra: string[] = []) {
  const child = spawn(process.execPath, [CLI, 'run', S300, '--out', out, '--quiet', ...extra], {
    stdio: 'pipe',
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const exit = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return { child, exit, stderr: () => stderr };
}

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the output folder under a race and Ctrl-C (issue 16)', () => {
  it('refuses a second writer into the same folder while the first runs', async () => {
    const out = join(tmp(), 'o');
    const first = start(out, ['--runs', '200000', '--threads', '2']);
    await waitFor(() => existsSync(join(out, '.visasim-lock')));
    const second = visasim(['run', S300, '--runs', '3', '--out', out, '--charts', 'none']);
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/another visasim is writing into .*\/o \(process \d+/);
    first.child.kill('SIGINT');
    expect(await first.exit).toBe(130);
    // the first wrote nothing: its folder and lock are gone
    expect(existsSync(out)).toBe(false);
  });

  it('Ctrl-C at any phase exits 130 (or 0 when done), leaving no temporary file, no lock, no half folder', async () => {
    const codes: (number | null)[] = [];
    for (const delay of [700, 1300, 1900]) {
      const out = join(tmp(), 'o');
      const run = start(out, ['--runs', '200', '--threads', '1', '--charts', 'svg,png,html']);
      await new Promise((r) => setTimeout(r, delay));
      run.child.kill('SIGINT');
      const code = await run.exit;
      codes.push(code);
      // null: the signal came while Node was still starting (compiling the bundle, ≈ 0.25 s, longer
      // on a loaded machine), before any code of visasim could listen; nothing is written by then
      expect([0, 130, null]).toContain(code);
      if (!existsSync(out)) continue;
      const files = listAll(out);
      expect(files.filter((f) => f.includes('.visasim-tmp-') || f === '.visasim-lock')).toEqual([]);
      const listed = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).outputs as string[];
      expect(files.filter((f) => f.includes('.'))).toEqual([...listed].sort());
    }
    expect(codes).toContain(130);
  });
});
