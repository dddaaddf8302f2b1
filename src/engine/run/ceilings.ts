/**
 * Ceilings in a run (model/ceilings.ts): what the member pools have issued in the ceiling's current
 * period, and how far that narrows a member pool's next selection. Every selection goes through
 * `ceilingLeft` (the numbers all members may still issue together) and `narrowRoom` (what each group
 * may still receive), so a ceiling holds for every method: the draws of select.ts never exceed the
 * numbers or the room they are given. `recordIssued` (pools.ts) reports each selection here.
 *
 * Per-group limits count a member pool's numbers times its counted share (1 − its exempt share), so a
 * group's room in a pool with an exempt share is its room under the limit divided by that share.
 * A ceiling's period opens at its first step and reports at its last, after the step's draws.
 */

import { type CeilingModel, type LimitRule, membersBase, periodLimits } from '../../model/ceilings.js';
import { metricIndex as MI } from '../../model/cells.js';
import { type PoolModel, roundCap } from '../../model/model.js';
import { evaluateIn } from '../domain.js';
import type { Scope } from '../plan.js';
import { add } from './outcomes.js';
import { capAt } from './periods.js';
import { at, mapped, type Run } from './state.js';

/** A ceiling's current period (−1 when not in force) and what its members issued in it. */
export interface CeilingState {
  period: number;
  issued: number;
  /** per group: numbers counted against the per-group limit (exempt shares left out) */
  counted: Float64Array;
  /** prorated limits (INA 202(e)): the same per member pool, at pool × G + group (empty without) */
  countedByPool: Float64Array;
  /**
   * `share: by_demand` (run/share.ts): while `parted`, each member pool's part of this step's numbers
   * still unused, by pool index (a pool that does not select in the step has 0)
   */
  part: Float64Array;
  parted: boolean;
}

export function newCeilingState(G: number, pools = 0, parts = 0): CeilingState {
  return {
    period: -1,
    issued: 0,
    counted: new Float64Array(G),
    countedByPool: new Float64Array(pools * G),
    part: new Float64Array(parts),
    parted: false,
  };
}

/** A ceiling's amount and per-group limits of each period, in this run. */
export interface CeilingValues {
  amount: Float64Array;
  /** the per-group rule of this run (limits given as formulas of uncertain parameters worked out) */
  rule: LimitRule | undefined;
  limit: (Float64Array | undefined)[];
  /** prorated limits: each pool's share of the member pools' numbers in the period (by pool index) */
  poolShare: (Float64Array | undefined)[];
}

/** Each member pool's share of the member pools' own numbers in a period (INA 202(e) proration). */
function poolShares(
  r: Run,
  ceiling: CeilingModel,
  poolAmount: (pool: PoolModel, p: number) => number,
): (Float64Array | undefined)[] {
  if (!ceiling.prorated) return mapped(ceiling.periods, () => undefined);
  const pools = r.model.pools;
  return mapped(ceiling.periods, (period) => {
    const total = membersBase(pools, ceiling.pools, period, poolAmount);
    const share = new Float64Array(pools.length);
    for (const m of ceiling.pools)
      share[m] = total > 0 ? membersBase(pools, [m], period, poolAmount) / total : 0;
    return share;
  });
}

const fixedValues = new WeakMap<CeilingModel, CeilingValues>();

/**
 * The values of a ceiling in this run: the model's, or, for a ceiling drawn per run (an amount that
 * is a formula of uncertain parameters, or a share of pools whose caps are drawn), worked out from
 * the run's parameters and pool caps.
 */
export function ceilingValues(r: Run, ceiling: CeilingModel): CeilingValues {
  const { periods, perRun, rule } = ceiling;
  if (!perRun) {
    // the same in every run: made once per model
    let values = fixedValues.get(ceiling);
    if (!values) {
      values = {
        amount: Float64Array.from(periods, (p) => p.amount),
        rule,
        limit: mapped(periods, (p) => p.groupLimit),
        poolShare: poolShares(r, ceiling, (pool, p) => pool.periods[p]?.capBase ?? 0),
      };
      fixedValues.set(ceiling, values);
    }
    return values;
  }
  const f = perRun.amount;
  const drawn = f ? roundCap(evaluateIn(f, r.params, 'cap', r.tally)) : undefined;
  const formulas = perRun.limits;
  const runRule: LimitRule | undefined =
    rule && formulas
      ? {
          ...rule,
          rates: rule.rates.map((rate, g) => {
            const lf = formulas[g];
            if (!lf) return rate;
            const scope = (r.plan.groupScopes as Scope[])[g] as Scope;
            return { amount: roundCap(evaluateIn(lf, scope, 'cap', r.tally, r.model.groups[g]?.id)) };
          }),
        }
      : rule;
  const amount = Float64Array.from(periods, (p) => drawn ?? p.amount);
  const poolAmount = (pool: PoolModel, p: number) =>
    pool.capResults
      ? Number.NaN // known only when its fiscal year starts: openCeilings works the limits out then
      : pool.capFormula
        ? (r.poolAmount[pool.index] as number)
        : (pool.periods[p]?.capBase ?? 0);
  const limit = mapped(
    periods,
    (p, i) =>
      runRule &&
      periodLimits(runRule, amount[i] as number, membersBase(r.model.pools, ceiling.pools, p, poolAmount)),
  );
  return { amount, rule: runRule, limit, poolShare: poolShares(r, ceiling, poolAmount) };
}

/** At step t: open the period of each ceiling in force (before any pool selects at t). */
export function openCeilings(r: Run, t: number): void {
  for (const ceiling of r.model.ceilings) {
    const cs = r.cstate[ceiling.index] as CeilingState;
    const p = ceiling.stepPeriod[t] as number;
    if (p === cs.period) continue;
    cs.period = p;
    if (p >= 0 && ceiling.readsResults) limitsAt(r, ceiling, p);
    cs.issued = 0;
    cs.counted.fill(0);
    cs.countedByPool.fill(0);
  }
}

/**
 * A ceiling's per-group limits (and prorating shares) for period p, worked out when it opens: its
 * member pools include one whose cap reads the results of the fiscal year before (capAt).
 */
function limitsAt(r: Run, ceiling: CeilingModel, p: number): void {
  const values = r.cvalues[ceiling.index] as CeilingValues;
  const period = ceiling.periods[p] as CeilingModel['periods'][number];
  const amountOf = (pool: PoolModel, q: number): number =>
    pool.capResults
      ? capAt(r, pool, pool.periods[q]?.fy ?? 0)
      : pool.capFormula
        ? (r.poolAmount[pool.index] as number)
        : (pool.periods[q]?.capBase ?? 0);
  if (values.rule)
    values.limit[p] = periodLimits(
      values.rule,
      values.amount[p] as number,
      membersBase(r.model.pools, ceiling.pools, period, amountOf),
    );
  if (ceiling.prorated) {
    const total = membersBase(r.model.pools, ceiling.pools, period, amountOf);
    const share = new Float64Array(r.model.pools.length);
    for (const m of ceiling.pools)
      share[m] = total > 0 ? membersBase(r.model.pools, [m], period, amountOf) / total : 0;
    values.poolShare[p] = share;
  }
}

/** At the last step t of a block: report each ceiling whose period ends at t. */
export function closeCeilings(r: Run, t: number): void {
  for (const ceiling of r.model.ceilings) {
    const cs = r.cstate[ceiling.index] as CeilingState;
    if (cs.period < 0 || (ceiling.periods[cs.period]?.endStep ?? 0) - 1 !== t) continue;
    report(r, ceiling, cs);
    cs.period = -1;
  }
}

/** The numbers all ceilings of `pool` still allow its members together (Infinity without any). */
export function ceilingLeft(r: Run, pool: PoolModel): number {
  let left = Number.POSITIVE_INFINITY;
  for (const k of pool.ceilings) {
    const cs = r.cstate[k] as CeilingState;
    if (cs.period < 0) continue;
    const amount = (r.cvalues[k] as CeilingValues).amount[cs.period] as number;
    left = Math.min(left, Math.max(0, amount - cs.issued));
    // share: by_demand — this pool's part of the step's numbers
    if (cs.parted) left = Math.min(left, Math.max(0, cs.part[pool.index] as number));
  }
  return left;
}

/** Is one of `pool`'s ceilings shared by demand and parted at this step (run/share.ts)? */
export function ceilingParted(r: Run, pool: PoolModel): boolean {
  for (const k of pool.ceilings) if ((r.cstate[k] as CeilingState).parted) return true;
  return false;
}

/** Lower `room` (per group) to what the per-group limits of `pool`'s ceilings still allow. */
export function narrowRoom(r: Run, pool: PoolModel, room: Float64Array): void {
  for (const k of pool.ceilings) {
    const cs = r.cstate[k] as CeilingState;
    const ceiling = r.model.ceilings[k] as CeilingModel;
    if (r.lift && ceiling.liftWhenUnused && (!r.liftQuarterOnly || ceiling.liftEachQuarter)) continue;
    const values = r.cvalues[k] as CeilingValues;
    const limit = cs.period >= 0 ? values.limit[cs.period] : undefined;
    if (!limit) continue;
    const share = ceiling.counted[pool.index] as number;
    if (share <= 0) continue;
    const prorated = ceiling.prorated;
    const poolShare = prorated ? (values.poolShare[cs.period] as Float64Array)[pool.index] : 0;
    const at = pool.index * r.G;
    for (let g = 0; g < r.G; g++) {
      // whole numbers only; the 1e-9 absorbs rounding in counted shares (0.25 × 4 = 1)
      let allowed = Math.floor(((limit[g] as number) - (cs.counted[g] as number)) / share + 1e-9);
      if (prorated?.[g]) {
        // INA 202(e): this pool's part of the group's limit, in proportion to its numbers
        const part = (limit[g] as number) * (poolShare as number) - (cs.countedByPool[at + g] as number);
        allowed = Math.min(allowed, Math.floor(part / share + 1e-9));
      }
      if (allowed < (room[g] as number)) room[g] = Math.max(0, allowed);
    }
  }
}

/** `pool` issued `v` numbers to group g: count them against its ceilings in force. */
export function countIssued(r: Run, pool: PoolModel, g: number, v: number): void {
  for (const k of pool.ceilings) {
    const cs = r.cstate[k] as CeilingState;
    if (cs.period < 0) continue;
    cs.issued += v;
    if (cs.parted) cs.part[pool.index] = (cs.part[pool.index] as number) - v;
    const counted = v * ((r.model.ceilings[k] as CeilingModel).counted[pool.index] as number);
    cs.counted[g] = (cs.counted[g] as number) + counted;
    if (cs.countedByPool.length) {
      const at = pool.index * r.G + g;
      cs.countedByPool[at] = (cs.countedByPool[at] as number) + counted;
    }
  }
}

/**
 * The ceiling's period ends: cap, issued and unused in its total row (no value without an amount)
 * and, with a per-group limit, in each group's row (issued = numbers counted against the limit).
 */
function report(r: Run, ceiling: CeilingModel, cs: CeilingState): void {
  const { GS, out: o } = r;
  const b = r.ceilingBase[ceiling.index] as number;
  const slot = cs.period + 1;
  const values = r.cvalues[ceiling.index] as CeilingValues;
  const amount = values.amount[cs.period] as number;
  const finite = Number.isFinite(amount);
  o[at(b, GS, slot, 0, MI.cap)] = finite ? amount : Number.NaN;
  o[at(b, GS, slot, 0, MI.issued)] = cs.issued;
  o[at(b, GS, slot, 0, MI.unused)] = finite ? amount - cs.issued : Number.NaN;
  // Without an amount there is no total to report: its cap and unused have no value.
  add(r, at(b, GS, 0, 0, MI.cap), finite ? amount : Number.NaN);
  add(r, at(b, GS, 0, 0, MI.unused), finite ? amount - cs.issued : Number.NaN);
  add(r, at(b, GS, 0, 0, MI.issued), cs.issued);
  const limit = values.limit[cs.period];
  if (!limit) return;
  for (let g = 0; g < r.G; g++) {
    const cap = limit[g] as number;
    const used = cs.counted[g] as number;
    o[at(b, GS, slot, g + 1, MI.cap)] = cap;
    o[at(b, GS, slot, g + 1, MI.issued)] = used;
    o[at(b, GS, slot, g + 1, MI.unused)] = cap - used;
    add(r, at(b, GS, 0, g + 1, MI.cap), cap);
    add(r, at(b, GS, 0, g + 1, MI.issued), used);
    add(r, at(b, GS, 0, g + 1, MI.unused), cap - used);
  }
}
