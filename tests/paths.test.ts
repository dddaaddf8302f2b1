import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPackageRoot, packageJson, packageRoot, workerFile } from '../src/paths.js';
import { ROOT } from './helpers/cli.js';

/** A scratch package: `files` maps a relative path to its text (folders are made as needed). */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'visasim-paths-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}
const named = (name: string) => JSON.stringify({ name, version: '9.9.9' });

describe('findPackageRoot', () => {
  it('finds the package from every layout: source, tsc output and the bundle', () => {
    const dir = scratch({ 'package.json': named('visasim') });
    for (const file of [
      'src/pipeline.ts',
      'src/cli/commands/simple.ts',
      'dist/pipeline.js',
      'dist/bin/visasim.js',
    ])
      expect(findPackageRoot(join(dir, file))).toBe(dir);
  });

  it('takes a file URL as well as a path', () => {
    const dir = scratch({ 'package.json': named('visasim') });
    const file = join(dir, 'dist/bin/visasim.js');
    expect(findPackageRoot(pathToFileURL(file))).toBe(dir);
    expect(findPackageRoot(pathToFileURL(file).href)).toBe(dir);
  });

  it('passes over package.json files of other packages and unreadable ones', () => {
    const dir = scratch({
      'package.json': named('visasim'),
      'node_modules/other/package.json': named('other'),
      'dist/package.json': '{ not json',
    });
    expect(findPackageRoot(join(dir, 'node_modules/other/index.js'))).toBe(dir);
    expect(findPackageRoot(join(dir, 'dist/bin/visasim.js'))).toBe(dir);
  });

  it('says so when no visasim package is above the file', () => {
    const dir = scratch({ 'package.json': named('other') });
    expect(() => findPackageRoot(join(dir, 'x.js'))).toThrow(/no package\.json named "visasim" above/);
  });
});

describe('packageRoot and packageJson', () => {
  it('are this repository when running from source', () => {
    expect(packageRoot()).toBe(resolve(ROOT));
    expect(packageJson().name).toBe('visasim');
    expect(packageJson().version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('workerFile', () => {
  it('is worker.ts beside a TypeScript module (from source)', () => {
    const pool = pathToFileURL(join(ROOT, 'src/parallel/pool.ts'));
    expect(workerFile(pool)).toEqual({ url: new URL('./worker.ts', pool), typescript: true });
  });

  it('is worker.js beside a JavaScript module: tsc output or the bundle', () => {
    const dir = scratch({ 'dist/parallel/worker.js': '', 'dist/bin/worker.js': '' });
    for (const main of ['dist/parallel/pool.js', 'dist/bin/visasim.js']) {
      const url = pathToFileURL(join(dir, main));
      expect(workerFile(url.href)).toEqual({ url: new URL('./worker.js', url), typescript: false });
    }
  });

  it('names the missing file and the fix when the worker was not built', () => {
    const dir = scratch({ 'dist/bin/visasim.js': '' });
    expect(() => workerFile(pathToFileURL(join(dir, 'dist/bin/visasim.js')))).toThrow(
      `the worker script ${join(dir, 'dist/bin/worker.js')} is missing: run \`npm run build\``,
    );
  });
});
