/**
 * explainModel: the scenario in plain words. The header (title, status, time, groups), each
 * program with its demand and what happens to those not selected, each pool's cap (thousands
 * separators, per period, tranches), eligibility, split, per-group limit, selection and unused
 * numbers, then parameters with assumptions marked, checks and sources, each citation by title.
 */
import { describe, expect, it } from 'vitest';
import { explainModel } from '../../src/model/explain.js';
import { compileModel } from '../../src/model/model.js';
import { makeScenario, type ScenarioObject } from '../helpers/model.js';

/** The explanation of the default test scenario with some top-level keys replaced. */
function explain(over: ScenarioObject = {}): string {
  const scenario = makeScenario(over);
  return explainModel(scenario, compileModel(scenario));
}

const lines = (text: string) => text.split('\n');

/** The default program (makeScenario) with some of its keys replaced. */
function program(over: ScenarioObject = {}): ScenarioObject {
  return {
    id: 'prog',
    title: 'Program',
    demand: { per_year: 'population * 10', noise: 'poisson' },
    pools: [{ id: 'main', cap: 1000, select: 'lottery' }],
    ...over,
  };
}

/** The explanation of one program with these pools. */
const withPools = (pools: ScenarioObject[], over: ScenarioObject = {}) =>
  lines(explain({ programs: [program({ pools, ...over })] }));

/** The explanation of one program with this `not_selected`, as its "not selected" line. */
function notSelected(ns: ScenarioObject | undefined): string {
  const ls = withPools([{ id: 'main', cap: 1000 }], ns ? { not_selected: ns } : {});
  return ls.find((l) => l.startsWith('  Applicants not selected')) ?? '';
}

/** The "When more apply" line of a single pool with this `select`. */
function selection(select: unknown): string {
  const ls = withPools([{ id: 'main', cap: 1000, select }]);
  const line = ls.find((l) => l.startsWith('     When more apply than there are numbers: '));
  return (line ?? '').replace('     When more apply than there are numbers: ', '');
}

describe('explainModel: header', () => {
  it('starts with the title underlined to its length, the status and the description', () => {
    const ls = lines(explain({ description: 'What the measure does.' }));
    expect(ls.slice(0, 5)).toEqual([
      'Test scenario',
      '=============',
      'Status: hypothetical.',
      'What the measure does.',
      '',
    ]);
  });

  it('caps the underline at 100 characters', () => {
    const title = 'T'.repeat(140);
    expect(lines(explain({ title }))[1]).toBe('='.repeat(100));
  });

  it('states the horizon (fiscal years, dates, steps) and lists the groups by name and id', () => {
    const ls = lines(explain());
    expect(ls).toContain('Time: 2 fiscal years, FY2024 to FY2025 (2023-10-01 to 2025-09-30), in 24 steps.');
    expect(ls).toContain('Applicant groups (3): Alpha (A), Beta (B), Gamma (C).');
    const one = lines(explain({ calendar: { start: '2023-10-01', years: 1 } }));
    expect(one).toContain('Time: 1 fiscal year, FY2024 to FY2024 (2023-10-01 to 2024-09-30), in 12 steps.');
  });

  it('ends with exactly one newline after the last section', () => {
    const text = explain({ sources: [{ id: 's', title: 'S' }] });
    expect(text.endsWith('  [s] S\n')).toBe(true);
  });
});

describe('explainModel: programs and their applicants', () => {
  it('names each program by title and id, with its status, its sources and its total cap', () => {
    const ls = lines(
      explain({
        sources: [
          { id: 'fr', title: 'Federal Register notice', date: '2023-12-15' },
          { id: 'news', title: 'A news report' },
        ],
        programs: [
          program({
            title: 'Work visas',
            status: 'implemented',
            source: ['fr', 'news'],
            cap: 66000,
            description: 'Temporary work visas.',
          }),
        ],
      }),
    );
    expect(ls).toContain(
      'Program "Work visas" (prog), implemented [source: Federal Register notice, 2023-12-15; A news report]',
    );
    expect(ls).toContain('  Temporary work visas.');
    expect(ls).toContain('  Program total: 66,000 per period.');
  });

  it('describes demand per year or per month, its variation, and its dates', () => {
    const perYear = withPools([{ id: 'main', cap: 1000 }], {
      demand: { per_year: 'population * 10', noise: 'none', from: '2024-01-01', until: '2025-01-01' },
    });
    expect(perYear).toContain(
      '  Applicants: population * 10 per group per fiscal year, with no random variation, from 2024-01-01, until 2025-01-01.',
    );
    const perMonth = withPools([{ id: 'main', cap: 1000 }], {
      demand: { per_month: 'population', noise: { negative_binomial: { dispersion: 4 } }, note: 'A guess.' },
    });
    expect(perMonth).toContain(
      '  Applicants: population per group per month, with negative-binomial variation (dispersion 4). A guess.',
    );
  });

  it('lists the groups that take each by_group window, with what they keep of the program’s', () => {
    const ls = withPools([{ id: 'main', cap: 1000 }], {
      demand: {
        per_year: 'population * 10',
        from: '2024-01-01',
        by_group: [
          { when: 'region == "south"', until: '2024-06-01', note: 'Closed early.' },
          { when: 'id == "B"', from: '2024-02-01' },
          { when: 'id == "A"', profile: [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0] },
        ],
      },
    });
    expect(ls).toContain(
      "    B, C (region == \"south\"): arrivals from 2024-01-01 (the program's), until 2024-06-01, spread as the program's; other groups keep the program's. Closed early.",
    );
    expect(ls).toContain(
      '    No group (id == "B"): arrivals from 2024-02-01, with no end, spread as the program\'s — no group takes this window; other groups keep the program\'s.',
    );
    expect(ls).toContain(
      '    A (id == "A"): arrivals from 2024-01-01 (the program\'s), with no end, spread over the months as [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]; other groups keep the program\'s.',
    );
  });

  it('names the segments that take a by_group window whose `when` reads attributes', () => {
    const ls = lines(
      explain({
        attributes: [
          { id: 'returning', description: 'worked here before', share: 0.3 },
          { id: 'sponsored', description: 'has a sponsor', share: 0.5 },
        ],
        programs: [
          program({
            demand: {
              per_year: 'population * 10',
              by_group: [
                { when: 'id == "A" and returning', from: '2024-02-01' },
                { when: 'returning != sponsored', until: '2024-06-01' },
              ],
            },
          }),
        ],
      }),
    );
    expect(ls).toContain(
      '    A with returning (id == "A" and returning): arrivals from 2024-02-01, with no end, spread as the program\'s; other groups and segments keep the program\'s.',
    );
    // the segments of A not taken before, then every other group's two such segments, in words
    expect(ls.find((l) => l.includes('(returning != sponsored)'))).toMatch(
      /^ {4}A without returning and with sponsored, B with returning and without sponsored or without returning and with sponsored, /,
    );
  });

  it('states a receipt clock with its lead, marked as an assumption when it is one', () => {
    const ls = withPools([{ id: 'main', cap: 1000 }], {
      receipt_clock: { lead_days: 40, assumption: true },
    });
    expect(ls).toContain(
      "  Two clocks: cap periods, windows and tranches go by start date; applications are received (filed) 40 days before their start date, so each pool's cap is also reported as reached by receipt date (days_to_fill_receipt), the date USCIS announces. The lead is an assumption.",
    );
  });

  it('lists the not_selected rules after the program-level shares, each with its shares', () => {
    const ls = withPools([{ id: 'main', cap: 1000 }], {
      not_selected: {
        reapply: 0.5,
        divert: 0.1,
        rules: [
          { reason: 'ineligible', reapply: 0, divert: 0.8, note: 'They cross.' },
          { when: 'region == "south"', reason: 'over_limit', reapply: 0.9, assumption: true },
        ],
      },
    });
    expect(ls).toContain(
      '    Except those eligible for no pool: 0% apply again, 80% take another route, 20% give up (the first rule that matches applies). They cross.',
    );
    expect(ls).toContain(
      '    Except those held back by a per-group limit, a ceiling or a pace while numbers were left of the groups where region == "south": 90% apply again, 10% take another route, 0% give up (the first rule that matches applies). An assumption.',
    );
  });

  it('says who receives the applicants diverted from another program', () => {
    const ls = lines(
      explain({
        programs: [
          program({ id: 'a', title: 'First', not_selected: { divert: 0.5, divert_to: 'b' } }),
          program({ id: 'b', title: 'Returns', pools: [{ id: 'other', cap: 10 }] }),
        ],
      }),
    );
    expect(ls).toContain(
      '  Applicants not selected: 50% take another route (becoming applicants of "b" at the next step), 50% give up.',
    );
    expect(ls).toContain('  Also receives the applicants diverted from: First.');
    expect(ls.filter((l) => l.startsWith('  Also receives'))).toHaveLength(1);
  });
});

describe('explainModel: applicants not selected', () => {
  it('splits them into those who reapply, those diverted and those who give up', () => {
    expect(notSelected({ reapply: 0.5, divert: 0.2 })).toBe(
      '  Applicants not selected: 50% apply again the next fiscal year, 20% take another route, 30% give up.',
    );
  });

  it('says when they come back, and rounds shares to a tenth of a percent', () => {
    expect(notSelected({ reapply: 1 / 3, wait: 'month' })).toBe(
      '  Applicants not selected: 33.3% apply again the next month, 66.7% give up.',
    );
    expect(notSelected({ reapply: 0.25, wait: 'step' })).toBe(
      '  Applicants not selected: 25% apply again at the next step, 75% give up.',
    );
  });

  it('leaves out a flow of zero, and says they give up when nothing is set', () => {
    expect(notSelected({ reapply: 1 })).toBe(
      '  Applicants not selected: 100% apply again the next fiscal year.',
    );
    expect(notSelected({ reapply: 0, divert: 0 })).toBe('  Applicants not selected: 100% give up.');
    expect(notSelected(undefined)).toBe('  Applicants not selected give up.');
  });

  it('does not print "0% give up" when reapply and divert add up to 1', () => {
    expect(notSelected({ reapply: 0.7, divert: 0.3 })).toBe(
      '  Applicants not selected: 70% apply again the next fiscal year, 30% take another route.',
    );
  });
});

describe('explainModel: pools and caps', () => {
  it('numbers the pools in order, by title (or id), with caps written with thousands separators', () => {
    const ls = withPools([
      { id: 'first', title: 'First pool', cap: 1234567, description: 'The big one.' },
      { id: 'second', cap: 500 },
    ]);
    expect(ls).toContain('  1. "First pool" (first): 1,234,567 per fiscal year');
    expect(ls).toContain('     The big one.');
    expect(ls).toContain('  2. "second" (second): 500 per fiscal year');
    expect(ls.indexOf('  1. "First pool" (first): 1,234,567 per fiscal year')).toBeLessThan(
      ls.indexOf('  2. "second" (second): 500 per fiscal year'),
    );
  });

  it('says what a cap is per: half year, month, or in total with the days it can be used', () => {
    expect(withPools([{ id: 'h', cap: { amount: 33000, per: 'half' } }])).toContain(
      '  1. "h" (h): 33,000 per half year (Oct–Mar, Apr–Sep)',
    );
    expect(withPools([{ id: 'm', cap: { amount: 12500, per: 'month' } }])).toContain(
      '  1. "m" (m): 12,500 per month',
    );
    // `until` is the day the numbers expire: the last usable day is the day before
    expect(
      withPools([
        { id: 't', cap: { amount: 2500000, per: 'total', from: '2024-01-15', until: '2025-01-01' } },
      ]),
    ).toContain('  1. "t" (t): 2,500,000 in total (usable 2024-01-15 to 2024-12-31)');
  });

  it('lists tranches with their cap and arrival window', () => {
    const ls = withPools([
      {
        id: 'main',
        tranches: [
          { id: 'H1', cap: 16500, window: { from: '10-01', to: '03-31' } },
          { id: 'H2', cap: 16500, window: { from: '04-01', to: '09-30' } },
        ],
        unused: 'roll',
      },
    ]);
    expect(ls).toContain(
      '  1. "main" (main): 16,500 for arrivals (start dates) 10-01 to 03-31 ("H1"); 16,500 for arrivals (start dates) 04-01 to 09-30 ("H2"), each fiscal year',
    );
    expect(ls).toContain(
      '     Unused numbers at the end of each period roll into the next tranche of this pool in the same fiscal year.',
    );
  });

  it('cites the source of the cap, or of the pool when it has one', () => {
    const sources = [
      { id: 'law', title: 'The statute', date: '1990-11-29' },
      { id: 'memo', title: 'A memo' },
    ];
    const capCited = lines(
      explain({ sources, programs: [program({ pools: [{ id: 'p', cap: { amount: 10, source: 'law' } }] })] }),
    );
    expect(capCited).toContain('  1. "p" (p): 10 per fiscal year [source: The statute, 1990-11-29]');
    const poolCited = lines(
      explain({
        sources,
        programs: [program({ pools: [{ id: 'p', cap: { amount: 10, source: 'law' }, source: 'memo' }] })],
      }),
    );
    expect(poolCited).toContain('  1. "p" (p): 10 per fiscal year [source: A memo]');
  });

  it('says who may use a pool, its window, and which pool it waits for', () => {
    const ls = withPools([
      { id: 'main', cap: 1000 },
      {
        id: 'late',
        cap: 100,
        eligible: 'region == "north"',
        window: { from: '01-01', to: '03-31' },
        opens_after: 'main',
      },
    ]);
    expect(ls).toContain('     Who may use it: every applicant of the program.');
    expect(ls).toContain('     Who may use it: applicants for whom region == "north".');
    expect(ls).toContain(
      '     Open only to applicants who arrive (or start work) from 01-01 to 03-31 each fiscal year.',
    );
    expect(ls).toContain('     Opens only once the pool "main" has reached its cap in the same fiscal year.');
  });

  it('names the split method, the re-split, and its source', () => {
    const plain = withPools([{ id: 'main', cap: 1000, split: { by: 'population' } }]);
    expect(plain).toContain(
      '     Split among the eligible groups in proportion to population (largest-remainder; parts sum exactly, ties by group id).',
    );
    const ls = lines(
      explain({
        sources: [{ id: 'census', title: 'Census' }],
        programs: [
          program({
            pools: [
              {
                id: 'main',
                cap: 1000,
                split: { by: 'population', method: 'sainte-lague', resplit: true, source: 'census' },
              },
            ],
          }),
        ],
      }),
    );
    expect(ls).toContain(
      '     Split among the eligible groups in proportion to population (sainte-lague; parts sum exactly, ties by group id); what a group cannot use is re-split among the groups still short. [source: Census]',
    );
  });

  it('states a per-group limit as a number or as a share with its rounding', () => {
    expect(withPools([{ id: 'main', cap: 100000, limit_per_group: { amount: 25620 } }])).toContain(
      '     No group may receive more than 25,620.',
    );
    expect(
      withPools([{ id: 'main', cap: 1000, limit_per_group: { share: 0.25, rounding: 'floor' } }]),
    ).toContain('     No group may receive more than 25% of the numbers (rounded down).');
    expect(withPools([{ id: 'main', cap: 1000, limit_per_group: { share: 0.5 } }])).toContain(
      '     No group may receive more than 50% of the numbers (rounded to the nearest whole number).',
    );
  });

  it('prints a 7% per-group limit as 7%', () => {
    expect(withPools([{ id: 'main', cap: 1000, limit_per_group: { share: 0.07 } }])).toContain(
      '     No group may receive more than 7% of the numbers (rounded to the nearest whole number).',
    );
  });
});

describe('explainModel: selection and unused numbers', () => {
  it('describes every selection method in words', () => {
    expect(selection('lottery')).toBe(
      'a uniform random lottery among all eligible applications of the period.',
    );
    expect(selection('fcfs')).toBe('first come, first served.');
    expect(selection('queue')).toBe('a queue: oldest filing date first, carried across periods.');
    expect(selection('pro-rata')).toBe('pro rata: every applicant is cut by the same proportion.');
    expect(selection('uscis')).toBe(
      "first come, first served; on the day the cap is reached, a random draw among that day's petitions (USCIS rule, 8 CFR 214.2(h)(8)); daily.csv gives each filing day's chance of acceptance.",
    );
    expect(selection({ method: 'uscis', first_days: 3 })).toBe(
      "first come, first served, with a random draw on the final receipt date, or among all received in the first 3 days if the cap is reached that early (USCIS rule); daily.csv gives each filing day's chance of acceptance.",
    );
    expect(selection({ method: 'weighted-lottery', weight: 'population / 100' })).toBe(
      'a weighted lottery (weight: population / 100).',
    );
  });

  it('describes a mix part by part, in order, with whole percentages', () => {
    expect(
      selection({
        method: 'mix',
        parts: [
          { method: 'queue', share: 0.5 },
          { method: 'lottery', share: 0.25 },
          { method: 'fcfs', share: 0.25 },
        ],
      }),
    ).toBe('50% by filing date (oldest first), then 25% by random selection, then 25% by arrival.');
  });

  it('says what happens to unused numbers: lapse, carry, or spill to a named pool', () => {
    const ls = withPools([
      { id: 'a', cap: 10, unused: { spill: 'b' } },
      { id: 'b', cap: 10, unused: 'carry' },
      { id: 'c', cap: 10 },
    ]);
    const unused = ls.filter((l) => l.startsWith('     Unused numbers'));
    expect(unused).toEqual([
      '     Unused numbers at the end of each period go to the pool "b".',
      '     Unused numbers at the end of each period carry over to this pool in the next period.',
      '     Unused numbers at the end of each period lapse (they are lost).',
    ]);
  });

  it('adds the note of a pool', () => {
    expect(withPools([{ id: 'main', cap: 10, note: 'Numbers are estimates.' }])).toContain(
      '     Note: Numbers are estimates.',
    );
  });
});

describe('explainModel: parameters, attributes, checks and sources', () => {
  const text = explain({
    sources: [
      {
        id: 'dhs',
        title: 'DHS notice',
        publisher: 'DHS',
        date: '2024-01-02',
        confidence: 'H',
        url: 'https://example.org/dhs',
      },
      { id: 'blog', title: 'A blog post' },
    ],
    attributes: [
      { id: 'returning', description: 'Worked here before.', share: 0.3, assumption: true },
      { id: 'sponsored', description: 'Has a sponsor.', share: 0.1, source: 'dhs' },
    ],
    parameters: [
      { id: 'fixed', value: 5, source: 'dhs' },
      {
        id: 'take_up',
        uniform: [0.1, 0.2],
        description: 'Share who apply',
        assumption: true,
        note: 'A guess.',
      },
      { id: 'n', normal: { mean: 10, sd: 2 } },
      { id: 'ln', lognormal: { mean: 3, sd: 1 } },
      { id: 'tri', triangular: [1, 2, 4] },
      { id: 'b', beta: { a: 2, b: 5 } },
      { id: 'pick', choice: { values: [1, 2], weights: [3, 1] } },
      { id: 'pick2', choice: { values: [7, 8] } },
    ],
    checks: [
      {
        description: 'Issued at most 1,000 a year',
        metric: 'issued',
        program: 'prog',
        at_most: 1000,
        source: 'dhs',
      },
    ],
  });
  const ls = lines(text);

  it('describes each parameter, marking assumptions (and only them)', () => {
    const start = ls.indexOf('Uncertain and fixed values (each run draws its own):');
    expect(start).toBeGreaterThan(0);
    expect(ls.slice(start + 1, start + 11)).toEqual([
      '  fixed: fixed at 5 [source: DHS notice, 2024-01-02]',
      '  take_up: anywhere between 0.1 and 0.2 (uniform) — Share who apply (ASSUMPTION)',
      '      A guess.',
      '  n: normal, mean 10, sd 2',
      '  ln: lognormal, mean 3, sd 1',
      '  tri: between 1 and 4, most likely 2 (triangular)',
      '  b: beta(2, 5)',
      '  pick: one of 1 (weight 3), 2 (weight 1)',
      '  pick2: one of 7, 8',
      '',
    ]);
    expect(ls.filter((l) => l.includes('ASSUMPTION'))).toHaveLength(1);
  });

  it('marks an assumed attribute and cites a sourced one', () => {
    expect(ls).toContain('Some applicants are "returning": Worked here before. Share: 0.3. (assumption)');
    expect(ls).toContain(
      'Some applicants are "sponsored": Has a sponsor. Share: 0.1. [source: DHS notice, 2024-01-02]',
    );
  });

  it('lists the checks and the sources with publisher, date, confidence and address', () => {
    expect(ls).toContain('Published numbers this scenario must reproduce (checks):');
    expect(ls).toContain('  - Issued at most 1,000 a year [source: DHS notice, 2024-01-02]');
    const at = ls.indexOf('Sources:');
    expect(ls.slice(at + 1)).toEqual([
      '  [dhs] DHS notice, DHS, 2024-01-02 (confidence H) — https://example.org/dhs',
      '  [blog] A blog post',
      '',
    ]);
  });

  it('leaves out the parameter, check and source sections when the scenario has none', () => {
    const bare = explain();
    expect(bare).not.toContain('Uncertain and fixed values');
    expect(bare).not.toContain('Published numbers');
    expect(bare).not.toContain('Sources:');
    expect(bare).not.toContain('Some applicants are');
  });
});

describe('explainModel: clamp: true', () => {
  it('says which formulas clamp, to what, and that the runs are counted', () => {
    const text = explain({
      parameters: [{ id: 'shock', normal: { mean: 0, sd: 0.2 } }],
      attributes: [{ id: 'skilled', description: 'Has a degree.', share: '0.9 + shock', clamp: true }],
      programs: [
        program({
          demand: { per_year: 'population * (1 - 5 * shock)', clamp: true },
          stages: [{ id: 'arrived', rate: '0.95 + shock', clamp: true }],
        }),
      ],
    });
    expect(text).toContain(
      'Share: 0.9 + shock (clamped to 0–1 where a parameter draw takes it outside; the runs in which that happens are counted in manifest.json and the report).',
    );
    expect(text).toContain(
      'Where the formula gives less than 0 or more than 16,777,216 (2^24), the value is clamped to that range; the runs in which that happens are counted in manifest.json and the report.',
    );
    expect(text).toMatch(/"arrived" \(arrived\): a share 0\.95 \+ shock \(clamped to 0–1 where/);
    expect(explain()).not.toContain('clamped');
  });
});

describe('explainModel: a ceiling shared by demand', () => {
  const withCeiling = (share?: string) =>
    explain({
      programs: [
        program({
          pools: [
            { id: 'a', eligible: 'region == "north"', select: 'queue' },
            { id: 'b', eligible: 'region == "south"', select: 'queue' },
          ],
        }),
      ],
      ceilings: [{ id: 'c', pools: ['a', 'b'], amount: 3000, per: 'month', ...(share ? { share } : {}) }],
    });

  it('says how the numbers are divided among the pools that select in a step, and what is passed on', () => {
    const text = withCeiling('by_demand');
    expect(text).toContain('and the numbers of a ceiling shared by demand (said below)');
    expect(text).toContain(
      '     Shared by demand: at each step the numbers it still has are divided among its pools that select in that step',
    );
    expect(text).toContain('in proportion to the applicants each has eligible and waiting');
    expect(text).toContain('so numbers one pool cannot use go to the others instead of lapsing');
  });

  it('says nothing of it for a ceiling taken in order (the default, or `in_order`)', () => {
    for (const text of [withCeiling(), withCeiling('in_order')]) {
      expect(text).not.toContain('shared by demand');
      expect(text).toContain(
        'Nothing is shared out among the pools, except the per-group limit of the groups a ceiling prorates (said below).',
      );
    }
  });
});
