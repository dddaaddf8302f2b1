/**
 * The starter scenario `visasim init` writes: it loads and validates as written (no issue, no
 * warning), compiles, runs and passes its own check; its title, cap and check agree; and the
 * comments that list the choices of a key name exactly the choices the schema allows.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STARTER_SCENARIO, starterScenario } from '../../src/cli/template.js';
import { compileModel, type Model } from '../../src/model/model.js';
import { loadScenario, type ScenarioIssue } from '../../src/scenario/index.js';
import {
  CalendarSchema,
  type Scenario,
  SelectSchema,
  StatusSchema,
  UnusedSchema,
} from '../../src/scenario/schema.js';
import { accumulate } from '../../src/stats/accumulate.js';
import { evaluateChecks } from '../../src/stats/checks.js';
import { cell } from '../helpers/model.js';

let dir = '';
let scenario: Scenario;
let warnings: ScenarioIssue[];
let model: Model;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'visasim-template-'));
  const file = join(dir, 'my-scenario.yaml');
  await writeFile(file, STARTER_SCENARIO);
  ({ scenario, warnings } = await loadScenario(file));
  model = compileModel(scenario);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The comment after `key:` on its line in the starter text. */
function commentOf(key: string): string {
  const line = STARTER_SCENARIO.split('\n').find((l) => l.trimStart().startsWith(`${key}:`));
  const m = line ? /#\s*(.*)$/.exec(line) : null;
  if (!m) throw new Error(`no commented line for ${key}`);
  return m[1] as string;
}

/** A run's kept cells spread back over the full cell vector (NaN where not kept). */
function simulateValues(acc: ReturnType<typeof accumulate>, run: number): Float64Array {
  const out = new Float64Array(model.cells.size).fill(Number.NaN);
  const kept = acc.runValues(run);
  acc.offsets.forEach((o, k) => {
    out[o] = kept[k] as number;
  });
  return out;
}

describe('STARTER_SCENARIO: loads, compiles and runs', () => {
  it('validates through loadScenario with no warning', () => {
    expect(warnings).toEqual([]);
    expect(scenario.id).toBe('my-scenario');
    expect(scenario.status).toBe('hypothetical');
  });

  it('compiles to three fiscal years from FY2025, one program with one pool, three groups', () => {
    expect(model.calendar.fiscalYears.map((f) => f.label)).toEqual(['FY2025', 'FY2026', 'FY2027']);
    expect(model.calendar.steps).toHaveLength(36);
    expect(model.groups.map((g) => g.id)).toEqual(['GT', 'HN', 'SV']);
    expect(model.programs.map((p) => p.id)).toEqual(['program']);
    expect(model.pools.map((p) => p.id)).toEqual(['main']);
    expect(model.seed).toBe('1');
    expect(model.runs).toBe(500);
  });

  it('runs: the 10,000 numbers of each fiscal year are all issued, and its own check holds', () => {
    const runs = 4;
    const acc = accumulate(model, { runs, seed: model.seed });
    expect(acc.added).toBe(runs);
    for (let r = 0; r < runs; r++) {
      const values = simulateValues(acc, r);
      for (const fy of ['FY2025', 'FY2026', 'FY2027']) {
        expect(cell(model, values, { period: fy, metric: 'cap' })).toBe(10_000);
        // demand is at least 17,000 a year even at the lowest take-up: the cap binds in every run
        expect(cell(model, values, { period: fy, metric: 'issued' })).toBe(10_000);
        expect(cell(model, values, { period: fy, metric: 'applicants' })).toBeGreaterThan(10_000);
      }
    }
    const checks = evaluateChecks(model, acc, scenario.checks);
    expect(checks).toHaveLength(1);
    expect(checks.map((c) => c.ok)).toEqual([true]);
  });
});

describe('STARTER_SCENARIO: structure and comments', () => {
  it('points editors at the shipped JSON schema and tells the user what to run next', () => {
    const lines = STARTER_SCENARIO.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=SCHEMA_PATH');
    expect(starterScenario('../schema/scenario.schema.json').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schema/scenario.schema.json',
    );
    expect(STARTER_SCENARIO).toContain('visasim validate THIS_FILE && visasim run THIS_FILE');
    expect(STARTER_SCENARIO.endsWith('\n')).toBe(true);
  });

  it('has the top-level sections in reading order', () => {
    const doc = parse(STARTER_SCENARIO) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual([
      'id',
      'title',
      'status',
      'description',
      'sources',
      'calendar',
      'simulation',
      'groups',
      'parameters',
      'programs',
      'checks',
    ]);
  });

  it('keeps the title, the cap and the check on the same 10,000 numbers', () => {
    expect(scenario.title).toContain('10,000-visa');
    const pool = scenario.programs[0]?.pools[0];
    expect(pool?.cap).toEqual({ amount: 10_000, per: 'fiscal-year', source: 'my-source' });
    expect(scenario.checks[0]).toMatchObject({ metric: 'issued', at_most: 10_000, every_period: true });
    expect(scenario.checks[0]?.description).toContain('10,000');
  });

  it('cites a declared source and marks its uncertain parameter as an assumption', () => {
    const ids = scenario.sources.map((s) => s.id);
    expect(ids).toEqual(['my-source']);
    expect(scenario.programs[0]?.source).toBe('my-source');
    expect(scenario.parameters).toHaveLength(1);
    expect(scenario.parameters[0]).toMatchObject({
      id: 'take_up',
      assumption: true,
      uniform: [0.0005, 0.0015],
    });
  });

  it('lists, in its comments, exactly the choices the schema allows', () => {
    expect(commentOf('status').split(' | ')).toEqual([...StatusSchema.options]);
    expect(commentOf('step')).toBe(`${CalendarSchema.shape.step.unwrap().options.join(' (default) or ')}`);
    const selectChoices = commentOf('select').split(' | ');
    // the plain methods, then the object form
    expect(selectChoices.slice(0, -1)).toEqual(['lottery', 'fcfs', 'uscis', 'queue', 'pro-rata']);
    for (const m of selectChoices.slice(0, -1)) expect(SelectSchema.safeParse(m).success, m).toBe(true);
    expect(SelectSchema.safeParse('weighted').success).toBe(false);
    const unusedChoices = commentOf('unused').split(' | ');
    expect(unusedChoices).toEqual(['lapse', 'roll', 'carry', '{spill: other-pool}']);
    for (const u of unusedChoices.slice(0, 3)) expect(UnusedSchema.safeParse(u).success, u).toBe(true);
    expect(UnusedSchema.safeParse({ spill: 'other-pool' }).success).toBe(true);
  });

  it('says which command-line options override the simulation settings', () => {
    expect(commentOf('runs')).toContain('--runs overrides');
    expect(commentOf('seed')).toContain('--seed overrides');
  });
});
