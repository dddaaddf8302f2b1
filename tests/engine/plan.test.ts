import { describe, expect, it } from 'vitest';
import { fyNumber, planFor } from '../../src/engine/plan.js';
import type { Model } from '../../src/model/model.js';
import { makeModel, type ScenarioObject } from '../helpers/model.js';

/** The default test program (makeScenario) with some of its keys replaced. */
function withProgram(over: ScenarioObject, extra: ScenarioObject = {}): Model {
  return makeModel({
    programs: [
      {
        id: 'prog',
        title: 'Program',
        demand: { per_year: 'population * 10', noise: 'poisson' },
        not_selected: { reapply: 0.5, divert: 0.2, wait: 'fiscal-year' },
        pools: [{ id: 'main', cap: 1000, select: 'lottery' }],
        ...over,
      },
    ],
    ...extra,
  });
}

const blocksOf = (model: Model) => {
  const b = planFor(model).blocks;
  return b ? Array.from(b) : undefined;
};

describe('stepBlocks', () => {
  it('takes each fiscal year as one block when pools draw once a year', () => {
    expect(blocksOf(withProgram({}))).toEqual([0, 12, 24]);
  });

  it('cuts blocks where a pool period starts or ends', () => {
    const halves = withProgram({
      pools: [{ id: 'main', cap: { amount: 500, per: 'half' }, select: 'lottery' }],
    });
    expect(blocksOf(halves)).toEqual([0, 6, 12, 18, 24]);
    const windowed = withProgram({
      pools: [{ id: 'main', cap: 1000, select: 'pro-rata', window: { from: '01-01', to: '03-31' } }],
    });
    // FY starts Oct 1: the window is months 3–5 of each fiscal year
    expect(blocksOf(windowed)).toEqual([0, 3, 6, 12, 15, 18, 24]);
  });

  it('is not used when a rule needs the steps one by one', () => {
    const cases: [string, Model][] = [
      ['first come, first served', withProgram({ pools: [{ id: 'main', cap: 1000, select: 'fcfs' }] })],
      [
        'a pool that opens after another fills',
        withProgram({
          pools: [
            { id: 'main', cap: 1000, select: 'lottery' },
            { id: 'next', cap: 100, select: 'lottery', opens_after: 'main' },
          ],
        }),
      ],
      [
        'demand with extra variation',
        withProgram({
          demand: { per_year: 'population * 10', noise: { negative_binomial: { dispersion: 4 } } },
        }),
      ],
      [
        'whole-number demand without noise',
        withProgram({ demand: { per_year: 'population', noise: 'none' } }),
      ],
      ['reapplying after a month', withProgram({ not_selected: { reapply: 0.5, wait: 'month' } })],
      [
        'monthly caps',
        withProgram({ pools: [{ id: 'main', cap: { amount: 90, per: 'month' }, select: 'lottery' }] }),
      ],
    ];
    for (const [what, model] of cases) expect(blocksOf(model), what).toBeUndefined();

    const twoPrograms = makeModel({
      programs: [
        {
          id: 'a',
          title: 'A',
          demand: { per_year: 'population', noise: 'poisson' },
          not_selected: { reapply: 0, divert: 0.5, divert_to: 'b' },
          pools: [{ id: 'pa', cap: 100, select: 'lottery' }],
        },
        { id: 'b', title: 'B', pools: [{ id: 'pb', cap: 100, select: 'lottery' }] },
      ],
    });
    expect(blocksOf(twoPrograms), 'diverted into another program').toBeUndefined();
  });

  it('allows any wait when nobody reapplies', () => {
    expect(blocksOf(withProgram({ not_selected: { reapply: 0, divert: 0.3, wait: 'month' } }))).toEqual([
      0, 12, 24,
    ]);
  });
});

describe('the plan', () => {
  it('marks fiscal-year ends and the steps at which reapplicants return', () => {
    const plan = planFor(withProgram({}));
    expect(Array.from(plan.fyEnd).flatMap((v, t) => (v ? [t] : []))).toEqual([11, 23]);
    const due = plan.dueAt[0] as Int32Array;
    expect(due[0]).toBe(12);
    expect(due[11]).toBe(12);
    expect(due[12]).toBe(24);
  });

  it('is worked out once per model', () => {
    const model = withProgram({});
    expect(planFor(model)).toBe(planFor(model));
  });

  it('reads the year from a fiscal-year label', () => {
    expect(fyNumber('FY2024')).toBe(2024);
    expect(fyNumber('odd')).toBe(0);
  });
});

describe('the dates of arrivals (waits.ts)', () => {
  it('give each arrival its priority date year and month count, as the dates themselves do', async () => {
    const { loadScenario } = await import('../../src/scenario/index.js');
    const { compileModel } = await import('../../src/model/model.js');
    const { monthsBetween, yearOfDay } = await import('../../src/model/calendar.js');
    const { ROOT } = await import('../helpers/cli.js');
    const { scenario } = await loadScenario(`${ROOT}/scenarios/eb2-backlog-india-china-row.yaml`);
    const model = compileModel(scenario);
    const plan = planFor(model);
    const steps = model.calendar.steps;
    expect(model.priorityDays.length).toBeGreaterThan(10);
    expect(plan.arrivalBase).toBe(model.priorityDays.length);
    for (let arrival = -model.priorityDays.length; arrival < steps.length; arrival++) {
      const day = (
        arrival < 0 ? model.priorityDays[arrival + plan.arrivalBase] : steps[arrival]?.start
      ) as number;
      const i = arrival + plan.arrivalBase;
      expect(plan.arrivalWaitYear[i]).toBe(model.cells.waitYears.indexOf(yearOfDay(day)));
      for (let a = 0; a < steps.length; a += 7)
        expect((plan.stepMonth[a] as number) - (plan.arrivalMonth[i] as number)).toBe(
          monthsBetween(day, steps[a]?.start as number),
        );
    }
    // and each pool period's first month, for paces
    for (const pool of model.pools)
      pool.periods.forEach((period, p) => {
        for (let a = 0; a < steps.length; a += 5)
          expect(
            (plan.stepMonth[a] as number) - ((plan.periodMonth[pool.index] as Float64Array)[p] as number),
          ).toBe(monthsBetween(period.start, steps[a]?.start as number));
      });
  });
});
