/** CITATION.cff: valid YAML with the fields citation tools read, at the package's version. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers/cli.js';

describe('CITATION.cff', () => {
  it('names the software, its authors, license and the version package.json gives', () => {
    const cff = parse(readFileSync(join(ROOT, 'CITATION.cff'), 'utf8')) as Record<string, unknown>;
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
      license: string;
      files: string[];
    };
    expect(cff['cff-version']).toBe('1.2.0');
    expect(typeof cff.title).toBe('string');
    expect(Array.isArray(cff.authors) && cff.authors.length).toBeGreaterThan(0);
    expect(cff.version).toBe(pkg.version);
    expect(cff.license).toBe(pkg.license);
    expect(pkg.files).toContain('CITATION.cff');
  });
});
