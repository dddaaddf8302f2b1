/**
 * Whatever the input — random text, random YAML values, random edits of a valid scenario, random
 * --set arguments — loading and validating ends in a Scenario or a ScenarioError, never in another
 * exception. A failure prints fast-check's seed and path; pin it with `fc.assert(prop, { seed, path })`.
 * `VISASIM_PROPERTY_RUNS=20` multiplies the number of cases, for a longer hunt.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadScenario } from '../../src/scenario/index.js';
import { formatIssues, ScenarioError } from '../../src/scenario/issues.js';
import { MINIMAL, type Scratch, scratch } from './helpers.js';

const scale = Number(process.env.VISASIM_PROPERTY_RUNS ?? 1);
const runs = (count: number) => ({ numRuns: Math.max(1, Math.round(count * scale)) });

let s: Scratch;
let n = 0;
beforeAll(async () => {
  s = await scratch();
});
afterAll(async () => {
  await s.remove();
});

/** Load `text` (or the minimal scenario with `set`): true when valid, false for a ScenarioError. */
async function outcome(text: string | undefined, set: string[] = []): Promise<boolean> {
  const file = text === undefined ? MINIMAL : join(s.dir, `case-${n++}.yaml`);
  if (text !== undefined) await writeFile(file, text);
  try {
    await loadScenario(file, { set, allowAnyPath: true });
    return true;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    expect(e.issues.length).toBeGreaterThan(0);
    for (const i of e.issues) expect(i.severity).toBe('error');
    expect(typeof formatIssues(e.issues)).toBe('string');
    return false;
  }
}

const TOKENS = [
  'id: x',
  'title: T',
  'status: proposed',
  'programs:',
  'pools:',
  'groups:',
  'rows:',
  'calendar:',
  'extends: ',
  ':',
  ': ',
  '- ',
  '-',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '&a ',
  '*a',
  '&b ',
  '*b',
  '!!str ',
  '!!binary ',
  '!tag ',
  '? ',
  '|',
  '>',
  '#',
  '---',
  '...',
  '%YAML 1.2',
  '\t',
  '\n',
  '\n  ',
  '\n    ',
  '  ',
  'no',
  'yes',
  '2024-10-01',
  '1e400',
  '-5',
  '0.5',
  'null',
  '~',
  '__proto__',
  'constructor',
  '$remove: true',
  'cap: ',
  'split: { by: ',
  'eligible: ',
];

const yamlText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...TOKENS),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(''));

// the minimal scenario as a plain object, with its CSV made absolute so copies load from anywhere
const minimal = parse(readFileSync(MINIMAL, 'utf8')) as Record<string, unknown>;
(minimal.groups as Record<string, unknown>).from = resolve('tests/fixtures/valid/data/groups.csv');

type Path = (string | number)[];
function allPaths(v: unknown, path: Path = []): Path[] {
  const here: Path[] = [path];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => allPaths(x, [...path, i]))];
  if (v && typeof v === 'object')
    return [...here, ...Object.entries(v).flatMap(([k, x]) => allPaths(x, [...path, k]))];
  return here;
}
const PATHS = allPaths(minimal).filter((p) => p.length > 0);

const interesting = fc.oneof(
  fc.constantFrom<unknown>(
    -1,
    0,
    0.5,
    1,
    1.5,
    7,
    150000,
    1e12,
    '',
    'x',
    'mexico',
    'central-america',
    'work-visas',
    'note-2022',
    'MX',
    'id == "MX"',
    'population_2020',
    'take_up * year',
    'returning_worker',
    'year',
    '2024-01-01',
    '2022-01-01',
    '10-01',
    '03-31',
    '02-29',
    '02-30',
    'lottery',
    'roll',
    'carry',
    'total',
    'half',
    'month',
    true,
    false,
    null,
    [],
    {},
    { spill: 'mexico' },
    { spill: 'central-america' },
    { amount: 5, per: 'half' },
    { amount: 5, per: 'total', from: '2024-01-01' },
    {
      method: 'mix',
      parts: [
        { method: 'queue', share: 0.5 },
        { method: 'lottery', share: 0.5 },
      ],
    },
    { method: 'weighted-lottery', weight: 'population_2020' },
    [{ id: 'a', cap: 1, window: { from: '10-01', to: '03-31' } }],
    { by: 'encounters_fy2022' },
    { share: 0.07 },
    { amount: 3 },
    { per_month: 'year + 1' },
    { uniform: [1, 0] },
    { id: 'dup' },
    { id: 'mexico', cap: 1 },
    { $remove: true },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

function setPath(root: unknown, path: Path, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) {
    const next = node[seg];
    if (!next || typeof next !== 'object') return;
    node = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

const edits = fc.array(fc.tuple(fc.constantFrom(...PATHS), fc.option(interesting, { nil: undefined })), {
  minLength: 1,
  maxLength: 4,
});

describe('loading never fails with anything but a ScenarioError', () => {
  it('on random text', async () => {
    await fc.assert(
      fc.asyncProperty(yamlText, async (text) => void (await outcome(text))),
      runs(250),
    );
  });

  it('on random YAML values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 4 }),
        async (value) => void (await outcome(stringify(value))),
      ),
      runs(100),
    );
  });

  it('on random edits of a valid scenario', async () => {
    await fc.assert(
      fc.asyncProperty(edits, async (changes) => {
        const doc = structuredClone(minimal);
        for (const [path, value] of changes) setPath(doc, path, value);
        await outcome(stringify(doc));
      }),
      runs(200),
    );
  });

  it('on random --set arguments', async () => {
    const arg = fc.tuple(fc.constantFrom(...PATHS), interesting).map(([path, value]) => {
      const text = path
        .map((p) => (typeof p === 'number' ? `[${p}]` : p))
        .join('.')
        .replace(/\.\[/g, '[');
      return `${text}=${stringify(value, { collectionStyle: 'flow' }).trim()}`;
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(arg, fc.string({ maxLength: 12 })), { maxLength: 3 }),
        async (set) => {
          await outcome(undefined, set);
        },
      ),
      runs(150),
    );
  });

  it('still accepts the unedited scenario', async () => {
    expect(await outcome(stringify(minimal))).toBe(true);
  });
});
