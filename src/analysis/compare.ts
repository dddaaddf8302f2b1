/**
 * compareScenarios: run A and B with the same seed and runs. Demand and parameter draws come from
 * streams keyed by (seed, run, purpose), so run r of A and run r of B see the same applicants where
 * their demand is the same (common random numbers); the per-run difference B − A is then the policy,
 * not noise. A compared with itself differs by exactly zero in every run.
 */

import type { CompareRow, CompareSummary } from '../core/types.js';
import { type RunOptions, type RunResult, runScenario } from '../pipeline.js';
import { cellStats } from '../stats/accumulate.js';

export interface CompareResult {
  a: RunResult;
  b: RunResult;
  comparison: CompareSummary;
}

const key = (r: { program: string; pool: string; group: string; period: string; metric: string }) =>
  `${r.program}\0${r.pool}\0${r.group}\0${r.period}\0${r.metric}`;

export async function compareScenarios(
  fileA: string,
  fileB: string,
  opts: Omit<RunOptions, 'shard'> = {},
): Promise<CompareResult> {
  const a = await runScenario(fileA, opts);
  // B uses A's seed and runs unless told otherwise, so the two see the same random numbers.
  const b = await runScenario(fileB, { ...opts, seed: a.manifest.seed, runs: a.manifest.runs });
  return { a, b, comparison: compareRuns(a, b) };
}

/** Per-run differences of every cell that both results report. */
export function compareRuns(
  a: Pick<RunResult, 'model' | 'acc' | 'summary'>,
  b: Pick<RunResult, 'model' | 'acc' | 'summary'>,
): CompareSummary {
  const offsetsB = new Map(b.model.cells.rows.map((r) => [key(r), r.offset]));
  const statsA = new Map(a.summary.rows.map((r) => [key(r), r.stats]));
  const statsB = new Map(b.summary.rows.map((r) => [key(r), r.stats]));
  const rows: CompareRow[] = [];
  const runs = Math.min(a.acc.runs, b.acc.runs);
  for (const r of a.model.cells.rows) {
    const k = key(r);
    const ob = offsetsB.get(k);
    const sa = statsA.get(k);
    const sb = statsB.get(k);
    if (ob === undefined || !sa || !sb) continue;
    const ca = a.acc.column(r.offset);
    const cb = b.acc.column(ob);
    const diff = new Float64Array(runs);
    for (let i = 0; i < runs; i++) diff[i] = (cb[i] as number) - (ca[i] as number);
    rows.push({
      program: r.program,
      pool: r.pool,
      group: r.group,
      period: r.period,
      metric: r.metric,
      a: sa,
      b: sb,
      diff: cellStats(diff),
    });
  }
  return { a: a.summary, b: b.summary, runs, seed: a.summary.seed, rows };
}
