/**
 * README "Reading the outputs": the pandas block runs as written on a real run's outputs, and so
 * does the R block where Rscript is installed. Keys stay text (an empty key is the total, `2023-01`
 * a month, `NA` Namibia), and the totals add up. The pandas block needs python3 with pandas: without
 * one the test is skipped with its reason in its name, except under CI=true, where it fails
 * (.ci/run installs Debian's python3-pandas).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, visasim } from '../helpers/cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const block = (marker: string, lang: string) =>
  new RegExp(`<!-- ${marker} -->\\s*\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(README)?.[1];

/** A python3 that imports pandas: the one on PATH, else Debian's (python3-pandas). */
function pythonWithPandas(): string | undefined {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import pandas'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return undefined;
}
const PYTHON = pythonWithPandas();
const RSCRIPT = spawnSync('Rscript', ['--version']).status === 0;

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'visasim-reading-'));
  const r = visasim(
    [
      'run',
      join(ROOT, 'scenarios/us-300k-work-visas.yaml'),
      '--runs',
      '40',
      '--keep-runs',
      '--charts',
      'none',
      '--quiet',
      '--out',
      'output/us-300k-work-visas',
    ],
    { cwd: dir },
  );
  expect(r.code).toBe(0);
});

/** What the snippets print, and what they must print given the run's quantiles.csv. */
function expectReading(stdout: string) {
  expect(stdout).toMatch(/^\s*group\s+mean\s+p05\s+p95\s*$/m);
  for (const g of ['GT', 'HN', 'SV', 'NI', 'CR', 'PA', 'BZ'])
    expect(stdout).toMatch(new RegExp(`^\\s*"?${g}"?\\s`, 'm'));
  const [, issued, unused, cap] = /issued (\d+) \+ unused (\d+) = cap (\d+)/.exec(stdout) ?? [];
  expect(Number(issued) + Number(unused)).toBe(Number(cap));
  expect(Number(cap)).toBe(1_500_000);
  expect(stdout).toMatch(/Guatemala, FY2024: at least 50,000 visas in 100% of 40 runs/);
}

describe('README: reading the outputs', () => {
  it('warns about the spreadsheet trap: empty keys are totals, Excel turns 2023-01 into a date', () => {
    expect(README).toMatch(/An empty key means the total/);
    expect(README).toMatch(/Excel turns `2023-01` into a\s+date/);
    expect(block('read-pandas', 'python')).toBeDefined();
    expect(block('read-r', 'r')).toBeDefined();
  });

  if (!PYTHON && process.env.CI === 'true') {
    it('finds python3 with pandas (CI=true: .ci/run installs python3-pandas)', () => {
      throw new Error('no python3 with pandas, and CI=true forbids skipping the README pandas test');
    });
  }

  it.skipIf(!PYTHON)(
    PYTHON
      ? 'the pandas block runs as written'
      : 'the pandas block runs as written (SKIPPED: no python3 with pandas; `apt-get install python3-pandas` to run it)',
    () => {
      const file = join(dir, 'read.py');
      writeFileSync(file, block('read-pandas', 'python') as string);
      const r = spawnSync(PYTHON as string, [file], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expectReading(r.stdout);
    },
  );

  it.skipIf(!RSCRIPT)(
    RSCRIPT ? 'the R block runs as written' : 'the R block runs as written (SKIPPED: no Rscript)',
    () => {
      const file = join(dir, 'read.R');
      writeFileSync(file, block('read-r', 'r') as string);
      const r = spawnSync('Rscript', [file], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expectReading(r.stdout);
    },
  );
});
