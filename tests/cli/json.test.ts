/** The JSON shapes of `--json` (README, "Scripting"), built from the library's results. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { checkJson, errorIssues, issueJson, jsonText } from '../../src/cli/json.js';
import { ModelError } from '../../src/model/model.js';
import { BudgetError } from '../../src/scenario/budget.js';
import { ScenarioError, type ScenarioIssue } from '../../src/scenario/issues.js';
import type { CheckResult } from '../../src/stats/checks.js';

const issue: ScenarioIssue = {
  severity: 'error',
  code: 'unknown_key',
  path: ['programs', 0, 'pools', 'mexico', 'splt'],
  file: 'a.yaml',
  line: 12,
  col: 9,
  message: 'unknown key "splt"; did you mean "split"?',
  hint: 'keys are lower case',
};

describe('issueJson', () => {
  it('keeps the position, the path as text, the optional parts given, and the printed text', () => {
    const j = issueJson(issue);
    expect(j).toMatchObject({
      severity: 'error',
      code: 'unknown_key',
      file: 'a.yaml',
      line: 12,
      col: 9,
      message: issue.message,
      hint: 'keys are lower case',
    });
    expect(j.path).toMatch(/^programs.*splt$/);
    expect(j).not.toHaveProperty('expected');
    expect(j.text).toContain('a.yaml:12:9: error: ');
  });
});

describe('errorIssues', () => {
  it("lists a ScenarioError's issues", () => {
    expect(errorIssues(new ScenarioError([issue, { ...issue, line: 13 }]), 'a.yaml')).toHaveLength(2);
  });

  it('turns a usage or model error into one issue with no position', () => {
    expect(errorIssues(new UsageError('bad --set'), 'a.yaml')).toEqual([
      expect.objectContaining({
        code: 'usage',
        file: 'a.yaml',
        line: 0,
        col: 0,
        path: '',
        message: 'bad --set',
      }),
    ]);
    const [m] = errorIssues(new ModelError('no such pool', ['programs', 'p']), 'a.yaml');
    expect(m).toMatchObject({
      code: 'model',
      path: 'programs.p',
      text: 'visasim: error: programs.p: no such pool',
    });
  });

  it('calls runs the budget cannot hold too_large', () => {
    const [b] = errorIssues(new BudgetError('--runs 10,000,000: these runs would need …'), 'a.yaml');
    expect(b).toMatchObject({
      code: 'too_large',
      line: 0,
      message: '--runs 10,000,000: these runs would need …',
    });
  });
});

describe('checkJson', () => {
  it('gives the check as written, ok, the failure message and the statistics, NaN as null', () => {
    const stats = { n: 2, mean: 5, sd: Number.NaN, min: 5, p05: 5, p25: 5, p50: 5, p75: 5, p95: 5, max: 5 };
    const c = {
      check: { description: 'five', metric: 'issued', program: 'p', equals: 6 },
      ok: false,
      observed: [{ period: 'FY2024', stats }],
      message: 'expected 6, found 5',
    } as unknown as CheckResult;
    const j = checkJson(c);
    expect(j).toEqual({
      description: 'five',
      ok: false,
      message: 'expected 6, found 5',
      check: { description: 'five', metric: 'issued', program: 'p', equals: 6 },
      observed: [{ period: 'FY2024', stats: { ...stats, sd: null } }],
    });
    expect(checkJson({ ...c, ok: true }).message).toBe('');
  });
});

describe('jsonText', () => {
  it('is 2-space JSON with a trailing newline', () => {
    expect(jsonText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});
