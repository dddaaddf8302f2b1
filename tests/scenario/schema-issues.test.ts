import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SourcePosition } from '../../src/scenario/issues.js';
import * as msg from '../../src/scenario/messages.js';
import { type IssueContext, mapZodIssues } from '../../src/scenario/schema-issues.js';
import type { Schema } from '../../src/scenario/schema-walk.js';

/** A context whose positions encode the path (and whether the key was asked for), and whose id
 * paths name list items by their `id`, as the real source map does. */
function ctxFor(raw: unknown): IssueContext & { asked: { path: string; key: boolean }[] } {
  const asked: { path: string; key: boolean }[] = [];
  return {
    raw,
    asked,
    locate(path, opts): SourcePosition {
      asked.push({ path: path.join('/'), key: opts?.key === true });
      return { file: 'f.yaml', line: path.length + 1, col: 1, sourceLine: path.join('/') };
    },
    idPath(path) {
      let node: unknown = raw;
      return path.map((seg) => {
        const here = node;
        node = (here as Record<string | number, unknown> | undefined)?.[seg];
        if (Array.isArray(here) && typeof seg === 'number') {
          const id = (node as { id?: unknown } | undefined)?.id;
          if (typeof id === 'string') return id;
        }
        return seg;
      });
    },
  };
}

function check(schema: Schema & z.ZodType, raw: unknown) {
  const r = schema.safeParse(raw);
  if (r.success) throw new Error('expected the value to fail the schema');
  const ctx = ctxFor(raw);
  return { issues: mapZodIssues(r.error.issues, schema, ctx), asked: ctx.asked };
}

const Pool = z.strictObject({
  id: z.string(),
  cap: z.number().int().min(0),
  select: z.enum(['lottery', 'fcfs']).optional(),
});
const Root = z.strictObject({
  runs: z.number().int().min(1).max(1000).optional(),
  share: z.number().min(0).max(1).optional(),
  enabled: z.boolean().optional(),
  pools: z.array(Pool).optional(),
});

describe('unknown keys', () => {
  it('names the nearest valid key and points at the key itself', () => {
    const { issues, asked } = check(Root, { runz: 5 });
    expect(issues).toHaveLength(1);
    const [i] = issues;
    expect(i?.code).toBe('unknown_key');
    expect(i?.path).toEqual(['runz']);
    expect(i?.message).toBe(msg.unknownKey('runz', 'runs', ['runs', 'share', 'enabled', 'pools']));
    expect(i?.message).toContain('did you mean "runs"?');
    expect(i?.found).toBe('runz');
    expect(i?.expected).toBe('one of runs, share, enabled, pools');
    expect(asked).toEqual([{ path: 'runz', key: true }]);
  });

  it('lists the valid keys when nothing is close', () => {
    const { issues } = check(Root, { zzzzzzzz: 1 });
    expect(issues.map((i) => i.message)).toEqual([
      'unknown key "zzzzzzzz"; valid keys here: runs, share, enabled, pools',
    ]);
  });

  it('drops the "missing key" that a misspelt key explains', () => {
    const { issues } = check(z.strictObject({ title: z.string() }), { titel: 'x' });
    expect(issues.map((i) => i.code)).toEqual(['unknown_key']);
    expect(issues[0]?.message).toContain('did you mean "title"?');
  });

  it('hints that $remove needs a base file', () => {
    const { issues } = check(Root, { $remove: true });
    expect(issues[0]?.hint).toBe(msg.removeNeedsBase());
  });

  it('names list items by id in the path of a nested unknown key', () => {
    const { issues } = check(Root, { pools: [{ id: 'mexico', cap: 1, selcet: 'lottery' }] });
    expect(issues.map((i) => [i.code, i.path])).toEqual([['unknown_key', ['pools', 'mexico', 'selcet']]]);
    expect(issues[0]?.message).toContain('did you mean "select"?');
  });
});

describe('wrong types', () => {
  it('says what was expected and what was found', () => {
    const { issues } = check(Root, { runs: 'many' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'invalid_type',
      path: ['runs'],
      expected: 'a whole number from 1 to 1000',
      found: '"many"',
      message: 'expected a whole number from 1 to 1000, found "many"',
    });
  });

  it('describes lists and maps found where a scalar was expected', () => {
    const { issues } = check(Root, { enabled: [1, 2], share: {} });
    const byPath = Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath.enabled).toBe('expected true/false, found a list of 2 items');
    expect(byPath.share).toBe('expected a number from 0 to 1, found a map');
  });

  it('hints at YAML 1.1 booleans written as text', () => {
    const { issues } = check(Root, { enabled: 'yes' });
    expect(issues[0]?.hint).toBe(msg.hintYaml11Boolean('yes', true));
  });

  it('hints that numbers are written without separators or units', () => {
    const { issues } = check(Root, { runs: '1,000' });
    expect(issues[0]?.hint).toBe(msg.hintNumberAsText('1000'));
    const date = check(Root, { runs: '2024-10-01' });
    expect(date.issues[0]?.hint).toBe(msg.hintDateNotNumber());
  });

  it('gives no hint for text that is not a number in disguise', () => {
    const { issues } = check(Root, { runs: 'many' });
    expect(issues[0]?.hint).toBeUndefined();
    expect(issues[0]).not.toHaveProperty('hint');
  });
});

describe('enums', () => {
  it('lists the allowed values and suggests the nearest', () => {
    const { issues } = check(Root, { pools: [{ id: 'mx', cap: 1, select: 'fcsf' }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'invalid_value',
      path: ['pools', 'mx', 'select'],
      expected: 'lottery, fcfs',
      found: '"fcsf"',
      message: 'expected one of "lottery", "fcfs", found "fcsf"; did you mean "fcfs"?',
    });
  });

  it('gives no suggestion when no value is close', () => {
    const { issues } = check(Root, { pools: [{ id: 'mx', cap: 1, select: 'random-draw' }] });
    expect(issues[0]?.message).toBe('expected one of "lottery", "fcfs", found "random-draw"');
  });
});

describe('numbers out of range', () => {
  it('describes the range the schema allows', () => {
    const low = check(Root, { pools: [{ id: 'mx', cap: -5 }] });
    expect(low.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['invalid_value', ['pools', 'mx', 'cap'], 'expected a whole number ≥ 0, found -5'],
    ]);
    const share = check(Root, { share: 1.5 });
    expect(share.issues[0]?.message).toBe('expected a number from 0 to 1, found 1.5');
    const frac = check(Root, { pools: [{ id: 'mx', cap: 2.5 }] });
    expect(frac.issues[0]?.message).toBe('expected a whole number ≥ 0, found 2.5');
  });

  it('hints at sharding when runs is above its maximum', () => {
    const { issues } = check(Root, { runs: 5000 });
    expect(issues[0]?.message).toBe('expected a whole number from 1 to 1000, found 5000');
    expect(issues[0]?.hint).toBe(msg.hintRunsLimit(1000));
  });
});

describe('missing required keys', () => {
  it('reports the key and what it should hold, by item id', () => {
    const { issues } = check(Root, { pools: [{ id: 'mexico' }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'missing_key',
      path: ['pools', 'mexico', 'cap'],
      message: msg.missingKey('cap', 'a whole number ≥ 0'),
    });
  });

  it('uses the index for an item without an id', () => {
    const { issues } = check(Root, { pools: [{ id: 'a', cap: 1 }, { cap: 2 }] });
    expect(issues.map((i) => [i.code, i.path])).toEqual([['missing_key', ['pools', 1, 'id']]]);
  });
});

describe('unions', () => {
  const Cap = z.union([
    z.number().int().min(0),
    z.strictObject({ amount: z.number().int().min(0), per: z.enum(['year', 'total']) }),
  ]);
  const Select = z.union([
    z.strictObject({ method: z.literal('lottery'), weights: z.string().optional() }),
    z.strictObject({ method: z.literal('mix'), parts: z.array(z.number()) }),
  ]);
  const U = z.strictObject({ cap: Cap.optional(), select: Select.optional() });

  it('reports the issue of the branch the value was meant for (a map)', () => {
    const { issues } = check(U, { cap: { amount: 10, per: 'month' } });
    expect(issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['invalid_value', ['cap', 'per'], 'expected one of "year", "total", found "month"'],
    ]);
  });

  it('reports the issue of the number branch for a number', () => {
    const { issues } = check(U, { cap: -1 });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [['cap'], 'expected a whole number ≥ 0, found -1'],
    ]);
  });

  it('lists every branch when the value fits none', () => {
    const { issues } = check(U, { cap: 'lots' });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('invalid_type');
    expect(issues[0]?.message).toBe('expected a whole number ≥ 0 or a map (amount, per), found "lots"');
  });

  it('follows the discriminating literal to the right branch', () => {
    const { issues } = check(U, { select: { method: 'mix', parts: 'a' } });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [['select', 'parts'], 'expected a list, found "a"'],
    ]);
  });

  it('reports an unknown discriminator value with its nearest match', () => {
    const { issues } = check(U, { select: { method: 'lotery' } });
    expect(issues.map((i) => [i.code, i.path, i.message])).toEqual([
      [
        'invalid_value',
        ['select', 'method'],
        'expected one of "lottery", "mix", found "lotery"; did you mean "lottery"?',
      ],
    ]);
  });

  it('reports a missing union value as a missing key listing the branches', () => {
    const { issues } = check(z.strictObject({ cap: Cap }), {});
    expect(issues.map((i) => [i.code, i.message])).toEqual([
      ['missing_key', msg.missingKey('cap', 'a whole number ≥ 0 or a map (amount, per)')],
    ]);
  });
});

describe('several issues', () => {
  it('reports every problem once, one issue per path', () => {
    const { issues } = check(Root, { runs: 0, share: -1, pools: [{ id: 'a', cap: 'x', extra: 1 }] });
    const paths = issues.map((i) => i.path.join('.'));
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.sort()).toEqual(['pools.a.cap', 'pools.a.extra', 'runs', 'share']);
  });

  it('returns nothing for no issues', () => {
    expect(mapZodIssues([], Root, ctxFor({}))).toEqual([]);
  });
});
