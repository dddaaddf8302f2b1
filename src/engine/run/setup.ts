/**
 * Per-run set-up: the formulas evaluated once per run (or once per model, when nothing they use
 * varies between runs: then plan.ts keeps the result) — group scopes, segment shares, pool
 * eligibility, split weights, lottery weights and demand rates. Called by the Run constructor
 * (state.ts), in its order.
 */
import type { CompiledFormula } from '../../formula/formula.js';
import { monthLabel, monthOfDay } from '../../model/calendar.js';
import type { PoolModel, ProgramModel } from '../../model/model.js';
import { evaluateIn, evaluateRule } from '../domain.js';
import type { Scope } from '../plan.js';
import { mapped, type Run } from './state.js';

/**
 * Each group's scope is its columns and the parameters, the latter overriding a column of the same
 * name — `{ ...columns, ...params }` — and, for demand formulas, also the year. The objects are
 * kept by the plan and their parameter values set at the start of each run (every run sets the
 * same keys, so they hold what fresh objects would).
 */
export function setGroupScopes(r: Run): void {
  const { plan, params } = r;
  if (!plan.groupScopes) {
    plan.groupScopes = r.model.groups.map((g) => ({ ...g.columns, ...params }));
    plan.rateScopes = plan.groupScopes.map((s) => ({ ...s, year: 0, fy: 0 }));
    return;
  }
  for (const scope of plan.groupScopes) for (const k in params) scope[k] = params[k] as number;
  for (const scope of plan.rateScopes as Scope[]) for (const k in params) scope[k] = params[k] as number;
}

function groupScope(r: Run, g: number): Scope {
  return (r.plan.groupScopes as Scope[])[g] as Scope;
}

/** The scope of a cell (group × segment) in fiscal year fy: attributes, year and fy added. */
function cellScope(r: Run, c: number, fy: number): Scope {
  const scope: Scope = { ...groupScope(r, r.cellGroup[c] as number) };
  r.model.attributes.forEach((a, i) => {
    scope[a.id] = !!(((c % r.S) >> i) & 1);
  });
  scope.year = fy;
  scope.fy = r.plan.fyNum[fy] as number;
  return scope;
}

/** Segment probabilities of each group (product of attribute shares). */
export function segmentShares(r: Run): Float64Array[] {
  const { model, plan } = r;
  const S = model.segments;
  const probs: Float64Array[] = [];
  for (let g = 0; g < r.G; g++) {
    const scope = groupScope(r, g);
    const group = (model.groups[g] as { id: string }).id;
    const shares = mapped(model.attributes, (a) => evaluateIn(a.share, scope, 'share', r.tally, group));
    const pr = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      let p = 1;
      for (let a = 0; a < shares.length; a++) {
        const sh = shares[a] as number;
        p *= (s >> a) & 1 ? sh : 1 - sh;
      }
      pr[s] = p;
    }
    probs.push(pr);
  }
  if (!model.attributes.some((a) => plan.varies(a.share))) plan.segProb = probs;
  return probs;
}

/**
 * The chance that a new applicant of group g in `program` falls in each cell of the group: its
 * segment's share times its size class's (applications that carry several persons); a program
 * without `units` puts every applicant in class 0.
 */
export function cellShares(r: Run, program: ProgramModel, segProbs: Float64Array, g: number): Float64Array {
  const A = r.model.segments;
  const out = new Float64Array(r.S);
  const classes = program.units?.classProb[g] ?? [1];
  classes.forEach((pk, k) => {
    for (let s = 0; s < A; s++) out[k * A + s] = pk * (segProbs[s] as number);
  });
  return out;
}

export function eligibilityOf(r: Run, pool: PoolModel): Uint8Array[] {
  const perFy: Uint8Array[] = [];
  const usesTime = !!pool.eligible && pool.eligible.symbols.some((s) => s === 'year' || s === 'fy');
  for (let fy = 0; fy < r.nFy; fy++) {
    if (fy > 0 && !usesTime) {
      perFy.push(perFy[0] as Uint8Array);
      continue;
    }
    const mask = new Uint8Array(r.C);
    for (let c = 0; c < r.C; c++) {
      const rule = pool.eligible;
      mask[c] =
        !rule || evaluateRule(rule, cellScope(r, c, fy), groupOf(r, r.cellGroup[c] as number), fyLabel(r, fy))
          ? 1
          : 0;
    }
    perFy.push(mask);
  }
  if (!r.plan.varies(pool.eligible)) r.plan.eligibility[pool.index] = perFy;
  return perFy;
}

export function splitWeightsOf(r: Run, pool: PoolModel): number[] {
  const split = pool.split as NonNullable<PoolModel['split']>;
  const w: number[] = [];
  for (let g = 0; g < r.G; g++) {
    const scope = groupScope(r, g);
    const v = split.weight
      ? evaluateIn(split.weight, scope, 'weight', r.tally, groupOf(r, g))
      : scope[split.by];
    w.push(typeof v === 'number' && v > 0 ? v : 0);
  }
  const varies = split.weight ? r.plan.varies(split.weight) : r.plan.paramVaries(split.by);
  if (!varies) r.plan.splitWeights[pool.index] = w;
  return w;
}

export function lotteryWeightsOf(r: Run, pool: PoolModel): Float64Array {
  const w = pool.select.weight as NonNullable<PoolModel['select']['weight']>;
  const arr = new Float64Array(r.C);
  for (let c = 0; c < r.C; c++)
    arr[c] = evaluateIn(w, cellScope(r, c, 0), 'weight', r.tally, groupOf(r, r.cellGroup[c] as number));
  if (!r.plan.varies(w)) r.plan.lotteryWeights[pool.index] = arr;
  return arr;
}

export function ratesOf(r: Run, program: ProgramModel): Float64Array {
  const d = program.demand;
  if (d?.perStep) return ratesByStep(r, program);
  const rates = new Float64Array(r.G * r.nFy);
  if (d) {
    for (let g = 0; g < r.G; g++) {
      // `{ ...groupScope(g), year, fy }`: the plan's object, with year and fy set for each year
      const scope = (r.plan.rateScopes as Scope[])[g] as Scope;
      for (let fy = 0; fy < r.nFy; fy++) {
        scope.year = fy;
        scope.fy = r.plan.fyNum[fy] as number;
        rates[g * r.nFy + fy] = demandRate(r, d, scope, g, fyLabel(r, fy));
      }
    }
  }
  if (!d || !r.plan.varies(d.perYear ?? d.perMonth)) r.plan.rates[program.index] = rates;
  return rates;
}

function fyLabel(r: Run, fy: number): string {
  return r.model.calendar.fiscalYears[fy]?.label ?? '';
}

function groupOf(r: Run, g: number): string {
  return (r.model.groups[g] as { id: string }).id;
}

/**
 * A group's demand in a year, or a step's yearly rate: the formula's value, within its domain (a
 * count from 0 to 2^24, ../domain.ts), per year (× 12 for per_month).
 */
function demandRate(
  r: Run,
  d: NonNullable<ProgramModel['demand']>,
  scope: Scope,
  g: number,
  period: string | undefined,
): number {
  const f = (d.perYear ?? d.perMonth) as CompiledFormula;
  const v = evaluateIn(f, scope, 'demand', r.tally, groupOf(r, g), period);
  return d.perYear ? v : 12 * v;
}

/**
 * ratesOf for a demand formula that reads the step (`month`, `today`, `days_open`): the yearly
 * rate of each group at each step, at g × steps + t.
 */
function ratesByStep(r: Run, program: ProgramModel): Float64Array {
  const d = program.demand as NonNullable<ProgramModel['demand']>;
  const steps = r.model.calendar.steps;
  const T = steps.length;
  const rates = new Float64Array(r.G * T);
  for (let g = 0; g < r.G; g++) {
    const scope = (r.plan.rateScopes as Scope[])[g] as Scope;
    const opens = d.byGroup?.opens[g] ?? d.opens;
    for (const st of steps) {
      scope.year = st.fy;
      scope.fy = r.plan.fyNum[st.fy] as number;
      scope.month = monthOfDay(st.start);
      scope.today = st.start;
      scope.days_open = Math.max(0, st.start - opens);
      rates[g * T + st.index] = demandRate(r, d, scope, g, monthLabel(st.start));
    }
  }
  if (!r.plan.varies(d.perYear ?? d.perMonth)) r.plan.rates[program.index] = rates;
  return rates;
}
