/**
 * The fuzz test (issue 16): mutated copies of the shipped scenarios and option vectors, through
 * `validate` and short `run`s in process — never an internal error, errors in the case's own files,
 * nothing half-written (tests/helpers/fuzz.ts says how). About 100 cases here; the slow suite runs
 * about 1,000, and before a release run many more:
 *
 *   FUZZ_CASES=20000 npx vitest run --project slow tests/fuzz.slow.test.ts
 *
 * A failure prints fast-check's seed and path; FUZZ_SEED=<seed> replays it.
 */
import { describe, expect, it } from 'vitest';
import { fuzzParams, fuzzProperty, runCase, SHIPPED } from './helpers/fuzz.js';
import { fc } from './helpers/prop.js';

describe('fuzz: mutated scenarios and option vectors', () => {
  it('the unmutated shipped scenarios validate, and run, with exit 0 or 3', async () => {
    for (let i = 0; i < SHIPPED.length; i++) {
      expect((await runCase({ scenario: i, mutations: [] })).code).toBe(0);
    }
    const run = await runCase({
      scenario: 0,
      mutations: [],
      run: { runs: '2', charts: 'none', threads: '1', set: [] },
    });
    expect([0, 3]).toContain(run.code);
  });

  it('about 100 cases: never exit 1, errors in the right file, nothing half-written', async () => {
    await fc.assert(fuzzProperty(), fuzzParams(100));
  }, 600_000);
});
