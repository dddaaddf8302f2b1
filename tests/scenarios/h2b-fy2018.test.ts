/**
 * The FY2018 second-half H-2B petition lottery (scenarios/h2b-fy2018-second-half.yaml) against
 * numbers worked out by hand from its inputs: 2,700 petitions, the size distribution of its `units`,
 * 33,000 workers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/engine/run.js';
import { compileModel } from '../../src/model/model.js';
import { loadScenario } from '../../src/scenario/index.js';
import { ROOT } from '../helpers/cli.js';
import { cell } from '../helpers/model.js';

describe('H-2B FY2018, second half: petitions drawn whole against a cap of workers', async () => {
  const m = compileModel(
    (await loadScenario(join(ROOT, 'scenarios', 'h2b-fy2018-second-half.yaml'))).scenario,
  );
  const runs = 300;
  const sum: Record<string, number> = {};
  let maxIssued = 0;
  for (let r = 0; r < runs; r++) {
    const out = simulateRun(m, r, 'hand');
    for (const metric of ['applications', 'applications_issued', 'persons', 'persons_issued', 'issued']) {
      sum[metric] = (sum[metric] ?? 0) + cell(m, out, { metric });
    }
    maxIssued = Math.max(maxIssued, cell(m, out, { metric: 'issued' }));
  }
  const mean = (metric: string) => (sum[metric] as number) / runs;

  // Mean size: (14·1 + 12·2 + 20·5 + 20·10 + 17·20 + 10·40 + 5·80 + 1.7·150) / (14 + 12 + 20 + 20 + 17 +
  // 10 + 5 + 1.7) = 1,733 / 99.7 = 17.382 workers a petition.
  const meanSize = 1733 / 99.7;

  it('receives 2,700 petitions naming 2,700 × 17.382 = 46,932 workers on average', () => {
    // Poisson petitions: sd 52 per run, 3.0 for the mean of 300 runs
    expect(Math.abs(mean('applications') - 2700)).toBeLessThan(12);
    // workers: var = 2,700 · E[size²]; E[size²] = (14 + 48 + 500 + 2,000 + 6,800 + 16,000 + 32,000 +
    // 38,250) / 99.7 = 956.0, sd √(2,700 · 956) = 1,607 per run, 93 for the mean of 300 runs
    expect(Math.abs(mean('persons') - 2700 * meanSize)).toBeLessThan(400);
  });

  it('issues exactly 33,000 workers in every run, never more (small petitions fill the last numbers)', () => {
    expect(mean('issued')).toBe(33000);
    expect(maxIssued).toBe(33000);
    expect(mean('persons_issued')).toBe(33000);
  });

  it('selects about 33,000 / 46,932 = 70.3% of the petitions', () => {
    // The draw is a uniform random subset of the petitions until the workers reach the cap, so the
    // share of petitions selected is close to the share of workers; the last numbers go to small
    // petitions that still fit, which adds a few: 2,700 × 0.703 = 1,898.
    const share = mean('applications_issued') / mean('applications');
    expect(share).toBeGreaterThan(0.69);
    expect(share).toBeLessThan(0.72);
    expect(Math.abs(mean('applications_issued') - 1898)).toBeLessThan(40);
  });
});
