/** Builders for small scenarios and models in tests (inline, no files). */
import { compileModel, type Model } from '../../src/model/model.js';
import { type Scenario, ScenarioSchema } from '../../src/scenario/schema.js';

export type ScenarioObject = Record<string, unknown>;

/** A valid scenario object with sensible defaults; override any top-level key. */
export function makeScenario(over: ScenarioObject = {}): Scenario {
  return ScenarioSchema.parse({
    id: 'test',
    title: 'Test scenario',
    status: 'hypothetical',
    calendar: { start: '2023-10-01', years: 2 },
    simulation: { runs: 10, seed: 1 },
    groups: {
      rows: [
        { id: 'A', name: 'Alpha', population: 100, region: 'north' },
        { id: 'B', name: 'Beta', population: 300, region: 'south' },
        { id: 'C', name: 'Gamma', population: 600, region: 'south' },
      ],
    },
    programs: [
      {
        id: 'prog',
        title: 'Program',
        demand: { per_year: 'population * 10', noise: 'poisson' },
        not_selected: { reapply: 0.5, divert: 0.2 },
        pools: [{ id: 'main', cap: 1000, select: 'lottery' }],
      },
    ],
    ...over,
  });
}

export function makeModel(over: ScenarioObject = {}): Model {
  return compileModel(makeScenario(over));
}

/** Read one output cell of a run by its labels. */
export function cell(
  model: Model,
  values: Float64Array,
  where: { program?: string; pool?: string; group?: string; period?: string; metric: string },
): number {
  const row = model.cells.rows.find(
    (r) =>
      r.program === (where.program ?? model.programs[0]?.id) &&
      r.pool === (where.pool ?? '') &&
      r.group === (where.group ?? '') &&
      r.period === (where.period ?? '') &&
      r.metric === where.metric,
  );
  if (!row) throw new Error(`no cell ${JSON.stringify(where)}`);
  return values[row.offset] as number;
}
