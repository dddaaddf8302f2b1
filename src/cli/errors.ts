/**
 * The one error boundary of the command line (after nx's handleErrors): a user's mistake prints a
 * clear message and exits 2 with no stack; anything else is an internal error, exit 1.
 */
import { ModelError } from '../model/model.js';
import { Interrupted } from '../parallel/pool.js';
import { OutputError } from '../report/output-dir.js';
import { PartialError } from '../report/partial.js';
import { formatIssues, ScenarioError } from '../scenario/issues.js';

/** Exit codes (README, "Limits and guarantees"): 4 is the machine's refusal, not the input's. */
export const EXIT = { ok: 0, internal: 1, input: 2, checks: 3, machine: 4, interrupted: 130 } as const;

/**
 * Errors of the scenario found while simulating, known by name: thrown inside a worker thread, only
 * the name survives. RunRangeError: a number no sampler can draw from, naming the run.
 */
const USER_ERROR_NAMES = new Set([
  'FormulaError',
  'ModelError',
  'RunRangeError',
  // a formula's value out of its domain in a run (engine/domain.ts); the pipeline normally turns it
  // into a ScenarioError at the formula's line
  'FormulaDomainError',
  'SamplerRangeError',
  // the command-line options ask for more than the budget allows (--runs beyond --max-memory)
  'BudgetError',
]);

/** A command-line usage mistake (bad option value, missing file argument). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Is this an error of visasim's own (exit 1), not of the user's input? */
export function isInternal(e: unknown): boolean {
  return !(
    e instanceof ScenarioError ||
    e instanceof UsageError ||
    e instanceof ModelError ||
    e instanceof OutputError ||
    e instanceof PartialError ||
    e instanceof Interrupted ||
    (e instanceof Error && USER_ERROR_NAMES.has(e.name))
  );
}

/**
 * Report the error of one file and go on with the next (validate, check): a user's mistake is
 * printed here; an internal error is thrown on, to be printed once by main.
 */
export function reportFileError(e: unknown): number {
  if (isInternal(e)) throw e;
  return reportError(e, false);
}

export function reportError(e: unknown, verbose: boolean): number {
  const { code, text } = describeError(e, verbose);
  process.stderr.write(text);
  return code;
}

/**
 * What the command line prints for an error (stderr), and its exit code — without printing, so a
 * test (the fuzz test) can map errors exactly as the CLI does.
 */
export function describeError(e: unknown, verbose: boolean): { code: number; text: string } {
  if (e instanceof ScenarioError) return { code: EXIT.input, text: `${formatIssues(e.issues)}\n` };
  if (e instanceof Interrupted) {
    const what = e.message === 'interrupted' ? 'interrupted: nothing was written' : e.message;
    return { code: EXIT.interrupted, text: `\n${what}\n` };
  }
  if (e instanceof OutputError) return { code: EXIT.machine, text: `visasim: error: ${e.message}\n` };
  if (e instanceof PartialError) return { code: EXIT.input, text: `visasim: error: ${e.message}\n` };
  if (e instanceof UsageError)
    return { code: EXIT.input, text: `visasim: error: ${e.message}\nRun "visasim --help" for usage.\n` };
  // A formula that fails on some group's values at run time (also when thrown inside a worker thread,
  // where only the error's name survives) is the scenario's mistake, not ours.
  if (e instanceof Error && USER_ERROR_NAMES.has(e.name) && !(e instanceof ModelError))
    return { code: EXIT.input, text: `visasim: error: ${e.message}\n` };
  if (e instanceof ModelError)
    return { code: EXIT.input, text: `visasim: error: ${e.path.join('.')}: ${e.message}\n` };
  const err = e instanceof Error ? e : new Error(String(e));
  return {
    code: EXIT.internal,
    text: `visasim: internal error — please report it: ${err.message}\n${verbose ? `${err.stack}\n` : 're-run with --verbose for the stack\n'}`,
  };
}
