import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../../src/analysis/compare.js';
import { ROOT } from '../helpers/cli.js';

const A = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
const B = join(ROOT, 'scenarios/us-300k-by-encounters.yaml');

describe('compareScenarios', () => {
  it('gives exactly zero difference in every run when a scenario is compared with itself', async () => {
    const { comparison } = await compareScenarios(A, A, { runs: 25, seed: 'crn', threads: 1 });
    expect(comparison.rows.length).toBeGreaterThan(100);
    for (const r of comparison.rows) {
      if (r.diff.n === 0) continue; // a cell with no value in any run (days_to_fill of a pool that never filled)
      expect([r.diff.min, r.diff.max], `${r.program}/${r.pool}/${r.group}/${r.period}/${r.metric}`).toEqual([
        0, 0,
      ]);
    }
  });

  it('sees the same applicants in both scenarios when only the split differs (common random numbers)', async () => {
    const { comparison } = await compareScenarios(A, B, { runs: 25, seed: 'crn', threads: 1 });
    const row = (metric: string, group: string, period: string) =>
      comparison.rows.find(
        (r) => r.pool === '' && r.group === group && r.period === period && r.metric === metric,
      );
    // First-year applicants do not depend on the split: identical run by run.
    expect(row('applicants', 'GT', 'FY2024')?.diff.max).toBe(0);
    expect(row('applicants', 'GT', 'FY2024')?.diff.min).toBe(0);
    // Splitting by encounters moves numbers from Costa Rica (no encounters broken out) to Guatemala.
    const cr = comparison.rows.find(
      (r) => r.pool === 'central-america' && r.group === 'CR' && r.period === 'FY2024' && r.metric === 'cap',
    );
    expect(cr?.diff.p50).toBeLessThan(0);
  });
});
