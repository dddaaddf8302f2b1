/**
 * What a reader sees of the shipped scenarios (titles, descriptions, notes, sources, and the CSV
 * headers) cites the original documents, never the project's own notes (DOMAIN.md, the seed articles).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const INTERNAL = /DOMAIN\.md|seed article|\bseeds\/|\bseed-0\d\d/i;
const dir = join(ROOT, 'scenarios');
const files = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f)),
  ...readdirSync(join(dir, 'data'))
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, 'data', f)),
];

describe('shipped scenarios, as readers see them', () => {
  for (const file of files) {
    it(`${file.slice(dir.length + 1)} cites no internal notes`, () => {
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .map((text, i) => ({ line: i + 1, text }))
        .filter((l) => INTERNAL.test(l.text));
      expect(lines).toEqual([]);
    });
  }

  it('link no source to a bare home page', () => {
    const bare = files
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/url: (https?:\/\/[^/\s]+\/?)\s*$/gm)].map((m) => m[1]),
      );
    expect(bare).toEqual([]);
  });
});
