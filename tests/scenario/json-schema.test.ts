/** The committed JSON Schema is what `visasim schema` prints, and shipped scenarios satisfy it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { ROOT, visasim } from '../helpers/cli.js';

const committed = JSON.parse(readFileSync(join(ROOT, 'schema/scenario.schema.json'), 'utf8'));

describe('scenario JSON Schema', () => {
  const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(committed);

  it('is committed exactly as `visasim schema` prints it (run `npm run schema` after changing the zod schema)', () => {
    expect(committed).toEqual(scenarioJsonSchema());
    const r = visasim(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(committed);
  });

  it('flags a wrong key in a file that extends another, and accepts removals there', () => {
    expect(
      validate({
        extends: 'base.yaml',
        programs: [{ id: 'p', pools: [{ id: 'x', $remove: true }] }],
        calendar: null,
      }),
    ).toBe(true);
    expect(
      validate({ extends: 'base.yaml', programs: [{ id: 'p', pools: [{ id: 'x', reserved: 3 }] }] }),
    ).toBe(false);
    expect(validate({ id: 'x' })).toBe(false);
  });

  it('describes every key', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && typeof n.properties === 'object') {
        for (const [k, v] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          const described =
            typeof v.description === 'string' ||
            (Array.isArray(v.anyOf) &&
              v.anyOf.some((x) => typeof (x as Record<string, unknown>).description === 'string'));
          if (!described && k !== '$schema') missing.push(`${path}.${k}`);
          walk(v, `${path}.${k}`);
        }
      }
      for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties']) {
        const child = n[key];
        if (Array.isArray(child))
          for (const [i, c] of child.entries()) walk(c, `${path}${key === 'items' ? '[]' : `|${i}`}`);
        else if (child && typeof child === 'object') walk(child, `${path}${key === 'items' ? '[]' : ''}`);
      }
    };
    walk(committed, '');
    expect(missing).toEqual([]);
  });

  it.each(files)('accepts the shipped scenario %s (validated by ajv, independently of zod)', (file) => {
    const text = readFileSync(join(ROOT, 'scenarios', file), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/scenario.schema.json');
    const doc = parse(text);
    // A file that extends another holds only overrides; the schema knows (if: extends → then: overrides).
    const ok = validate(doc);
    expect(validate.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });
});
