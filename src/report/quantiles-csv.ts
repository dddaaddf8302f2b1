/**
 * quantiles.csv: the tidy table of every cell (DESIGN.md §4). In: a Summary. Out: CSV text with a
 * header, one row per `summary.rows` entry in the given order, `\n` line ends and a trailing newline.
 * The output depends only on the summary, so the same summary gives byte-identical files.
 */
import type { CellStats, QuantileRow, Summary } from '../core/types.js';
import { isoOfDay } from '../model/calendar.js';

const STAT_COLUMNS = [
  'mean',
  'sd',
  'min',
  'p05',
  'p25',
  'p50',
  'p75',
  'p95',
  'max',
] as const satisfies readonly (keyof CellStats)[];

export const QUANTILES_CSV_HEADER = [
  'program',
  'pool',
  'group',
  'period',
  'metric',
  ...STAT_COLUMNS,
] as const;

/**
 * A number as CSV text, at full precision: integers as integers; a value kept as a 32-bit float (a
 * run's cell, a quantile of them) as the shortest decimal that reads back to the same 32-bit float;
 * any other value (a mean, an sd) as the shortest decimal that reads back to the same double. So
 * issued + unused = cap holds in a reader's arithmetic, where 6 significant digits broke it
 * (29,999.95 for a cap of 30,000). NaN, ±Infinity and undefined give ''.
 * @example formatCsvNumber(150000) // '150000'
 * @example formatCsvNumber(Math.fround(0.1)) // '0.1'
 * @example formatCsvNumber(17234.56789012345) // '17234.56789012345'
 */
export function formatCsvNumber(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '';
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return Object.is(x, -0) ? '0' : String(x);
  const exact = String(x);
  // A mean such as 149981.625 is exact in few digits: written as it is. A 32-bit float such as
  // Math.fround(0.1) reads 0.10000000149011612 as a double: written as the 32-bit float it is.
  const digits = exact.replace(/e.*$/, '').replace(/[^\d]/g, '').replace(/^0+/, '').length;
  if (digits > 9 && Math.fround(x) === x) {
    for (let p = 1; p <= 9; p++) {
      const t = Number(x.toPrecision(p));
      if (Math.fround(t) === x) return String(t);
    }
  }
  return exact;
}

/** Quote a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A date metric (final_action_date: a day number in each run) as an ISO date, YYYY-MM-DD, the mean
 * rounded to the day; its sd stays a number of days.
 */
function formatDate(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? '' : isoOfDay(Math.round(x));
}

function csvLine(row: QuantileRow): string {
  const keys = [row.program, row.pool, row.group, row.period, row.metric].map(csvField);
  const date = row.metric === 'final_action_date';
  const numbers = STAT_COLUMNS.map((c) =>
    date && c !== 'sd' ? formatDate(row.stats[c]) : formatCsvNumber(row.stats[c]),
  );
  return [...keys, ...numbers].join(',');
}

/**
 * quantiles.csv for a summary.
 * @example quantilesCsv(summary).split('\n')[0] // 'program,pool,group,period,metric,mean,sd,...'
 */
export function quantilesCsv(summary: Summary): string {
  const lines = [QUANTILES_CSV_HEADER.join(','), ...summary.rows.map(csvLine)];
  return `${lines.join('\n')}\n`;
}
