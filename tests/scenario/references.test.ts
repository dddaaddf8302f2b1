/**
 * checkReferences: ids that name nothing — groups, pools, programs, sources, documented columns,
 * metrics — reported as `bad_reference` errors at the reference, with the message users read
 * (the nearest known id, the list of known ids) and the YAML path they would type (list items by
 * id). Also duplicate ids, self references and loops, and the "not cited" warning.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRICS } from '../../src/core/types.js';
import { formatIssue, type ScenarioIssue } from '../../src/scenario/issues.js';
import { loadDocument } from '../../src/scenario/load.js';
import * as msg from '../../src/scenario/messages.js';
import { checkReferences } from '../../src/scenario/references.js';
import type { Locator } from '../../src/scenario/reporter.js';
import { type Scenario, ScenarioSchema } from '../../src/scenario/schema.js';
import { canonicalPath, displayPath } from '../../src/scenario/source-map.js';
import { validateDocument } from '../../src/scenario/validate.js';
import { makeScenario, type ScenarioObject } from '../helpers/model.js';
import { type Scratch, scratch } from './helpers.js';

/**
 * A locator over the scenario itself: every position is scenario.yaml line 3, column 1 for a key
 * and 5 for a value; the display path is the real one (list items by id).
 */
function locator(scenario: Scenario): Locator {
  return {
    locate: (_path, opts) => ({ file: 'scenario.yaml', line: 3, col: opts?.key ? 1 : 5, sourceLine: '' }),
    idPath: (path) => displayPath(canonicalPath(scenario, path)),
  };
}

const check = (over: ScenarioObject): ScenarioIssue[] => {
  const s = makeScenario(over);
  return checkReferences(s, locator(s));
};

/** The bad_reference errors as [display path, message]. */
const dangling = (over: ScenarioObject) =>
  check(over)
    .filter((i) => i.code === 'bad_reference')
    .map((i) => {
      expect(i.severity).toBe('error');
      return [i.path, i.message];
    });

const SOURCES = [
  { id: 'note-2022', title: 'An announcement' },
  { id: 'law-2023', title: 'A law' },
];

/** makeScenario's program with its pools replaced. */
const withPools = (pools: ScenarioObject[], extra: ScenarioObject = {}) => ({
  programs: [
    {
      id: 'prog',
      title: 'Program',
      demand: { per_year: 'population * 10', noise: 'poisson' },
      pools,
    },
  ],
  ...extra,
});

describe('a scenario whose references all resolve', () => {
  it('has no errors', () => {
    const issues = check({
      sources: SOURCES,
      programs: [
        {
          id: 'prog',
          title: 'Program',
          source: ['note-2022', 'law-2023'],
          demand: { per_year: 'population * 10' },
          not_selected: { reapply: 0.5, divert: 0.2, divert_to: 'other' },
          pools: [
            { id: 'main', cap: 100, unused: { spill: 'extra' } },
            { id: 'extra', cap: 10, opens_after: 'main' },
          ],
        },
        { id: 'other', title: 'Other', pools: [{ id: 'o', cap: { amount: 5, source: 'law-2023' } }] },
      ],
      checks: [
        { description: 'd', program: 'prog', pools: ['main'], group: 'B', metric: 'issued', at_most: 100 },
      ],
    });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('sources', () => {
  it('reports a source id that names no entry of sources, wherever it is cited, with the nearest id', () => {
    expect(
      dangling({
        sources: SOURCES,
        parameters: [{ id: 'take_up', value: 0.5, source: ['note-2022', 'law-2032'] }],
        groups: {
          rows: [{ id: 'A', name: 'Alpha', population: 1 }],
          source: 'note-2021',
          columns: { population: { description: 'people', source: 'census' } },
        },
        ...withPools([{ id: 'main', cap: { amount: 5, source: 'Note-2022' } }]),
      }),
    ).toEqual([
      [
        ['groups', 'columns', 'population', 'source'],
        msg.unknownReference('source', 'census', undefined, ['note-2022', 'law-2023']),
      ],
      [
        ['groups', 'source'],
        msg.unknownReference('source', 'note-2021', 'note-2022', ['note-2022', 'law-2023']),
      ],
      [
        ['parameters', 'take_up', 'source', 1],
        msg.unknownReference('source', 'law-2032', 'law-2023', ['note-2022', 'law-2023']),
      ],
      // ids are case-sensitive; the suggestion shows the right case
      [
        ['programs', 'prog', 'pools', 'main', 'cap', 'source'],
        msg.unknownReference('source', 'Note-2022', 'note-2022', ['note-2022', 'law-2023']),
      ],
    ]);
  });

  it('says there are no sources when the scenario defines none', () => {
    const [issue] = check({ parameters: [{ id: 'p', value: 1, source: 'x' }] }).filter(
      (i) => i.code === 'bad_reference',
    );
    expect(issue?.message).toBe('unknown source "x" (sources: (none))');
  });

  it('leaves group rows alone: a column called source is data, not a citation', () => {
    expect(
      dangling({
        groups: { rows: [{ id: 'A', name: 'Alpha', population: 1, source: 'survey' }] },
      }),
    ).toEqual([]);
  });

  it('warns about a source nothing cites, but not one cited only from a nested value', () => {
    const warnings = check({
      sources: SOURCES,
      ...withPools([{ id: 'main', cap: { amount: 5, source: ['law-2023'] } }]),
    }).filter((i) => i.code === 'unused');
    expect(warnings.map((w) => [w.severity, w.path, w.message])).toEqual([
      ['warning', ['sources', 'note-2022', 'id'], msg.unusedSource('note-2022')],
    ]);
  });
});

describe('pools', () => {
  const KNOWN = ['main', 'extra', 'o'];
  const twoPrograms = (main: ScenarioObject, extra: ScenarioObject = {}) => ({
    programs: [
      {
        id: 'prog',
        title: 'Program',
        demand: { per_year: 'population' },
        pools: [
          { id: 'main', cap: 10, ...main },
          { id: 'extra', cap: 5, ...extra },
        ],
      },
      { id: 'other', title: 'Other', demand: { per_year: 'population' }, pools: [{ id: 'o', cap: 1 }] },
    ],
  });

  it('reports an unknown pool in unused.spill and opens_after, naming every pool of the scenario', () => {
    expect(dangling(twoPrograms({ unused: { spill: 'extar' }, opens_after: 'statutory' }))).toEqual([
      [
        ['programs', 'prog', 'pools', 'main', 'unused', 'spill'],
        msg.unknownReference('pool', 'extar', 'extra', KNOWN),
      ],
      [
        ['programs', 'prog', 'pools', 'main', 'opens_after'],
        msg.unknownReference('pool', 'statutory', undefined, KNOWN),
      ],
    ]);
  });

  it('accepts a spill or opens_after to a pool of another program', () => {
    expect(dangling(twoPrograms({ unused: { spill: 'o' }, opens_after: 'o' }))).toEqual([]);
  });

  it('refuses a pool that spills to or opens after itself', () => {
    expect(dangling(twoPrograms({ unused: { spill: 'main' } }, { opens_after: 'extra' }))).toEqual([
      [
        ['programs', 'prog', 'pools', 'main', 'unused', 'spill'],
        msg.selfReference('spill its unused numbers to', 'main'),
      ],
      [['programs', 'prog', 'pools', 'extra', 'opens_after'], msg.selfReference('open after', 'extra')],
    ]);
  });

  it('reports each spill loop once, at its first member in file order, however long it is', () => {
    const issues = check({
      programs: [
        {
          id: 'prog',
          title: 'Program',
          demand: { per_year: 'population' },
          pools: [
            { id: 'a', cap: 1, unused: { spill: 'b' } },
            { id: 'b', cap: 1, unused: { spill: 'c' } },
            { id: 'c', cap: 1, unused: { spill: 'a' } },
            // leads into the loop but is not part of it
            { id: 'd', cap: 1, unused: { spill: 'a' } },
          ],
        },
      ],
    }).filter((i) => i.code === 'semantic' && i.message.includes('loop'));
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [['programs', 'prog', 'pools', 'a', 'unused', 'spill'], msg.spillLoop(['a', 'b', 'c', 'a'])],
    ]);
  });

  it("checks a check's pools against its own program's pools", () => {
    expect(
      dangling({
        ...twoPrograms({}),
        checks: [
          { description: 'x', program: 'prog', pools: ['main', 'o', 'nope'], metric: 'issued', at_least: 0 },
          // an unknown program: its pools cannot be judged, only the program is reported
          { id: 'second', description: 'y', program: 'progr', pools: ['zzz'], metric: 'issued', at_least: 0 },
        ],
      }),
    ).toEqual([
      [['checks', 0, 'pools', 1], msg.poolNotInProgram('o', 'prog', ['main', 'extra'])],
      [['checks', 0, 'pools', 2], msg.poolNotInProgram('nope', 'prog', ['main', 'extra'])],
      [['checks', 'second', 'program'], msg.unknownReference('program', 'progr', 'prog', ['prog', 'other'])],
    ]);
  });
});

describe('groups, programs and metrics', () => {
  it('reports an unknown group, program or metric in a check', () => {
    expect(
      dangling({
        checks: [
          { description: 'x', program: 'prog', group: 'D', metric: 'isued', at_most: 1 },
          { description: 'y', program: 'prog', group: 'a', metric: 'backlog', at_most: 1 },
        ],
      }),
    ).toEqual([
      [['checks', 0, 'group'], msg.unknownReference('group', 'D', 'A', ['A', 'B', 'C'])],
      [['checks', 0, 'metric'], msg.unknownReference('metric', 'isued', 'issued', [...METRICS])],
      [['checks', 1, 'group'], msg.unknownReference('group', 'a', 'A', ['A', 'B', 'C'])],
    ]);
  });

  it('reports a group id compared with id in a formula, at the formula', () => {
    expect(dangling(withPools([{ id: 'main', cap: 10, eligible: 'id == "D" or id == "B"' }]))).toEqual([
      [
        ['programs', 'prog', 'pools', 'main', 'eligible'],
        'unknown group "D"; did you mean "A"? (groups: A, B, C)',
      ],
    ]);
  });

  it('reports divert_to naming no program', () => {
    expect(
      dangling({
        programs: [
          {
            id: 'prog',
            title: 'Program',
            demand: { per_year: 'population' },
            not_selected: { reapply: 0, divert: 0.5, divert_to: 'irregular' },
            pools: [{ id: 'main', cap: 1 }],
          },
        ],
      }),
    ).toEqual([
      [
        ['programs', 'prog', 'not_selected', 'divert_to'],
        msg.unknownReference('program', 'irregular', undefined, ['prog']),
      ],
    ]);
  });
});

describe('documented columns', () => {
  it('reports a documented column no group has, pointing at the key, and lists the columns in order', () => {
    const issues = check({
      groups: {
        rows: [
          { id: 'A', name: 'Alpha', population: 1 },
          // a column only one row has still exists
          { id: 'B', name: 'Beta', region: 'south' },
        ],
        columns: {
          population: { description: 'people' },
          region: { description: 'where' },
          regoin: { description: 'a typo' },
        },
      },
    }).filter((i) => i.code === 'bad_reference');
    expect(issues.map((i) => [i.path, i.col, i.message])).toEqual([
      [
        ['groups', 'columns', 'regoin'],
        1,
        msg.unknownReference('column', 'regoin', 'region', ['id', 'name', 'population', 'region']),
      ],
    ]);
  });
});

describe('duplicate ids', () => {
  it('reports the second use, naming where the first is', () => {
    const issues = check({
      parameters: [
        { id: 'x', value: 1 },
        { id: 'x', value: 2 },
      ],
      ...withPools([
        { id: 'main', cap: 1 },
        { id: 'main', cap: 2 },
      ]),
    }).filter((i) => i.code === 'duplicate_id');
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      // two items share the id, so the path names them by index
      [['programs', 'prog', 'pools', 1, 'id'], msg.duplicateId('pool', 'main', 'scenario.yaml:3')],
      [['parameters', 1, 'id'], msg.duplicateId('parameter', 'x', 'scenario.yaml:3')],
    ]);
  });
});

describe('in a scenario file', () => {
  let s: Scratch;
  beforeEach(async () => {
    s = await scratch();
  });
  afterEach(async () => {
    await s.remove();
  });

  it('points each dangling reference at its file, line and column, and prints it as users see it', async () => {
    const file = await s.write({
      's.yaml': `id: s
title: S
status: hypothetical
sources:
  - { id: note-2022, title: N }
calendar: { start: 2023-10-01, years: 1 }
groups:
  rows:
    - { id: MX, name: Mexico, population: 5 }
  columns:
    popultion: { description: typo }
programs:
  - id: work
    title: Work
    source: [note-2022, lopez-2022]
    demand: { per_year: population }
    pools:
      - id: mexico
        cap: 10
        unused: { spill: mexco }
checks:
  - { description: d, program: work, group: GUA, metric: issued, at_most: 1 }
`,
    });
    const doc = await loadDocument(file);
    const scenario = ScenarioSchema.parse(doc.raw);
    const issues = checkReferences(scenario, doc).filter((i) => i.code === 'bad_reference');
    expect(issues.map((i) => [i.line, i.col, i.sourceLine])).toEqual([
      [15, 25, '    source: [note-2022, lopez-2022]'],
      [20, 26, '        unused: { spill: mexco }'],
      [11, 5, '    popultion: { description: typo }'],
      [22, 45, '  - { description: d, program: work, group: GUA, metric: issued, at_most: 1 }'],
    ]);
    expect(issues.map((i) => formatIssue(i).split('\n')[0])).toEqual([
      `${file}:15:25: error: programs.work.source[1]: unknown source "lopez-2022"; did you mean "note-2022"? (sources: note-2022)`,
      `${file}:20:26: error: programs.work.pools.mexico.unused.spill: unknown pool "mexco"; did you mean "mexico"? (pools: mexico)`,
      `${file}:11:5: error: groups.columns.popultion: unknown column "popultion"; did you mean "population"? (columns: id, name, population)`,
      `${file}:22:45: error: checks[0].group: unknown group "GUA" (groups: MX)`,
    ]);
  });
  it('accepts documentation of a CSV column whose cells are all empty', async () => {
    const file = await s.write({
      's.yaml': `id: s
title: S
status: hypothetical
calendar: { start: 2023-10-01, years: 1 }
groups:
  from: g.csv
  columns:
    region: { description: Region (filled in later) }
programs:
  - { id: work, title: Work, demand: { per_year: population }, pools: [{ id: main, cap: 10 }] }
`,
      'g.csv': 'id,name,population,region\nMX,Mexico,5,\nGT,Guatemala,3,\n',
    });
    const doc = await loadDocument(file);
    // validation passes the CSV header's columns on; without them the column is unknown
    expect(doc.tables[0]?.columns).toEqual(['id', 'name', 'population', 'region']);
    const { warnings } = validateDocument(doc);
    expect(warnings.filter((i) => i.code === 'bad_reference')).toEqual([]);
    const alone = checkReferences(ScenarioSchema.parse(doc.raw), doc);
    expect(alone.filter((i) => i.code === 'bad_reference').map((i) => i.path)).toEqual([
      ['groups', 'columns', 'region'],
    ]);
  });
});
