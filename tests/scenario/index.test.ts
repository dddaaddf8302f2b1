import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatIssues, loadScenario, pathToString, ScenarioError } from '../../src/scenario/index.js';
import * as msg from '../../src/scenario/messages.js';
import { issuesOf, type Scratch, scratch } from './helpers.js';

let s: Scratch;
beforeEach(async () => {
  s = await scratch();
});
afterEach(async () => {
  await s.remove();
});

const CSV =
  'id,name,region,population\nMX,Mexico,North America,100\nGT,Guatemala,Central America,40\nHN,Honduras,Central America,30\n';
const BASE = `id: base
title: Base
status: hypothetical
calendar: { start: 2023-10-01, years: 2 }
simulation: { runs: 50, seed: 3 }
groups:
  from: groups.csv
programs:
  - id: work
    title: Work visas
    demand: { per_year: population }
    pools:
      - id: mexico
        cap: 100
        eligible: id == "MX"
      - id: central-america
        cap: 50
        eligible: region == "Central America"
        split: { by: population }
`;

/** Write the base, its CSV and a child that extends it; returns the child's path. */
async function child(body: string): Promise<string> {
  await s.write({ 'base.yaml': BASE, 'groups.csv': CSV });
  return s.write({ 'sub/child.yaml': `extends: ../base.yaml\n${body}` });
}

describe('loadScenario', () => {
  it('loads a file with its groups CSV into a typed scenario, without warnings', async () => {
    const file = await s.write({ 'base.yaml': BASE, 'groups.csv': CSV });
    const { scenario, warnings, doc } = await loadScenario(file, { allowAnyPath: true });
    expect(warnings).toEqual([]);
    expect(scenario.id).toBe('base');
    expect(scenario.simulation.runs).toBe(50);
    expect(scenario.programs[0]?.pools.map((p) => [p.id, p.cap])).toEqual([
      ['mexico', 100],
      ['central-america', 50],
    ]);
    expect(doc.raw).toMatchObject({ id: 'base' });
  });

  it('applies extends (relative to the child) and the child’s overrides by id', async () => {
    const file = await child(
      'id: child\nprograms:\n  - id: work\n    pools:\n      - id: mexico\n        cap: 70\n',
    );
    const { scenario } = await loadScenario(file, { allowAnyPath: true });
    expect(scenario.id).toBe('child');
    expect(scenario.title).toBe('Base');
    expect(scenario.programs[0]?.pools.map((p) => [p.id, p.cap])).toEqual([
      ['mexico', 70],
      ['central-america', 50],
    ]);
  });

  it('applies --set overrides after extends, by id path', async () => {
    const file = await child('id: child\n');
    const { scenario } = await loadScenario(file, {
      allowAnyPath: true,
      set: ['simulation.runs=7', 'programs.work.pools.central-america.cap=25'],
    });
    expect(scenario.simulation.runs).toBe(7);
    expect(scenario.programs[0]?.pools.find((p) => p.id === 'central-america')?.cap).toBe(25);
  });

  it('returns warnings without throwing', async () => {
    const file = await child(
      'programs:\n  - id: work\n    pools:\n      - id: mexico\n        eligible: region == "Europe"\n',
    );
    const { warnings } = await loadScenario(file, { allowAnyPath: true });
    expect(warnings.map((w) => [w.severity, w.message, pathToString(w.path)])).toEqual([
      ['warning', msg.poolNobodyEligible('mexico'), 'programs.work.pools.mexico.eligible'],
    ]);
    expect(warnings[0]?.file).toBe(join(s.dir, 'sub/child.yaml'));
  });

  it('throws a ScenarioError with file:line:col for a schema error in the child', async () => {
    const file = await child('simulation:\n  runs: many\n');
    const err = await loadScenario(file, { allowAnyPath: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ScenarioError);
    const issues = (err as ScenarioError).issues;
    expect(issues.map((i) => [i.code, pathToString(i.path), i.line, i.col])).toEqual([
      ['invalid_type', 'simulation.runs', 3, 9],
    ]);
    expect(issues[0]?.file).toBe(join(s.dir, 'sub/child.yaml'));
    expect((err as ScenarioError).message).toBe(formatIssues(issues));
    expect((err as ScenarioError).message).toContain('child.yaml:3:9');
  });

  it('points a --set error at the --set argument', async () => {
    const file = await child('id: child\n');
    const issues = await issuesOf(loadScenario(file, { allowAnyPath: true, set: ['simulation.runs=-3'] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: '--set', line: 1, col: 17, code: 'invalid_value' });
    expect(issues[0]?.sourceLine).toBe('simulation.runs=-3');
  });

  it('points an error in the base at the base file', async () => {
    await s.write({ 'base.yaml': BASE.replace('cap: 50', 'cap: fifty'), 'groups.csv': CSV });
    const file = await s.write({ 'c.yaml': 'extends: base.yaml\nid: c\n' });
    const issues = await issuesOf(loadScenario(file, { allowAnyPath: true }));
    expect(issues.map((i) => [i.file, i.line, pathToString(i.path)])).toEqual([
      [join(s.dir, 'base.yaml'), 17, 'programs.work.pools.central-america.cap'],
    ]);
  });

  it('reports a reference error from the CSV columns (unknown split column)', async () => {
    const file = await child(
      'programs:\n  - id: work\n    pools:\n      - id: central-america\n        split: { by: populaton }\n',
    );
    const issues = await issuesOf(loadScenario(file, { allowAnyPath: true }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('populaton');
    expect(issues[0]?.message).toContain('did you mean "population"?');
    expect([issues[0]?.file, issues[0]?.line]).toEqual([join(s.dir, 'sub/child.yaml'), 6]);
  });

  it('throws a ScenarioError for a missing file and for an empty file', async () => {
    const missing = await issuesOf(loadScenario(join(s.dir, 'nope.yaml')));
    expect(missing.map((i) => i.code)).toEqual(['io']);
    const empty = await s.write({ 'empty.yaml': '' });
    expect((await issuesOf(loadScenario(empty))).map((i) => i.message)).toEqual([msg.emptyDocument()]);
  });
});
