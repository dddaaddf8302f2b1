/**
 * `--keep-runs[=csv|parquet]` on run and merge: which per-run file to write, if any. The option takes
 * an optional value, so `run --keep-runs FILE` would read FILE as the format: a value that is no
 * format is handed back as the positional argument it was (the scenario, a shard folder).
 */
import { UsageError } from './errors.js';

export type KeepRuns = 'csv' | 'parquet';

export const KEEP_RUNS_FORMATS: readonly KeepRuns[] = ['csv', 'parquet'];

/**
 * What `--keep-runs` asks for. A value that is no format is an error, unless `positional(value)`
 * says it is the argument the option swallowed (`run --keep-runs FILE`): then CSV, and that value.
 */
export function parseKeepRuns(
  value: string | boolean | undefined,
  positional: (value: string) => boolean = () => false,
): { format?: KeepRuns; positional?: string } {
  if (value === undefined || value === false) return {};
  if (value === true || value === '') return { format: 'csv' };
  const v = value.trim().toLowerCase();
  if ((KEEP_RUNS_FORMATS as readonly string[]).includes(v)) return { format: v as KeepRuns };
  if (positional(value)) return { format: 'csv', positional: value };
  throw new UsageError(
    `--keep-runs takes csv (the default) or parquet, as --keep-runs=parquet; "${value}" is neither`,
  );
}

/** The per-run file a format writes. */
export const keepRunsFile = (format: KeepRuns) => (format === 'csv' ? 'runs.csv' : 'runs.parquet');
