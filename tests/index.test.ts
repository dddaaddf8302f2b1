/**
 * The package entry (src/index.ts → dist/index.js): the library API, the output writers, and every
 * type they name, so that a caller can write each one down.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { ROOT } from './helpers/cli.js';
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
    ])
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
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
