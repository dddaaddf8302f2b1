/**
 * The stages of src/ import only downwards (README, "Layout"): a module may import its own stage and
 * the stages below it, never one above. Type-only imports count too: a type is a dependency.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

/** Bottom to top. Stages on one line may not import each other. */
const LAYERS: string[][] = [
  ['core', 'paths'],
  ['random', 'formula'],
  ['scenario'],
  ['model'],
  ['engine'],
  ['stats'],
  ['parallel'],
  ['pipeline'],
  ['analysis'],
  ['report'],
  ['cli', 'index'],
];
const rank = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as const)));

const SRC = join(ROOT, 'src');
const stageOf = (file: string) => (relative(SRC, file).split('/')[0] as string).replace(/\.[jt]s$/, '');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Every relative import of src/ as [importer stage, imported stage, importer file]. */
function edges(): [string, string, string][] {
  return sources(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(IMPORT)].map(
      (m) =>
        [stageOf(file), stageOf(resolve(dirname(file), m[1] as string)), relative(ROOT, file)] as [
          string,
          string,
          string,
        ],
    ),
  );
}

describe('stages', () => {
  const all = edges();

  it('every module of src/ belongs to a known stage', () => {
    const stages = new Set([...all.map(([a]) => a), ...all.map(([, b]) => b)]);
    const unknown = [...stages].filter((s) => !rank.has(s));
    expect(unknown).toEqual([]);
  });

  it('import only their own stage and the stages below', () => {
    const upward = all
      .filter(([a, b]) => a !== b && (rank.get(b) as number) >= (rank.get(a) as number))
      .map(([a, b, file]) => `${file}: ${a} imports ${b}`);
    expect(upward).toEqual([]);
  });

  it('are found by the scan (it sees imports, type-only ones included)', () => {
    expect(all.some(([a, b]) => a === 'engine' && b === 'model')).toBe(true);
    expect(all.some(([a, b]) => a === 'model' && b === 'scenario')).toBe(true);
    expect(all.length).toBeGreaterThan(200);
  });
});
