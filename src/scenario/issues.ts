/**
 * Problems found in a scenario, as data. Every stage of reading (YAML, extends, --set, CSV, schema,
 * cross-references) reports `ScenarioIssue`s with a file position and a YAML path; the CLI prints
 * them with `formatIssues` and exits 2 when a `ScenarioError` reaches it.
 *
 * Paths name list items by their id where the item has one (`programs.work-visas.pools.mexico.cap`),
 * which is the same syntax `--set` accepts; items without an id use an index (`select.parts[1].share`).
 * `line`/`col` are 1-based; 0 means the issue has no position (a file that cannot be read).
 */

export type IssueCode =
  | 'yaml_syntax'
  | 'duplicate_key'
  | 'unknown_key'
  | 'missing_key'
  | 'invalid_type'
  | 'invalid_value'
  | 'bad_reference'
  | 'duplicate_id'
  | 'formula'
  | 'io'
  | 'extends_cycle'
  | 'too_large'
  | 'alias_limit'
  | 'csv'
  | 'set_syntax'
  | 'semantic'
  | 'unused';

export type Severity = 'error' | 'warning';

export interface ScenarioIssue {
  severity: Severity;
  code: IssueCode;
  /** YAML path, list items by id where they have one */
  path: (string | number)[];
  file: string;
  /** 1-based; 0 when there is no position */
  line: number;
  /** 1-based; 0 when there is no position */
  col: number;
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
  /** the text of `line` in `file`, for the excerpt under the message */
  sourceLine?: string;
}

/** Where an issue points; what `LoadedDocument.locate` returns. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
  sourceLine: string;
}

/** Thrown by the loading and validating stages: the input is wrong (exit code 2), never a bug. */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];

  constructor(issues: ScenarioIssue[]) {
    const errors = sortIssues(issues.filter((i) => i.severity === 'error'));
    super(formatIssues(errors));
    this.name = 'ScenarioError';
    this.issues = errors;
  }
}

const SIMPLE_KEY = /^[A-Za-z0-9_$][A-Za-z0-9_.$-]*$/;

/**
 * Render a path: `programs.work-visas.pools.mexico.cap`, `select.parts[1].share`, `columns["a b"]`.
 * @example pathToString(['programs', 'p', 'pools', 0]) // → 'programs.p.pools[0]'
 */
export function pathToString(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (SIMPLE_KEY.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

const MAX_EXCERPT = 120;

function excerpt(sourceLine: string, col: number): { text: string; caret: number } {
  const text = sourceLine.replace(/\t/g, ' ').replace(/\r$/, '');
  if (text.length <= MAX_EXCERPT) return { text, caret: col };
  const start = Math.max(0, Math.min(col - 1 - MAX_EXCERPT / 2, text.length - MAX_EXCERPT));
  const end = Math.min(text.length, start + MAX_EXCERPT);
  const pre = start > 0 ? '…' : '';
  return {
    text: `${pre}${text.slice(start, end)}${end < text.length ? '…' : ''}`,
    caret: col - start + pre.length,
  };
}

/**
 * `FILE:LINE:COL: error: PATH: MESSAGE`, then the source line with a caret under the column and
 * the hint, if any.
 */
export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  const path = pathToString(issue.path);
  const lines = [`${where}: ${issue.severity}: ${path ? `${path}: ` : ''}${issue.message}`];
  const gutter = issue.line > 0 ? String(issue.line).length + 1 : 2;
  const pad = ' '.repeat(gutter);
  if (issue.line > 0 && issue.sourceLine !== undefined) {
    const { text, caret } = excerpt(issue.sourceLine, issue.col);
    lines.push(` ${issue.line} | ${text}`.trimEnd());
    lines.push(`${pad} | ${' '.repeat(Math.max(0, caret - 1))}^`);
  }
  if (issue.hint) lines.push(`${pad} = hint: ${issue.hint}`);
  return lines.join('\n');
}

/** Every issue (up to `limit`), then "… and N more". */
export function formatIssues(issues: readonly ScenarioIssue[], limit = 50): string {
  const shown = issues.slice(0, limit).map(formatIssue);
  if (issues.length > limit) shown.push(`… and ${issues.length - limit} more`);
  return shown.join('\n');
}

/** Errors before warnings; then by file (in order of first appearance), line and column. */
export function sortIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  const fileRank = new Map<string, number>();
  for (const i of issues) if (!fileRank.has(i.file)) fileRank.set(i.file, fileRank.size);
  return [...issues].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (fileRank.get(a.file) ?? 0) - (fileRank.get(b.file) ?? 0) ||
      a.line - b.line ||
      a.col - b.col,
  );
}

/** Build an issue at a position. */
export function issueAt(
  pos: SourcePosition | { file: string; line: 0; col: 0; sourceLine?: undefined },
  code: IssueCode,
  path: (string | number)[],
  message: string,
  extra: { expected?: string; found?: string; hint?: string; severity?: Severity } = {},
): ScenarioIssue {
  const issue: ScenarioIssue = {
    severity: extra.severity ?? 'error',
    code,
    path,
    file: pos.file,
    line: pos.line,
    col: pos.col,
    message,
  };
  if (extra.expected !== undefined) issue.expected = extra.expected;
  if (extra.found !== undefined) issue.found = extra.found;
  if (extra.hint !== undefined) issue.hint = extra.hint;
  if (pos.sourceLine !== undefined) issue.sourceLine = pos.sourceLine;
  return issue;
}
