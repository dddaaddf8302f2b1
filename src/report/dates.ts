/**
 * Calendar dates as the report shows them. Dates stay ISO strings (`YYYY-MM-DD`, STYLE.md §8) and
 * are read and written in UTC, so no time zone can shift a day.
 */

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(iso: string): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/**
 * The date `days` after an ISO date, counting a part day as the day it falls in: day 0.4 of a period
 * is its first day. Simulated days from a period's start (days_to_fill) become dates this way.
 * @example addDays('2022-12-15', 73.1) // '2023-02-26'
 */
export function addDays(iso: string, days: number): string {
  const { y, m, d } = parts(iso);
  return new Date(Date.UTC(y, m - 1, d) + Math.floor(days) * DAY_MS).toISOString().slice(0, 10);
}

/** "Feb 26, 2023" */
export function formatDate(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${MONTHS[m - 1] ?? '?'} ${d}, ${y}`;
}

/** "Feb 26" */
export function formatDay(iso: string): string {
  const { m, d } = parts(iso);
  return `${MONTHS[m - 1] ?? '?'} ${d}`;
}

/**
 * Two dates as a range, the year once when they share it: "Apr 1 – May 14, 2023",
 * "Oct 1, 2022 – Mar 31, 2023", or one date when they are the same.
 */
export function formatDateRange(from: string, to: string): string {
  if (from === to) return formatDate(from);
  const sameYear = parts(from).y === parts(to).y;
  return `${sameYear ? formatDay(from) : formatDate(from)} – ${formatDate(to)}`;
}

/** The days of a period given with an exclusive end, as readers count them (last day included). */
export function formatPeriodDates(start: string, endExclusive: string): string {
  return formatDateRange(start, addDays(endExclusive, -1));
}
