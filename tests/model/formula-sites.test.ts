import { describe, expect, it } from 'vitest';
import { clampingFormulas } from '../../src/model/formula-sites.js';
import { makeModel } from '../helpers/model.js';

describe('formula sites', () => {
  const model = makeModel({
    parameters: [
      { id: 'u', uniform: [0, 1] },
      { id: 'amount', uniform: [5000, 6000] },
    ],
    attributes: [
      { id: 'returning', description: 'returning', share: '0.2 + 0.1 * u' },
      { id: 'sponsored', description: 'sponsored', share: '0.5 * u', clamp: true },
    ],
    ceilings: [{ id: 'all', amount: 'amount', per: 'fiscal-year', pools: ['main', 'other'] }],
    programs: [
      {
        id: 'prog',
        title: 'Program',
        demand: { per_month: 'population * u', clamp: true },
        stages: [{ id: 'arrived', rate: '0.9 * u', clamp: true }],
        pools: [
          {
            id: 'main',
            cap: { amount: '1000 * u', per: 'fiscal-year' },
            eligible: 'returning',
            split: { by: 'population * u' },
            select: 'lottery',
          },
          {
            id: 'other',
            cap: '500 + 10 * u',
            select: { method: 'weighted-lottery', weight: 'population' },
          },
        ],
      },
    ],
  });

  it('give every formula the engine evaluates its YAML path, in the index form validation uses', () => {
    const program = model.programs[0];
    const [main, other] = program?.pools ?? [];
    expect(model.attributes.map((a) => a.share.site)).toEqual([
      { path: ['attributes', 0, 'share'], clamp: false },
      { path: ['attributes', 1, 'share'], clamp: true },
    ]);
    expect(program?.demand?.perMonth?.site).toEqual({
      path: ['programs', 0, 'demand', 'per_month'],
      clamp: true,
    });
    expect(program?.stages[0]?.rateFormula?.site).toEqual({
      path: ['programs', 0, 'stages', 0, 'rate'],
      clamp: true,
    });
    expect(main?.capFormula?.site?.path).toEqual(['programs', 0, 'pools', 0, 'cap', 'amount']);
    expect(main?.eligible?.site?.path).toEqual(['programs', 0, 'pools', 0, 'eligible']);
    expect(main?.split?.weight?.site?.path).toEqual(['programs', 0, 'pools', 0, 'split', 'by']);
    expect(other?.capFormula?.site?.path).toEqual(['programs', 0, 'pools', 1, 'cap']);
    expect(other?.select.weight?.site?.path).toEqual(['programs', 0, 'pools', 1, 'select', 'weight']);
    expect(model.ceilings[0]?.perRun?.amount?.site?.path).toEqual(['ceilings', 0, 'amount']);
  });

  it('list the formulas that declare clamp: true, with what they give', () => {
    expect(clampingFormulas(model).map((c) => [c.formula.site?.path.join('.'), c.domain])).toEqual([
      ['attributes.1.share', 'share'],
      ['programs.0.demand.per_month', 'demand'],
      ['programs.0.stages.0.rate', 'share'],
    ]);
  });

  it('make a stage rate that declares a clamp a formula of each run, even of fixed values', () => {
    const m = makeModel({
      programs: [
        {
          id: 'prog',
          title: 'Program',
          demand: { per_year: 'population' },
          stages: [
            { id: 'a', rate: '0.5 + 0.25' },
            { id: 'b', rate: '0.5 + 0.25', clamp: true },
          ],
          pools: [{ id: 'main', cap: 1000 }],
        },
      ],
    });
    const [a, b] = m.programs[0]?.stages ?? [];
    expect(a?.rate).toBe(0.75);
    expect(a?.rateFormula).toBeUndefined();
    expect(b?.rateFormula?.site?.clamp).toBe(true);
  });
});
