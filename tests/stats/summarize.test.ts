/**
 * summarize: the Summary every output is written from. Rows follow the cell layout; a group's rows
 * in a program or pool are left out when that group never had an applicant, an eligible
 * application or a number there in any run; each row's statistics are those of its column across
 * runs; the headline picks the program totals that have a value, labelled with the fiscal-year span.
 */
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/core/types.js';
import type { CellRow } from '../../src/model/cells.js';
import type { Model } from '../../src/model/model.js';
import { Accumulator, accumulate, cellStats } from '../../src/stats/accumulate.js';
import { summarize } from '../../src/stats/summarize.js';
import { makeModel } from '../helpers/model.js';

const HEADLINE_KEYS = ['applicants', 'issued', 'unused', 'backlog', 'diverted', 'selection_rate'];

/** The default groups plus D, who never applies; pools: `main` open to all, `north` only to region north. */
const model = makeModel({
  groups: {
    rows: [
      { id: 'A', name: 'Alpha', population: 100, region: 'north' },
      { id: 'B', name: 'Beta', population: 300, region: 'south' },
      { id: 'C', name: 'Gamma', population: 600, region: 'south' },
      { id: 'D', name: 'Delta', population: 0, region: 'north' },
    ],
  },
  programs: [
    {
      id: 'prog',
      title: 'Program',
      demand: { per_year: 'population * 10', noise: 'poisson' },
      not_selected: { reapply: 0.5, divert: 0.2 },
      pools: [
        { id: 'north', cap: 200, eligible: 'region == "north"', select: 'lottery' },
        { id: 'main', cap: 1000, select: 'lottery' },
      ],
    },
  ],
});

/** Store `runs` runs of `m`, every kept cell's value given by `value` (0 where it returns undefined). */
function fromValues(m: Model, runs: number, value: (row: CellRow, run: number) => number | undefined) {
  const acc = new Accumulator(
    m.cells.rows.map((r) => r.offset),
    runs,
  );
  for (let run = 0; run < runs; run++) {
    const cells = new Float64Array(m.cells.size);
    for (const row of m.cells.rows) cells[row.offset] = value(row, run) ?? 0;
    acc.add(run, cells);
  }
  return acc;
}

/** The groups that have rows in a program (pool '') or pool. */
const groupsIn = (s: Summary, pool: string) => [
  ...new Set(s.rows.filter((r) => r.pool === pool && r.group).map((r) => r.group)),
];

const rowKey = (r: { program: string; pool: string; group: string; period: string; metric: string }) =>
  `${r.program}|${r.pool}|${r.group}|${r.period}|${r.metric}`;

describe('summarize on simulated runs', () => {
  const runs = 5;
  const acc = accumulate(model, { runs, seed: '7' });
  const summary = summarize(model, acc, { runs, seed: '7' });

  it('carries the scenario, runs, seed, fiscal years, groups and programs through', () => {
    expect(summary.scenario).toBe(model.info);
    expect(summary.runs).toBe(runs);
    expect(summary.seed).toBe('7');
    expect(summary.fiscalYears).toEqual(['FY2024', 'FY2025']);
    expect(summary.groups).toBe(model.groupInfo);
    expect(summary.programs).toBe(model.programInfo);
  });

  it('leaves out a group that never applied, and a group in a pool it may not use', () => {
    expect(groupsIn(summary, '')).toEqual(['A', 'B', 'C']);
    expect(groupsIn(summary, 'main')).toEqual(['A', 'B', 'C']);
    expect(groupsIn(summary, 'north')).toEqual(['A']);
    // the totals (group '') are always kept, for every period
    const kept = new Set(summary.rows.map(rowKey));
    for (const r of model.cells.rows.filter((x) => x.group === ''))
      expect(kept.has(rowKey(r)), rowKey(r)).toBe(true);
  });

  it('keeps every other row, in the layout order', () => {
    const expected = model.cells.rows.filter(
      (r) => r.group !== 'D' && !(r.pool === 'north' && (r.group === 'B' || r.group === 'C')),
    );
    expect(summary.rows.map(rowKey)).toEqual(expected.map(rowKey));
  });

  it("gives each row the statistics of its cell's column across runs", () => {
    const byKey = new Map(model.cells.rows.map((r) => [rowKey(r), r.offset]));
    let varying = 0;
    for (const row of summary.rows) {
      const col = acc.column(byKey.get(rowKey(row)) as number);
      expect(row.stats, rowKey(row)).toEqual(cellStats(col));
      expect(row.stats.n).toBeLessThanOrEqual(runs);
      if (row.stats.min !== row.stats.max) varying++;
    }
    expect(varying).toBeGreaterThan(0); // Poisson demand: some cells differ between runs
  });

  it('headlines the program totals over the whole horizon', () => {
    expect(summary.headline.map((h) => h.key)).toEqual(HEADLINE_KEYS.map((m) => `prog.${m}`));
    expect(summary.headline.map((h) => h.label)).toEqual([
      'People who applied, FY2024–FY2025',
      'Visas issued, FY2024–FY2025',
      'Numbers left unused',
      'Applicants still waiting at the end',
      'Applicants who took another route',
      'Chance that an applicant gets a visa',
    ]);
    const rows = new Map(summary.rows.map((r) => [rowKey(r), r.stats]));
    for (const h of summary.headline) {
      expect([h.program, h.pool]).toEqual(['prog', '']);
      expect(h.stats).toBe(rows.get(`prog||||${h.metric}`));
    }
    // demand (≈ 10,000 a year) exceeds the 1,200 numbers: all are issued, each year
    const issued = summary.headline.find((h) => h.metric === 'issued');
    expect(issued?.stats.min).toBe(2400);
    expect(issued?.stats.max).toBe(2400);
  });
});

describe('summarize: which group rows are kept', () => {
  it('keeps a group that applied in only one run', () => {
    const acc = fromValues(model, 3, (r, run) =>
      r.group === 'B' && r.metric === 'applicants' && r.pool === '' && run === 2
        ? 4
        : r.group === 'B'
          ? 0
          : 1,
    );
    const s = summarize(model, acc, { runs: 3, seed: '1' });
    expect(groupsIn(s, '')).toEqual(['A', 'B', 'C', 'D']);
    expect(groupsIn(s, 'main')).toEqual(['A', 'C', 'D']); // B never eligible there
  });

  it('decides on applicants, eligible and cap only: numbers issued alone do not keep a group', () => {
    const acc = fromValues(model, 2, (r) =>
      r.group === 'A' && r.metric !== 'issued' ? 0 : r.group === 'A' ? 5 : 1,
    );
    const s = summarize(model, acc, { runs: 2, seed: '1' });
    expect(groupsIn(s, '')).toEqual(['B', 'C', 'D']);
    expect(groupsIn(s, 'north')).toEqual(['B', 'C', 'D']);
  });

  it('keeps a group that only had numbers (a split cap) in a pool', () => {
    const split = makeModel({
      programs: [
        {
          id: 'prog',
          title: 'Program',
          pools: [{ id: 'main', cap: 1000, split: { by: 'population' }, select: 'lottery' }],
        },
      ],
    });
    const acc = fromValues(split, 2, (r) => (r.metric === 'cap' ? 1 : 0));
    const s = summarize(split, acc, { runs: 2, seed: '1' });
    expect(groupsIn(s, 'main')).toEqual(['A', 'B', 'C']);
    expect(groupsIn(s, '')).toEqual([]);
  });

  it('leaves out a group whose values are negative or NaN: only positive counts take part', () => {
    const acc = fromValues(model, 2, (r, run) =>
      r.group === 'C' ? (run === 0 ? -1 : Number.NaN) : r.group === '' ? 0 : 1,
    );
    const s = summarize(model, acc, { runs: 2, seed: '1' });
    expect(groupsIn(s, '')).toEqual(['A', 'B', 'D']);
  });
});

describe('summarize: no runs, one year, several programs', () => {
  it('with no run added: only the totals, all without values, and no headline', () => {
    const acc = new Accumulator(
      model.cells.rows.map((r) => r.offset),
      4,
    );
    const s = summarize(model, acc, { runs: 0, seed: 'x' });
    expect(s.rows.every((r) => r.group === '')).toBe(true);
    expect(s.rows.length).toBe(model.cells.rows.filter((r) => r.group === '').length);
    expect(s.rows.every((r) => r.stats.n === 0 && Number.isNaN(r.stats.mean))).toBe(true);
    expect(s.headline).toEqual([]);
  });

  it('leaves a headline figure out when no run had a value for it', () => {
    const acc = fromValues(model, 3, (r) => (r.metric === 'selection_rate' ? Number.NaN : 10));
    const s = summarize(model, acc, { runs: 3, seed: '1' });
    expect(s.headline.map((h) => h.metric)).toEqual([
      'applicants',
      'issued',
      'unused',
      'backlog',
      'diverted',
    ]);
  });

  it('names a single fiscal year alone, and prefixes program titles when there are several', () => {
    const two = makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      programs: [
        { id: 'a', title: 'First', demand: { per_year: 'population' }, pools: [{ id: 'p', cap: 10 }] },
        { id: 'b', title: 'Second', demand: { per_year: 'population' }, pools: [{ id: 'q', cap: 10 }] },
      ],
    });
    const s = summarize(two, accumulate(two, { runs: 2, seed: '1' }), { runs: 2, seed: '1' });
    expect(s.fiscalYears).toEqual(['FY2024']);
    const labels = Object.fromEntries(s.headline.map((h) => [h.key, h.label]));
    expect(labels['a.applicants']).toBe('First: People who applied, FY2024');
    expect(labels['b.issued']).toBe('Second: Visas issued, FY2024');
    expect(labels['b.selection_rate']).toBe('Second: Chance that an applicant gets a visa');
    expect(s.headline.map((h) => h.key)).toEqual([
      ...HEADLINE_KEYS.map((m) => `a.${m}`),
      ...HEADLINE_KEYS.map((m) => `b.${m}`),
    ]);
  });
});
