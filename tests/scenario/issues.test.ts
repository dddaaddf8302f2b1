import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  formatIssues,
  pathToString,
  ScenarioError,
  type ScenarioIssue,
} from '../../src/scenario/issues.js';

const issue = (over: Partial<ScenarioIssue> = {}): ScenarioIssue => ({
  severity: 'error',
  code: 'unknown_key',
  path: ['simulation', 'runz'],
  file: 'scenarios/x.yaml',
  line: 8,
  col: 3,
  message: 'unknown key "runz"; did you mean "runs"?',
  sourceLine: '  runz: 10',
  ...over,
});

describe('pathToString', () => {
  it('joins keys and ids with dots and indices in brackets', () => {
    expect(pathToString(['programs', 'work-visas', 'pools', 'central-america', 'cap'])).toBe(
      'programs.work-visas.pools.central-america.cap',
    );
    expect(pathToString(['select', 'parts', 1, 'share'])).toBe('select.parts[1].share');
    expect(pathToString([0, 'a'])).toBe('[0].a');
    expect(pathToString([])).toBe('');
  });

  it('quotes keys that are not plain names', () => {
    expect(pathToString(['groups', 'columns', 'a b'])).toBe('groups.columns["a b"]');
  });
});

describe('formatIssue', () => {
  it('prints FILE:LINE:COL, severity, path and message, then the line and a caret under the column', () => {
    expect(formatIssue(issue())).toBe(
      [
        'scenarios/x.yaml:8:3: error: simulation.runz: unknown key "runz"; did you mean "runs"?',
        ' 8 |   runz: 10',
        '   |   ^',
      ].join('\n'),
    );
  });

  it('adds the hint under the caret and labels warnings', () => {
    const text = formatIssue(
      issue({ severity: 'warning', hint: 'write false', line: 12, col: 1, sourceLine: 'x' }),
    );
    expect(text.split('\n')).toEqual([
      'scenarios/x.yaml:12:1: warning: simulation.runz: unknown key "runz"; did you mean "runs"?',
      ' 12 | x',
      '    | ^',
      '    = hint: write false',
    ]);
  });

  it('leaves out the position and excerpt for an issue without one, and the path when empty', () => {
    expect(formatIssue(issue({ line: 0, col: 0, path: [], message: 'cannot read x: no such file' }))).toBe(
      'scenarios/x.yaml: error: cannot read x: no such file',
    );
  });

  it('shows tabs as spaces so the caret lines up, and cuts very long lines around the column', () => {
    expect(formatIssue(issue({ sourceLine: '\truns: 1', col: 1 })).split('\n')[1]).toBe(' 8 |  runs: 1');
    const long = `${'x'.repeat(500)}BAD${'y'.repeat(500)}`;
    const [, line, caret] = formatIssue(issue({ sourceLine: long, col: 501 })).split('\n');
    expect(line?.length).toBeLessThan(140);
    expect(line?.[(caret ?? '').indexOf('^')]).toBe('B');
  });
});

describe('formatIssues', () => {
  it('prints at most `limit` issues, then how many more there are', () => {
    const many = Array.from({ length: 5 }, (_, i) => issue({ line: i + 1 }));
    const text = formatIssues(many, 2);
    expect(text.match(/: error: /g)).toHaveLength(2);
    expect(text.endsWith('… and 3 more')).toBe(true);
  });
});

describe('ScenarioError', () => {
  it('holds only the errors, sorted by file and position, and its message is the formatted list', () => {
    const a = issue({ line: 9 });
    const b = issue({ line: 2 });
    const w = issue({ severity: 'warning', line: 1 });
    const err = new ScenarioError([a, w, b]);
    expect(err.issues).toEqual([b, a]);
    expect(err.message).toBe(formatIssues([b, a]));
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ScenarioError');
  });
});
