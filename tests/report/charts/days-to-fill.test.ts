import { describe, expect, it } from 'vitest';
import { daysToFill, rowDates } from '../../../src/report/charts/days-to-fill.js';
import {
  makeSummary,
  makeSummaryMixedPeriods,
  makeSummaryNeverFilled,
} from '../../helpers/summary-fixture.js';
import { encodings, panels, texts, values } from './spec-helpers.js';

describe('daysToFill', () => {
  const summary = makeSummary();
  const spec = daysToFill(summary);
  const vs = values(panels(spec)[0]);

  it('puts each pool on a row and each of its cap periods on a calendar', () => {
    expect(vs).toHaveLength(2 * summary.fiscalYears.length);
    expect(vs[0]).toMatchObject({ pool: 'Mexico', period: 'FY2024', start: '2023-10-01', end: '2024-10-01' });
    expect(encodings(spec, 'x')[0]).toMatchObject({
      field: 'start',
      type: 'temporal',
      scale: { type: 'utc' },
    });
  });

  it('places the median date at the period start plus the median days, with the 5th–95th dates', () => {
    // Mexico FY2024: median 251 days after October 1, 2023
    expect(vs[0]).toMatchObject({ p50: '2024-06-08', medianText: 'Jun 8, 2024', daysP50: 251 });
    expect(String(vs[0]?.p05) < String(vs[0]?.p50) && String(vs[0]?.p50) < String(vs[0]?.p95)).toBe(true);
  });

  it('labels the date, the share of runs when not every run reached the cap, and caps never reached', () => {
    expect(vs[0]).toMatchObject({ label: 'Jun 8', shareLabel: 'in 62% of runs', share: 0.62 });
    expect(vs[1]).toMatchObject({ shareLabel: '' });
    expect(vs[1]?.label).toMatch(/^[A-Z][a-z]{2} \d+$/);
    const ca = vs.filter((v) => v.pool === 'Central America');
    expect(ca.every((v) => v.medianText === 'not reached in any run' && v.p50 === null)).toBe(true);
    // a pool never reached in any period is labelled once, in the middle of its row
    expect(ca.map((v) => v.labelOnce)).toEqual([true, false, false, false, false]);
    expect(ca[0]?.labelAt).toBe('2026-04-01');
  });

  it('reads half-year tranches and a cap for the whole period from their own dates', () => {
    const mixed = values(panels(daysToFill(makeSummaryMixedPeriods()))[0]);
    expect(mixed.map((v) => [v.period, v.start, v.end, v.reached])).toEqual([
      ['FY2023-H1', '2022-10-01', '2023-04-01', true],
      ['FY2023-H2', '2023-04-01', '2023-10-01', true],
      ['total', '2022-12-15', '2023-10-01', false],
    ]);
    expect(mixed[0]).toMatchObject({ p50: '2022-10-27', periodText: 'Oct 1, 2022 – Mar 31, 2023' });
  });

  it('moves the dates to a column right of the plot where the periods are too short for them (monthly caps)', () => {
    const s = makeSummaryMixedPeriods();
    const months = Array.from({ length: 24 }, (_, i) => {
      const start = new Date(Date.UTC(2022, 9 + i, 1)).toISOString().slice(0, 10);
      const end = new Date(Date.UTC(2022, 10 + i, 1)).toISOString().slice(0, 10);
      return { label: start.slice(0, 7), start, end };
    });
    const pool = s.programs[0]?.pools[0];
    if (!pool) throw new Error('fixture: no pool');
    Object.assign(pool, { periods: months.map((m) => m.label), periodDates: months, capPer: 'month' });
    const half = s.rows.filter((r) => r.pool === 'statutory' && r.period === 'FY2023-H1');
    s.rows = [
      ...s.rows.filter((r) => r.pool !== 'statutory'),
      ...months.flatMap((m) => half.map((r) => ({ ...r, period: m.label }))),
    ];
    const monthly = daysToFill(s);
    expect(values(panels(monthly)[0]).filter((v) => v.reached)).toHaveLength(24);
    expect(JSON.stringify(monthly)).not.toContain('"field":"label"');
    expect(texts(monthly).subtitle.join(' ')).toContain('the median dates are on the right');
    const rowTexts = values(panels(monthly)[0])
      .map((v) => v.rowText)
      .filter(Boolean);
    expect(rowTexts).toHaveLength(1);
    expect(rowTexts[0]).toMatch(/^first [A-Z][a-z]{2} \d+, \d{4}; reached in \d+ of 24 in most runs$/);
    expect(JSON.stringify(monthly)).toContain('"field":"rowText"');
    expect(JSON.stringify(spec)).toContain('"field":"label"');
    expect(JSON.stringify(spec)).not.toContain('"field":"rowText"');
  });

  it('rowDates lists up to three dates, else the first and a count', () => {
    const at = (p50: string, share = 1) => ({ share, days: null, reachedOn: { p05: p50, p50, p95: p50 } });
    const never = { share: 0, days: null, reachedOn: null };
    const base = { program: 'p', pool: 'q', poolLabel: 'Q', period: 'FY2023', runsReached: 1 };
    expect(
      rowDates([
        { ...base, ...at('2022-10-26') },
        { ...base, ...at('2023-04-09') },
      ]),
    ).toBe('Oct 26, 2022 · Apr 9, 2023');
    expect(rowDates([{ ...base, ...never }])).toBe('not reached in any run');
    expect(
      rowDates(
        [1, 2, 3, 4].map((m) => ({ ...base, ...(m === 2 ? never : at(`2023-0${m}-05`, m === 4 ? 0.4 : 1)) })),
      ),
    ).toBe('first Jan 5, 2023; reached in 2 of 4 in most runs');
  });

  it('says what the marks mean', () => {
    expect(texts(spec).title).toBe('When each pool’s cap is reached');
    expect(texts(spec).subtitle.join(' ')).toContain('median date on which the cap was reached');
  });

  it('is null when no pool ever fills, or when the pools carry no period dates', () => {
    expect(daysToFill(makeSummaryNeverFilled())).toBeNull();
    const undated = makeSummary();
    for (const p of undated.programs[0]?.pools ?? []) delete p.periodDates;
    expect(daysToFill(undated)).toBeNull();
  });
});

describe('daysToFill with a receipt clock', () => {
  it('says its dates are start dates and where the receipt dates are', () => {
    const s = makeSummaryMixedPeriods();
    expect(texts(daysToFill(s)).subtitle.join(' ')).not.toMatch(/start dates/);
    for (const r of [...s.rows])
      if (r.metric === 'days_to_fill' && r.group === '')
        s.rows.push({ ...r, metric: 'days_to_fill_receipt' });
    expect(texts(daysToFill(s)).subtitle.join(' ')).toMatch(
      /Dates are start dates.*receipt dates USCIS announces/,
    );
  });
});
