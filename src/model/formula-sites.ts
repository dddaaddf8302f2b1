/**
 * The site of every formula the engine evaluates during a run (formula/formula.ts, FormulaSite): its
 * YAML path in the scenario, in the index form validation uses (`programs[0].demand.per_year`), and
 * whether the scenario declares beside it that it clamps (`clamp: true`). The engine names the site in
 * a FormulaDomainError (engine/domain.ts); the command line maps the path to FILE:LINE:COL.
 */
import type { CompiledFormula } from '../formula/formula.js';
import type { Scenario } from '../scenario/schema.js';
import type { Model } from './model.js';

type Path = (string | number)[];

function mark(f: CompiledFormula | undefined, path: Path, clamp = false): void {
  if (f) f.site = { path, clamp };
}

/** Set the site of each formula of `model`, compiled from `scenario`. */
export function attachSites(model: Model, scenario: Scenario): void {
  model.attributes.forEach((a, i) => {
    mark(a.share, ['attributes', i, 'share'], scenario.attributes[i]?.clamp === true);
  });
  model.programs.forEach((program, i) => {
    const spec = scenario.programs[i];
    if (!spec) return;
    const d = program.demand;
    const clamp = spec.demand?.clamp === true;
    mark(d?.perYear, ['programs', i, 'demand', 'per_year'], clamp);
    mark(d?.perMonth, ['programs', i, 'demand', 'per_month'], clamp);
    mark(program.receiptLeadFormula, ['programs', i, 'receipt_clock', 'lead_days']);
    program.stages.forEach((stage, k) => {
      mark(stage.rateFormula, ['programs', i, 'stages', k, 'rate'], spec.stages?.[k]?.clamp === true);
    });
    program.pools.forEach((pool, j) => {
      const at: Path = ['programs', i, 'pools', j];
      const cap = spec.pools[j]?.cap;
      mark(pool.capFormula, [...at, 'cap', ...(typeof cap === 'object' ? ['amount'] : [])]);
      mark(pool.eligible, [...at, 'eligible']);
      mark(pool.split?.weight, [...at, 'split', 'by']);
      mark(pool.select.weight, [...at, 'select', 'weight']);
    });
  });
  model.ceilings.forEach((c, i) => {
    mark(c.perRun?.amount, ['ceilings', i, 'amount']);
  });
}

/** The formulas of `model` that declare `clamp: true`, in the model's order, with what they give. */
export function clampingFormulas(model: Model): { formula: CompiledFormula; domain: 'share' | 'demand' }[] {
  const out: { formula: CompiledFormula; domain: 'share' | 'demand' }[] = [];
  const add = (f: CompiledFormula | undefined, domain: 'share' | 'demand') => {
    if (f?.site?.clamp) out.push({ formula: f, domain });
  };
  for (const a of model.attributes) add(a.share, 'share');
  for (const p of model.programs) {
    add(p.demand?.perYear, 'demand');
    add(p.demand?.perMonth, 'demand');
    for (const s of p.stages) add(s.rateFormula, 'share');
  }
  return out;
}
