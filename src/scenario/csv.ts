/**
 * The groups CSV (`groups.from`): text → rows with typed cells and the position of every cell.
 *
 * A header row is required and must have `id` and `name`. Lines starting with `#` are comments,
 * blank lines are skipped, cells are trimmed. Cells that look like numbers become numbers,
 * true/false become booleans (never in `id` and `name`), and an empty cell leaves the column out
 * of that row (a missing value). Ragged rows, duplicate ids and duplicate columns are errors.
 */
import { parse } from 'csv-parse/sync';
import { issueAt, type ScenarioIssue, type SourcePosition } from './issues.js';
import { setOwn } from './merge.js';
import * as msg from './messages.js';

export type Cell = string | number | boolean;
export type CsvRow = Record<string, Cell>;

export interface CsvTable {
  /** file name as shown in messages */
  file: string;
  columns: string[];
  rows: CsvRow[];
  /** for each group id, its (first) line and where each cell starts */
  positions: Map<string, { line: number; cells: Record<string, { line: number; col: number }> }>;
  lines: string[];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;

function cellValue(column: string, text: string): Cell {
  if (column === 'id' || column === 'name') return text;
  if (NUMBER.test(text)) return Number(text);
  if (BOOLEAN.test(text)) return text.toLowerCase() === 'true';
  return text;
}

/** Start (line offset, column) of every field of one record's text, aware of quotes. */
function fieldStarts(text: string): { line: number; col: number }[] {
  const starts = [{ line: 0, col: 1 }];
  let line = 0;
  let col = 1;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n') {
      line++;
      col = 0;
    } else if (ch === ',' && !quoted) starts.push({ line, col: col + 1 });
    col++;
  }
  return starts;
}

/**
 * Where the quote that is never closed opens (line and column from 1), or undefined when every quote
 * closes. Comment lines outside quotes are skipped, as the parser skips them; `""` inside a quoted
 * field is an escaped quote, not a new field.
 */
export function unclosedQuote(text: string): { line: number; col: number } | undefined {
  let open: { line: number; col: number } | undefined;
  let quoted = false;
  let line = 1;
  let col = 0;
  let lineStart = true;
  let justClosed = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    col++;
    if (!quoted && lineStart && ch === '#') {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
      line++;
      col = 0;
      justClosed = false;
      continue;
    }
    lineStart = false;
    if (ch === '"') {
      if (quoted) {
        quoted = false;
        justClosed = true;
        continue;
      }
      quoted = true;
      // `""` inside a quoted field: the same field goes on
      if (!justClosed) open = { line, col };
    } else if (ch === '\n') {
      line++;
      col = 0;
      if (!quoted) lineStart = true;
    }
    justClosed = false;
  }
  return quoted ? open : undefined;
}

interface CsvRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

export type Located = { cells: string[]; startLine: number; starts: { line: number; col: number }[] };

/**
 * A CSV's records with where each cell starts, shared by the groups CSV and the data tables: comment
 * lines (`#`) and blank lines skipped, cells trimmed. `pos` gives a SourcePosition in the file.
 */
export function readRecords(
  raw: string,
  file: string,
): {
  located?: Located[];
  lines: string[];
  pos: (line: number, col: number) => SourcePosition;
  cellPos: (rec: Located, i: number) => SourcePosition;
  issues: ScenarioIssue[];
} {
  // Positions are worked out on the text with every line ending made "\n" (and no byte-order mark):
  // lines and columns are the same as in the file, whatever its line endings.
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const pos = (line: number, col: number): SourcePosition => ({
    file,
    line,
    col,
    sourceLine: lines[line - 1] ?? '',
  });
  const cellPos = (rec: Located, i: number): SourcePosition => {
    const s = rec.starts[i] ?? rec.starts[rec.starts.length - 1] ?? { line: 0, col: 1 };
    return pos(rec.startLine + s.line, s.col);
  };
  let records: CsvRecord[];
  try {
    records = parse(text, {
      bom: true,
      comment: '#',
      comment_no_infix: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      raw: true,
    }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string };
    // csv-parse names the last line for a quote that is never closed; the mistake is where it opens
    const quote = err.code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuote(text) : undefined;
    if (quote)
      return {
        lines,
        pos,
        cellPos,
        issues: [issueAt(pos(quote.line, quote.col), 'csv', [], msg.csvUnclosedQuote())],
      };
    const message = err.message.replace(/^[A-Z_]+:\s*/, '');
    return {
      lines,
      pos,
      cellPos,
      issues: [issueAt(pos(err.lines ?? 1, 1), 'csv', [], msg.csvParse(message))],
    };
  }
  const located = records.map((r) => {
    // csv-parse's raw text of a record begins with the comment and blank lines before it
    const body = r.raw.replace(/^(?:[ \t]*#[^\n]*\n|[ \t]*\n)*/, '').replace(/\n$/, '');
    const startLine = r.info.lines - (body.match(/\n/g)?.length ?? 0);
    return { cells: r.record, startLine, starts: fieldStarts(body) };
  });
  return { located, lines, pos, cellPos, issues: [] };
}

/**
 * One record as a row (an empty cell leaves its column out) with where each cell starts, or the
 * issue of a record whose cells do not match the header.
 */
function recordRow(
  read: Pick<ReturnType<typeof readRecords>, 'lines' | 'pos' | 'cellPos'>,
  rec: Located,
  columns: readonly string[],
  value: (column: string, text: string) => Cell,
): { row: CsvRow; cells: Record<string, { line: number; col: number }> } | { issue: ScenarioIssue } {
  if (rec.cells.length !== columns.length) {
    const end = read.pos(rec.startLine, (read.lines[rec.startLine - 1] ?? '').length + 1);
    const at = rec.cells.length > columns.length ? read.cellPos(rec, columns.length) : end;
    return { issue: issueAt(at, 'csv', [], msg.csvRagged(rec.cells.length, columns.length)) };
  }
  const row: CsvRow = {};
  const cells: Record<string, { line: number; col: number }> = {};
  columns.forEach((c, i) => {
    const text = rec.cells[i] ?? '';
    const at = read.cellPos(rec, i);
    setOwn(cells, c, { line: at.line, col: at.col });
    if (text !== '') setOwn(row, c, value(c, text));
  });
  return { row, cells };
}

/** Parse the groups CSV. `table` is set only when there are no issues. */
export function parseGroupsCsv(raw: string, file: string): { table?: CsvTable; issues: ScenarioIssue[] } {
  const read = readRecords(raw, file);
  const { lines, pos, cellPos } = read;
  const issues: ScenarioIssue[] = [];
  if (!read.located) return { issues: read.issues };
  const located = read.located;
  const header = located[0];
  if (!header) return { issues: [issueAt(pos(1, 1), 'csv', [], msg.csvNoHeader())] };
  const columns = header.cells;
  columns.forEach((c, i) => {
    if (c === '') issues.push(issueAt(cellPos(header, i), 'csv', [], msg.csvEmptyColumnName()));
    else if (columns.indexOf(c) !== i)
      issues.push(issueAt(cellPos(header, i), 'csv', [], msg.csvDuplicateColumn(c)));
  });
  for (const required of ['id', 'name']) {
    if (!columns.includes(required))
      issues.push(issueAt(pos(header.startLine, 1), 'csv', [], msg.csvMissingColumn(required)));
  }
  if (issues.length > 0) return { issues };

  const rows: CsvRow[] = [];
  const positions: CsvTable['positions'] = new Map();
  for (const rec of located.slice(1)) {
    const r = recordRow(read, rec, columns, cellValue);
    if ('issue' in r) {
      issues.push(r.issue);
      continue;
    }
    const { row, cells } = r;
    const id = row.id;
    if (typeof id !== 'string') {
      issues.push(issueAt(cellPos(rec, columns.indexOf('id')), 'csv', [], msg.csvMissingId()));
      continue;
    }
    const first = positions.get(id);
    if (first) {
      issues.push(
        issueAt(cellPos(rec, columns.indexOf('id')), 'csv', [], msg.csvDuplicateId(id, first.line)),
      );
      continue;
    }
    positions.set(id, { line: rec.startLine, cells });
    rows.push(row);
  }
  if (issues.length > 0) return { issues };
  return { table: { file, columns, rows, positions, lines }, issues };
}

/**
 * A data table named by `from:` inside a list (a series, a program's inventory): a header, then one
 * row per record, read into rows as the inline `rows` would be written. Cells that look like numbers
 * become numbers except in `textColumns`; an empty cell leaves the column out of that row. Every
 * cell's start is kept, so the checks run on the rows report at the CSV's line and column.
 */
export interface DataTable {
  file: string;
  columns: string[];
  rows: CsvRow[];
  /** per row, where each column's cell starts (by column name); the header's cells under `header` */
  cells: Record<string, { line: number; col: number }>[];
  header: Record<string, { line: number; col: number }>;
  headerLine: number;
  lines: string[];
}

export function parseDataCsv(
  raw: string,
  file: string,
  textColumns: readonly string[] = [],
): { table?: DataTable; issues: ScenarioIssue[] } {
  const read = readRecords(raw, file);
  if (!read.located) return { issues: read.issues };
  const { lines, pos, cellPos, located } = read;
  const issues: ScenarioIssue[] = [];
  const head = located[0];
  if (!head) return { issues: [issueAt(pos(1, 1), 'csv', [], msg.csvNoHeaderData())] };
  const columns = head.cells;
  const header: DataTable['header'] = {};
  columns.forEach((c, i) => {
    const at = cellPos(head, i);
    if (c === '') issues.push(issueAt(at, 'csv', [], msg.csvEmptyColumnName()));
    else if (columns.indexOf(c) !== i) issues.push(issueAt(at, 'csv', [], msg.csvDuplicateColumn(c)));
    else setOwn(header, c, { line: at.line, col: at.col });
  });
  if (issues.length > 0) return { issues };
  const rows: CsvRow[] = [];
  const cells: DataTable['cells'] = [];
  for (const rec of located.slice(1)) {
    const r = recordRow(read, rec, columns, (c, text) =>
      textColumns.includes(c) || !NUMBER.test(text) ? text : Number(text),
    );
    if ('issue' in r) {
      issues.push(r.issue);
      continue;
    }
    const { row, cells: where } = r;
    rows.push(row);
    cells.push(where);
  }
  if (issues.length > 0) return { issues };
  return { table: { file, columns, rows, cells, header, headerLine: head.startLine, lines }, issues };
}
