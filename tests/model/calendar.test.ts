/**
 * The calendar: steps tile the horizon (months, cut at window edges and named dates), fiscal years
 * are labelled and clipped to the horizon, and the month-day helpers place MM-DD in the right year.
 */

import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/formula/formula.js';
import {
  type Calendar,
  type CalendarInput,
  fiscalYearStart,
  inWindow,
  isoOfDay,
  layoutCalendar,
  monthDayInFy,
  monthLabel,
} from '../../src/model/calendar.js';
import { fc, test } from '../helpers/prop.js';

const d = dayNumber;
const input = (over: Partial<CalendarInput> = {}): CalendarInput => ({
  start: '2023-10-01',
  years: 1,
  step: 'month',
  fiscal_year_start: '10-01',
  ...over,
});
/** Each step as [start, end) ISO dates. */
const spans = (c: Calendar) => c.steps.map((s) => [isoOfDay(s.start), isoOfDay(s.end)]);
const fys = (c: Calendar) =>
  c.fiscalYears.map((f) => [f.label, isoOfDay(f.start), isoOfDay(f.end), f.firstStep, f.endStep]);

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : (MONTH_DAYS[m - 1] as number));
const pad = (n: number) => String(n).padStart(2, '0');

describe('day numbers and labels', () => {
  it('reads day numbers as UTC dates, before and after 1970', () => {
    expect(isoOfDay(0)).toBe('1970-01-01');
    expect(isoOfDay(-1)).toBe('1969-12-31');
    expect(isoOfDay(d('2024-02-29'))).toBe('2024-02-29');
    expect(isoOfDay(d('2024-02-29') + 1)).toBe('2024-03-01');
    expect(monthLabel(d('2024-02-29'))).toBe('2024-02');
    expect(monthLabel(d('2023-12-31'))).toBe('2023-12');
  });
});

describe('fiscalYearStart', () => {
  it('is the latest fiscal-year start on or before the day', () => {
    const cases: [string, string, string][] = [
      ['2023-10-01', '10-01', '2023-10-01'],
      ['2023-09-30', '10-01', '2022-10-01'],
      ['2024-01-01', '10-01', '2023-10-01'],
      ['2024-12-31', '01-01', '2024-01-01'],
      ['2024-01-01', '01-01', '2024-01-01'],
      ['2024-04-14', '04-15', '2023-04-15'],
      ['2024-04-15', '04-15', '2024-04-15'],
    ];
    for (const [day, fy, want] of cases)
      expect(isoOfDay(fiscalYearStart(d(day), fy)), `${day} with ${fy}`).toBe(want);
  });
});

describe('monthDayInFy', () => {
  it('puts month-days before the start month-day in the next calendar year', () => {
    const fy = d('2023-10-01');
    expect(isoOfDay(monthDayInFy(fy, '10-01', '10-01'))).toBe('2023-10-01');
    expect(isoOfDay(monthDayInFy(fy, '12-31', '10-01'))).toBe('2023-12-31');
    expect(isoOfDay(monthDayInFy(fy, '01-01', '10-01'))).toBe('2024-01-01');
    expect(isoOfDay(monthDayInFy(fy, '09-30', '10-01'))).toBe('2024-09-30');
    expect(isoOfDay(monthDayInFy(fy, '02-29', '10-01'))).toBe('2024-02-29');
  });

  it('compares the day too when the fiscal year starts mid-month', () => {
    const fy = d('2023-10-15');
    expect(isoOfDay(monthDayInFy(fy, '10-15', '10-15'))).toBe('2023-10-15');
    expect(isoOfDay(monthDayInFy(fy, '10-20', '10-15'))).toBe('2023-10-20');
    expect(isoOfDay(monthDayInFy(fy, '10-14', '10-15'))).toBe('2024-10-14');
  });
});

describe('inWindow', () => {
  it('includes both ends of the window and nothing outside', () => {
    const w = { from: '05-15', to: '09-30' };
    expect(inWindow(d('2024-05-14'), w, '10-01')).toBe(false);
    expect(inWindow(d('2024-05-15'), w, '10-01')).toBe(true);
    expect(inWindow(d('2024-07-04'), w, '10-01')).toBe(true);
    expect(inWindow(d('2024-09-30'), w, '10-01')).toBe(true);
    expect(inWindow(d('2024-10-01'), w, '10-01')).toBe(false);
  });

  it('follows a window over the new year within one fiscal year, in every year', () => {
    const w = { from: '11-01', to: '02-28' };
    for (const y of [2023, 2024]) {
      expect(inWindow(d(`${y}-10-31`), w, '10-01')).toBe(false);
      expect(inWindow(d(`${y}-11-01`), w, '10-01')).toBe(true);
      expect(inWindow(d(`${y}-12-31`), w, '10-01')).toBe(true);
      expect(inWindow(d(`${y + 1}-01-01`), w, '10-01')).toBe(true);
      expect(inWindow(d(`${y + 1}-02-28`), w, '10-01')).toBe(true);
      expect(inWindow(d(`${y + 1}-03-01`), w, '10-01')).toBe(false);
    }
  });
});

describe('layoutCalendar', () => {
  it('lays out a US fiscal-year horizon as whole months in two fiscal years', () => {
    const c = layoutCalendar(input({ years: 2 }));
    expect([isoOfDay(c.start), isoOfDay(c.end)]).toEqual(['2023-10-01', '2025-10-01']);
    expect(c.steps).toHaveLength(24);
    expect(c.steps.map((s) => s.index)).toEqual([...Array(24).keys()]);
    expect(c.steps.map((s) => s.fy)).toEqual([...Array(24).keys()].map((i) => (i < 12 ? 0 : 1)));
    expect(c.steps.map((s) => s.fyMonth)).toEqual([...Array(24).keys()].map((i) => i % 12));
    expect(spans(c).slice(0, 2)).toEqual([
      ['2023-10-01', '2023-11-01'],
      ['2023-11-01', '2023-12-01'],
    ]);
    expect(c.steps[12]).toMatchObject({ start: d('2024-10-01'), fy: 1, fyMonth: 0, dayOfFy: 0 });
    expect(c.steps[3]).toMatchObject({ start: d('2024-01-01'), dayOfFy: 92 });
    expect(fys(c)).toEqual([
      ['FY2024', '2023-10-01', '2024-10-01', 0, 12],
      ['FY2025', '2024-10-01', '2025-10-01', 12, 24],
    ]);
    expect(c.fyStartMonthDay).toBe('10-01');
  });

  it('gives every month its own length, with February 29 in leap years only', () => {
    const c = layoutCalendar(input({ start: '2023-01-01', years: 2, fiscal_year_start: '01-01' }));
    const y2023 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const y2024 = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    expect(c.steps.map((s) => s.days)).toEqual([...y2023, ...y2024]);
    expect(c.steps.map((s) => s.monthDays)).toEqual([...y2023, ...y2024]);
    expect(c.end - c.start).toBe(365 + 366);
    expect(c.fiscalYears.map((f) => f.label)).toEqual(['FY2023', 'FY2024']);
  });

  it('cuts a partial first and last step when the horizon starts mid-month and mid-fiscal-year', () => {
    const c = layoutCalendar(input({ start: '2024-01-15', years: 1 }));
    expect(c.steps).toHaveLength(13);
    const first = c.steps[0];
    const last = c.steps[12];
    expect(first).toMatchObject({ start: d('2024-01-15'), end: d('2024-02-01'), days: 17, monthDays: 31 });
    // fiscal-year position counts from the fiscal year's real start (2023-10-01), not the horizon's
    expect(first).toMatchObject({ fy: 0, fyMonth: 3, dayOfFy: 106 });
    expect(c.steps[1]).toMatchObject({ days: 29, monthDays: 29, dayOfFy: 123 });
    expect(last).toMatchObject({ start: d('2025-01-01'), end: d('2025-01-15'), days: 14, monthDays: 31 });
    expect(last).toMatchObject({ fy: 1, fyMonth: 3, dayOfFy: 92 });
    // fiscal years are clipped to the horizon
    expect(fys(c)).toEqual([
      ['FY2024', '2024-01-15', '2024-10-01', 0, 9],
      ['FY2025', '2024-10-01', '2025-01-15', 9, 13],
    ]);
  });

  it('ends a horizon that starts on February 29 on March 1 of a common year', () => {
    const c = layoutCalendar(input({ start: '2024-02-29', years: 1, fiscal_year_start: '01-01' }));
    expect(isoOfDay(c.end)).toBe('2025-03-01');
    expect(c.steps[0]).toMatchObject({ days: 1, monthDays: 29, fyMonth: 1, dayOfFy: 59 });
    expect(c.steps.at(-1)).toMatchObject({ start: d('2025-02-01'), days: 28, monthDays: 28 });
    expect(c.steps.reduce((a, s) => a + s.days, 0)).toBe(366);
  });

  it('names fiscal years by the calendar year they end in, except a January start', () => {
    const label = (start: string, fy: string) =>
      layoutCalendar(input({ start, years: 2, fiscal_year_start: fy })).fiscalYears.map((f) => f.label);
    expect(label('2024-04-01', '04-01')).toEqual(['FY2025', 'FY2026']);
    expect(label('2024-01-01', '01-01')).toEqual(['FY2024', 'FY2025']);
    expect(label('2024-07-01', '10-01')).toEqual(['FY2024', 'FY2025', 'FY2026']);
  });

  it('cuts steps at window edges in every fiscal year and at named dates inside the horizon', () => {
    const c = layoutCalendar(
      input({ years: 2 }),
      ['05-15', '10-01', '01-01'],
      [d('2024-03-18'), d('2020-01-01'), d('2030-01-01'), d('2025-10-01')],
    );
    // 24 months + May 15 in both years + March 18 once; edges that already exist add nothing
    expect(c.steps).toHaveLength(27);
    const starts = c.steps.map((s) => isoOfDay(s.start));
    expect(starts).toContain('2024-05-15');
    expect(starts).toContain('2025-05-15');
    expect(starts).toContain('2024-03-18');
    const may = c.steps.filter((s) => monthLabel(s.start) === '2024-05');
    expect(may.map((s) => [s.days, s.monthDays, s.fyMonth])).toEqual([
      [14, 31, 7],
      [17, 31, 7],
    ]);
    expect(may[1]?.dayOfFy).toBe(d('2024-05-15') - d('2023-10-01'));
    expect(fys(c)).toEqual([
      ['FY2024', '2023-10-01', '2024-10-01', 0, 14],
      ['FY2025', '2024-10-01', '2025-10-01', 14, 27],
    ]);
  });

  it('takes one step per day when asked, across a leap day', () => {
    const c = layoutCalendar(input({ start: '2024-02-27', years: 1, step: 'day' }));
    expect(c.steps).toHaveLength(366);
    expect(c.steps.every((s) => s.days === 1)).toBe(true);
    expect(spans(c).slice(0, 4)).toEqual([
      ['2024-02-27', '2024-02-28'],
      ['2024-02-28', '2024-02-29'],
      ['2024-02-29', '2024-03-01'],
      ['2024-03-01', '2024-03-02'],
    ]);
    expect(c.steps[2]?.monthDays).toBe(29);
    expect(fys(c)).toEqual([
      ['FY2024', '2024-02-27', '2024-10-01', 0, 217],
      ['FY2025', '2024-10-01', '2025-02-27', 217, 366],
    ]);
  });

  // fyMonth counts calendar months from the fiscal year's start month, so a fiscal year starting
  // mid-month would give its last, partial month fyMonth 0 again: validation refuses such starts
  // (tests/fixtures/invalid/fiscal-year-mid-month.yaml).
});

// ── properties ────────────────────────────────────────────────────────────────────────────────

const LO = d('1990-01-01');
const HI = d('2060-12-31');
const arbMonthDay = (day: fc.Arbitrary<number>) =>
  fc.tuple(fc.integer({ min: 1, max: 12 }), day).map(([m, dd]) => `${pad(m)}-${pad(dd)}`);
const arbInput = (fyDay: fc.Arbitrary<number>) =>
  fc.record({
    start: fc.integer({ min: LO, max: HI }).map(isoOfDay),
    years: fc.integer({ min: 1, max: 4 }),
    step: fc.constantFrom('month' as const, 'month' as const, 'month' as const, 'day' as const),
    fiscal_year_start: fc.oneof(fc.constantFrom('10-01', '01-01'), arbMonthDay(fyDay)),
  });
const arbCuts = fc.record({
  monthDays: fc.array(arbMonthDay(fc.integer({ min: 1, max: 28 })), { maxLength: 4 }),
  /** offsets in days from the start, some outside the horizon */
  offsets: fc.array(fc.integer({ min: -400, max: 2000 }), { maxLength: 4 }),
});

/** The horizon's expected end: the same month-day `years` later (Feb 29 rolls to Mar 1). */
function expectedEnd(start: string, years: number): string {
  const [y, m, dd] = start.split('-').map(Number) as [number, number, number];
  const ey = y + years;
  return m === 2 && dd === 29 && !isLeap(ey) ? `${ey}-03-01` : `${ey}-${pad(m)}-${pad(dd)}`;
}

describe('layoutCalendar properties', () => {
  // Each property gathers what is wrong as text and asserts once: an expect() per step of a daily
  // calendar would dominate the run time.
  test.prop([arbInput(fc.integer({ min: 1, max: 28 })), arbCuts], { numRuns: 120 })(
    'steps tile the horizon without gaps or overlaps, and their days sum to its days',
    (inp, cuts) => {
      const start = d(inp.start);
      const c = layoutCalendar(
        inp,
        cuts.monthDays,
        cuts.offsets.map((o) => start + o),
      );
      expect(c.start).toBe(start);
      expect(isoOfDay(c.end)).toBe(expectedEnd(inp.start, inp.years));
      expect(c.steps[0]?.start).toBe(c.start);
      expect(c.steps.at(-1)?.end).toBe(c.end);
      const wrong: string[] = [];
      let days = 0;
      c.steps.forEach((s, i) => {
        if (s.index !== i) wrong.push(`step ${i} has index ${s.index}`);
        if (s.days !== s.end - s.start || s.days <= 0) wrong.push(`step ${i} has ${s.days} days`);
        if (i > 0 && s.start !== c.steps[i - 1]?.end) wrong.push(`gap or overlap before step ${i}`);
        days += s.days;
      });
      expect(wrong).toEqual([]);
      expect(days).toBe(c.end - c.start);
    },
  );

  test.prop([arbInput(fc.integer({ min: 1, max: 28 })), arbCuts], { numRuns: 120 })(
    'a step never crosses a month, and every boundary is a month, fiscal-year, window or date edge',
    (inp, cuts) => {
      const start = d(inp.start);
      const fyStart = inp.fiscal_year_start;
      const cutDays = cuts.offsets.map((o) => start + o);
      const c = layoutCalendar(inp, cuts.monthDays, cutDays);
      const wrong: string[] = [];
      for (const s of c.steps) {
        const iso = isoOfDay(s.start);
        const [y, m] = iso.split('-').map(Number) as [number, number];
        if (monthLabel(s.end - 1) !== monthLabel(s.start)) wrong.push(`${iso} crosses a month`);
        if (s.monthDays !== daysInMonth(y, m)) wrong.push(`${iso} has monthDays ${s.monthDays}`);
        if (inp.step === 'day' && s.days !== 1) wrong.push(`${iso} is ${s.days} days long`);
        if (s.index === 0 || inp.step === 'day') continue;
        const fy = fiscalYearStart(s.start, fyStart);
        const justified =
          iso.endsWith('-01') ||
          iso.slice(5) === fyStart ||
          cuts.monthDays.some((w) => monthDayInFy(fy, w, fyStart) === s.start) ||
          cutDays.includes(s.start);
        if (!justified) wrong.push(`${iso} is an edge for no reason`);
      }
      const edges = new Set(c.steps.map((s) => s.start));
      for (const cut of cutDays)
        if (cut > c.start && cut < c.end && !edges.has(cut)) wrong.push(`${isoOfDay(cut)} is not cut`);
      expect(wrong).toEqual([]);
    },
  );

  test.prop([arbInput(fc.integer({ min: 1, max: 28 })), arbCuts], { numRuns: 120 })(
    'fiscal years tile the horizon, and each holds exactly the steps that lie in it',
    (inp, cuts) => {
      const fyStart = inp.fiscal_year_start;
      const c = layoutCalendar(inp, cuts.monthDays);
      expect(c.fiscalYears[0]?.start).toBe(c.start);
      expect(c.fiscalYears.at(-1)?.end).toBe(c.end);
      // a fiscal year starting in January is named by its own year, any other by the next
      const startYear = Number(isoOfDay(fiscalYearStart(c.start, fyStart)).slice(0, 4));
      const firstFy = fyStart === '01-01' ? startYear : startYear + 1;
      const wrong: string[] = [];
      c.fiscalYears.forEach((f, i) => {
        if (f.index !== i || f.label !== `FY${firstFy + i}`) wrong.push(`fiscal year ${i} is ${f.label}`);
        if (i > 0 && f.start !== c.fiscalYears[i - 1]?.end) wrong.push(`gap or overlap before ${f.label}`);
        if (f.end <= f.start) wrong.push(`${f.label} is empty`);
        const inFy = c.steps.filter((s) => s.fy === i);
        if (inFy.length !== f.endStep - f.firstStep || inFy[0]?.index !== f.firstStep)
          wrong.push(`${f.label} claims steps [${f.firstStep}, ${f.endStep})`);
        for (const s of inFy) {
          if (s.start < f.start || s.end > f.end) wrong.push(`step ${s.index} lies outside ${f.label}`);
          if (s.dayOfFy !== s.start - fiscalYearStart(s.start, fyStart))
            wrong.push(`step ${s.index} has dayOfFy ${s.dayOfFy}`);
        }
      });
      if (c.steps.some((s) => s.fy < 0 || s.fy >= c.fiscalYears.length))
        wrong.push('a step has no fiscal year');
      expect(wrong).toEqual([]);
    },
  );

  test.prop([arbInput(fc.constant(1)), arbCuts], { numRuns: 100 })(
    'fyMonth counts calendar months from the start of a fiscal year that begins on the 1st',
    (inp, cuts) => {
      const c = layoutCalendar(inp, cuts.monthDays);
      const fm = Number(inp.fiscal_year_start.slice(0, 2));
      const wrong: string[] = [];
      for (const s of c.steps) {
        const m = Number(monthLabel(s.start).slice(5));
        if (s.fyMonth !== (m - fm + 12) % 12) wrong.push(`step ${s.index} has fyMonth ${s.fyMonth}`);
        const prev = c.steps[s.index - 1];
        if (prev && prev.fy === s.fy && s.fyMonth < prev.fyMonth) wrong.push(`fyMonth falls at ${s.index}`);
        if (prev && prev.fy !== s.fy && s.fyMonth !== 0) wrong.push(`fiscal year ${s.fy} opens mid-way`);
      }
      expect(wrong).toEqual([]);
    },
  );
});
