/**
 * A ceiling shared by demand (`share: by_demand`): when several of its member pools select in the
 * same step, the ceiling's numbers are not taken by the first to select. Before the program's pools
 * are tried at a step, the numbers the ceiling still has are divided among the member pools that
 * select in that step — step methods (fcfs, uscis, queue, mix) whose period is in force, lottery-like
 * pools whose period ends at the step — in proportion to the applications each has eligible and
 * waiting, in what the caps count (largest remainder; ties go to the pool listed first, so no random
 * number is used). Each pool selects within its part (ceilings.ts, `ceilingLeft`); a mix shares its
 * part among its parts by their shares (pools.ts). Then, in a second pass in pool order, the parts
 * are lifted and each of those pools is tried again, so what one could not use goes to the others.
 * An applicant eligible for several member pools counts in the demand of each. Validation keeps a
 * shared ceiling's members in one program, so all of them select within that program's turn.
 */
import { apportion } from '../../model/apportion.js';
import type { CeilingModel } from '../../model/ceilings.js';
import type { PoolModel, ProgramModel } from '../../model/model.js';
import { type CeilingState, type CeilingValues, ceilingLeft } from './ceilings.js';
import { isOpen, tryAgain } from './pools.js';
import type { PoolState, Run } from './state.js';

/** Does `pool` select at a..b−1 (its period in force and open; a lottery at its period's last step)? */
function selectsNow(r: Run, pool: PoolModel, a: number, b: number): boolean {
  const p = pool.stepPeriod[a] as number;
  if (p < 0) return false;
  const fy = r.model.calendar.steps[a]?.fy ?? 0;
  if (pool.opensAfter >= 0 && !isOpen(r, pool, a, fy)) return false;
  return !pool.drawAtPeriodEnd || (pool.periods[p]?.endStep ?? 0) - 1 === b - 1;
}

/** The applications (in what the caps count) eligible for `pool` and waiting now: the candidates', and a lottery's box. */
function waitingFor(r: Run, program: ProgramModel, pool: PoolModel, fy: number): number {
  const mask = (r.eligibility[pool.index] as Uint8Array[])[fy] as Uint8Array;
  const cu = r.plan.capUnits[program.index];
  let n = 0;
  for (const co of r.cand)
    for (let c = 0; c < r.C; c++) {
      const v = co.counts[c] as number;
      if (v && mask[c]) n += cu ? v * (cu[c] as number) : v;
    }
  if (pool.drawAtPeriodEnd) {
    const box = (r.pstate[pool.index] as PoolState).box;
    for (let c = 0; c < r.C; c++) {
      const v = box[c] as number;
      if (v) n += cu ? v * (cu[c] as number) : v;
    }
  }
  return n;
}

/** The shared ceilings in force with a member pool in `program` (none: an empty list). */
function sharedIn(r: Run, program: ProgramModel): CeilingModel[] {
  const out: CeilingModel[] = [];
  for (const ceiling of r.model.ceilings) {
    if (!ceiling.shareByDemand || (r.cstate[ceiling.index] as CeilingState).period < 0) continue;
    if (program.pools.some((pool) => pool.ceilings.includes(ceiling.index))) out.push(ceiling);
  }
  return out;
}

/**
 * Before `program`'s pools are tried at a..b−1: divide each shared ceiling's numbers among its member
 * pools that select now. Returns the ceilings parted (to pass to `shareRest`).
 */
export function shareOut(r: Run, program: ProgramModel, a: number, b: number): CeilingModel[] {
  const shared = sharedIn(r, program);
  if (!shared.length) return shared;
  const fy = r.model.calendar.steps[a]?.fy ?? 0;
  for (const ceiling of shared) {
    const cs = r.cstate[ceiling.index] as CeilingState;
    const amount = (r.cvalues[ceiling.index] as CeilingValues).amount[cs.period] as number;
    const room = Math.max(0, Math.floor(amount - cs.issued + 1e-9));
    const members = ceiling.pools
      .map((k) => r.model.pools[k] as PoolModel)
      .filter((pool) => pool.program === program.index && selectsNow(r, pool, a, b));
    cs.part.fill(0);
    cs.parted = true;
    if (!members.length || !Number.isFinite(room)) continue;
    const demand = members.map((pool) => waitingFor(r, program, pool, fy));
    if (!demand.some((d) => d > 0)) continue;
    // ties by the order the ceiling lists its pools
    const ids = members.map((_, i) => String(i).padStart(6, '0'));
    apportion(room, demand, ids).forEach((v, i) => {
      cs.part[(members[i] as PoolModel).index] = v;
    });
  }
  return shared;
}

/**
 * After the pools' first pass: lift the parts and try again, in pool order, each member pool that
 * selects now while its ceiling has numbers left.
 */
export function shareRest(r: Run, program: ProgramModel, shared: CeilingModel[], a: number, b: number): void {
  for (const ceiling of shared) (r.cstate[ceiling.index] as CeilingState).parted = false;
  for (const pool of program.pools) {
    if (!shared.some((ceiling) => pool.ceilings.includes(ceiling.index))) continue;
    if (!selectsNow(r, pool, a, b)) continue;
    const ps = r.pstate[pool.index] as PoolState;
    if (ps.available - ps.issued <= 0 || ceilingLeft(r, pool) <= 0) continue;
    tryAgain(r, program, pool, pool.stepPeriod[a] as number, a, b);
  }
}
