import { describe, expect, it } from 'vitest';
import type { CellStats, CompareSummary } from '../../../src/core/types.js';
import { GROUP_PALETTE, POOL_PALETTE } from '../../../src/report/charts/common.js';
import {
  both,
  compareHead,
  compareRunsLabel,
  groupScale,
  hasStats,
  headlineRow,
  issuedByGroupRows,
  mergedAssumptions,
  mergedSources,
  nameOf,
  programOf,
  programScale,
} from '../../../src/report/compare/common.js';
import { makeCompareSummary } from '../../helpers/compare-fixture.js';

const A_GROUPS = ['MX', 'OTH', 'GT', 'HN', 'SV', 'NI', 'CR', 'PA', 'BZ'];

/** The fixture with B given one extra group and one extra program, and A's first program renamed in B. */
function withExtras(): CompareSummary {
  const cs = makeCompareSummary();
  cs.b.groups = [
    { id: 'CU', name: 'Cuba' },
    ...cs.b.groups.map((g) => (g.id === 'MX' ? { ...g, name: 'México (B)' } : g)),
  ];
  cs.b.programs = [
    ...cs.b.programs.map((p) => ({ ...p, title: 'Renamed in B' })),
    { id: 'family', title: 'Family visas', pools: [] },
  ];
  cs.b.fiscalYears = ['FY2024'];
  return cs;
}

describe('both', () => {
  it('is A’s groups, programs and horizon when B adds nothing', () => {
    const b = both(makeCompareSummary());
    expect(b.groups.map((g) => g.id)).toEqual(A_GROUPS);
    expect(b.programs).toEqual([{ id: 'work-visas', title: 'Temporary work visas' }]);
    expect(b.fiscalYears).toEqual(['FY2024', 'FY2025', 'FY2026', 'FY2027', 'FY2028']);
    expect(b.horizon).toBe('FY2024–FY2028');
  });

  it('keeps A’s names and order, and adds B’s extra groups and programs after A’s', () => {
    const b = both(withExtras());
    expect(b.groups.map((g) => g.id)).toEqual([...A_GROUPS, 'CU']);
    expect(nameOf(b, 'MX')).toBe('Mexico');
    expect(nameOf(b, 'CU')).toBe('Cuba');
    expect(b.programs.map((p) => [p.id, p.title])).toEqual([
      ['work-visas', 'Temporary work visas'],
      ['family', 'Family visas'],
    ]);
    expect(programOf(b, 'family')).toBe('Family visas');
    expect(b.horizon).toBe('FY2024–FY2028');
  });

  it('does not change the summaries it reads', () => {
    const cs = withExtras();
    const before = structuredClone({ a: cs.a.groups, p: cs.a.programs, fy: cs.a.fiscalYears });
    const b = both(cs);
    b.groups.push({ id: 'X', name: 'X' });
    b.fiscalYears.push('FY2099');
    expect({ a: cs.a.groups, p: cs.a.programs, fy: cs.a.fiscalYears }).toEqual(before);
  });

  it('names an unknown id by the id itself', () => {
    const b = both(makeCompareSummary());
    expect(nameOf(b, 'ZZ')).toBe('ZZ');
    expect(programOf(b, 'nope')).toBe('nope');
  });
});

describe('colour scales', () => {
  it('colours groups as A’s own charts do, B’s extras after', () => {
    const s = groupScale(both(withExtras()));
    expect(s.domain).toEqual([...A_GROUPS, 'CU']);
    expect(s.range).toEqual([...A_GROUPS, 'CU'].map((_, i) => GROUP_PALETTE[i % GROUP_PALETTE.length]));
  });

  it('colours programs by title', () => {
    const s = programScale(both(withExtras()));
    expect(s).toEqual({
      domain: ['Temporary work visas', 'Family visas'],
      range: [POOL_PALETTE[0], POOL_PALETTE[1]],
    });
  });
});

describe('hasStats', () => {
  const s = (n: number, p50: number): CellStats => ({
    n,
    mean: p50,
    sd: 0,
    min: p50,
    p05: p50,
    p25: p50,
    p50,
    p75: p50,
    p95: p50,
    max: p50,
  });
  it('needs at least one run and a finite median', () => {
    expect(hasStats(s(10, 0))).toBe(true);
    expect(hasStats(s(0, 5))).toBe(false);
    expect(hasStats(s(10, Number.NaN))).toBe(false);
    expect(hasStats(s(10, Number.POSITIVE_INFINITY))).toBe(false);
  });
});

describe('sources and assumptions', () => {
  it('lists each source once, A’s first, tagged with the scenarios that cite it', () => {
    const { sources, tags } = mergedSources(makeCompareSummary());
    expect(sources.map((s) => s.id)).toEqual(['lopez-tijuana-2022', 'wpp-2022', 'cbp-fy2022']);
    expect(Object.fromEntries(tags)).toEqual({
      'lopez-tijuana-2022': 'A and B',
      'wpp-2022': 'A',
      'cbp-fy2022': 'B',
    });
  });

  it('keeps A’s version of a source both cite', () => {
    const cs = makeCompareSummary();
    cs.b.scenario.sources = cs.b.scenario.sources.map((s) => ({ ...s, title: `${s.title} (B)` }));
    const { sources } = mergedSources(cs);
    expect(sources[0]?.title).toBe(cs.a.scenario.sources[0]?.title);
    expect(sources[0]?.title.endsWith('(B)')).toBe(false);
  });

  it('states an assumption made by both once; one with the same id but other text twice', () => {
    const cs = makeCompareSummary();
    expect(mergedAssumptions(cs).map((x) => [x.id, x.tag])).toEqual([
      ['take_up', 'A and B'],
      ['not_selected', 'A and B'],
      ['encounters_share', 'B'],
    ]);
    cs.b.scenario.assumptions = [{ id: 'take_up', text: 'Everyone applies.' }];
    expect(mergedAssumptions(cs).map((x) => [x.id, x.tag, x.text])).toEqual([
      ['take_up', 'A', cs.a.scenario.assumptions[0]?.text],
      ['not_selected', 'A', cs.a.scenario.assumptions[1]?.text],
      ['take_up', 'B', 'Everyone applies.'],
    ]);
  });
});

describe('compareHead and compareRunsLabel', () => {
  it('names both scenarios with their status, and both scenarios’ sources, runs and seed in the footer', () => {
    const cs = makeCompareSummary();
    expect(compareRunsLabel(cs)).toBe('1,000 runs of each scenario');
    const head = compareHead(cs);
    expect(head.scenario).toEqual([
      `A: ${cs.a.scenario.title} · status: ${cs.a.scenario.status}`,
      `B: ${cs.b.scenario.title} · status: ${cs.b.scenario.status}`,
    ]);
    const footer = head.footer.join(' ');
    for (const id of ['lopez-tijuana-2022', 'wpp-2022', 'cbp-fy2022']) {
      const title = mergedSources(cs).sources.find((s) => s.id === id)?.title as string;
      expect(footer).toContain(title);
    }
    expect(head.footer.at(-1)).toBe(
      '1,000 runs of each scenario with the same random numbers, seed 2022 · made with visasim',
    );
  });

  it('says "1 run" for a single run', () => {
    const cs = makeCompareSummary();
    cs.runs = 1;
    expect(compareRunsLabel(cs)).toBe('1 run of each scenario');
  });
});

describe('issuedByGroupRows', () => {
  it('keeps only program-level, whole-horizon issued rows of single groups', () => {
    const cs = makeCompareSummary();
    const rows = issuedByGroupRows(cs);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows)
      expect([r.metric, r.pool, r.period, r.group === '']).toEqual(['issued', '', '', false]);
    const expected = cs.rows.filter(
      (r) =>
        r.metric === 'issued' &&
        r.pool === '' &&
        r.period === '' &&
        r.group !== '' &&
        r.a.n > 0 &&
        r.b.n > 0 &&
        (r.a.max > 0 || r.b.max > 0),
    );
    expect(rows).toEqual(expected);
  });

  it('drops a group that gets no visa in any run of either scenario, and one without values', () => {
    const cs = makeCompareSummary();
    const pick = (g: string) =>
      cs.rows.find((r) => r.metric === 'issued' && r.pool === '' && r.period === '' && r.group === g);
    const zero = pick('BZ');
    const empty = pick('PA');
    const oneSide = pick('CR');
    if (!zero || !empty || !oneSide) throw new Error('fixture lacks the rows');
    const none: CellStats = {
      n: 1000,
      mean: 0,
      sd: 0,
      min: 0,
      p05: 0,
      p25: 0,
      p50: 0,
      p75: 0,
      p95: 0,
      max: 0,
    };
    zero.a = none;
    zero.b = none;
    empty.b = { ...none, n: 0, p50: Number.NaN };
    oneSide.a = none; // B still issues visas to CR: kept
    const groups = issuedByGroupRows(cs).map((r) => r.group);
    expect(groups).not.toContain('BZ');
    expect(groups).not.toContain('PA');
    expect(groups).toContain('CR');
  });
});

describe('headlineRow', () => {
  it('finds the whole-horizon, all-groups row of a program or pool', () => {
    const cs = makeCompareSummary();
    const r = headlineRow(cs, 'work-visas', '', 'issued');
    expect(r).toMatchObject({ program: 'work-visas', pool: '', group: '', period: '', metric: 'issued' });
    expect(headlineRow(cs, 'work-visas', 'mexico', 'unused')).toMatchObject({
      pool: 'mexico',
      group: '',
      period: '',
      metric: 'unused',
    });
  });

  it('is undefined for a program or pool the comparison does not have', () => {
    const cs = makeCompareSummary();
    expect(headlineRow(cs, 'nope', '', 'issued')).toBeUndefined();
    expect(headlineRow(cs, 'work-visas', 'nope', 'issued')).toBeUndefined();
  });
});
