/**
 * Errors of the command line: a user's mistake is printed once with exit 2; an internal error of
 * one file (validate, check, --watch) is thrown on without being printed, so that main prints it
 * once (it used to be printed twice).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT, isInternal, reportFileError, UsageError } from '../../src/cli/errors.js';
import { FormulaError } from '../../src/formula/formula.js';
import { ModelError } from '../../src/model/model.js';
import { ROOT } from '../helpers/cli.js';

describe('reportFileError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints an input error and returns exit 2', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(reportFileError(new UsageError('bad option'))).toBe(EXIT.input);
    expect(reportFileError(new FormulaError('bad formula'))).toBe(EXIT.input);
    expect(reportFileError(new ModelError('bad model', ['programs']))).toBe(EXIT.input);
    expect(write).toHaveBeenCalledTimes(3);
  });

  it('throws an internal error on without printing it', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bug = new TypeError('Cannot read properties of undefined');
    expect(() => reportFileError(bug)).toThrow(bug);
    expect(write).not.toHaveBeenCalled();
    expect(isInternal(bug)).toBe(true);
    expect(isInternal(new UsageError('x'))).toBe(false);
  });
});

describe('the exit codes', () => {
  it("are the README's one table: every code the command line uses, 130 (Ctrl-C) included", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.split('<!-- exit-codes -->\n')[1]?.split('\n\n')[0] ?? '';
    const documented = [...table.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    const used = new Set<number>([...Object.values(EXIT), 130]);
    expect(documented).toEqual([...used].sort((a, b) => a - b));
  });
});
