/**
 * The package entry (src/index.ts → dist/index.js): the library API, the output writers, and every
 * type they name, so that a caller can write each one down.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { ROOT, visasim } from './helpers/cli.js';
import { Declarations } from './helpers/declarations.js';

describe('the package entry', () => {
  it('exports every type its exports name (on the declarations tsc emitted, built by npm test)', () => {
    expect(new Declarations().forgottenExports(join(ROOT, 'dist/index.d.ts'))).toEqual([]);
  });

  it('exports the functions that write each output', () => {
    for (const name of [
      'runScenario',
      'buildReportFiles',
      'quantilesCsv',
      'summaryJson',
      'manifestJson',
      'buildCharts',
      'chartFiles',
      'renderSvg',
      'renderPng',
      'reportHtml',
      'buildCompareFiles',
      'buildSweepFiles',
      'writeOutputs',
      // runs.csv and runs.parquet (--keep-runs), as chunks for a StreamedFile
      'runsCsv',
      'runsCsvChunks',
      'runsParquetChunks',
    ])
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
  });
});

describe('runs.csv and runs.parquet through the library', () => {
  it('are the bytes `run --keep-runs` writes, streamed by writeOutputs from the exported chunk writers', async () => {
    const file = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'visasim-runs-api-'));
    const opts = { runs: 4, seed: '7' };
    const { scenario } = await api.loadScenario(file);
    const model = api.compileModel(scenario);
    const acc = api.accumulate(model, opts);
    const rows = model.cells.rows;
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    await api.writeOutputs(join(dir, 'lib'), [
      { path: 'runs.csv', data: () => api.runsCsvChunks(rows, acc, 0) },
      { path: 'runs.parquet', data: () => api.runsParquetChunks(rows, acc, 0, `visasim ${version}`) },
    ]);
    const csv = readFileSync(join(dir, 'lib/runs.csv'), 'utf8');
    expect(csv).toBe(api.runsCsv(rows, acc, 0));
    expect(csv.split('\n')[0]).toBe(api.RUNS_CSV_HEADER);
    const cli = (format: string) => {
      const out = join(dir, format);
      const r = visasim([
        'run',
        file,
        '--runs',
        '4',
        '--seed',
        '7',
        `--keep-runs=${format}`,
        '--charts',
        'none',
        '--quiet',
        '--out',
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
      return out;
    };
    expect(csv).toBe(readFileSync(join(cli('csv'), 'runs.csv'), 'utf8'));
    const parquet = readFileSync(join(cli('parquet'), 'runs.parquet'));
    expect(readFileSync(join(dir, 'lib/runs.parquet')).equals(parquet)).toBe(true);
  });
});

describe('the forgotten-export check', () => {
  it('finds a type reached through a signature, an interface member and an import, but not one of another package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'visasim-dts-'));
    writeFileSync(
      join(dir, 'index.d.ts'),
      "export { run, type Options } from './run.js';\nexport type { Shown } from './types.js';\n",
    );
    writeFileSync(
      join(dir, 'run.d.ts'),
      [
        "import type { Hidden, Shown } from './types.js';",
        "import type { Argv } from 'yargs';",
        'export interface Options {',
        '    nested: Inner;',
        '    argv?: Argv;',
        '}',
        'interface Inner {',
        '    value: Shown;',
        '}',
        'export declare function run(o: Options): Promise<Hidden>;',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'types.d.ts'),
      "export interface Shown {\n    deeper: Deeper;\n}\nexport type Deeper = 'a' | 'b';\nexport interface Hidden {\n    n: number;\n}\n",
    );
    expect(new Declarations().forgottenExports(join(dir, 'index.d.ts'))).toEqual([
      'run.d.ts#Inner',
      'types.d.ts#Deeper',
      'types.d.ts#Hidden',
    ]);
  });
});
