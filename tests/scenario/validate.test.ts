import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRICS } from '../../src/core/types.js';
import { loadScenario } from '../../src/scenario/index.js';
import * as msg from '../../src/scenario/messages.js';
import { MAX_RUNS } from '../../src/scenario/schema.js';
import { issuesOf, loadOverride, MINIMAL, messages, type Scratch, scratch } from './helpers.js';

let s: Scratch;
beforeEach(async () => {
  s = await scratch();
});
afterEach(async () => {
  await s.remove();
});

const errors = (body: string, set?: string[]) => issuesOf(loadOverride(s, body, set));
const pool = (name: string, body: string) =>
  `programs:\n  - id: work-visas\n    pools:\n      - id: ${name}\n${body}`;

describe('a valid scenario', () => {
  it('comes back typed, with defaults filled in and no warnings', async () => {
    const { scenario, warnings, doc } = await loadScenario(MINIMAL);
    expect(warnings).toEqual([]);
    expect(scenario.calendar).toEqual({
      start: '2023-10-01',
      years: 2,
      step: 'month',
      fiscal_year_start: '10-01',
    });
    expect(scenario.programs[0]?.pools.map((p) => [p.id, p.select, p.unused])).toEqual([
      ['mexico', 'lottery', 'lapse'],
      ['central-america', 'lottery', { spill: 'mexico' }],
    ]);
    expect(scenario.groups.rows?.map((r) => r.id)).toEqual(['MX', 'GT', 'HN', 'SV']);
    expect(doc.files).toEqual([MINIMAL]);
  });
});

describe('schema errors', () => {
  it('points at an unknown key and suggests the nearest valid key at that level', async () => {
    const [issue] = await errors('simulation:\n  runz: 10\n');
    expect(issue).toMatchObject({ code: 'unknown_key', path: ['simulation', 'runz'], line: 3, col: 3 });
    expect(issue?.message).toBe(msg.unknownKey('runz', 'runs'));
  });

  it('lists the valid keys when no key is close', async () => {
    const [issue] = await errors('calendar:\n  zzzzzz: 1\n');
    expect(issue?.message).toBe(
      msg.unknownKey('zzzzzz', undefined, ['start', 'years', 'step', 'fiscal_year_start']),
    );
  });

  it('refuses $remove of an item nothing beneath defines', async () => {
    const file = await s.write({ 'root.yaml': 'sources:\n  - { id: a, $remove: true }\n' });
    expect(messages(await issuesOf(loadScenario(file)))).toEqual([
      msg.noItemWithId('sources', 'a', undefined, []),
    ]);
  });

  it('reports a missing required key at the map that lacks it', async () => {
    const file = await s.write({
      'x.yaml': 'id: x\ntitle: X\nstatus: proposed\ngroups: { rows: [{ id: A, name: A }] }\nprograms: []\n',
    });
    const issues = await issuesOf(loadScenario(file));
    expect(issues.map((i) => [i.code, i.path.join('.'), i.line])).toEqual([
      ['missing_key', 'calendar', 1],
      ['invalid_value', 'programs', 5],
    ]);
    expect(issues[0]?.message).toBe(
      msg.missingKey('calendar', 'a map (start, years, step, fiscal_year_start)'),
    );
    expect(issues[1]?.message).toBe(msg.wrongType('a list of at least 1 item', 'an empty list'));
  });

  it('says what was expected and what was found, with a hint for YAML 1.1 booleans, dates and formatted numbers', async () => {
    const issues = await errors(
      `calendar:\n  years: 2028-09-30\n${pool('mexico', '        cap: 150_000\n        split: { by: population_2020, resplit: yes }\n')}`,
    );
    expect(issues.map((i) => [i.message, i.hint])).toEqual([
      [msg.wrongType('a whole number from 1 to 50', '"2028-09-30"'), msg.hintDateNotNumber()],
      [
        msg.wrongType('a whole number ≥ 0 or a formula of parameters', '"150_000"'),
        msg.hintNumberAsText('150000'),
      ],
      [msg.wrongType('true/false', '"yes"'), msg.hintYaml11Boolean('yes', true)],
    ]);
  });

  it('suggests the nearest value of an enum', async () => {
    const [issue] = await errors(pool('mexico', '        select: fcsf\n'));
    expect(issue?.message).toBe(
      msg.notOneOf(['lottery', 'fcfs', 'uscis', 'queue', 'pro-rata'], '"fcsf"', 'fcfs'),
    );
  });

  it('reports the union branch the value was meant for', async () => {
    const missingWeight = await errors(pool('mexico', '        select: { method: weighted-lottery }\n'));
    expect(missingWeight.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['programs.work-visas.pools.mexico.select.weight', msg.missingKey('weight', 'a number or text')],
    ]);
    const typo = await errors(pool('mexico', '        cap: { amount: 5, pr: month }\n'));
    expect(messages(typo)).toEqual([msg.unknownKey('pr', 'per')]);
    const method = await errors(pool('mexico', '        select: { method: mixx, parts: [] }\n'));
    expect(messages(method)).toEqual([msg.notOneOf(['weighted-lottery', 'uscis', 'mix'], '"mixx"', 'mix')]);
    const spil = await errors(pool('central-america', '        unused: { spil: mexico }\n'));
    expect(messages(spil)).toEqual([msg.unknownKey('spil', 'spill')]);
  });

  it('refuses a runs count beyond the limit, and says the limit', async () => {
    const [issue] = await errors('', [`simulation.runs=${MAX_RUNS + 1}`]);
    expect(issue).toMatchObject({
      file: '--set',
      path: ['simulation', 'runs'],
      hint: msg.hintRunsLimit(MAX_RUNS),
    });
  });

  it('reports every error of the file at once, in file order', async () => {
    const issues = await errors('title: 5\nstatus: maybe\nsimulation: { runs: 0, sed: 1 }\n');
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'title',
      'status',
      'simulation.runs',
      'simulation.sed',
    ]);
  });
});

describe('references', () => {
  it('requires unique ids for programs, pools (across programs) and groups', async () => {
    const issues = await errors(
      'groups:\n  rows:\n    - { id: MX, name: Mexico }\n    - { id: MX, name: Mexico }\nprograms:\n  - id: other\n    title: Other\n    pools:\n      - { id: mexico, cap: 1 }\n',
    );
    const dups = issues.filter((i) => i.code === 'duplicate_id');
    expect(dups).toHaveLength(2);
    expect(dups[0]?.message).toMatch(/^group id "MX" is used twice \(first at .*child\.yaml:4\)/);
    expect(dups[0]).toMatchObject({ path: ['groups', 'rows', 4, 'id'], line: 5, col: 13 });
    expect(dups[1]?.message).toMatch(/^pool id "mexico" is used twice \(first at .*minimal\.yaml:35\)/);
  });

  it('checks divert_to, checks and metrics against what exists', async () => {
    const issues = await errors(`programs:
  - id: work-visas
    not_selected: { divert_to: irregular }
checks:
  - description: x
    metric: isued
    program: work-visas
    pools: [mexico, nope]
    at_least: 1
  - description: y
    metric: cap
    program: work-visa
`);
    expect(messages(issues)).toEqual([
      msg.unknownReference('program', 'irregular', undefined, ['work-visas']),
      msg.unknownReference('metric', 'isued', 'issued', [...METRICS]),
      msg.poolNotInProgram('nope', 'work-visas', ['mexico', 'central-america']),
      msg.checkNeedsBound(),
      msg.unknownReference('program', 'work-visa', 'work-visas', ['work-visas']),
    ]);
  });

  it('refuses a pool that spills to itself, and opens_after chains that loop', async () => {
    const issues = await errors(`programs:
  - id: work-visas
    pools:
      - { id: mexico, opens_after: central-america, unused: { spill: mexico } }
      - { id: central-america, opens_after: mexico, unused: lapse }
`);
    expect(messages(issues)).toEqual([
      msg.opensAfterLoop(['mexico', 'central-america', 'mexico']),
      msg.selfReference('spill its unused numbers to', 'mexico'),
    ]);
  });
});

describe('numbers, dates and windows', () => {
  it('needs exactly one of cap or tranches; roll needs tranches; from/until need per: total', async () => {
    const issues = await errors(`programs:
  - id: work-visas
    pools:
      - { id: mexico, cap: null, unused: roll }
      - id: central-america
        cap: { amount: 10, per: month, from: 2024-01-01 }
`);
    expect(messages(issues)).toEqual([
      msg.capOrTranches(false),
      msg.rollWithoutTranches(),
      msg.capDatesNeedTotal(),
    ]);
  });

  it('checks limit_per_group, demand, not_selected and mix shares', async () => {
    const issues = await errors(`programs:
  - id: work-visas
    demand: { per_month: 10 }
    not_selected: { reapply: 0.8, divert: 0.3 }
    pools:
      - id: mexico
        limit_per_group: { share: 0.07, amount: 10 }
        select: { method: mix, parts: [{ method: queue, share: 0.5 }, { method: lottery, share: 0.4 }] }
`);
    expect(messages(issues)).toEqual([
      msg.demandOneOf(true),
      msg.notSelectedOverOne(0.8, 0.3),
      msg.limitOneOf(true),
      msg.mixSharesSum(0.9),
    ]);
  });

  it('accepts a window that crosses January 1 but not one that leaves the fiscal year, and refuses Feb 29', async () => {
    const issues = await errors(
      pool(
        'mexico',
        '        window: { from: 10-01, to: 03-31 }\n      - id: central-america\n        window: { from: 02-29, to: 09-30 }\n',
      ),
    );
    expect(messages(issues)).toEqual([msg.notCalendarDay('02-29')]);
  });

  it('compares per-month and per-half pools with the program cap per fiscal year', async () => {
    const issues = await errors(`programs:
  - id: work-visas
    pools:
      - { id: mexico, cap: { amount: 10000, per: month } }
      - { id: central-america, cap: { amount: 100000, per: half } }
`);
    expect(messages(issues)).toEqual([msg.poolCapsExceedProgram(320000, 300000, 'fiscal-year')]);
  });
});

describe('formulas', () => {
  it('names the defined symbols; attributes are not defined in demand, year not in lottery weights', async () => {
    const issues = await errors(`programs:
  - id: work-visas
    demand: { per_year: returning_worker * 10 + year }
    pools:
      - { id: mexico, eligible: year > 1, select: { method: weighted-lottery, weight: year } }
`);
    expect(issues.map((i) => i.code)).toEqual(['formula', 'formula']);
    expect(issues[0]?.message).toMatch(
      /^invalid formula: unknown symbol "returning_worker".*; defined: days_open, encounters_fy2022, fy, id, month, name, population_2020, region, take_up, today, year$/,
    );
    expect(issues[1]?.message).toMatch(/unknown symbol "year"/);
  });

  it('tries a per-group limit formula on the groups of its class only', async () => {
    // 20,000,000 − population is negative for Mexico only, which takes the 7% rate, not the class's
    const { warnings } = await loadOverride(
      s,
      `ceilings:
  - id: pc
    pools: [mexico]
    per_group: { share: 0.07, classes: [{ when: 'region == "Central America"', amount: '20000000 - population_2020' }] }
`,
    );
    expect(warnings).toEqual([]);
  });

  it('tries each formula on the groups it applies to', async () => {
    const issues = await errors(`groups:
  rows:
    - { id: ZZ, name: Nowhere, region: Central America }
programs:
  - id: work-visas
    pools:
      - id: mexico
        eligible: 'id == "MX" ? "yes" : false'
`);
    expect(messages(issues)).toEqual([
      msg.splitValueMissing('population_2020', 'ZZ', 'central-america'),
      msg.eligibleNotBoolean('MX', '"yes"'),
      msg.formulaFailsFor('ZZ', '"encounters_fy2022" has no value here'),
    ]);
  });

  it('points the column at the place in the formula where it went wrong', async () => {
    const [issue] = await errors(pool('mexico', '        eligible: id == "MX" or regon == "x"\n'));
    expect(issue).toMatchObject({ code: 'formula', line: 6, col: 33 });
  });

  it('checks group ids compared with id', async () => {
    const [issue] = await errors(pool('mexico', '        eligible: id == "GTM"\n'));
    expect(issue?.message).toBe(msg.unknownReference('group', 'GTM', 'GT', ['MX', 'GT', 'HN', 'SV']));
    expect(issue?.col).toBe(25);
  });

  it('lets a oneOf list name countries that are not groups, warning only of a name close to one', async () => {
    // a statutory list (the DV's ineligible countries) names countries the scenario may not have
    const { warnings } = await loadOverride(
      s,
      pool('mexico', '        eligible: oneOf(id, "MX", "GTM", "CU")\n'),
    );
    expect(messages(warnings)).toEqual([msg.listNameNotGroup('GTM', 'GT')]);
    expect(warnings[0]?.col).toBe(35);
  });

  it('refuses parameter names that collide with columns or reserved names', async () => {
    const issues = await errors('parameters:\n  - { id: region, value: 1 }\n  - { id: year, value: 2 }\n');
    expect(messages(issues)).toEqual([
      msg.nameClash('region', 'a parameter', 'a group column'),
      msg.reservedName('year'),
    ]);
  });
});

describe('warnings', () => {
  it('flags a demand window of by_group that no group takes, saying why', async () => {
    const { warnings } = await loadOverride(
      s,
      `programs:
  - id: work-visas
    demand:
      by_group:
        - { when: region == "Central America", from: 2024-01-06 }
        - { when: region == "Caribbean", from: 2024-02-01 }
        - { when: 'oneOf(id, "GT")', from: 2024-03-01 }
        - { when: id == "MX", from: 2024-03-01 }
`,
    );
    expect(messages(warnings)).toEqual([msg.byGroupMatchesNone(false), msg.byGroupMatchesNone(true)]);
    expect(warnings.map((w) => w.path.join('.'))).toEqual([
      'programs.work-visas.demand.by_group.1.when',
      'programs.work-visas.demand.by_group.2.when',
    ]);
  });

  it('flags a by_group window whose segments earlier entries took, reading attributes per segment', async () => {
    const { warnings } = await loadOverride(
      s,
      `attributes:
  - { id: returning, description: worked here before, share: 0.3 }
programs:
  - id: work-visas
    demand:
      by_group:
        - { when: id == "MX" and returning, from: 2024-01-06 }
        - { when: id == "MX", from: 2024-02-01 }
        - { when: id == "MX" and not returning, from: 2024-03-01 }
`,
    );
    expect(messages(warnings)).toEqual([msg.byGroupMatchesNone(true)]);
    expect(warnings.map((w) => w.path.join('.'))).toEqual(['programs.work-visas.demand.by_group.2.when']);
  });

  it('flags unused parameters, attributes and sources, programs without demand, and pools nobody is eligible for', async () => {
    const { warnings } = await loadOverride(
      s,
      `sources:
  - { id: unused-source, title: Never cited }
parameters:
  - { id: spare, value: 3 }
attributes:
  - { id: spare_attribute, description: x, share: 0.1 }
programs:
  - id: second
    title: Second
    pools:
      - { id: nobody, cap: 5, eligible: region == "Europe" }
`,
    );
    expect(warnings.map((w) => [w.severity, w.message])).toEqual([
      ['warning', msg.unusedSource('unused-source')],
      ['warning', msg.unusedParameter('spare')],
      ['warning', msg.unusedAttribute('spare_attribute')],
      ['warning', msg.programWithoutDemand('second')],
      ['warning', msg.poolNobodyEligible('nobody')],
    ]);
  });
});

describe('group columns', () => {
  it('documents only columns the groups have, and a demand profile needs some weight', async () => {
    const issues = await errors(`groups:
  columns:
    population_2020: { description: Population in 2020 }
    population_202: { description: A typo }
programs:
  - id: work-visas
    demand: { profile: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }
`);
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [
        5,
        msg.unknownReference('column', 'population_202', 'population_2020', [
          'id',
          'name',
          'region',
          'population_2020',
          'encounters_fy2022',
        ]),
      ],
      [8, msg.profileZero()],
    ]);
  });
});

describe('every independent error at once (issue 16)', () => {
  const CSV =
    'id,name,region,encounters_fy2022\nMX,Mexico,North America,808339\nGT,Guatemala,Central America,232572\n';
  const file = (pools: string, parameter = 'uniform: [0.3, 0.6]') =>
    s.write({
      'three.yaml': `id: three
title: Three mistakes
status: hypothetical
calendar: { start: 2023-10-01, years: 2 }
simulation: { runs: 10, seed: 1 }
groups:
  from: data/groups.csv
parameters:
  - { id: take_up, ${parameter} }
programs:
  - id: work-visas
    title: Work visas
    demand:
      per_year: encounters_fy2022 * take_upp
    pools:
${pools}`,
      'data/groups.csv': CSV,
    });
  const brief = (issues: Awaited<ReturnType<typeof issuesOf>>) =>
    issues.map((i) => [i.line, i.code, i.path.join('.')]);

  it('reports a schema mistake and two formula mistakes together, each at its line', async () => {
    const f = await file(`      - id: mexico
        cap: 150000
        eligible: id == "MX" and
        select: lotery
      - id: central-america
        cap: 150000
        eligible: region == "Central America"
`);
    expect(brief(await issuesOf(loadScenario(f)))).toEqual([
      [14, 'formula', 'programs.work-visas.demand.per_year'],
      [18, 'formula', 'programs.work-visas.pools.mexico.eligible'],
      [19, 'invalid_value', 'programs.work-visas.pools.mexico.select'],
    ]);
  });

  it('checks the rest of the file when a required number is out of range or a required word is missing', async () => {
    // calendar.years and the title are required: removing them would take the calendar (or the
    // whole file) out of the checks, so the formula and the spill were only reported after a fix
    const pools = `      - id: mexico
        cap: 150000
        unused: { spill: nowhere }
`;
    const f = await file(pools);
    const text = await readFile(f, 'utf8');
    await writeFile(f, text.replace('years: 2 }', 'years: 0 }').replace('title: Three mistakes\n', ''));
    expect(brief(await issuesOf(loadScenario(f)))).toEqual([
      [1, 'missing_key', 'title'],
      [3, 'invalid_value', 'calendar.years'],
      [13, 'formula', 'programs.work-visas.demand.per_year'],
      [17, 'bad_reference', 'programs.work-visas.pools.mexico.unused.spill'],
    ]);
  });

  it('does not report the knock-on errors of a refused part twice', async () => {
    // the pool "mex ico" is refused: the spill that names it is not also reported as an unknown pool
    // (its own id is refused by the schema too, at its line)
    const f = await file(`      - id: mex ico
        cap: 150000
        eligible: id == "MX"
      - id: central-america
        cap: 150000
        eligible: region == "Central America"
        unused: { spill: mex ico }
`);
    const issues = await issuesOf(loadScenario(f));
    expect(brief(issues)).toEqual([
      [14, 'formula', 'programs.work-visas.demand.per_year'],
      [16, 'invalid_value', 'programs.work-visas.pools.mex ico.id'],
      [22, 'invalid_value', 'programs.work-visas.pools.central-america.unused.spill'],
    ]);
    expect(issues.filter((i) => i.code === 'bad_reference')).toEqual([]);
    // a refused parameter is not reported again as an unknown symbol where a formula reads it
    const g = await file(
      `      - { id: mexico, cap: 1000, eligible: take_up > 0 }
`,
      'uniform: abc',
    );
    const more = await issuesOf(loadScenario(g));
    expect(brief(more)).toEqual([
      [9, 'invalid_type', 'parameters.take_up.uniform'],
      [14, 'formula', 'programs.work-visas.demand.per_year'],
    ]);
  });
});
