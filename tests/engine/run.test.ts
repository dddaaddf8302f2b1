import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/engine/run.js';
import { compileModel, type Model } from '../../src/model/model.js';
import { ScenarioSchema } from '../../src/scenario/schema.js';
import { arbScenario } from '../arbitraries.js';
import { cell, makeModel } from '../helpers/model.js';
import { fc, test } from '../helpers/prop.js';

/** Every invariant of DESIGN.md §3 that one run's outputs can show. */
function checkInvariants(model: Model, out: Float64Array): void {
  const groups = model.groups.map((g) => g.id);
  for (const program of model.programs) {
    for (const pool of program.pools) {
      for (const period of pool.periods) {
        const at = (metric: string, group = '') =>
          cell(model, out, { program: program.id, pool: pool.id, period: period.label, group, metric });
        const cap = at('cap');
        const issued = at('issued');
        const unused = at('unused');
        // integers, never above the cap, issued + unused = cap available
        expect(Number.isInteger(issued) && Number.isInteger(cap) && Number.isInteger(unused)).toBe(true);
        expect(issued).toBeGreaterThanOrEqual(0);
        expect(issued).toBeLessThanOrEqual(cap);
        expect(issued + unused).toBe(cap);
        expect(issued).toBeLessThanOrEqual(at('eligible'));
        let sumIssued = 0;
        let sumCap = 0;
        for (const g of groups) {
          const gi = at('issued', g);
          sumIssued += gi;
          expect(gi).toBeLessThanOrEqual(at('eligible', g));
          if (pool.split) {
            const gc = at('cap', g);
            sumCap += gc;
            expect(gi).toBeLessThanOrEqual(gc);
          }
        }
        expect(sumIssued).toBe(issued);
        if (pool.split) expect(sumCap).toBe(cap);
        if (pool.limit) {
          for (const g of groups) {
            const lim =
              pool.limit.amount ??
              (pool.limit.rounding === 'floor'
                ? Math.floor((pool.limit.share ?? 1) * cap + 1e-9)
                : Math.round((pool.limit.share ?? 1) * cap));
            expect(at('issued', g)).toBeLessThanOrEqual(lim);
          }
        }
      }
    }
  }
}

describe('simulateRun', () => {
  test.prop([arbScenario, fc.integer({ min: 0, max: 1000 })], { numRuns: 60 })(
    'keeps every invariant on random small models',
    (obj, run) => {
      const model = compileModel(ScenarioSchema.parse(obj));
      checkInvariants(model, simulateRun(model, run, 's'));
    },
  );

  test.prop([arbScenario], { numRuns: 30 })('never selects an ineligible applicant', (obj) => {
    // Pools open to one group only: no other group may receive a number from them.
    const o = structuredClone(obj) as typeof obj;
    const only = o.groups.rows[0]?.id as string;
    for (const p of o.programs[0]?.pools ?? []) (p as Record<string, unknown>).eligible = `id == "${only}"`;
    const model = compileModel(ScenarioSchema.parse(o));
    const out = simulateRun(model, 1, 's');
    for (const pool of model.pools) {
      for (const g of model.groups) {
        if (g.id === only) continue;
        expect(cell(model, out, { pool: pool.id, group: g.id, metric: 'issued' })).toBe(0);
        expect(cell(model, out, { pool: pool.id, group: g.id, metric: 'eligible' })).toBe(0);
      }
    }
  });

  test.prop([arbScenario, fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 40 })(
    'counts every applicant once: selected, still waiting or diverted when nobody gives up',
    (obj, reapply) => {
      const o = structuredClone(obj) as typeof obj;
      const prog = o.programs[0] as { not_selected: Record<string, unknown> };
      prog.not_selected = { reapply, divert: 1 - reapply, wait: 'step' };
      const model = compileModel(ScenarioSchema.parse(o));
      const out = simulateRun(model, 3, 's');
      const applicants = cell(model, out, { metric: 'applicants' });
      const issued = cell(model, out, { metric: 'issued' });
      const backlog = cell(model, out, { metric: 'backlog' });
      const diverted = cell(model, out, { metric: 'diverted' });
      expect(issued + backlog + diverted).toBe(applicants);
    },
  );

  it('is a pure function of (model, seed, run)', () => {
    const model = makeModel();
    const frozen = Object.freeze(model);
    const a = simulateRun(frozen, 5, 'x');
    const b = simulateRun(frozen, 5, 'x');
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(simulateRun(frozen, 6, 'x'))).not.toEqual(Array.from(a));
  });

  it('lets diverted applicants become the demand of another program', () => {
    // Everyone not selected crosses irregularly; a returns program with a cap of 10 a month takes them.
    const model = makeModel({
      groups: { rows: [{ id: 'A', name: 'Alpha' }] },
      programs: [
        {
          id: 'parole',
          title: 'Parole',
          demand: { per_year: 1200, noise: 'none' },
          not_selected: { divert: 1, divert_to: 'returns', wait: 'step' },
          pools: [{ id: 'parole-pool', cap: { amount: 50, per: 'month' }, select: 'fcfs' }],
        },
        {
          id: 'returns',
          title: 'Returns',
          pools: [{ id: 'returns-pool', cap: { amount: 10, per: 'month' }, select: 'fcfs' }],
        },
      ],
    });
    const out = simulateRun(model, 0, 's');
    // 1,200 a year arrive uniformly: 100 a month; 50 paroled, 50 diverted, who arrive at the returns
    // program the next month (so September's 50 arrive in FY2025), where 10 are returned a month.
    expect(cell(model, out, { program: 'parole', period: 'FY2024', metric: 'issued' })).toBe(600);
    expect(cell(model, out, { program: 'parole', period: 'FY2024', metric: 'diverted' })).toBe(600);
    expect(cell(model, out, { program: 'returns', period: 'FY2024', metric: 'applicants' })).toBe(550);
    expect(
      cell(model, out, { program: 'returns', pool: 'returns-pool', period: '2023-10', metric: 'issued' }),
    ).toBe(0);
    expect(
      cell(model, out, { program: 'returns', pool: 'returns-pool', period: '2023-11', metric: 'issued' }),
    ).toBe(10);
  });
});
