/**
 * Argument checks shared by the samplers. Each throws a RangeError naming the sampler and the argument, so a
 * bad parameter fails loudly instead of producing NaN draws deep inside a Monte Carlo run. `index`, when given,
 * names an element of an array argument; the message is only built on failure (these run in hot loops).
 */

function label(name: string, index: number | undefined): string {
  return index === undefined ? name : `${name}[${index}]`;
}

/** Requires a non-negative safe integer (a count of items). */
export function requireCount(fn: string, name: string, value: number, index?: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${fn}: ${label(name, index)} must be a non-negative integer, got ${value}`);
  }
}

/** Requires a probability in [0, 1]. */
export function requireProbability(fn: string, name: string, value: number, index?: number): void {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(`${fn}: ${label(name, index)} must be in [0, 1], got ${value}`);
  }
}

/** Requires a finite number > 0. */
export function requirePositive(fn: string, name: string, value: number, index?: number): void {
  if (!(value > 0 && value < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`${fn}: ${label(name, index)} must be a finite number > 0, got ${value}`);
  }
}

/** Requires a finite number >= 0. */
export function requireNonNegative(fn: string, name: string, value: number, index?: number): void {
  if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`${fn}: ${label(name, index)} must be a finite number >= 0, got ${value}`);
  }
}

/** Requires a finite number. */
export function requireFinite(fn: string, name: string, value: number, index?: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${label(name, index)} must be a finite number, got ${value}`);
  }
}
