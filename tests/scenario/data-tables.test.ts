/**
 * Tables named by `from:` inside lists (data-tables.ts): read relative to the file that names them
 * (a base scenario's own folder through `extends`, the current folder for --set), into `rows`, with
 * every cell located in the CSV; a backlog read from a CSV compiles to the same model as inline rows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/model.js';
import { dataSites } from '../../src/scenario/data-tables.js';
import { loadScenario } from '../../src/scenario/index.js';
import { issuesOf, MINIMAL, messages, type Scratch, scratch } from './helpers.js';

let s: Scratch;
beforeEach(async () => {
  s = await scratch();
});
afterEach(() => s.remove());

const backlog = (rows: string) => `id: eb2
title: EB-2
status: hypothetical
calendar: { start: 2024-10-01, years: 1 }
groups:
  rows: [{ id: IN, name: India }, { id: CN, name: China }]
programs:
  - id: eb2
    title: EB-2
    demand: { per_year: 100 }
    inventory:
${rows}
    pools:
      - { id: eb2, cap: 1000, select: queue }
checks:
  - { description: at most the cap, metric: issued, program: eb2, at_most: 1000 }
`;
const CSV = '# illustrative\ngroup,pool,priority_date,count\nIN,eb2,2013-07,2000\nCN,eb2,2020-07,500\n';

describe('inventory.from', () => {
  it('reads the same backlog as the inline rows (same model)', async () => {
    const fromCsv = await s.write({
      'csv/s.yaml': backlog('      from: data/backlog.csv'),
      'csv/data/backlog.csv': CSV,
    });
    const inline = await s.write({
      'inline/s.yaml': backlog(
        '      rows:\n        - { group: IN, pool: eb2, priority_date: 2013-07, count: 2000 }\n        - { group: CN, pool: eb2, priority_date: 2020-07, count: 500 }',
      ),
    });
    const a = compileModel((await loadScenario(fromCsv)).scenario);
    const b = compileModel((await loadScenario(inline)).scenario);
    expect(a.programs[0]?.inventory).toEqual(b.programs[0]?.inventory);
    expect(a.programs[0]?.inventory.length).toBe(2);
  });

  it('a file named by a base scenario is found beside the base', async () => {
    await s.write({ 'base/s.yaml': backlog('      from: data/backlog.csv'), 'base/data/backlog.csv': CSV });
    const child = await s.write({ 'child/c.yaml': 'extends: ../base/s.yaml\ntitle: A child\n' });
    const { scenario } = await loadScenario(child, { allowAnyPath: true });
    expect(scenario.programs[0]?.inventory?.rows.length).toBe(2);
  });

  it('errors in the CSV point at its line and column, with the YAML path', async () => {
    const file = await s.write({
      's.yaml': backlog('      from: data/backlog.csv'),
      'data/backlog.csv': 'group,pool,priority_date,count\nIN,eb2,2013-07,2000\nIN,eb2,July 2013,5\n',
    });
    const [issue] = await issuesOf(loadScenario(file));
    expect(issue?.file).toMatch(/data\/backlog\.csv$/);
    expect([issue?.line, issue?.col]).toEqual([3, 8]);
    expect(issue?.path).toEqual(['programs', 'eb2', 'inventory', 'rows', 1, 'priority_date']);
  });

  it('a ragged row is refused at the CSV, before any check', async () => {
    const file = await s.write({
      's.yaml': backlog('      from: data/backlog.csv'),
      'data/backlog.csv': 'group,pool,priority_date,count\nIN,eb2,2013-07\n',
    });
    const issues = await issuesOf(loadScenario(file));
    expect(messages(issues)).toEqual(['this row has 3 cells, but the header has 4']);
  });

  it('a file outside the scenario’s folder is refused unless --allow-any-path', async () => {
    await s.write({ 'data/backlog.csv': CSV });
    const file = await s.write({ 'sub/s.yaml': backlog('      from: ../data/backlog.csv') });
    const [issue] = await issuesOf(loadScenario(file));
    expect(issue?.message).toMatch(
      /programs\.eb2\.inventory\.from names .*backlog\.csv, which cannot be read/,
    );
    await expect(loadScenario(file, { allowAnyPath: true })).resolves.toBeDefined();
  });
});

describe('dataSites', () => {
  it('lists the series and inventories that name a file, and nothing else', () => {
    const sites = dataSites({
      series: [
        { id: 'a', from: 'a.csv' },
        { id: 'b', rows: [] },
      ],
      programs: [{ id: 'p', inventory: { from: 'b.csv' } }, { id: 'q' }],
    });
    expect(sites.map((x) => x.path)).toEqual([
      ['series', 0],
      ['programs', 0, 'inventory'],
    ]);
  });
});

describe('series.from', () => {
  it('a series set with --set is read from where it names, whatever the scenario folder', async () => {
    const csv = await s.write({ 'elsewhere/arrivals.csv': 'fiscal_year,value\nFY2024,1\nFY2025,2\n' });
    const file = await s.write({ 'c.yaml': `extends: ${JSON.stringify(MINIMAL)}\n` });
    const { scenario } = await loadScenario(file, {
      allowAnyPath: true,
      set: [`series=[{ id: arrivals, from: ${JSON.stringify(csv)} }]`],
    });
    expect(scenario.series[0]?.rows).toEqual([
      { fiscal_year: 'FY2024', value: 1 },
      { fiscal_year: 'FY2025', value: 2 },
    ]);
  });
});
