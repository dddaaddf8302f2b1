/** The README's local shard recipe runs as written and its merge equals one full run. */
import { execSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, visasim } from '../helpers/cli.js';

describe('README shard recipe', () => {
  it('runs as written and merges into exactly the full run', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- shard-recipe -->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // Run in a scratch folder holding a copy of scenarios/; `npx visasim` is the built CLI here
    // (in the project folder npx resolves to the same file).
    const dir = mkdtempSync(join(tmpdir(), 'visasim-shards-'));
    cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
    const script = (block as string).replaceAll(
      'npx visasim',
      `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)}`,
    );
    execSync(script, { cwd: dir, shell: '/bin/bash', stdio: 'pipe' });
    const runs = /--runs (\d+)/.exec(block as string)?.[1] as string;
    const seed = /--seed (\S+)/.exec(block as string)?.[1] as string;
    const full = visasim(
      [
        'run',
        'scenarios/us-300k-work-visas.yaml',
        '--runs',
        runs,
        '--seed',
        seed,
        '--out',
        'full',
        '--quiet',
      ],
      { cwd: dir },
    );
    expect(full.code).toBe(0);
    for (const f of ['quantiles.csv', 'summary.json', 'report.html', 'charts/backlog-over-time.svg']) {
      expect(readFileSync(join(dir, 'output/merged', f)).equals(readFileSync(join(dir, 'full', f))), f).toBe(
        true,
      );
    }
  });
});
