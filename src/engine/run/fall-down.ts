/**
 * Fall-down within a period (INA 203(b): EB-4 and EB-5 to EB-1, EB-1 to EB-2, EB-2 to EB-3; INA
 * 203(a): F1 → F2 → F3 → F4, and F4's unused back to F1). At the last step of a period, after the
 * program's pools have been tried, each step of the program's `fall_down` is taken in order: the
 * numbers its `from` pools leave unused move to `to`, which is tried again at once among the
 * applicants still waiting (so each pool in the chain uses what reaches it before passing on the
 * rest). The whole list is repeated while numbers move and some pool issues more; it ends at a fixed
 * point: a pass in which no pool that received numbers could use any. That takes at most as many
 * passes as there are applicants, since every pass but the last issues at least one more number; a
 * loop (F4 back to F1) therefore ends as soon as its numbers find no taker. Numbers still unused
 * follow their pool's own `unused` rule.
 *
 * A number that falls counts as cap of the pool that receives it (as spilled numbers do) and stays
 * in the cap and unused of the pool it fell from, whose total moves with it.
 */
import { apportion } from '../../model/apportion.js';
import type { PoolModel, ProgramModel } from '../../model/model.js';
import { resplitCaps } from './periods.js';
import { isOpen, tryAgain } from './pools.js';
import type { PoolState, Run } from './state.js';

/** Is pool's current period the one of step t, ending at t? */
function endsAt(pool: PoolModel, ps: PoolState, t: number): boolean {
  return (
    ps.period >= 0 && pool.stepPeriod[t] === ps.period && (pool.periods[ps.period]?.endStep ?? 0) - 1 === t
  );
}

/** Move `amount` numbers from one pool to another within their periods. */
function move(r: Run, from: PoolState, target: PoolModel, ts: PoolState, amount: number): void {
  from.available -= amount;
  from.fellOut += amount;
  from.capTotal -= amount;
  ts.available += amount;
  ts.capTotal += amount;
  if (ts.subcap) resplitCaps(r, target, ts, target.periods[ts.period]?.fy ?? 0);
  if (target.select.kind === 'mix') {
    // the parts share the new numbers as they share the period's numbers
    const parts = target.select.parts ?? [];
    apportion(
      amount,
      parts.map((x) => x.share),
      r.plan.partIds[target.index] as string[],
    ).forEach((v, k) => {
      ts.partCap[k] = (ts.partCap[k] as number) + v;
    });
  }
}

/**
 * Resolve the program's fall-down at step a..b−1 (b − 1 the last step of the periods that end);
 * returns the numbers the pools that received some issued.
 */
export function fallDown(r: Run, program: ProgramModel, a: number, b: number): number {
  const { model } = r;
  const last = b - 1;
  const fy = model.calendar.steps[a]?.fy ?? 0;
  let total = 0;
  for (;;) {
    let moved = 0;
    let issued = 0;
    for (const step of program.fallDown) {
      const target = model.pools[step.to] as PoolModel;
      const ts = r.pstate[step.to] as PoolState;
      if (!endsAt(target, ts, last)) continue;
      let got = 0;
      for (const k of step.from) {
        const pool = model.pools[k] as PoolModel;
        const ps = r.pstate[k] as PoolState;
        const left = ps.available - ps.issued;
        if (left <= 0 || !endsAt(pool, ps, last)) continue;
        move(r, ps, target, ts, left);
        got += left;
      }
      if (got === 0) continue;
      moved += got;
      // A pool that opens only after another fills stays closed if that pool did not fill.
      if (target.opensAfter >= 0 && !isOpen(r, target, last, fy)) continue;
      const before = ts.issued;
      tryAgain(r, program, target, ts.period, a, b);
      issued += ts.issued - before;
    }
    total += issued;
    if (moved === 0 || issued === 0) return total;
  }
}

/**
 * INA 202(a)(3) and (a)(5): at the last step of a period, after fall-down, numbers a pool would
 * leave unused go to applicants held back only by the per-group limit of a ceiling with
 * `lift_when_unused`: the pool is tried again with those limits lifted (its own numbers, its split
 * and every ceiling's total still hold). With `lift_when_unused: quarter`, a pool that selects at
 * every step is also tried again so at the last step of each calendar quarter inside its period,
 * with only those ceilings' limits lifted; its pace bounds what the quarter may use.
 */
export function liftLimits(r: Run, program: ProgramModel, a: number, b: number): void {
  const last = b - 1;
  const fy = r.model.calendar.steps[a]?.fy ?? 0;
  r.lift = true;
  try {
    // Each pool with numbers left draws again without the limits; what it still cannot use falls
    // down (also without them) to the next; until nothing more is issued.
    for (;;) {
      let issued = 0;
      for (const pool of program.pools) {
        if (!pool.ceilings.some((k) => r.model.ceilings[k]?.liftWhenUnused)) continue;
        const ps = r.pstate[pool.index] as PoolState;
        const atEnd = endsAt(pool, ps, last);
        const atQuarter =
          !atEnd &&
          r.plan.quarterEnd[last] === 1 &&
          !pool.drawAtPeriodEnd &&
          ps.period >= 0 &&
          pool.stepPeriod[last] === ps.period &&
          pool.ceilings.some((k) => r.model.ceilings[k]?.liftEachQuarter);
        if ((!atEnd && !atQuarter) || ps.available - ps.issued <= 0) continue;
        if (pool.opensAfter >= 0 && !isOpen(r, pool, last, fy)) continue;
        const before = ps.issued;
        r.liftQuarterOnly = atQuarter;
        try {
          tryAgain(r, program, pool, ps.period, a, b);
        } finally {
          r.liftQuarterOnly = false;
        }
        issued += ps.issued - before;
      }
      if (program.fallDown.length) issued += fallDown(r, program, a, b);
      if (issued === 0) return;
    }
  } finally {
    r.lift = false;
  }
}
