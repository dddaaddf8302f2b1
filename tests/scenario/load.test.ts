import { execFileSync } from 'node:child_process';
import { symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDocument, MAX_CSV_BYTES, MAX_YAML_BYTES } from '../../src/scenario/load.js';
import * as msg from '../../src/scenario/messages.js';
import { issuesOf, MINIMAL, messages, type Scratch, scratch } from './helpers.js';

let s: Scratch;
beforeEach(async () => {
  s = await scratch();
});
afterEach(async () => {
  await s.remove();
});

const BASE = `id: base
title: Base
status: hypothetical
calendar: { start: 2023-10-01, years: 2 }
groups:
  rows:
    - { id: MX, name: Mexico, population: 10 }
    - { id: GT, name: Guatemala, population: 5 }
programs:
  - id: work
    title: Work visas
    pools:
      - id: mexico
        cap: 100
        eligible: id == "MX"
      - id: central-america
        cap: 50
        split: { by: population }
`;

describe('reading YAML', () => {
  it('reads YAML 1.2: no/yes/on stay text, dates stay ISO strings', async () => {
    const file = await s.write({ 'a.yaml': 'a: no\nb: yes\nc: on\nd: 2024-10-01\ne: 1e3\nf: ~\n' });
    const doc = await loadDocument(file);
    expect(doc.raw).toEqual({ a: 'no', b: 'yes', c: 'on', d: '2024-10-01', e: 1000, f: null });
  });

  it('reports every YAML problem of a file at once, each with its position', async () => {
    const file = await s.write({ 'a.yaml': 'a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\ne: !!binary aGk=\n' });
    const issues = await issuesOf(loadDocument(file));
    expect(issues.map((i) => [i.code, i.line, i.col, i.message])).toEqual([
      ['duplicate_key', 3, 1, msg.duplicateKey('a', 1)],
      ['duplicate_key', 6, 3, msg.duplicateKey('d', 5)],
      ['yaml_syntax', 7, 4, msg.unsupportedTag('!!binary')],
    ]);
    expect(issues[1]?.path).toEqual(['c', 'd']);
  });

  it('refuses keys that are lists or maps, aliases to undefined anchors and aliases that contain themselves', async () => {
    const nonScalar = await s.write({ 'k.yaml': '? [a]\n: 1\n' });
    expect(messages(await issuesOf(loadDocument(nonScalar)))).toEqual([msg.nonScalarKey()]);
    const undef = await s.write({ 'u.yaml': 'a: *nope\n' });
    expect(messages(await issuesOf(loadDocument(undef)))).toEqual([msg.unresolvedAlias('nope')]);
    const loop = await s.write({ 'l.yaml': 'a: &x [1, *x]\n' });
    expect((await issuesOf(loadDocument(loop))).map((i) => i.code)).toEqual(['yaml_syntax']);
  });

  it('accepts ordinary anchors and aliases', async () => {
    const file = await s.write({ 'a.yaml': 'x: &sel { method: uscis }\ny: *sel\n' });
    expect((await loadDocument(file)).raw).toEqual({ x: { method: 'uscis' }, y: { method: 'uscis' } });
  });

  it('refuses an empty file, a top level that is not a map, and a folder', async () => {
    const empty = await s.write({ 'e.yaml': '# only a comment\n' });
    expect(messages(await issuesOf(loadDocument(empty)))).toEqual([msg.emptyDocument()]);
    const list = await s.write({ 'l.yaml': '- 1\n' });
    expect(messages(await issuesOf(loadDocument(list)))).toEqual([msg.topLevelNotMap('a list of 1 item')]);
    expect(messages(await issuesOf(loadDocument(s.dir)))).toEqual([msg.notAFile(s.dir)]);
    const missing = join(s.dir, 'none.yaml');
    expect(messages(await issuesOf(loadDocument(missing)))).toEqual([msg.fileNotFound(missing)]);
  });

  it('refuses files over the size limit without parsing them', async () => {
    const file = join(s.dir, 'big.yaml');
    await writeFile(file, `a: "${'x'.repeat(MAX_YAML_BYTES)}"\n`);
    const [issue] = await issuesOf(loadDocument(file));
    expect(issue?.code).toBe('too_large');
    expect(issue?.message).toMatch(/scenario files may be at most 0\.5 MB/);
  });

  it('refuses maps nested deeper than the limit', async () => {
    const file = await s.write({ 'd.yaml': `a: ${'['.repeat(200)}${']'.repeat(200)}\n` });
    expect((await issuesOf(loadDocument(file))).map((i) => i.code)).toEqual(['too_large']);
  });
});

describe('extends', () => {
  it('merges maps deeply and lists by id, so an override changes one pool without repeating the others', async () => {
    const file = await s.write({
      'child.yaml': `extends: base.yaml
title: Child
programs:
  - id: work
    pools:
      - id: central-america
        split: { by: encounters }
      - id: extra
        cap: 5
`,
      'base.yaml': BASE,
    });
    const doc = await loadDocument(file);
    expect(doc.files).toEqual([file, join(s.dir, 'base.yaml')]);
    expect(doc.raw.title).toBe('Child');
    expect(doc.raw.extends).toBeUndefined();
    const pools = (doc.raw.programs as { pools: unknown[] }[])[0]?.pools;
    expect(pools).toEqual([
      { id: 'mexico', cap: 100, eligible: 'id == "MX"' },
      { id: 'central-america', cap: 50, split: { by: 'encounters' } },
      { id: 'extra', cap: 5 },
    ]);
  });

  it('removes a key set to null and an item marked $remove', async () => {
    const file = await s.write({
      'child.yaml': `extends: base.yaml
programs:
  - id: work
    pools:
      - { id: mexico, eligible: null }
      - { id: central-america, $remove: true }
`,
      'base.yaml': BASE,
    });
    const pools = ((await loadDocument(file)).raw.programs as { pools: unknown[] }[])[0]?.pools;
    expect(pools).toEqual([{ id: 'mexico', cap: 100 }]);
  });

  it('resolves extends relative to the file that names it, through a chain', async () => {
    const file = await s.write({
      'a/child.yaml': 'extends: ../b/middle.yaml\ntitle: A\n',
      'b/middle.yaml': 'extends: base/base.yaml\nstatus: proposed\n',
      'b/base/base.yaml': BASE,
    });
    const doc = await loadDocument(file, { allowAnyPath: true }); // b/ is a sibling of a/
    expect(doc.files.map((f) => relative(s.dir, f))).toEqual([
      'a/child.yaml',
      'b/middle.yaml',
      'b/base/base.yaml',
    ]);
    expect([doc.raw.title, doc.raw.status, doc.raw.id]).toEqual(['A', 'proposed', 'base']);
  });

  it('reports a cycle, a missing base and a folder as input errors naming the chain', async () => {
    const a = await s.write({ 'a.yaml': 'extends: b.yaml\n', 'b.yaml': 'extends: a.yaml\n' });
    const [cycle] = await issuesOf(loadDocument(a));
    expect(cycle?.code).toBe('extends_cycle');
    expect(cycle?.message).toBe(msg.extendsCycle([a, join(s.dir, 'b.yaml'), a]));
    expect([cycle?.file, cycle?.line, cycle?.col]).toEqual([join(s.dir, 'b.yaml'), 1, 10]);

    const m = await s.write({ 'm.yaml': 'title: x\nextends: gone.yaml\n' });
    const [missing] = await issuesOf(loadDocument(m));
    const gone = join(s.dir, 'gone.yaml');
    expect(missing?.message).toBe(msg.namedFileUnreadable('extends', gone, msg.reasonNotFound));
    expect(missing?.hint).toBe(msg.extendsChain([m, gone]));
    expect([missing?.line, missing?.col]).toEqual([2, 10]);

    const d = await s.write({ 'd.yaml': 'extends: sub\n', 'sub/x.yaml': 'a: 1\n' });
    expect((await issuesOf(loadDocument(d)))[0]?.message).toBe(
      msg.namedFileUnreadable('extends', join(s.dir, 'sub'), msg.reasonFolder),
    );
    const n = await s.write({ 'n.yaml': 'extends: [a.yaml]\n' });
    expect((await issuesOf(loadDocument(n)))[0]?.message).toBe(
      msg.wrongType('a file name', 'a list of 1 item'),
    );
  });

  it('reports a $remove of an id the base does not have, with the nearest id', async () => {
    const file = await s.write({
      'child.yaml':
        'extends: base.yaml\nprograms:\n  - id: work\n    pools:\n      - { id: mexcio, $remove: true }\n',
      'base.yaml': BASE,
    });
    const [issue] = await issuesOf(loadDocument(file));
    expect(issue?.message).toBe(
      msg.noItemWithId('programs.work.pools', 'mexcio', 'mexico', ['mexico', 'central-america']),
    );
    expect([issue?.file, issue?.line]).toEqual([file, 5]);
  });
});

describe('--set', () => {
  const load = async (...set: string[]) => {
    const file = await s.write({ 'base.yaml': BASE });
    return loadDocument(file, { set });
  };
  const pool = (raw: Record<string, unknown>, i: number) =>
    (raw.programs as { pools: Record<string, unknown>[] }[])[0]?.pools[i];

  it('sets a value by path, naming list items by id or by index, read as YAML', async () => {
    const doc = await load(
      'programs.work.pools.central-america.split.by=encounters',
      'programs[0].pools[0].cap=7',
      'programs.0.pools.mexico.select={method: uscis, first_days: 3}',
      'simulation.runs=10',
    );
    expect(pool(doc.raw, 1)?.split).toEqual({ by: 'encounters' });
    expect(pool(doc.raw, 0)?.cap).toBe(7);
    expect(pool(doc.raw, 0)?.select).toEqual({ method: 'uscis', first_days: 3 });
    expect(doc.raw.simulation).toEqual({ runs: 10 });
  });

  it('matches ids that contain dots, and merges lists by id', async () => {
    const file = await s.write({ 'base.yaml': BASE.replace('id: mexico', 'id: mx.statutory') });
    const doc = await loadDocument(file, {
      set: [
        'programs.work.pools.mx.statutory.cap=1',
        'groups.rows=[{id: GT, population: 6}, {id: HN, name: Honduras}]',
      ],
    });
    expect(pool(doc.raw, 0)?.cap).toBe(1);
    expect((doc.raw.groups as { rows: unknown[] }).rows).toEqual([
      { id: 'MX', name: 'Mexico', population: 10 },
      { id: 'GT', name: 'Guatemala', population: 6 },
      { id: 'HN', name: 'Honduras' },
    ]);
  });

  it('removes a key or an item with null', async () => {
    const doc = await load(
      'programs.work.pools.mexico.eligible=null',
      'programs.work.pools.central-america=',
    );
    expect(pool(doc.raw, 0)).toEqual({ id: 'mexico', cap: 100 });
    expect(pool(doc.raw, 1)).toBeUndefined();
  });

  it('reports an unknown id with the ids there are, a path through a scalar, and bad syntax', async () => {
    const [unknown] = await issuesOf(load('programs.work.pools.mexco.cap=1'));
    expect(unknown?.message).toBe(
      msg.noItemWithId('programs.work.pools', 'mexco', 'mexico', ['mexico', 'central-america']),
    );
    expect([unknown?.file, unknown?.line, unknown?.col, unknown?.sourceLine]).toEqual([
      '--set',
      1,
      21,
      'programs.work.pools.mexco.cap=1',
    ]);
    const [scalar] = await issuesOf(load('title.x=1'));
    expect(scalar?.message).toBe(msg.setNotContainer('title', '"Base"'));
    const syntax = await issuesOf(load('no-equals-sign', 'a..b=1', 'extends=x.yaml', 'a=[1'));
    expect(syntax.map((i) => i.code)).toEqual(['set_syntax', 'set_syntax', 'set_syntax', 'yaml_syntax']);
    expect(syntax[3]?.col).toBe(5);
  });

  it('reads groups.from set on the command line relative to the current folder', async () => {
    await s.write({ 'g.csv': 'id,name,population\nSV,El Salvador,3\n' });
    const doc = await load(`groups.from=${relative(process.cwd(), join(s.dir, 'g.csv'))}`);
    expect((doc.raw.groups as { rows: unknown[] }).rows).toEqual([
      { id: 'SV', name: 'El Salvador', population: 3 },
      { id: 'MX', name: 'Mexico', population: 10 },
      { id: 'GT', name: 'Guatemala', population: 5 },
    ]);
  });
});

describe('groups CSV', () => {
  const CSV = `# a comment line
id,name,region,population,member,code

MX,Mexico,North America,128.9e6,true,01
"GT","Guatemala, Republic of",Central America,16860000,FALSE,02
HN,Honduras,Central America,,false,x
`;

  it('reads typed cells: numbers, booleans, text; an empty cell leaves the column out', async () => {
    const file = await s.write({ 'sc/s.yaml': 'groups:\n  from: ../data/g.csv\n', 'data/g.csv': CSV });
    const doc = await loadDocument(file, { allowAnyPath: true }); // data/ is a sibling of sc/
    expect((doc.raw.groups as { rows: unknown[] }).rows).toEqual([
      { id: 'MX', name: 'Mexico', region: 'North America', population: 128.9e6, member: true, code: 1 },
      {
        id: 'GT',
        name: 'Guatemala, Republic of',
        region: 'Central America',
        population: 16860000,
        member: false,
        code: 2,
      },
      { id: 'HN', name: 'Honduras', region: 'Central America', member: false, code: 'x' },
    ]);
    expect(doc.tables.map((t) => [t.path, t.rows.length])).toEqual([[join(s.dir, 'data/g.csv'), 3]]);
  });

  it('lets inline rows override, add and remove CSV rows by id', async () => {
    const file = await s.write({
      's.yaml': `groups:
  from: g.csv
  rows:
    - { id: HN, population: 9905000 }
    - { id: GT, $remove: true }
    - { id: SV, name: El Salvador }
`,
      'g.csv': CSV,
    });
    const rows = ((await loadDocument(file)).raw.groups as { rows: { id: string; population?: number }[] })
      .rows;
    expect(rows.map((r) => [r.id, r.population])).toEqual([
      ['MX', 128.9e6],
      ['HN', 9905000],
      ['SV', undefined],
    ]);
  });

  it('resolves the CSV relative to the file that names it, also in a base file', async () => {
    const file = await s.write({
      'child.yaml': 'extends: base/base.yaml\ntitle: x\n',
      'base/base.yaml': 'groups: { from: data/g.csv }\n',
      'base/data/g.csv': CSV,
    });
    expect(((await loadDocument(file)).raw.groups as { rows: unknown[] }).rows).toHaveLength(3);
  });

  it('reports ragged rows, duplicate ids and missing columns at the CSV line and column', async () => {
    const file = await s.write({
      's.yaml': 'groups: { from: g.csv }\n',
      'g.csv': 'id,name,x\nMX,Mexico,1\nGT,Guatemala\nMX,Again,2\nSV,El Salvador,1,2\n,No id,3\n',
    });
    const g = join(s.dir, 'g.csv');
    expect((await issuesOf(loadDocument(file))).map((i) => [i.file, i.line, i.col, i.message])).toEqual([
      [g, 3, 13, msg.csvRagged(2, 3)],
      [g, 4, 1, msg.csvDuplicateId('MX', 2)],
      [g, 5, 18, msg.csvRagged(4, 3)],
      [g, 6, 1, msg.csvMissingId()],
    ]);
    const noName = await s.write({ 't.yaml': 'groups: { from: h.csv }\n', 'h.csv': 'id,population\nMX,1\n' });
    expect(messages(await issuesOf(loadDocument(noName)))).toEqual([msg.csvMissingColumn('name')]);
  });

  it('reports a missing or oversized CSV at the groups.from that names it', async () => {
    const file = await s.write({ 's.yaml': 'title: x\ngroups:\n  from: nope.csv\n' });
    const [issue] = await issuesOf(loadDocument(file));
    expect(issue?.message).toBe(
      msg.namedFileUnreadable('groups.from', join(s.dir, 'nope.csv'), msg.reasonNotFound),
    );
    expect([issue?.file, issue?.line, issue?.col]).toEqual([file, 3, 9]);
    await writeFile(join(s.dir, 'nope.csv'), `id,name\n${'MX,Mexico\n'.repeat(MAX_CSV_BYTES / 10 + 1)}`);
    expect((await issuesOf(loadDocument(file)))[0]?.code).toBe('too_large');
  });
});

describe('locate', () => {
  it('finds a path in the most derived file that defines it, mapping list items by id', async () => {
    const file = await s.write({
      'child.yaml': `extends: base.yaml
programs:
  - id: work
    pools:
      - id: central-america
        cap: 60
`,
      'base.yaml': BASE,
    });
    const doc = await loadDocument(file);
    const base = join(s.dir, 'base.yaml');
    // merged pools: [mexico, central-america]; the child lists only central-america
    expect(doc.locate(['programs', 0, 'pools', 1, 'cap'])).toMatchObject({
      file,
      line: 6,
      col: 14,
      sourceLine: '        cap: 60',
    });
    expect(doc.locate(['programs', 0, 'pools', 1, 'split', 'by'])).toMatchObject({
      file: base,
      line: 18,
      col: 22,
    });
    expect(doc.locate(['programs', 0, 'pools', 0, 'cap'])).toMatchObject({ file: base, line: 14 });
    expect(doc.idPath(['programs', 0, 'pools', 1, 'cap'])).toEqual([
      'programs',
      'work',
      'pools',
      'central-america',
      'cap',
    ]);
  });

  it('points at the nearest existing ancestor for a missing key, and at the key itself when asked', async () => {
    const file = await s.write({ 'base.yaml': BASE });
    const doc = await loadDocument(file);
    expect(doc.locate(['programs', 0, 'pools', 0, 'select'])).toMatchObject({ line: 13, col: 9 });
    expect(doc.locate(['calendar', 'years'], { key: true })).toMatchObject({ line: 4, col: 32 });
    expect(doc.locate(['calendar', 'years'])).toMatchObject({ line: 4, col: 39 });
    expect(doc.locate(['programs', 0, 'pools', 0, 'eligible'], { offset: 6 })).toMatchObject({
      line: 15,
      col: 25,
    });
  });

  it('points into the CSV for cells of CSV rows, and into --set for values set there', async () => {
    const file = await s.write({
      's.yaml': 'title: x\ngroups:\n  from: g.csv\n  rows:\n    - { id: GT, population: 3 }\n',
      'g.csv': 'id,name,population\nMX,Mexico,1\nGT,Guatemala,2\n',
    });
    const doc = await loadDocument(file, { set: ['title=y'] });
    const csv = join(s.dir, 'g.csv');
    expect(doc.locate(['groups', 'rows', 0, 'population'])).toMatchObject({ file: csv, line: 2, col: 11 });
    expect(doc.locate(['groups', 'rows', 1, 'population'])).toMatchObject({ file, line: 5 });
    expect(doc.locate(['groups', 'rows', 1, 'name'])).toMatchObject({ file: csv, line: 3, col: 4 });
    expect(doc.locate(['title'])).toEqual({ file: '--set', line: 1, col: 7, sourceLine: 'title=y' });
  });
});

describe('a scenario that extends the shipped minimal fixture', () => {
  it('keeps the CSV of the base, relative to the base', async () => {
    const file = await s.write({ 'c.yaml': `extends: ${JSON.stringify(MINIMAL)}\ntitle: c\n` });
    const doc = await loadDocument(file, { allowAnyPath: true });
    expect(doc.tables.map((t) => relative(process.cwd(), t.path))).toEqual([
      'tests/fixtures/valid/data/groups.csv',
    ]);
  });
});

describe('file inputs are confined and regular (issue 16)', () => {
  const base = `id: x
title: x
status: hypothetical
calendar: { start: 2023-10-01, years: 1 }
groups:
`;

  it('refuses extends and groups.from outside the scenario’s folder tree, after symbolic links, without quoting them', async () => {
    const secret = await scratch();
    try {
      await secret.write({ 'secret.yaml': 'password: hunter2\n', 'secret.csv': 'id,name\nSECRET,hunter2\n' });
      const file = await s.write({
        'a.yaml': `extends: ${JSON.stringify(join(secret.dir, 'secret.yaml'))}\n`,
        'b.yaml': `${base}  from: ${JSON.stringify(join(secret.dir, 'secret.csv'))}\n`,
      });
      await symlink(join(secret.dir, 'secret.csv'), join(s.dir, 'link.csv'));
      await s.write({ 'c.yaml': `${base}  from: link.csv\n`, 'd.yaml': 'extends: /proc/self/environ\n' });
      for (const name of ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']) {
        const issues = await issuesOf(loadDocument(join(s.dir, name)));
        expect(issues).toHaveLength(1);
        expect(issues[0]?.message).toMatch(/outside the scenario's own folder .*--allow-any-path/);
        expect(JSON.stringify(issues)).not.toMatch(/hunter2|PATH=/);
      }
      expect(file).toBe(join(s.dir, 'a.yaml'));
      // allowed with the flag
      const doc = await loadDocument(join(s.dir, 'c.yaml'), { allowAnyPath: true });
      expect(doc.tables[0]?.rows.map((r) => r.id)).toEqual(['SECRET']);
    } finally {
      await secret.remove();
    }
  });

  it('reads files in the scenario’s own folder tree and the installed scenarios/', async () => {
    await s.write({
      'data/g.csv': 'id,name\nMX,Mexico\n',
      'sub/base.yaml': `${base}  from: ../data/g.csv\n`,
    });
    const doc = await loadDocument(await s.write({ 'a.yaml': 'extends: sub/base.yaml\n' }));
    expect(doc.tables[0]?.rows.map((r) => r.id)).toEqual(['MX']);
    const shipped = join(process.cwd(), 'scenarios/us-300k-work-visas.yaml');
    const child = await s.write({ 'c.yaml': `extends: ${JSON.stringify(shipped)}\ntitle: c\n` });
    expect((await loadDocument(child)).tables).toHaveLength(1);
  });

  it('refuses a FIFO, a device and a binary file without hanging or reading them whole', async () => {
    const fifo = join(s.dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await s.write({ 'nul.csv': 'id,name\nMX,Me\0xico\n' });
    const cases: [string, RegExp][] = [
      [`${base}  from: pipe.csv\n`, /not a regular file/],
      [`${base}  from: nul.csv\n`, /not a text file/],
    ];
    for (const [text, re] of cases) {
      const issues = await issuesOf(loadDocument(await s.write({ 'x.yaml': text })));
      expect(issues[0]?.message).toMatch(re);
    }
    const dev = await issuesOf(
      loadDocument(await s.write({ 'z.yaml': 'extends: /dev/zero\n' }), { allowAnyPath: true }),
    );
    expect(dev[0]?.message).toMatch(/not a regular file/);
    const top = await issuesOf(loadDocument(fifo));
    expect(top[0]?.message).toMatch(/not a regular file/);
  });
});

describe('input not dropped without a word (issue 16)', () => {
  it('refuses groups.from: "" at its line', async () => {
    const file = await s.write({
      'e.yaml':
        'id: x\ntitle: x\nstatus: hypothetical\ncalendar: { start: 2023-10-01, years: 1 }\ngroups:\n  from: ""\n',
    });
    const issues = await issuesOf(loadDocument(file));
    expect(issues.map((i) => [i.path.join('.'), i.line])).toEqual([['groups.from', 6]]);
    expect(issues[0]?.message).toMatch(/a file name.*empty/);
  });
});
