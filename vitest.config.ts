import { defineConfig } from 'vitest/config';

/**
 * Two suites (README, "Tests"):
 * - fast: every `tests/**\/*.test.ts` but the slow ones, in one module graph per worker (no isolation
 *   between files: importing the engine, mathjs and vega once per worker instead of once per file
 *   halves the suite). A test file must not leave global state behind; none mocks modules.
 * - slow: `tests/**\/*.slow.test.ts`, the browser and statistical tests and large Monte Carlo runs,
 *   isolated as usual.
 * `npm test` runs both; `npm run test:fast` runs the first (`--project fast`).
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/**/*.slow.test.ts'],
          isolate: false,
          // every core (vitest's default leaves one free): 92 s against 108 s on 2 cores
          maxWorkers: '100%',
          // first, then the slow suite (projects with their own maxWorkers run one group at a time)
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'slow', include: ['tests/**/*.slow.test.ts'], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
