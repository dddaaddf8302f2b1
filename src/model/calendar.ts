/**
 * Lays out simulated time. In: the scenario calendar and every date or window edge the rules name.
 * Out: the steps (months by default, cut further wherever a window edge or date falls inside a
 * month, so a window such as "start dates May 15 – Sep 30" keeps day precision without simulating
 * every day), the fiscal years, and helpers to label periods.
 *
 * Dates are day numbers (days since 1970-01-01, UTC); a step covers [start, end).
 */
import { dayNumber } from '../formula/formula.js';

export interface Step {
  index: number;
  start: number;
  end: number;
  days: number;
  /** 0-based fiscal year index within the horizon */
  fy: number;
  /** 0..11, month of the fiscal year the step lies in */
  fyMonth: number;
  /** days from the start of the fiscal year to the start of the step */
  dayOfFy: number;
  /** days in the calendar month the step lies in */
  monthDays: number;
}

export interface FiscalYear {
  index: number;
  /** FY2024 runs from 2023-10-01 to 2024-09-30 when the fiscal year starts on October 1 */
  label: string;
  start: number;
  end: number;
  firstStep: number;
  /** exclusive */
  endStep: number;
}

export interface Calendar {
  start: number;
  end: number;
  steps: Step[];
  fiscalYears: FiscalYear[];
  fyStartMonthDay: string;
  /** steps belonging to each calendar month, keyed "YYYY-MM" */
}

export interface CalendarInput {
  start: string;
  years: number;
  step: 'month' | 'day';
  fiscal_year_start: string;
}

const DAY_MS = 86_400_000;

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function ymd(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

function dayOf(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function monthLabel(day: number): string {
  return isoOfDay(day).slice(0, 7);
}

/** The calendar month (1–12) and year of a day number. */
export function monthOfDay(day: number): number {
  return ymd(day).m;
}
export function yearOfDay(day: number): number {
  return ymd(day).y;
}

/** year × 12 + month of a day number: monthsBetween(a, b) = monthCount(b) − monthCount(a). */
export function monthCount(day: number): number {
  const { y, m } = ymd(day);
  return y * 12 + m;
}

/** Whole calendar months from the month of day a to the month of day b. */
export function monthsBetween(a: number, b: number): number {
  const x = ymd(a);
  const y = ymd(b);
  return (y.y - x.y) * 12 + y.m - x.m;
}

/** The day number of MM-DD in the fiscal year that starts on `fyStart` (a day number). */
export function monthDayInFy(fyStart: number, monthDay: string, fyStartMonthDay: string): number {
  const [m, d] = monthDay.split('-').map(Number) as [number, number];
  const [fm, fd] = fyStartMonthDay.split('-').map(Number) as [number, number];
  const { y } = ymd(fyStart);
  // A month-day before the fiscal-year start month-day belongs to the next calendar year.
  const before = m < fm || (m === fm && d < fd);
  return dayOf(before ? y + 1 : y, m, d);
}

/** First day of the fiscal year that contains `day`. */
export function fiscalYearStart(day: number, fyStartMonthDay: string): number {
  const { y } = ymd(day);
  const [fm, fd] = fyStartMonthDay.split('-').map(Number) as [number, number];
  const thisYear = dayOf(y, fm, fd);
  return day >= thisYear ? thisYear : dayOf(y - 1, fm, fd);
}

function fyLabel(fyStart: number, fyStartMonthDay: string): string {
  const { y } = ymd(fyStart);
  // Named by the calendar year in which it ends (US usage); a January start names it by its own year.
  return `FY${fyStartMonthDay === '01-01' ? y : y + 1}`;
}

/**
 * Build the calendar. `cutMonthDays` are MM-DD edges repeated every fiscal year (window starts and
 * the day after window ends); `cutDays` are absolute dates. Both only add step boundaries.
 */
export function layoutCalendar(
  input: CalendarInput,
  cutMonthDays: string[] = [],
  cutDays: number[] = [],
): Calendar {
  const start = dayNumber(input.start);
  const s = ymd(start);
  const end = dayOf(s.y + input.years, s.m, s.d);
  const cuts = new Set<number>([start, end]);

  // Fiscal years and their edges.
  const fyStarts: number[] = [];
  for (let f = fiscalYearStart(start, input.fiscal_year_start); f < end; ) {
    fyStarts.push(f);
    const { y, m, d } = ymd(f);
    f = dayOf(y + 1, m, d);
  }
  for (const f of fyStarts) {
    cuts.add(f);
    for (const md of cutMonthDays) cuts.add(monthDayInFy(f, md, input.fiscal_year_start));
  }
  for (const d of cutDays) cuts.add(d);
  if (input.step === 'day') {
    for (let d = start; d < end; d++) cuts.add(d);
  } else {
    for (let { y, m } = s, d = dayOf(y, m, 1); d < end; ) {
      cuts.add(d);
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
      d = dayOf(y, m, 1);
    }
  }
  const edges = [...cuts].filter((d) => d >= start && d <= end).sort((a, b) => a - b);

  const steps: Step[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i] as number;
    const b = edges[i + 1] as number;
    const fyStart = fiscalYearStart(a, input.fiscal_year_start);
    const fy = fyStarts.indexOf(fyStart);
    const { y, m } = ymd(a);
    const fm = ymd(fyStart).m;
    const monthDays = dayOf(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - dayOf(y, m, 1);
    steps.push({
      index: i,
      start: a,
      end: b,
      days: b - a,
      fy,
      fyMonth: (m - fm + 12) % 12,
      dayOfFy: a - fyStart,
      monthDays,
    });
  }

  const fiscalYears: FiscalYear[] = fyStarts.map((f, index) => {
    const { y, m, d } = ymd(f);
    const next = dayOf(y + 1, m, d);
    const inFy = steps.filter((st) => st.fy === index);
    return {
      index,
      label: fyLabel(f, input.fiscal_year_start),
      start: Math.max(f, start),
      end: Math.min(next, end),
      firstStep: inFy[0]?.index ?? 0,
      endStep: (inFy[inFy.length - 1]?.index ?? -1) + 1,
    };
  });

  return { start, end, steps, fiscalYears, fyStartMonthDay: input.fiscal_year_start };
}

/** Is `day` inside the MM-DD window [from, to] (inclusive, may wrap over the new year) of its fiscal year? */
export function inWindow(
  day: number,
  window: { from: string; to: string },
  fyStartMonthDay: string,
): boolean {
  const fyStart = fiscalYearStart(day, fyStartMonthDay);
  const a = monthDayInFy(fyStart, window.from, fyStartMonthDay);
  const b = monthDayInFy(fyStart, window.to, fyStartMonthDay);
  return day >= a && day <= b;
}
