/**
 * Argument checks shared by the samplers. Each throws a RangeError naming the sampler and the argument, so a
 * bad parameter fails loudly instead of producing NaN draws deep inside a Monte Carlo run. `index`, when given,
 * names an element of an array argument; the message is only built on failure (these run in hot loops).
 */

/**
 * A number a sampler cannot draw from because the scenario made it so: not finite (a formula's 1/0,
 * a parameter drawn far out) or beyond 2^53, where integers are no longer exact. Not visasim's bug:
 * the command line reports it as an input error (exit 2), naming the run (stats/run-error.ts).
 */
export class SamplerRangeError extends RangeError {
  override name = 'SamplerRangeError';
}

/** Non-finite or beyond the exact integers: the scenario's numbers, not a bug. */
function outOfRange(value: number): boolean {
  return !Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER;
}

function fail(message: string, value: number): never {
  throw outOfRange(value) ? new SamplerRangeError(message) : new RangeError(message);
}

function label(name: string, index: number | undefined): string {
  return index === undefined ? name : `${name}[${index}]`;
}

/** Requires a non-negative safe integer (a count of items). */
export function requireCount(fn: string, name: string, value: number, index?: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    fail(`${fn}: ${label(name, index)} must be a non-negative integer, got ${value}`, value);
  }
}

/** Requires a probability in [0, 1]. */
export function requireProbability(fn: string, name: string, value: number, index?: number): void {
  if (!(value >= 0 && value <= 1)) {
    fail(`${fn}: ${label(name, index)} must be in [0, 1], got ${value}`, value);
  }
}

/** Requires a finite number > 0. */
export function requirePositive(fn: string, name: string, value: number, index?: number): void {
  if (!(value > 0 && value < Number.POSITIVE_INFINITY)) {
    fail(`${fn}: ${label(name, index)} must be a finite number > 0, got ${value}`, value);
  }
}

/** Requires a finite number >= 0. */
export function requireNonNegative(fn: string, name: string, value: number, index?: number): void {
  if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) {
    fail(`${fn}: ${label(name, index)} must be a finite number >= 0, got ${value}`, value);
  }
}

/** Requires a finite number. */
export function requireFinite(fn: string, name: string, value: number, index?: number): void {
  if (!Number.isFinite(value)) {
    fail(`${fn}: ${label(name, index)} must be a finite number, got ${value}`, value);
  }
}
