import { describe, expect, it } from 'vitest';
import {
  requireCount,
  requireFinite,
  requireNonNegative,
  requirePositive,
  requireProbability,
  SamplerRangeError,
} from '../../src/random/validate.js';

describe('validate', () => {
  it('accepts valid values', () => {
    expect(() => requireCount('f', 'n', 0)).not.toThrow();
    expect(() => requireCount('f', 'n', 2 ** 53 - 1)).not.toThrow();
    expect(() => requireProbability('f', 'p', 0)).not.toThrow();
    expect(() => requireProbability('f', 'p', 1)).not.toThrow();
    expect(() => requirePositive('f', 'x', 1e-300)).not.toThrow();
    expect(() => requireNonNegative('f', 'x', 0)).not.toThrow();
    expect(() => requireFinite('f', 'x', -1e300)).not.toThrow();
  });

  it('rejects invalid values with a RangeError naming the function and argument', () => {
    expect(() => requireCount('binomial', 'n', -1)).toThrow(
      new RangeError('binomial: n must be a non-negative integer, got -1'),
    );
    expect(() => requireCount('f', 'n', 1.5)).toThrow(RangeError);
    expect(() => requireCount('f', 'n', 2 ** 53)).toThrow(RangeError);
    expect(() => requireCount('f', 'n', Number.NaN)).toThrow(RangeError);
    expect(() => requireProbability('f', 'p', 1.0000001)).toThrow(RangeError);
    expect(() => requireProbability('f', 'p', Number.NaN)).toThrow(RangeError);
    expect(() => requirePositive('f', 'x', 0)).toThrow(RangeError);
    expect(() => requirePositive('f', 'x', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => requireNonNegative('f', 'x', -0.1)).toThrow(RangeError);
    expect(() => requireFinite('f', 'x', Number.NaN)).toThrow(RangeError);
  });

  it('names array elements by index', () => {
    expect(() => requireCount('mvh', 'counts', -2, 3)).toThrow(
      'mvh: counts[3] must be a non-negative integer, got -2',
    );
  });

  it('calls a non-finite or inexact-integer argument the scenario’s (SamplerRangeError), a bad finite one a bug', () => {
    for (const f of [
      () => requireNonNegative('poisson', 'mean', Number.POSITIVE_INFINITY),
      () => requireCount('binomial', 'n', 2 ** 53),
      () => requireCount('binomial', 'n', 1.67e308),
      () => requirePositive('gamma', 'scale', Number.NaN),
      () => requireFinite('normal', 'sd', Number.NEGATIVE_INFINITY),
    ])
      expect(f).toThrow(SamplerRangeError);
    expect(() => requireCount('binomial', 'n', -1)).not.toThrow(SamplerRangeError);
    expect(() => requireNonNegative('poisson', 'mean', -3)).not.toThrow(SamplerRangeError);
    expect(new SamplerRangeError('x')).toBeInstanceOf(RangeError);
  });
});
