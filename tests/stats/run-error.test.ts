import { describe, expect, it } from 'vitest';
import { FormulaDomainError } from '../../src/engine/domain.js';
import { sampleParameters } from '../../src/engine/parameters.js';
import { compileModel } from '../../src/model/model.js';
import { SamplerRangeError } from '../../src/random/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { accumulate } from '../../src/stats/accumulate.js';
import { RunRangeError, simulateNamingRun } from '../../src/stats/run-error.js';
import { scratch } from '../scenario/helpers.js';

const scenario = (perYear: string, params = '') => `id: huge
title: Numbers too large to simulate
status: hypothetical
calendar: { start: 2023-10-01, years: 3 }
simulation: { runs: 4, seed: 1 }
groups:
  rows: [{ id: MX, name: Mexico, pop: 100 }]
${params}programs:
  - id: p
    title: p
    demand: { per_year: "${perYear}" }
    pools:
      - { id: a, cap: 1000 }
`;

describe('simulateNamingRun', () => {
  it("names the run, seed and draws of a value out of its formula's domain (1/0 in one year's branch)", async () => {
    const s = await scratch();
    try {
      const file = await s.write({
        'huge.yaml': scenario(
          'year == 1 ? g / 0 : 100',
          'parameters:\n  - { id: g, uniform: [1, 2], assumption: true }\n',
        ),
      });
      const { scenario: sc } = await loadScenario(file);
      const model = compileModel(sc);
      const err = (() => {
        try {
          accumulate(model, { runs: 3, seed: 's', firstRun: 5 });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(FormulaDomainError);
      const detail = (err as FormulaDomainError).detail;
      expect(detail).toMatchObject({
        path: ['programs', 0, 'demand', 'per_year'],
        value: Number.POSITIVE_INFINITY,
        group: 'MX',
        period: 'FY2025',
        run: 5,
        seed: 's',
      });
      expect(detail.draws).toEqual({ g: sampleParameters(model, 's', 5).g });
      expect((err as Error).message).toMatch(/^in run 5 \(seed s\), for group "MX", in FY2025, /);
    } finally {
      await s.remove();
    }
  });

  it('names the run and seed when a sampler refuses a number', async () => {
    const s = await scratch();
    try {
      const file = await s.write({ 'ok.yaml': scenario('100') });
      const model = compileModel((await loadScenario(file)).scenario);
      const sink = {
        add: (i: number) => {
          if (i === 2) throw new SamplerRangeError('poisson: mean Infinity');
        },
      };
      expect(() => simulateNamingRun(model, { runs: 3, seed: 's', firstRun: 5 }, sink)).toThrow(
        RunRangeError,
      );
      expect(() => simulateNamingRun(model, { runs: 3, seed: 's', firstRun: 5 }, sink)).toThrow(
        /^run 7 \(seed s\) met a number it cannot simulate: poisson: mean Infinity/,
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
