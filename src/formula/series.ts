/**
 * Series: per-period tables a scenario loads (`series:`), looked up by formulas with
 * `series("id")` and drawn beside the results when they are a `reference`. In: the validated rows
 * (one object per period: the period column, then the value columns). Out: `SeriesTable`, values
 * by column and period index, and the lookups a formula makes.
 *
 * A table's periods are consecutive, oldest first, in one of three kinds, named by the period
 * column: `year` (a calendar year, 1942), `fiscal_year` (`FY2024`) or `month` (`2024-01`). Inside
 * formulas a period is a number: a year for `year` and `fiscal_year` tables (`fy - 1`), a day number
 * inside the month for `month` tables (`today`, `date("2024-01-01")`).
 */

export const PERIOD_KINDS = ['year', 'fiscal_year', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface SeriesTable {
  id: string;
  kind: PeriodKind;
  /** value columns are group ids: a formula evaluated per group reads its group's column */
  byGroup: boolean;
  reference: boolean;
  /** the value columns, in the table's order */
  columns: string[];
  /** the first period as an ordinal: a year, or year × 12 + month − 1 */
  first: number;
  /** values[column][i] is the value of period first + i */
  values: Record<string, number[]>;
  /** for reports: the series' title, unit and the results a reference is drawn beside */
  title?: string;
  unit?: string;
  beside?: { program: string; pool?: string; metric: string };
}

/** A period's ordinal from its label in the table: 1942, "FY2024" → 2024, "2024-01" → 24288. */
export function periodOrdinal(kind: PeriodKind, label: string | number): number | undefined {
  const text = String(label);
  const m =
    kind === 'year'
      ? /^(\d{4})$/.exec(text)
      : kind === 'fiscal_year'
        ? /^FY(\d{4})$/.exec(text)
        : /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  return kind === 'month' ? year * 12 + Number(m[2]) - 1 : year;
}

/** The label of a period ordinal: 1942, FY2024, 2024-01. */
export function periodLabel(kind: PeriodKind, ordinal: number): string {
  if (kind === 'year') return String(ordinal);
  if (kind === 'fiscal_year') return `FY${ordinal}`;
  const y = Math.floor(ordinal / 12);
  return `${y}-${String(ordinal - y * 12 + 1).padStart(2, '0')}`;
}

/** How a period is written in a CSV or inline row, for messages. */
export const PERIOD_FORMAT: Record<PeriodKind, string> = {
  year: 'a year, e.g. 1942',
  fiscal_year: 'a fiscal year, e.g. FY2024',
  month: 'a month YYYY-MM, e.g. 2024-01',
};

/** The range of a table, as messages write it: "1942–1964". */
export function rangeText(t: SeriesTable): string {
  const n = t.values[t.columns[0] as string]?.length ?? 0;
  const first = periodLabel(t.kind, t.first);
  return n <= 1 ? first : `${first}–${periodLabel(t.kind, t.first + n - 1)}`;
}

/** The number of periods of a table. */
export const periodCount = (t: SeriesTable): number => t.values[t.columns[0] as string]?.length ?? 0;

/** The period column of a row: the one of PERIOD_KINDS it has (validation makes it exactly one). */
export function periodColumnOf(row: Readonly<Record<string, unknown>>): PeriodKind | undefined {
  return PERIOD_KINDS.find((k) => Object.hasOwn(row, k));
}

/**
 * A table from validated rows (consecutive periods, every value a number).
 * @example seriesTable({ id: 'bracero', rows: [{ year: 1942, contracts: 4203 }] }).first // 1942
 */
export function seriesTable(spec: {
  id: string;
  rows: readonly Readonly<Record<string, unknown>>[];
  by?: 'column' | 'group';
  reference?: boolean;
  title?: string | undefined;
  unit?: string | undefined;
  beside?: { program: string; pool?: string | undefined; metric: string } | undefined;
}): SeriesTable {
  const first = spec.rows[0] ?? {};
  const kind = periodColumnOf(first) ?? 'year';
  const columns = Object.keys(first).filter((c) => c !== kind);
  const values: Record<string, number[]> = {};
  for (const c of columns) values[c] = spec.rows.map((r) => Number(r[c]));
  return {
    id: spec.id,
    kind,
    byGroup: spec.by === 'group',
    reference: spec.reference === true,
    columns,
    first: periodOrdinal(kind, first[kind] as string | number) ?? 0,
    values,
    ...(spec.title !== undefined ? { title: spec.title } : {}),
    ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
    ...(spec.beside
      ? {
          beside: {
            program: spec.beside.program,
            ...(spec.beside.pool !== undefined ? { pool: spec.beside.pool } : {}),
            metric: spec.beside.metric,
          },
        }
      : {}),
  };
}

const DAY_MS = 86_400_000;

/** The period ordinal a number stands for in a table of this kind (a year, or a day number's month). */
export function ordinalOfNumber(kind: PeriodKind, x: number): number {
  if (kind !== 'month') return x;
  const d = new Date(Math.floor(x) * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The value of `column` at a period ordinal, or undefined outside the table. */
export function valueAt(t: SeriesTable, column: string, ordinal: number): number | undefined {
  const col = Object.hasOwn(t.values, column) ? t.values[column] : undefined;
  if (!col || !Number.isInteger(ordinal)) return undefined;
  return col[ordinal - t.first];
}

/** A check's bound read from a series (scenario `SeriesBound`, here as plain data). */
export interface SeriesBoundSpec {
  series: string;
  column?: string | undefined;
  period?: string | number | undefined;
  stat?: 'min' | 'max' | 'mean' | 'median' | 'sum' | undefined;
}

/**
 * The number a series bound stands for: the value at its `period`, a `stat` over the whole column,
 * or — with neither — the value at `checked` (the label of the period a check reads: FY2024,
 * 2024-01). Undefined when the table has no such value.
 * @example boundValue(bracero, { series: 'bracero', stat: 'max' }) // 445197
 */
export function boundValue(t: SeriesTable, b: SeriesBoundSpec, checked?: string): number | undefined {
  const column = b.column ?? (t.columns.length === 1 ? t.columns[0] : undefined);
  const values = column !== undefined && Object.hasOwn(t.values, column) ? t.values[column] : undefined;
  if (!values || values.length === 0) return undefined;
  if (b.stat) {
    const sorted = [...values].sort((x, y) => x - y);
    const sum = values.reduce((a, x) => a + x, 0);
    const n = sorted.length;
    switch (b.stat) {
      case 'min':
        return sorted[0];
      case 'max':
        return sorted[n - 1];
      case 'sum':
        return sum;
      case 'mean':
        return sum / n;
      case 'median':
        return n % 2 ? sorted[(n - 1) / 2] : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
    }
  }
  const label = b.period ?? checked;
  const ord = label === undefined ? undefined : periodOrdinal(t.kind, label);
  return ord === undefined ? undefined : valueAt(t, column as string, ord);
}

/**
 * A reference table as the reports show it: its points by column and period label.
 * @example referencePoints(bracero)[0] // { column: 'contracts', period: '1942', value: 4203 }
 */
export function referencePoints(t: SeriesTable): { column: string; period: string; value: number }[] {
  return t.columns.flatMap((column) =>
    (t.values[column] ?? []).map((value, i) => ({ column, period: periodLabel(t.kind, t.first + i), value })),
  );
}
