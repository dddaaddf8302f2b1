/**
 * The bundled command line (scripts/bundle.mjs): the file package.json declares as the bin, and
 * everything it needs from the package besides node_modules is dist/bin, package.json and scenarios/.
 */
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  cpSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, visasim } from '../helpers/cli.js';

const SCENARIO = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the bin', () => {
  it('is the bundle, an executable script with a node shebang', () => {
    expect(CLI).toBe(join(ROOT, 'dist/bin/visasim.js'));
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    accessSync(CLI, constants.X_OK);
    const r = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });
});

describe('a copy of dist/bin with package.json and scenarios/ only', () => {
  // No dist/cli, dist/parallel, src: the workers must come from dist/bin/worker.js.
  const pkg = mkdtempSync(join(tmpdir(), 'visasim-bundle-'));
  cpSync(join(ROOT, 'dist/bin'), join(pkg, 'dist/bin'), { recursive: true });
  cpSync(join(ROOT, 'scenarios'), join(pkg, 'scenarios'), { recursive: true });
  // another version than the repository's, to see that the bin reports its own package's
  const copyVersion = `${version}-copy`;
  const manifest = { ...JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')), version: copyVersion };
  writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest));
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  const copy = (args: string[], cwd: string) => {
    const r = spawnSync(process.execPath, [join(pkg, 'dist/bin/visasim.js'), ...args], {
      cwd,
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("prints its own package's version and lists its own scenarios from any folder", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'visasim-cwd-'));
    expect(copy(['--version'], elsewhere).stdout.trim()).toBe(copyVersion);
    const list = copy(['list'], elsewhere);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(relative(elsewhere, join(pkg, 'scenarios/us-300k-work-visas.yaml')));
  });

  it('runs with two worker threads, charts included, giving the in-tree bin’s outputs', () => {
    const out = mkdtempSync(join(tmpdir(), 'visasim-bundle-out-'));
    const args = ['run', SCENARIO, '--runs', '30', '--seed', 'bundle', '--quiet'];
    const a = copy([...args, '--threads', '2', '--out', join(out, 'copy')], out);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(visasim([...args, '--threads', '1', '--out', join(out, 'tree')]).code).toBe(0);
    for (const f of ['quantiles.csv', 'summary.json', 'charts/issued-by-group.png']) {
      expect(readFileSync(join(out, 'copy', f)).equals(readFileSync(join(out, 'tree', f))), f).toBe(true);
    }
    // the report (with the inlined vega libraries) differs only by the version it names
    const report = (dir: string) => readFileSync(join(out, dir, 'report.html'), 'utf8');
    expect(report('copy').replaceAll(copyVersion, version)).toBe(report('tree'));
    const written = JSON.parse(readFileSync(join(out, 'copy/manifest.json'), 'utf8'));
    expect(written).toMatchObject({ version: copyVersion, execution: { threads: 2 } });
  });
});
