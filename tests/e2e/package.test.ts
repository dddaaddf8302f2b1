/**
 * What `npm pack` ships (package.json `files`, `exports`): the library entry with its types, the bin,
 * the scenarios and the schema; no source maps, no sources or tests; nothing reachable by import but
 * what the exports map names.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('npm pack', () => {
  // --ignore-scripts: list what the current build would ship, without building again
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const packed = () => {
    expect(r.status, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
  };

  it('ships the entry with its types, the bin and its worker, the report page scripts, the scenarios with their data, the schema', () => {
    const files = packed();
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/pipeline.d.ts',
      'dist/parallel/worker.js',
      'dist/bin/visasim.js',
      // the command line the bin runs through its code cache, and the chart thread's script
      'dist/bin/cli.cjs',
      'dist/bin/chart-worker.js',
      'dist/report/chart-worker.js',
      'dist/bin/worker.js',
      // the report page's worker and script (report.html of every run inlines them)
      'dist/bin/report-worker.js',
      'dist/bin/report-page.js',
      'schema/scenario.schema.json',
      'scenarios/us-300k-work-visas.yaml',
      'scenarios/data/central-america.csv',
    ])
      expect(files).toContain(f);
  });

  it('ships no source maps, sources or tests, and no file points at a source map', () => {
    const files = packed();
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^(src|tests|bench|scripts|examples)\//.test(f))).toEqual([]);
    const pointing = files
      .filter((f) => f.endsWith('.js'))
      .filter((f) => readFileSync(join(ROOT, f), 'utf8').includes('sourceMappingURL'));
    expect(pointing).toEqual([]);
  });

  it('is current: its last recorded packed size is within 10% of what npm pack gives now', () => {
    expect(r.status, r.stderr).toBe(0);
    const size = (JSON.parse(r.stdout) as { size: number }[])[0]?.size ?? 0;
    const results = readFileSync(join(ROOT, 'bench/RESULTS.md'), 'utf8');
    const section = results.slice(results.indexOf('## Package size'));
    // the packed size is written "**1.65 MB** (1,653,093 B)"; the section's last such figure is the current one
    const recorded = [...section.matchAll(/\*\*[\d.]+ MB\*\* \(([\d,]+) B\)/g)].at(-1)?.[1];
    expect(recorded, 'a packed size "**X MB** (N B)" under "## Package size"').toBeDefined();
    const bytes = Number(recorded?.replaceAll(',', ''));
    expect(Math.abs(bytes - size) / size, `recorded ${bytes} B, npm pack now ${size} B`).toBeLessThanOrEqual(
      0.1,
    );
  });
});

describe('the exports map', () => {
  // a project with visasim in its node_modules, as `npm install` leaves it
  const project = mkdtempSync(join(tmpdir(), 'visasim-exports-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(ROOT, join(project, 'node_modules/visasim'), 'dir');
  const node = (code: string) =>
    spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: project, encoding: 'utf8' });

  it('gives the entry, package.json, the schema and the scenarios, and nothing else', () => {
    const ok = node(`
      const v = await import('visasim');
      console.log(typeof v.runScenario, typeof v.buildReportFiles);
      console.log((await import('visasim/package.json', { with: { type: 'json' } })).default.name);
      for (const s of ['visasim/schema/scenario.schema.json', 'visasim/scenarios/us-300k-work-visas.yaml'])
        console.log(import.meta.resolve(s).startsWith('file:'));
    `);
    expect(ok.stderr).toBe('');
    expect(ok.stdout.split('\n')).toEqual(['function function', 'visasim', 'true', 'true', '']);
    const deep = node("await import('visasim/dist/pipeline.js')");
    expect(deep.status).not.toBe(0);
    expect(deep.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it("gives TypeScript the entry's types (node16 resolution, through the map's types condition)", () => {
    writeFileSync(
      join(project, 'use.ts'),
      [
        "import { type QuantileRow, type RunResult, runScenario } from 'visasim';",
        "const result: RunResult = await runScenario('x.yaml', { runs: 10 });",
        'const rows: QuantileRow[] = result.summary.rows;',
        'export const p50: number | undefined = rows[0]?.stats.p50;',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'node16',
          moduleResolution: 'node16',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['use.ts'],
      }),
    );
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
