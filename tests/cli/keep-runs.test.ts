/** `--keep-runs[=csv|parquet]` (src/cli/keep-runs.ts). */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { keepRunsFile, parseKeepRuns } from '../../src/cli/keep-runs.js';

describe('parseKeepRuns', () => {
  it('reads no option as nothing, the bare option as csv, and the two formats by name', () => {
    expect(parseKeepRuns(undefined)).toEqual({});
    expect(parseKeepRuns('')).toEqual({ format: 'csv' });
    expect(parseKeepRuns(true)).toEqual({ format: 'csv' });
    expect(parseKeepRuns('csv')).toEqual({ format: 'csv' });
    expect(parseKeepRuns('parquet')).toEqual({ format: 'parquet' });
    expect(parseKeepRuns('Parquet')).toEqual({ format: 'parquet' });
  });

  it('hands back an argument the option swallowed (`run --keep-runs FILE`) when the command says it is one', () => {
    expect(parseKeepRuns('s.yaml', () => true)).toEqual({ format: 'csv', positional: 's.yaml' });
  });

  it('refuses any other value, naming the formats', () => {
    expect(() => parseKeepRuns('pq')).toThrow(UsageError);
    expect(() => parseKeepRuns('arrow', () => false)).toThrow(
      /takes csv \(the default\) or parquet.*"arrow"/,
    );
  });

  it('names the file of each format', () => {
    expect(keepRunsFile('csv')).toBe('runs.csv');
    expect(keepRunsFile('parquet')).toBe('runs.parquet');
  });
});
