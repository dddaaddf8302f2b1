/**
 * .ci/run, the CI script (README "Development"): under CI=true (a missing browser, pandas or GNU
 * parallel fails instead of skipping), from a clean install it runs the README's test command — every
 * suite — and then the fast suite again on Node 24, installed from the npm registry's node@24
 * package and put first on PATH. Checked as text and by `bash -n`: running it is CI's job.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const FILE = join(ROOT, '.ci/run');
const text = readFileSync(FILE, 'utf8');
/** the script's commands, without comments and blank lines */
const lines = text
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const at = (re: RegExp) => lines.findIndex((l) => re.test(l));

describe('.ci/run', () => {
  it('is a bash script that parses and stops at the first failure', () => {
    expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(spawnSync('bash', ['-n', FILE]).status).toBe(0);
    expect(lines).toContain('set -euo pipefail');
  });

  it('sets CI=true before any test, installs from the lockfile, then runs npm test: every suite', () => {
    const ci = at(/^export CI=true$/);
    const install = at(/^npm ci$/);
    const test = at(/^npm test$/);
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(ci);
    expect(test).toBeGreaterThan(install);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    // npm test runs both vitest projects: no --project filter
    expect(pkg.scripts.test).toMatch(/\bvitest run$/);
    expect(pkg.scripts['test:fast']).toMatch(/\bvitest run --project fast$/);
  });

  it('then runs the fast suite on Node 24 from the npm package node@24, first on PATH', () => {
    const install = at(/npm install\b.*\bnode@24\b/);
    const fast = at(/npm run test:fast$/);
    expect(install).toBeGreaterThan(at(/^npm test$/));
    expect(fast).toBeGreaterThan(install);
    const dir = /cd "\$(\w+)"/.exec(lines[install] as string)?.[1];
    expect(dir).toBeDefined();
    expect(lines[fast]).toBe(`PATH="$${dir}/node_modules/.bin:$PATH" npm run test:fast`);
  });
});
