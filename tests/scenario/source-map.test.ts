/**
 * The source map: a path in the merged document → the file, line and column that defined it.
 * Paths are rewritten with list items by id (canonicalPath), then looked up layer by layer: `--set`
 * values (last first), the scenario file, its `extends` bases, the groups CSV. The first layer that
 * has the whole path wins; otherwise the deepest partial match (the nearest existing ancestor).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type CsvTable, parseGroupsCsv } from '../../src/scenario/csv.js';
import type { SourcePosition } from '../../src/scenario/issues.js';
import { loadDocument } from '../../src/scenario/load.js';
import type { Plain } from '../../src/scenario/merge.js';
import { applySet, parseSetArg } from '../../src/scenario/set-override.js';
import {
  canonicalPath,
  displayPath,
  type Layer,
  type LocateOptions,
  locateInLayers,
} from '../../src/scenario/source-map.js';
import { parseYamlText, type Seg, type YamlSource } from '../../src/scenario/yaml-source.js';
import { fc, test } from '../helpers/prop.js';
import { type Scratch, scratch } from './helpers.js';

function yamlSource(text: string, file: string): YamlSource {
  const r = parseYamlText(text, file);
  expect(r.issues).toEqual([]);
  return r.source;
}
const yamlLayer = (text: string, file: string): Layer => ({
  kind: 'yaml',
  source: yamlSource(text, file),
  prefix: [],
});

function csvLayer(text: string, file = 'groups.csv'): Layer {
  const r = parseGroupsCsv(text, file);
  expect(r.issues).toEqual([]);
  return { kind: 'csv', table: r.table as CsvTable };
}

/** A `--set` layer, its prefix resolved in `root` as load.ts does. */
function setLayer(arg: string, root: Plain): Layer {
  const r = parseSetArg(arg);
  expect(r.issues).toEqual([]);
  if (!r.set) throw new Error('no set');
  const applied = applySet(root, r.set, []);
  if (!applied.prefix) throw new Error(`--set ${arg} did not apply`);
  return { kind: 'yaml', source: r.set.source, prefix: applied.prefix };
}

/** Where `path` (of the merged document `raw`) was defined, as [file, line, col]. */
function where(layers: Layer[], raw: unknown, path: (string | number)[], opts?: LocateOptions) {
  const p = locateInLayers(layers, canonicalPath(raw, path), opts);
  return [p.file, p.line, p.col];
}

/** The text at a position, from its column to the end of its line. */
const textAt = (p: SourcePosition) => p.sourceLine.slice(p.col - 1);

describe('canonicalPath and displayPath', () => {
  const raw = {
    programs: [
      {
        id: 'work',
        pools: [{ id: 'a' }, { id: 7 }, { cap: 1 }],
        select: { parts: [{ share: 1 }] },
      },
    ],
    groups: { rows: [{ id: 'MX' }, { id: 'GT' }, { id: 'MX' }] },
  };

  it('names list items by a unique id, by index otherwise, and keeps keys as keys', () => {
    expect(canonicalPath(raw, ['programs', 0, 'pools', 0, 'cap'])).toEqual<Seg[]>([
      { kind: 'key', key: 'programs' },
      { kind: 'id', id: 'work' },
      { kind: 'key', key: 'pools' },
      { kind: 'id', id: 'a' },
      { kind: 'key', key: 'cap' },
    ]);
    // a numeric id becomes text; an item without id keeps its index
    expect(displayPath(canonicalPath(raw, ['programs', 0, 'pools', 1]))).toEqual([
      'programs',
      'work',
      'pools',
      '7',
    ]);
    expect(displayPath(canonicalPath(raw, ['programs', 0, 'pools', 2, 'cap']))).toEqual([
      'programs',
      'work',
      'pools',
      2,
      'cap',
    ]);
    expect(displayPath(canonicalPath(raw, ['programs', 0, 'select', 'parts', 0, 'share']))).toEqual([
      'programs',
      'work',
      'select',
      'parts',
      0,
      'share',
    ]);
  });

  it('marks items that share an id with their rank among them and their index', () => {
    expect(canonicalPath(raw, ['groups', 'rows', 2, 'id']).slice(2, 3)).toEqual([
      { kind: 'dup', id: 'MX', nth: 1, index: 2 },
    ]);
    expect(canonicalPath(raw, ['groups', 'rows', 0]).slice(2)).toEqual([
      { kind: 'dup', id: 'MX', nth: 0, index: 0 },
    ]);
    expect(displayPath(canonicalPath(raw, ['groups', 'rows', 2, 'id']))).toEqual(['groups', 'rows', 2, 'id']);
  });

  it('follows paths past what exists, as keys and indices', () => {
    expect(displayPath(canonicalPath(raw, ['nope', 'deeper', 3, 'x']))).toEqual(['nope', 'deeper', 3, 'x']);
    expect(displayPath(canonicalPath(raw, ['programs', 5, 'id']))).toEqual(['programs', 5, 'id']);
    // an own key only: a path through __proto__ or toString finds nothing inherited
    expect(canonicalPath(raw, ['toString', 0])).toEqual([
      { kind: 'key', key: 'toString' },
      { kind: 'index', index: 0 },
    ]);
  });
});

describe('one YAML file', () => {
  const TEXT = `title: "Work visas"
calendar: { start: 2023-10-01, years: 2 }
programs:
  - id: work
    pools:
      - id: mexico
        cap: 100
        eligible: id == "MX"
        note: 'a  b'
      - id: guatemala
        cap:
          amount: 5
        empty:
`;
  const layers = [yamlLayer(TEXT, 's.yaml')];
  const raw = yamlSource(TEXT, 's.yaml').value;

  it('points at the value, or at the key when asked', () => {
    expect(where(layers, raw, ['programs', 0, 'pools', 0, 'cap'])).toEqual(['s.yaml', 7, 14]);
    expect(where(layers, raw, ['programs', 0, 'pools', 0, 'cap'], { key: true })).toEqual(['s.yaml', 7, 9]);
    expect(where(layers, raw, ['calendar', 'years'])).toEqual(['s.yaml', 2, 39]);
    expect(where(layers, raw, ['title'])).toEqual(['s.yaml', 1, 8]);
  });

  it('points at the key of a block map, a list item at its first key, and an empty value at its key', () => {
    expect(where(layers, raw, ['programs', 0, 'pools', 1, 'cap'])).toEqual(['s.yaml', 11, 9]);
    expect(where(layers, raw, ['programs', 0, 'pools', 1, 'empty'])).toEqual(['s.yaml', 13, 9]);
    expect(where(layers, raw, ['programs', 0, 'pools', 1])).toEqual(['s.yaml', 10, 9]);
  });

  it('moves into a one-line value by an offset, past the opening quote', () => {
    const at = (path: (string | number)[], offset: number) =>
      locateInLayers(layers, canonicalPath(raw, path), { offset });
    expect(textAt(at(['programs', 0, 'pools', 0, 'eligible'], 6))).toBe('"MX"');
    expect(textAt(at(['programs', 0, 'pools', 0, 'note'], 3))).toBe("b'");
    expect(textAt(at(['title'], 0))).toBe('Work visas"');
    // an offset past the end stays on the value
    expect(at(['title'], 99)).toMatchObject({ line: 1, col: 20 });
  });

  it('points a missing key at its nearest existing ancestor', () => {
    // mexico has no select: the list item (its first key)
    expect(where(layers, raw, ['programs', 0, 'pools', 0, 'select', 'method'])).toEqual(['s.yaml', 6, 9]);
    expect(where(layers, raw, ['programs', 0, 'demand'])).toEqual(['s.yaml', 4, 5]);
    // nothing of the path: the document itself; no layer at all: no position
    expect(where(layers, raw, ['simulation', 'runs'])).toEqual(['s.yaml', 1, 1]);
    expect(where([], raw, ['title'])).toEqual(['', 0, 0]);
  });

  it('gives the text of the line as sourceLine', () => {
    const p = locateInLayers(layers, canonicalPath(raw, ['programs', 0, 'pools', 0, 'eligible']));
    expect(p.sourceLine).toBe('        eligible: id == "MX"');
    expect(textAt(p)).toBe('id == "MX"');
  });
});

describe('extends layers', () => {
  const CHILD = `programs:
  - id: work
    pools:
      - id: central
        cap: 60
        select:
          method: mix
          parts:
            - { method: lottery }
`;
  const BASE = `title: Base
programs:
  - id: work
    title: Work
    pools:
      - id: mexico
        cap: 100
      - id: central
        cap: 50
        split: { by: population }
        select:
          method: mix
          parts:
            - { method: queue, share: 0.5 }
            - { method: lottery, share: 0.5 }
`;
  const layers = [yamlLayer(CHILD, 'child.yaml'), yamlLayer(BASE, 'base.yaml')];
  // the merged document: lists merged by id, so central is item 1; the child's parts replace the base's
  const raw = {
    title: 'Base',
    programs: [
      {
        id: 'work',
        title: 'Work',
        pools: [
          { id: 'mexico', cap: 100 },
          {
            id: 'central',
            cap: 60,
            split: { by: 'population' },
            select: { method: 'mix', parts: [{ method: 'lottery' }] },
          },
        ],
      },
    ],
  };

  it('finds a value in the most derived file that defines it, matching list items by id', () => {
    expect(where(layers, raw, ['programs', 0, 'pools', 1, 'cap'])).toEqual(['child.yaml', 5, 14]);
    expect(where(layers, raw, ['programs', 0, 'pools', 1, 'split', 'by'])).toEqual(['base.yaml', 10, 22]);
    expect(where(layers, raw, ['programs', 0, 'pools', 0, 'cap'])).toEqual(['base.yaml', 7, 14]);
    expect(where(layers, raw, ['title'])).toEqual(['base.yaml', 1, 8]);
  });

  it('takes the deepest partial match of any layer for a missing key', () => {
    // the child has programs.work.pools.central (depth 4); the base has no more of it than that
    expect(where(layers, raw, ['programs', 0, 'pools', 1, 'limit_per_group', 'share'])).toEqual([
      'child.yaml',
      4,
      9,
    ]);
    // the child has only programs.work (depth 2); the base has the mexico item (depth 4)
    expect(where(layers, raw, ['programs', 0, 'pools', 0, 'select'])).toEqual(['base.yaml', 6, 9]);
  });

  it('does not look beneath a layer that reached a list item by index: that layer replaced the list', () => {
    // the child's parts[0] has no share; the base's parts[0].share is not what the merged document holds
    expect(where(layers, raw, ['programs', 0, 'pools', 1, 'select', 'parts', 0, 'share'])).toEqual([
      'child.yaml',
      9,
      15,
    ]);
    expect(where(layers, raw, ['programs', 0, 'pools', 1, 'select', 'parts', 0, 'method'])).toEqual([
      'child.yaml',
      9,
      25,
    ]);
  });
});

describe('--set layers', () => {
  const FILE = `title: File
programs:
  - id: work
    pools:
      - id: mexico
        cap: 100
        select: lottery
`;
  const file = yamlLayer(FILE, 's.yaml');
  const raw = yamlSource(FILE, 's.yaml').value as Plain;

  it('points into the command-line argument, after PATH=, with the argument as the line', () => {
    const layers = [setLayer('programs.work.pools.mexico.cap=250', raw), file];
    const p = locateInLayers(layers, canonicalPath(raw, ['programs', 0, 'pools', 0, 'cap']));
    expect(p).toEqual({ file: '--set', line: 1, col: 32, sourceLine: 'programs.work.pools.mexico.cap=250' });
    expect(textAt(p)).toBe('250');
    // the rest of the pool still comes from the file
    expect(where(layers, raw, ['programs', 0, 'pools', 0, 'select'])).toEqual(['s.yaml', 7, 17]);
    expect(where(layers, raw, ['programs', 0, 'pools', 0])).toEqual(['s.yaml', 5, 9]);
  });

  it('follows a path into a map or list given as the value, and points a key inside it', () => {
    const arg = 'programs.0.pools.mexico={cap: 7, window: {from: 01-01, to: 03-31}}';
    const layers = [setLayer(arg, raw), file];
    const at = (path: (string | number)[], opts?: LocateOptions) =>
      locateInLayers(layers, canonicalPath(raw, ['programs', 0, 'pools', 0, ...path]), opts);
    expect(textAt(at(['cap']))).toBe('7, window: {from: 01-01, to: 03-31}}');
    expect(textAt(at(['window', 'to']))).toBe('03-31}}');
    expect(textAt(at(['window', 'to'], { key: true }))).toBe('to: 03-31}}');
    expect(at(['select'])).toMatchObject({ file: 's.yaml', line: 7 });
  });

  it('lets the last --set of a path win, and uses an earlier one for what the last did not set', () => {
    const first = setLayer('programs.work.pools.mexico={cap: 1, select: fcfs}', raw);
    const last = setLayer('programs.work.pools.mexico.cap=2', raw);
    const layers = [last, first, file];
    expect(textAt(locateInLayers(layers, canonicalPath(raw, ['programs', 0, 'pools', 0, 'cap'])))).toBe('2');
    expect(textAt(locateInLayers(layers, canonicalPath(raw, ['programs', 0, 'pools', 0, 'select'])))).toBe(
      'fcfs}',
    );
  });

  it('skips a --set whose path is elsewhere or deeper than the one looked up', () => {
    const layers = [setLayer('title=Other', raw), setLayer('programs.work.pools.mexico.cap=3', raw), file];
    expect(where(layers, raw, ['programs', 0, 'pools', 0, 'select'])).toEqual(['s.yaml', 7, 17]);
    expect(where(layers, raw, ['programs', 0, 'pools'])).toEqual(['s.yaml', 4, 5]);
  });
});

describe('the groups CSV', () => {
  const CSV =
    'id,name,population,note\nMX,Mexico,10,plain\nGT,"Guate\nmala",20,x\n# a comment\nSV,"El ""Salvador""",3,"two\nlines"\n';
  const YAML = `groups:
  from: groups.csv
  rows:
    - { id: GT, population: 25 }
`;
  const layers = [yamlLayer(YAML, 's.yaml'), csvLayer(CSV)];
  const raw = {
    groups: {
      from: 'groups.csv',
      rows: [
        { id: 'MX', name: 'Mexico', population: 10, note: 'plain' },
        { id: 'GT', name: 'Guate\nmala', population: 25, note: 'x' },
        { id: 'SV', name: 'El "Salvador"', population: 3, note: 'two\nlines' },
      ],
    },
  };
  const at = (row: number, column?: string) =>
    locateInLayers(layers, canonicalPath(raw, ['groups', 'rows', row, ...(column ? [column] : [])]));

  it('points a cell of a CSV row at the cell, with the CSV line as sourceLine', () => {
    expect(at(0, 'population')).toEqual({
      file: 'groups.csv',
      line: 2,
      col: 11,
      sourceLine: 'MX,Mexico,10,plain',
    });
    expect(textAt(at(0, 'note'))).toBe('plain');
  });

  it('points a cell after a quoted line break at the later line, where the cell is', () => {
    expect(at(1, 'name')).toMatchObject({ file: 'groups.csv', line: 3, col: 4 });
    expect(at(1, 'note')).toEqual({ file: 'groups.csv', line: 4, col: 10, sourceLine: 'mala",20,x' });
    expect(textAt(at(1, 'note'))).toBe('x');
    // escaped quotes do not end the quoted cell; a comment line is counted
    expect(at(2, 'population')).toMatchObject({ line: 6, col: 22 });
    expect(textAt(at(2, 'population'))).toBe('3,"two');
    expect(at(2, 'note')).toMatchObject({ line: 6, col: 24 });
  });

  it('prefers an inline row that sets the cell, and falls back to the CSV for its other cells', () => {
    expect(at(1, 'population')).toMatchObject({ file: 's.yaml', line: 4, col: 29 });
    expect(at(1, 'name')).toMatchObject({ file: 'groups.csv', line: 3 });
  });

  it('points a row, or a column the CSV does not have, at the start of the row', () => {
    expect(at(2)).toEqual({ file: 'groups.csv', line: 6, col: 1, sourceLine: 'SV,"El ""Salvador""",3,"two' });
    expect(at(0, 'region')).toMatchObject({ file: 'groups.csv', line: 2, col: 1 });
    // a row defined inline: its YAML position beats the CSV row start
    expect(at(1, 'region')).toMatchObject({ file: 's.yaml', line: 4, col: 7 });
  });

  it('only answers for groups.rows', () => {
    const table = csvLayer(CSV);
    const segs: Seg[] = [
      { kind: 'key', key: 'programs' },
      { kind: 'id', id: 'MX' },
      { kind: 'key', key: 'population' },
    ];
    expect(locateInLayers([table], segs).line).toBe(0);
  });
});

describe('through loadDocument: extends, --set and a CSV at once', () => {
  let s: Scratch;
  beforeEach(async () => {
    s = await scratch();
  });
  afterEach(async () => {
    await s.remove();
  });

  it('locates every kind of value in the layer it came from', async () => {
    const file = await s.write({
      'child.yaml': 'extends: parts/base.yaml\ntitle: Child\n',
      'parts/base.yaml': 'title: Base\nid: base\ngroups:\n  from: g.csv\nsimulation: { runs: 10 }\n',
      'parts/g.csv': 'id,name,note,population\nMX,Mexico,"multi\nline",7\n',
    });
    const doc = await loadDocument(file, { set: ['simulation.runs=99'] });
    const base = `${s.dir}/parts/base.yaml`;
    const csv = `${s.dir}/parts/g.csv`;
    expect(doc.locate(['title'])).toMatchObject({ file, line: 2, col: 8 });
    expect(doc.locate(['id'])).toMatchObject({ file: base, line: 2, col: 5 });
    expect(doc.locate(['simulation', 'runs'])).toEqual({
      file: '--set',
      line: 1,
      col: 17,
      sourceLine: 'simulation.runs=99',
    });
    expect(doc.locate(['groups', 'rows', 0, 'population'])).toEqual({
      file: csv,
      line: 3,
      col: 7,
      sourceLine: 'line",7',
    });
    expect(doc.locate(['groups', 'from'])).toMatchObject({ file: base, line: 4, col: 9 });
  });
});

// ── properties ────────────────────────────────────────────────────────────────────────────────

const arbKey = fc.stringMatching(/^[a-z][a-z_]{0,5}$/);
const arbScalar = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.stringMatching(/^[a-z][a-z ]{0,6}[a-z]$/),
);
const arbDoc = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, arbScalar, tie('map'), tie('list')),
  map: fc.dictionary(arbKey, tie('value'), { minKeys: 1, maxKeys: 4 }),
  list: fc
    .uniqueArray(arbKey, { minLength: 1, maxLength: 3 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) => fc.dictionary(arbKey, tie('value'), { maxKeys: 3 }).map((m) => ({ ...m, id }))),
      ),
    ),
})).map;

/** Every scalar of a document with its index path. */
function leaves(v: unknown, path: (string | number)[] = []): [(string | number)[], string | number][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  if (v !== null && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [[path, v as string | number]];
}

test.prop([arbDoc, fc.constantFrom<'block' | 'flow'>('block', 'flow')], { numRuns: 120 })(
  'points every scalar of a YAML file at its own text',
  (doc, style) => {
    const text = stringify(doc, style === 'flow' ? { collectionStyle: 'flow', lineWidth: 0 } : {});
    const layers = [yamlLayer(text, 'p.yaml')];
    for (const [path, value] of leaves(doc)) {
      const p = locateInLayers(layers, canonicalPath(doc, path));
      expect(textAt(p).startsWith(String(value)), `${JSON.stringify(path)} in\n${text}`).toBe(true);
    }
  },
);
