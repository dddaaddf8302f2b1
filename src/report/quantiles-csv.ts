/**
 * quantiles.csv: the tidy table of every cell (DESIGN.md §4). In: a Summary. Out: CSV text with a
 * header, one row per `summary.rows` entry in the given order, `\n` line ends and a trailing newline.
 * The output depends only on the summary, so the same summary gives byte-identical files.
 */
import type { CellStats, QuantileRow, Summary } from '../core/types.js';

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
 * A number as CSV text: integers as integers, anything else rounded to 6 significant digits with
 * trailing zeros dropped and no exponent for ordinary magnitudes; NaN, ±Infinity and undefined give ''.
 * @example formatCsvNumber(150000) // '150000'
 * @example formatCsvNumber(0.123456789) // '0.123457'
 * @example formatCsvNumber(1234567.89) // '1234570'
 */
export function formatCsvNumber(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '';
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return Object.is(x, -0) ? '0' : String(x);
  const rounded = Number(x.toPrecision(6));
  if (rounded === 0) return '0';
  // String() uses exponents only below 1e-6 and from 1e21 up, which a visa count or share never reaches.
  return String(rounded);
}

/** Quote a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(row: QuantileRow): string {
  const keys = [row.program, row.pool, row.group, row.period, row.metric].map(csvField);
  const numbers = STAT_COLUMNS.map((c) => formatCsvNumber(row.stats[c]));
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
