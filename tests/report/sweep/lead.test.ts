/**
 * A sweep in words: what was run (the values, runs and seed), how each headline figure moves from
 * the first value to the last, which figures stay the same, and which uncertain parameter matters
 * most — as parts for report.html and as the sentences of `sweepLead`.
 */
import { describe, expect, it } from 'vitest';
import type { CellStats, Headline, SweepPoint, SweepSummary, TornadoBar } from '../../../src/core/types.js';
import { leadParts, sweepLead } from '../../../src/report/sweep/lead.js';
import { makeSweepSummary, makeSweepSummaryOrdinal } from '../../helpers/sweep-fixture.js';

const SPAN = 'FY2024–FY2028';

/** A cell whose 5th, 50th and 95th percentiles are p50 − 1, p50, p50 + 1. */
const cell = (p50: number, n = 1000): CellStats => ({
  n,
  mean: p50,
  sd: 1,
  min: p50 - 2,
  p05: p50 - 1,
  p25: p50,
  p50,
  p75: p50,
  p95: p50 + 1,
  max: p50 + 2,
});

/** The fixture's points with the stats of one headline key replaced at each point. */
function withHeadline(
  ss: SweepSummary,
  key: string,
  stats: (p: SweepPoint, i: number) => CellStats,
): SweepSummary {
  return {
    ...ss,
    points: ss.points.map((p, i) => ({
      ...p,
      headline: p.headline.map((h) => (h.key === key ? { ...h, stats: stats(p, i) } : h)),
    })),
  };
}

const bar = (
  parameter: string,
  lowValue: number,
  highValue: number,
  low: number,
  high: number,
): TornadoBar => ({
  parameter,
  lowValue,
  highValue,
  low: cell(low),
  high: cell(high),
});

describe('sweepLead on the numeric fixture', () => {
  const ss = makeSweepSummary();

  it('says what was run, what moves from the first value to the last, what stays, and the widest bar', () => {
    expect(sweepLead(ss)).toEqual([
      "The scenario was run at 5 values of the mexico pool's cap (100,000; 125,000; 150,000; 175,000; 200,000), each with 1,000 runs and the same seed.",
      `From 100,000 to 200,000 (medians): Visas issued, ${SPAN}: 1,104,000 → 1,546,000; Numbers left unused: 146,000 → 204,000; Applicants still waiting at the end: 3,050,200 → 1,680,000; Chance that an applicant gets a visa: 23.8% → 33.4%.`,
      `The same at every value: People who applied, ${SPAN}.`,
      `Of the uncertain parameters, interest moves “Visas issued, ${SPAN}” most: 1,262,000 with interest at 0.0014, 1,371,000 at 0.0052.`,
    ]);
  });

  it('gives report.html the same facts as parts, changes as [label, from, to]', () => {
    const p = leadParts(ss, {});
    expect(p.changesIntro).toBe('From 100,000 to 200,000 (medians):');
    expect(p.changes).toEqual([
      [`Visas issued, ${SPAN}`, '1,104,000', '1,546,000'],
      ['Numbers left unused', '146,000', '204,000'],
      ['Applicants still waiting at the end', '3,050,200', '1,680,000'],
      ['Chance that an applicant gets a visa', '23.8%', '33.4%'],
    ]);
    expect(p.unchanged).toEqual([`People who applied, ${SPAN}`]);
    expect(sweepLead(ss)[0]).toBe(p.intro);
  });

  it('names the parameter in the words it is given', () => {
    expect(sweepLead(ss, { paramLabel: "the Mexico pool's yearly cap" })[0]).toMatch(
      /^The scenario was run at 5 values of the Mexico pool's yearly cap \(100,000; /,
    );
  });
});

describe('sweepLead on values that are not numbers', () => {
  it('writes the values as given, and has no tornado sentence without a tornado', () => {
    const lead = sweepLead(makeSweepSummaryOrdinal());
    expect(lead).toEqual([
      "The scenario was run at 3 values of the central-america pool's split by (population_2020; encounters_fy2022; equal), each with 1,000 runs and the same seed.",
      `From population_2020 to equal (medians): Visas issued, ${SPAN}: 1,346,000 → 1,206,000; Numbers left unused: 154,000 → 286,000; Chance that an applicant gets a visa: 29.1% → 26.0%.`,
      `The same at every value: Applicants still waiting at the end; People who applied, ${SPAN}.`,
    ]);
    expect(leadParts(makeSweepSummaryOrdinal(), {}).tornado).toBeNull();
  });
});

describe('sweepLead: what moves and what does not', () => {
  const ss = makeSweepSummary();

  it('compares the first and the last value only, even when the figure goes up and back down', () => {
    const bump = withHeadline(ss, 'work-visas.unused', (_, i) => cell(i === 2 ? 999_000 : 146_000));
    const p = leadParts(bump, {});
    // the same at both ends, yet not flat: it is listed as a change from 146,000 to 146,000
    expect(p.changes).toContainEqual(['Numbers left unused', '146,000', '146,000']);
    expect(p.unchanged).not.toContain('Numbers left unused');
  });

  it('lists every figure as the same when nothing moves, and then has no changes sentence', () => {
    const flat: SweepSummary = {
      ...ss,
      points: ss.points.map((p) => ({ ...p, headline: ss.points[0]?.headline ?? [] })),
      tornado: [],
    };
    expect(sweepLead(flat)).toEqual([
      sweepLead(ss)[0],
      `The same at every value: Visas issued, ${SPAN}; Numbers left unused; Applicants still waiting at the end; Chance that an applicant gets a visa; People who applied, ${SPAN}.`,
    ]);
  });

  it('leaves out a figure with no runs at the first or last value, and figures of single pools', () => {
    const noEnd = withHeadline(ss, 'work-visas.issued', (_, i) => cell(1_000_000 + i, i === 4 ? 0 : 1000));
    expect(leadParts(noEnd, {}).changes.map(([l]) => l)).not.toContain(`Visas issued, ${SPAN}`);
    const pool: Headline = {
      key: 'work-visas.mexico.issued',
      label: 'Visas issued by the Mexico pool',
      program: 'work-visas',
      pool: 'mexico',
      metric: 'issued',
      stats: cell(5),
    };
    const withPool: SweepSummary = {
      ...ss,
      points: ss.points.map((p, i) => ({ ...p, headline: [...p.headline, { ...pool, stats: cell(5 + i) }] })),
    };
    expect(sweepLead(withPool)[1]).toBe(sweepLead(ss)[1]);
  });

  it('writes a single value without plural and without changes', () => {
    const one: SweepSummary = { ...ss, points: ss.points.slice(2, 3), tornado: [] };
    expect(sweepLead(one)).toEqual([
      "The scenario was run at 1 value of the mexico pool's cap (150,000), each with 1,000 runs and the same seed.",
    ]);
  });

  it('says nothing about the values of a sweep without points', () => {
    expect(sweepLead({ ...ss, points: [], tornado: [] })).toEqual([]);
    const parts = leadParts({ ...ss, points: [] }, {});
    expect([parts.intro, parts.changesIntro, parts.changes, parts.unchanged]).toEqual(['', '', [], []]);
    // the tornado does not depend on the points
    expect(parts.tornado).toMatch(/^Of the uncertain parameters, interest moves/);
  });

  it('says "1 run" for a sweep with one run per value', () => {
    expect(sweepLead({ ...ss, runs: 1 })[0]).toMatch(/, each with 1 run and the same seed\.$/);
  });
});

describe('sweepLead: the tornado', () => {
  const ss = makeSweepSummary();
  const tornadoOf = (tornado: TornadoBar[], over: Partial<SweepSummary> = {}) =>
    leadParts({ ...ss, ...over, tornado }, {}).tornado;

  it('picks the widest bar whatever its direction, writing negative values with the typographic minus', () => {
    expect(tornadoOf([bar('take_up', 0.2, 0.6, 100, 150), bar('growth', -0.082, 0.082, 900, 700)])).toBe(
      `Of the uncertain parameters, growth moves “Visas issued, ${SPAN}” most: 900 with growth at −0.082, 700 at 0.082.`,
    );
  });

  it('breaks a tie by the name of the parameter and writes whole values with separators', () => {
    expect(tornadoOf([bar('zeta', 1, 2, 0, 10), bar('alpha', 10_000, 20_000, 5, 15)])).toBe(
      `Of the uncertain parameters, alpha moves “Visas issued, ${SPAN}” most: 5 with alpha at 10,000, 15 at 20,000.`,
    );
  });

  it('skips bars without a median, and has no sentence when none is left', () => {
    const broken = bar('broken', 0, 1, 0, 1);
    broken.high = { ...broken.high, p50: Number.NaN };
    expect(tornadoOf([broken, bar('ok', 1, 2, 10, 11)])).toMatch(/^Of the uncertain parameters, ok moves/);
    expect(tornadoOf([broken])).toBeNull();
    expect(sweepLead({ ...ss, tornado: [broken] })).toHaveLength(3);
  });

  it('formats the medians as the figure the tornado is about: a share as a percentage', () => {
    expect(
      tornadoOf([bar('take_up', 0.2, 0.6, 0.2384, 0.3341)], { tornadoKey: 'work-visas.selection_rate' }),
    ).toBe(
      'Of the uncertain parameters, take_up moves “Chance that an applicant gets a visa” most: 23.8% with take_up at 0.2, 33.4% at 0.6.',
    );
  });

  it('names the figure from its metric when no headline has the tornado key', () => {
    expect(tornadoOf([bar('take_up', 0.2, 0.6, 10, 20)], { tornadoKey: 'other.backlog' })).toMatch(
      /moves “other\.backlog” most: 10 with take_up at 0\.2, 20 at 0\.6\.$/,
    );
    const { tornadoKey: _, ...noKey } = ss;
    expect(leadParts({ ...noKey, tornado: [bar('p', 0.00143857, 1, 1, 2)] }, {}).tornado).toBe(
      'Of the uncertain parameters, p moves “Visas issued” most: 1 with p at 0.00144, 2 at 1.',
    );
  });
});
