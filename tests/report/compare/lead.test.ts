/**
 * The comparison in words: a change as text (counts, days, percentage points), its 5th–95th range,
 * and the plain-language lead — more or fewer visas, who gains and who loses, unused numbers and
 * the backlog at the end — for increases, decreases, no change and changes that could go either way.
 */
import { describe, expect, it } from 'vitest';
import type { CellStats, CompareRow, CompareSummary } from '../../../src/core/types.js';
import { changeRangeText, compareLead, formatChange } from '../../../src/report/compare/lead.js';
import { makeCompareSummary } from '../../helpers/compare-fixture.js';

/** A change over the runs with the given 5th, 50th and 95th percentiles. */
const diff = (p05: number, p50: number, p95: number, n = 1000): CellStats => ({
  n,
  mean: p50,
  sd: (p95 - p05) / 3.29,
  min: p05,
  p05,
  p25: p50,
  p50,
  p75: p50,
  p95,
  max: p95,
});
const SAME = diff(0, 0, 0);

type Where = Partial<Pick<CompareRow, 'program' | 'pool' | 'group' | 'period' | 'metric'>>;

/** The fixture with the change of the rows that match `where` replaced (pool, group and period default to ''). */
function withDiff(cs: CompareSummary, where: Where, d: CellStats): CompareSummary {
  const w = { pool: '', group: '', period: '', ...where };
  const hit = (r: CompareRow) =>
    (w.program === undefined || r.program === w.program) &&
    r.pool === w.pool &&
    r.group === w.group &&
    r.period === w.period &&
    (w.metric === undefined || r.metric === w.metric);
  expect(cs.rows.some(hit)).toBe(true);
  return { ...cs, rows: cs.rows.map((r) => (hit(r) ? { ...r, diff: d } : r)) };
}

/** The fixture with every group's change in visas issued replaced by `byGroup` (others: none). */
function withGroupChanges(cs: CompareSummary, byGroup: Record<string, CellStats>): CompareSummary {
  return {
    ...cs,
    rows: cs.rows.map((r) =>
      r.metric === 'issued' && r.pool === '' && r.period === '' && r.group !== ''
        ? { ...r, diff: byGroup[r.group] ?? SAME }
        : r,
    ),
  };
}

const FIXTURE = makeCompareSummary();
const HORIZON = 'FY2024–FY2028';
/** The fixture's lead sentence about the total, for a changed total. */
const totalSentence = (d: CellStats) => compareLead(withDiff(FIXTURE, { metric: 'issued' }, d))[0];

describe('formatChange', () => {
  it('writes counts signed with separators and the typographic minus, and no change as 0', () => {
    expect(formatChange('issued', 12_345)).toBe('+12,345');
    expect(formatChange('backlog', -40_000.4)).toBe('−40,000');
    expect(formatChange('unused', 0.4)).toBe('0');
    expect(formatChange('unused', -0.4)).toBe('0');
  });

  it('writes shares in signed percentage points with one decimal', () => {
    expect(formatChange('selection_rate', 0.006931)).toBe('+0.7 percentage points');
    expect(formatChange('filled', -0.031)).toBe('−3.1 percentage points');
    expect(formatChange('filled', 0.25)).toBe('+25.0 percentage points');
    // less than 0.05 points either way is no change
    expect(formatChange('selection_rate', 0.0004)).toBe('0 percentage points');
    expect(formatChange('selection_rate', -0.0004)).toBe('0 percentage points');
  });

  it('gives days their unit', () => {
    expect(formatChange('days_to_fill', 4)).toBe('+4 days');
    expect(formatChange('days_to_fill', -12.2)).toBe('−12 days');
  });

  it('writes a dash for a change that is not a number', () => {
    expect(formatChange('issued', Number.NaN)).toBe('–');
    expect(formatChange('selection_rate', Number.POSITIVE_INFINITY)).toBe('–');
    expect(formatChange('days_to_fill', Number.NEGATIVE_INFINITY)).toBe('–');
  });

  it('says day for a change of one day', () => {
    expect(formatChange('days_to_fill', 1)).toBe('+1 day');
  });
});

describe('changeRangeText', () => {
  it('says "same in every run" when the 5th and 95th percentiles agree', () => {
    expect(changeRangeText('issued', diff(7, 7, 7))).toBe('same in every run');
    expect(changeRangeText('selection_rate', SAME)).toBe('same in every run');
  });

  it('writes the range of a share with the unit once', () => {
    expect(changeRangeText('selection_rate', diff(0.0058, 0.0069, 0.008))).toBe(
      '+0.6 to +0.8 percentage points',
    );
    expect(changeRangeText('filled', diff(-0.031, 0, 0.0004))).toBe('−3.1 to 0 percentage points');
  });

  it('writes the range of a count with signs on both ends', () => {
    expect(changeRangeText('issued', diff(-1500, -1200, -1000))).toBe('−1,500 to −1,000');
    expect(changeRangeText('backlog', diff(-139_764, -11_943, 115_878))).toBe('−139,764 to +115,878');
  });

  it('writes the range of days with the unit once', () => {
    expect(changeRangeText('days_to_fill', diff(2, 3, 5))).toBe('+2 to +5 days');
  });
});

describe('compareLead on the fixture', () => {
  it('says how many more visas B issues, who gains and loses, unused numbers and the backlog', () => {
    expect(compareLead(FIXTURE)).toEqual([
      `Compared with A, B issues 52,779 more visas over ${HORIZON} (in 90% of runs between 51,299 and 54,260 more).`,
      'More go to Honduras (75,452 more), Nicaragua (65,852 more), El Salvador (3,950 more); fewer to Costa Rica (44,685 fewer), Panama (32,224 fewer), Guatemala (10,677 fewer).',
      'B leaves 52,779 fewer visas unused (in 90% of runs between 51,314 and 54,245 fewer).',
      'At the end of FY2028, 11,943 fewer applicants are still waiting (in 90% of runs anywhere from 139,764 fewer to 115,878 more: it could go either way).',
    ]);
  });
});

describe('compareLead: the total', () => {
  it('an increase, with its 90% range', () => {
    expect(totalSentence(diff(1000.4, 1234.6, 1500))).toBe(
      `Compared with A, B issues 1,235 more visas over ${HORIZON} (in 90% of runs between 1,000 and 1,500 more).`,
    );
  });

  it('a decrease, with the range written from the smaller to the larger loss', () => {
    expect(totalSentence(diff(-1500.4, -1234.6, -1000))).toBe(
      `Compared with A, B issues 1,235 fewer visas over ${HORIZON} (in 90% of runs between 1,000 and 1,500 fewer).`,
    );
  });

  it('a range that touches zero stays on one side', () => {
    expect(totalSentence(diff(0, 40, 90))).toBe(
      `Compared with A, B issues 40 more visas over ${HORIZON} (in 90% of runs between 0 and 90 more).`,
    );
    expect(totalSentence(diff(-90, -40, -0.3))).toBe(
      `Compared with A, B issues 40 fewer visas over ${HORIZON} (in 90% of runs between 0 and 90 fewer).`,
    );
  });

  it('the same change in every run', () => {
    expect(totalSentence(diff(-2500, -2500, -2500))).toBe(
      `Compared with A, B issues 2,500 fewer visas over ${HORIZON} in every run.`,
    );
  });

  it('no change at all', () => {
    expect(totalSentence(SAME)).toBe(
      `Compared with A, B issues the same number of visas over ${HORIZON} in every run.`,
    );
  });

  it('a median that rounds to no change, while single runs go either way', () => {
    expect(totalSentence(diff(-120, 0.4, 95))).toBe(
      `Compared with A, B issues as many visas over ${HORIZON} in the median run (in 90% of runs anywhere from 120 fewer to 95 more: it could go either way).`,
    );
  });

  it('says nothing about a total with no runs or no median', () => {
    for (const d of [diff(1, 2, 3, 0), diff(1, Number.NaN, 3)]) {
      const lead = compareLead(withDiff(FIXTURE, { metric: 'issued' }, d));
      expect(lead.some((s) => s.includes('Compared with A'))).toBe(false);
      expect(lead[0]).toMatch(/^More go to Honduras/);
    }
  });
});

describe('compareLead: who gains and who loses', () => {
  it('lists at most three gains, largest first, and three losses, largest first', () => {
    const lead = compareLead(
      withGroupChanges(FIXTURE, {
        MX: diff(0, 10, 20),
        OTH: diff(0, 20, 40),
        GT: diff(0, 30, 60),
        HN: diff(0, 40_000, 50_000),
        SV: diff(-2000, -1000, 0),
        NI: diff(-20, -10, 0),
        CR: diff(-40, -30, -20),
        PA: diff(-5000, -4000, -3000),
      }),
    );
    expect(lead[1]).toBe(
      'More go to Honduras (40,000 more), Guatemala (30 more), Other nationals located in Mexico (20 more); fewer to Panama (4,000 fewer), El Salvador (1,000 fewer), Costa Rica (30 fewer).',
    );
  });

  it('only gains, or only losses', () => {
    expect(compareLead(withGroupChanges(FIXTURE, { HN: diff(5, 6, 7) }))[1]).toBe(
      'More go to Honduras (6 more).',
    );
    expect(compareLead(withGroupChanges(FIXTURE, { PA: diff(-3, -2, -1), BZ: diff(-9, -8, -7) }))[1]).toBe(
      'Fewer go to Belize (8 fewer), Panama (2 fewer).',
    );
  });

  it('leaves out groups whose median change rounds to nothing, and says nothing when no group changes', () => {
    const lead = compareLead(withGroupChanges(FIXTURE, { HN: diff(-5, 0.49, 5), GT: diff(-5, -0.5, 5) }));
    expect(lead.some((s) => /go to/.test(s))).toBe(false);
    expect(lead).toHaveLength(3);
  });
});

describe('compareLead: unused numbers and the backlog', () => {
  it('says how many more or fewer visas B leaves unused, or nothing when the median does not move', () => {
    const more = compareLead(withDiff(FIXTURE, { metric: 'unused' }, diff(300, 300, 300)));
    expect(more).toContain('B leaves 300 more visas unused in every run.');
    const none = compareLead(withDiff(FIXTURE, { metric: 'unused' }, diff(-10, 0.2, 10)));
    expect(none.some((s) => s.includes('unused'))).toBe(false);
  });

  it('reads the backlog at the end of the last fiscal year only', () => {
    const last = compareLead(
      withDiff(FIXTURE, { metric: 'backlog', period: 'FY2028' }, diff(1_200, 2_000, 3_500)),
    );
    expect(last.at(-1)).toBe(
      'At the end of FY2028, 2,000 more applicants are still waiting (in 90% of runs between 1,200 and 3,500 more).',
    );
    const flatEnd = compareLead(withDiff(FIXTURE, { metric: 'backlog', period: 'FY2028' }, SAME));
    expect(flatEnd.some((s) => s.includes('still waiting'))).toBe(false);
    // a change in an earlier year is not the lead's business
    const earlier = withDiff(
      withDiff(FIXTURE, { metric: 'backlog', period: 'FY2028' }, SAME),
      { metric: 'backlog', period: 'FY2027' },
      diff(-9, -8, -7),
    );
    expect(compareLead(earlier).some((s) => s.includes('still waiting'))).toBe(false);
  });
});

describe('compareLead: several programs', () => {
  it('names the program before each total, in the order of the rows', () => {
    const program = { id: 'alt', title: 'Split by encounters', pools: [] };
    const two: CompareSummary = {
      ...FIXTURE,
      a: { ...FIXTURE.a, programs: [...FIXTURE.a.programs, program] },
      b: { ...FIXTURE.b, programs: [...FIXTURE.b.programs, program] },
      rows: [
        ...FIXTURE.rows,
        ...FIXTURE.rows.map((r) => ({
          ...r,
          program: 'alt',
          diff: r.period === '' && r.group === '' ? SAME : r.diff,
        })),
      ],
    };
    const totals = compareLead(two).filter((s) => s.includes('Compared with A'));
    expect(totals).toEqual([
      `Temporary work visas: Compared with A, B issues 52,779 more visas over ${HORIZON} (in 90% of runs between 51,299 and 54,260 more).`,
      `Split by encounters: Compared with A, B issues the same number of visas over ${HORIZON} in every run.`,
    ]);
  });

  it('has no sentences for a comparison without rows', () => {
    expect(compareLead({ ...FIXTURE, rows: [] })).toEqual([]);
  });
});
