/**
 * README "A tour of a scenario file": the editor setting (VS Code's `yaml.schemas`, read by Red Hat's
 * YAML extension) names the shipped schema by a path relative to the workspace folder (the clone),
 * and its globs cover every shipped scenario, so each of them is checked against the schema even
 * without its first line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const block = /<!-- editor-settings -->\s*```json\n([\s\S]*?)```/.exec(README)?.[1];

/** A glob of yaml-language-server's simple kind (`*` within a path segment) as a RegExp. */
const globRegExp = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`);

describe('README: the editor setting for the schema', () => {
  it('is valid JSON that maps the shipped schema to globs', () => {
    expect(block, 'a ```json block after <!-- editor-settings -->').toBeDefined();
    const settings = JSON.parse(block as string) as { 'yaml.schemas': Record<string, string[]> };
    const schemas = Object.entries(settings['yaml.schemas']);
    expect(schemas).toHaveLength(1);
    const [path] = schemas[0] as [string, string[]];
    expect(path.startsWith('./')).toBe(true);
    expect(existsSync(join(ROOT, path))).toBe(true);
    expect(join(ROOT, path)).toBe(join(ROOT, 'schema/scenario.schema.json'));
  });

  it('covers every shipped scenario, and none of their data files', () => {
    const settings = JSON.parse(block as string) as { 'yaml.schemas': Record<string, string[]> };
    const globs = Object.values(settings['yaml.schemas']).flat().map(globRegExp);
    const matched = (f: string) => globs.some((g) => g.test(f));
    const shipped = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(shipped.length).toBeGreaterThan(10);
    for (const f of shipped) expect(matched(`scenarios/${f}`), f).toBe(true);
    for (const f of readdirSync(join(ROOT, 'scenarios/data')))
      expect(matched(`scenarios/data/${f}`), f).toBe(false);
  });
});
