/**
 * A small helper the semantic checks share: turn (code, path in the validated scenario, message)
 * into a located `ScenarioIssue`. Paths are index paths into the scenario (the same indices as the
 * merged document); the reporter renames list items by id for display.
 */
import { type IssueCode, issueAt, type ScenarioIssue, type Severity, type SourcePosition } from './issues.js';
import type { LocateOptions } from './source-map.js';

export type Path = (string | number)[];

/** What the checks need from a LoadedDocument. */
export interface Locator {
  locate(path: readonly (string | number)[], opts?: LocateOptions): SourcePosition;
  idPath(path: readonly (string | number)[]): (string | number)[];
}

export interface ReportExtra extends LocateOptions {
  severity?: Severity;
  expected?: string;
  found?: string;
  hint?: string;
}

export type Report = (code: IssueCode, path: Path, message: string, extra?: ReportExtra) => void;

export function makeReporter(where: Locator, out: ScenarioIssue[]): Report {
  return (code, path, message, extra = {}) => {
    const { key, offset, ...rest } = extra;
    const opts: LocateOptions = {};
    if (key !== undefined) opts.key = key;
    if (offset !== undefined) opts.offset = offset;
    out.push(issueAt(where.locate(path, opts), code, where.idPath(path), message, rest));
  };
}

/** `FILE:LINE` of a path, for messages that point at a second place ("first at ..."). */
export function placeOf(where: Locator, path: Path): string {
  const pos = where.locate(path);
  return pos.line > 0 ? `${pos.file}:${pos.line}` : pos.file;
}
