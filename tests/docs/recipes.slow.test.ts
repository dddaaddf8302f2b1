/**
 * The README's local recipes (docs/recipes/) run as written, and their merge equals one full run:
 * xargs always, GNU parallel where it is installed (under CI=true it must be: .ci/run installs it).
 */
import { execSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, visasim } from '../helpers/cli.js';

const PARALLEL = spawnSync('parallel', ['--version']).status === 0;

/** Run a recipe in a scratch folder holding a copy of scenarios/; compare its merge with a full run. */
function runRecipe(name: string, merged: string) {
  const recipe = readFileSync(join(ROOT, 'docs/recipes', name), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'visasim-recipe-'));
  cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  // `npx visasim` is the built CLI here (in the project folder npx resolves to the same file)
  const script = recipe.replaceAll(
    'npx visasim',
    `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)}`,
  );
  execSync(script, { cwd: dir, shell: '/bin/bash', stdio: 'pipe' });
  const runs = /--runs (\d+)/.exec(recipe)?.[1] as string;
  const seed = /--seed (\S+)/.exec(recipe)?.[1] as string;
  const full = visasim(
    ['run', 'scenarios/us-300k-work-visas.yaml', '--runs', runs, '--seed', seed, '--out', 'full', '--quiet'],
    { cwd: dir },
  );
  expect(full.code).toBe(0);
  for (const f of ['quantiles.csv', 'summary.json', 'report.html', 'charts/backlog-over-time.svg']) {
    expect(readFileSync(join(dir, merged, f)).equals(readFileSync(join(dir, 'full', f))), f).toBe(true);
  }
}

describe('README shard recipes', () => {
  it('xargs: runs as written and merges into exactly the full run', () => {
    runRecipe('local-xargs.sh', 'output/merged');
  });

  if (!PARALLEL && process.env.CI === 'true') {
    it('finds GNU parallel (CI=true: .ci/run installs it)', () => {
      throw new Error('no GNU parallel on PATH, and CI=true forbids skipping its recipe');
    });
  }

  it.skipIf(!PARALLEL)(
    PARALLEL
      ? 'GNU parallel: runs as written and merges into exactly the full run'
      : 'GNU parallel: runs as written (SKIPPED: no GNU parallel; `apt-get install parallel` to run it)',
    () => {
      runRecipe('gnu-parallel.sh', 'output/merged-parallel');
    },
  );
});
