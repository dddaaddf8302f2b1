import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/model.js';
import { loadScenario } from '../../src/scenario/index.js';
import { accumulate } from '../../src/stats/accumulate.js';
import { RunRangeError, simulateNamingRun } from '../../src/stats/run-error.js';
import { scratch } from '../scenario/helpers.js';

const scenario = (perYear: string) => `id: huge
title: Numbers too large to simulate
status: hypothetical
calendar: { start: 2023-10-01, years: 3 }
simulation: { runs: 4, seed: 1 }
groups:
  rows: [{ id: MX, name: Mexico, pop: 100 }]
programs:
  - id: p
    title: p
    demand: { per_year: "${perYear}" }
    pools:
      - { id: a, cap: 1000 }
`;

describe('simulateNamingRun', () => {
  it("names the run and seed when a sampler meets a number the scenario made (1/0 in one year's branch)", async () => {
    const s = await scratch();
    try {
      const file = await s.write({ 'huge.yaml': scenario('year == 1 ? 1/0 : 100') });
      const { scenario: sc } = await loadScenario(file);
      const model = compileModel(sc);
      const err = (() => {
        try {
          accumulate(model, { runs: 3, seed: 's', firstRun: 5 });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(RunRangeError);
      expect((err as Error).message).toMatch(
        /^run 5 \(seed s\) met a number it cannot simulate: poisson: mean .* Infinity/,
      );
    } finally {
      await s.remove();
    }
  });

  it('passes the runs through untouched when every number is in range', async () => {
    const s = await scratch();
    try {
      const file = await s.write({ 'ok.yaml': scenario('100') });
      const model = compileModel((await loadScenario(file)).scenario);
      const seen: number[] = [];
      expect(simulateNamingRun(model, { runs: 3, seed: 's' }, { add: (i) => seen.push(i) })).toBe(3);
      expect(seen).toEqual([0, 1, 2]);
    } finally {
      await s.remove();
    }
  });
});
