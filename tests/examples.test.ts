/**
 * examples/api.mjs, the example of docs/API.md: the page shows it as it is, and it runs against the
 * built package (dist/, built by npm test) from a project that has visasim in its node_modules.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const EXAMPLE = join(ROOT, 'examples/api.mjs');

describe('docs/API.md', () => {
  it('shows examples/api.mjs exactly', () => {
    const doc = readFileSync(join(ROOT, 'docs/API.md'), 'utf8');
    const block = /<!-- example: examples\/api\.mjs -->\n```js\n([\s\S]*?)```\n/.exec(doc)?.[1];
    expect(block).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('(docs/API.md)');
  });
});

describe('examples/api.mjs', () => {
  it('loads a scenario, runs it, reads a quantile and writes the report, in a project that installed visasim', () => {
    const project = mkdtempSync(join(tmpdir(), 'visasim-example-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules/visasim'), 'dir');
    cpSync(EXAMPLE, join(project, 'api.mjs'));
    const r = spawnSync(process.execPath, ['api.mjs', 'out'], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Guatemala, FY2024: a \d+\.\d% chance of a visa \(median; 90% of runs \d+\.\d%–\d+\.\d%\)$/m,
    );
    expect(r.stdout).toContain('checks: 4 of 4 hold');
    expect(r.stdout).toContain('stage by stage, one thread: the same median');
    for (const f of [
      'quantiles.csv',
      'summary.json',
      'manifest.json',
      'charts/issued-by-group.svg',
      'report.html',
    ])
      expect(existsSync(join(project, 'out', f)), f).toBe(true);
  });
});
