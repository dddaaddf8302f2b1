/**
 * Every invalid fixture gives exactly the output in its `.stderr` file (the file path as the test
 * passes it, relative to the repository root), and every valid fixture loads without errors.
 * Regenerate the expected files after a deliberate wording change with
 * `VISASIM_UPDATE_FIXTURES=1 npx vitest run tests/scenario/fixtures.test.ts`, then review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { formatIssues, ScenarioError } from '../../src/scenario/issues.js';
import { MAX_YAML_BYTES } from '../../src/scenario/load.js';
import * as msg from '../../src/scenario/messages.js';

const INVALID = 'tests/fixtures/invalid';
const VALID = 'tests/fixtures/valid';
const update = process.env.VISASIM_UPDATE_FIXTURES === '1';

async function errorOutput(file: string, set?: string[]): Promise<string> {
  try {
    // the invalid fixtures extend ../valid/minimal.yaml, a sibling folder
    await loadScenario(file, { allowAnyPath: true, ...(set ? { set } : {}) });
  } catch (e) {
    if (e instanceof ScenarioError) return `${formatIssues(e.issues)}\n`;
    throw e;
  }
  throw new Error(`${file} loaded without errors`);
}

const cases = readdirSync(INVALID)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

describe('invalid fixtures', () => {
  it('every invalid fixture has its expected output', () => {
    const missing = cases.filter((c) => !existsSync(join(INVALID, `${c}.stderr`)));
    if (!update) expect(missing).toEqual([]);
  });

  it.each(cases)('%s.yaml is refused with the expected messages', async (name) => {
    const out = await errorOutput(`${INVALID}/${name}.yaml`);
    const expectedFile = join(INVALID, `${name}.stderr`);
    if (update) writeFileSync(expectedFile, out);
    expect(out).toBe(readFileSync(expectedFile, 'utf8'));
  });
});

describe('valid fixtures', () => {
  const valid = readdirSync(VALID).filter((f) => f.endsWith('.yaml'));
  it.each(valid)('%s loads without errors or warnings', async (name) => {
    const { warnings } = await loadScenario(`${VALID}/${name}`);
    expect(warnings).toEqual([]);
  });
});

describe('huge input', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a file of tens of megabytes is refused before it is read', async () => {
    dir = await mkdtemp(join(tmpdir(), 'visasim-huge-'));
    const file = join(dir, 'huge.yaml');
    const line = '    - { id: G0, name: A group, population: 12345 }\n';
    const bytes = 30 * 1024 * 1024;
    await writeFile(file, `id: huge\ngroups:\n  rows:\n${line.repeat(Math.ceil(bytes / line.length))}`);
    const out = await errorOutput(file);
    expect(out).toBe(
      `${file}: error: ${msg.fileTooLarge(file, (await stat(file)).size, MAX_YAML_BYTES, 'scenario')}\n`,
    );
    expect(out).toMatch(/huge\.yaml is 30\.0 MB; scenario files may be at most 0\.5 MB/);
  });
});
