/**
 * What `--json` prints on stdout, one JSON document per command (README, "Scripting"). Every shape is
 * built here from the library's results; nothing is computed. Output files (summary.json of run,
 * compare and sweep) are printed as they are written, so their shapes are the files' own.
 *
 * Errors that stop a command (bad usage, an input error of run, explain, compare, sweep, an internal
 * error) stay text on stderr with their exit code and print nothing on stdout. validate and check go
 * on from file to file, so a file's input problems are part of their JSON (`issues`).
 */
import type { Model } from '../model/model.js';
import { formatIssue, pathToString, ScenarioError, type ScenarioIssue } from '../scenario/issues.js';
import type { CheckResult } from '../stats/checks.js';

/** 2-space JSON with a trailing newline, as every file visasim writes; NaN and ±Infinity become null. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A problem found in a scenario file: where, what, and the text the command prints without --json. */
export interface IssueJson {
  severity: 'error' | 'warning';
  code: string;
  file: string;
  /** 1-based; 0 when the problem has no position in the file (a missing file) */
  line: number;
  col: number;
  /** the YAML path, e.g. `programs.work-visas.pools.mexico.cap` ('' for the whole file) */
  path: string;
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
  /** the message as printed without --json (`FILE:LINE:COL: error: …`, the source line, the hint) */
  text: string;
}

export function issueJson(issue: ScenarioIssue): IssueJson {
  return {
    severity: issue.severity,
    code: issue.code,
    file: issue.file,
    line: issue.line,
    col: issue.col,
    path: pathToString(issue.path),
    message: issue.message,
    ...(issue.expected !== undefined ? { expected: issue.expected } : {}),
    ...(issue.found !== undefined ? { found: issue.found } : {}),
    ...(issue.hint !== undefined ? { hint: issue.hint } : {}),
    text: formatIssue(issue),
  };
}

/**
 * The problems an input error stands for: a ScenarioError's issues, or one issue with no position
 * for a usage, formula or model error found while reading `file`.
 */
export function errorIssues(e: unknown, file: string): IssueJson[] {
  if (e instanceof ScenarioError) return e.issues.map(issueJson);
  const err = e as Error & { path?: (string | number)[] };
  const message = err.message;
  const path = Array.isArray(err.path) ? pathToString(err.path) : '';
  return [
    {
      severity: 'error',
      code:
        err.name === 'UsageError'
          ? 'usage'
          : err.name === 'FormulaError'
            ? 'formula'
            : err.name === 'BudgetError'
              ? 'too_large'
              : 'model',
      file,
      line: 0,
      col: 0,
      path,
      message,
      text: `visasim: error: ${path ? `${path}: ` : ''}${message}`,
    },
  ];
}

/** `validate --json`: one entry per file, in the order given. */
export interface ValidateJson {
  ok: boolean;
  files: { file: string; ok: boolean; issues: IssueJson[] }[];
}

/** One check of `check --json` (or of `run`): the check as the scenario states it, and what the runs gave. */
export interface CheckJson {
  description: string;
  ok: boolean;
  /** why it failed ('' when it holds) */
  message: string;
  /** the check as written in the scenario (metric, program or ceiling, pools, group, period, equals…) */
  check: Record<string, unknown>;
  /** per period checked, the statistics over the runs, as in summary.json */
  observed: { period: string; stats: Record<string, number | null> }[];
}

export function checkJson(c: CheckResult): CheckJson {
  return {
    description: c.check.description,
    ok: c.ok,
    message: c.ok ? '' : c.message,
    check: { ...c.check },
    observed: c.observed.map((o) => ({
      period: o.period,
      stats: Object.fromEntries(Object.entries(o.stats).map(([k, v]) => [k, Number.isFinite(v) ? v : null])),
    })),
  };
}

/** `check --json`: per file its checks, or the input problems that kept it from running. */
export interface CheckFileJson {
  file: string;
  ok: boolean;
  /** the scenario's id, runs and seed (absent when the file could not be run) */
  scenario?: string;
  runs?: number;
  seed?: string;
  checks: CheckJson[];
  issues: IssueJson[];
}

export interface CheckCommandJson {
  ok: boolean;
  files: CheckFileJson[];
}

/** `list --json`. */
export interface ListJson {
  scenarios: { id: string; title: string; status: string; file: string }[];
}

/** `explain --json`: what the model is made of (as in summary.json) and the explanation's text. */
export interface ExplainJson {
  file: string;
  scenario: Model['info'];
  fiscalYears: string[];
  groups: Model['groupInfo'];
  programs: Model['programInfo'];
  ceilings: { id: string; title: string; pools: string[]; periods: string[] }[];
  warnings: IssueJson[];
  /** the plain-words explanation, as printed without --json */
  text: string;
}

export function explainJson(
  file: string,
  model: Model,
  warnings: readonly ScenarioIssue[],
  text: string,
): ExplainJson {
  return {
    file,
    scenario: model.info,
    fiscalYears: model.calendar.fiscalYears.map((f) => f.label),
    groups: model.groupInfo,
    programs: model.programInfo,
    ceilings: model.ceilings.map((c) => ({
      id: c.id,
      title: c.title,
      pools: c.pools.map((k) => model.pools[k]?.id ?? ''),
      periods: c.periods.map((p) => p.label),
    })),
    warnings: warnings.map(issueJson),
    text,
  };
}
