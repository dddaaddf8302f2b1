/**
 * Pools: the candidates eligible for a pool apply to it. Step methods (fcfs, uscis, queue, mix)
 * select at once, cohort by cohort; lottery-like methods (lottery, weighted-lottery, pro-rata)
 * collect the applications in the pool's box and draw at the end of its period, the losers going on
 * to the next pool. Also the day the numbers available are reached ("cap reached on"), step by step
 * or, over a block of steps, from a draw of when its applicants came.
 */
import { apportion } from '../../model/apportion.js';
import type { Step } from '../../model/calendar.js';
import { metricIndex as MI } from '../../model/cells.js';
import type { PoolModel, ProgramModel } from '../../model/model.js';
import { binomial } from '../../random/binomial.js';
import type { Rng } from '../../random/stream.js';
import { drawLottery, drawLotteryListed, drawProRata, drawQueue } from '../select.js';
import { ceilingLeft, ceilingParted, countIssued } from './ceilings.js';
import { cohortVectors, distributeOverCohorts, newCohort } from './cohorts.js';
import { mergeCandidates } from './demand.js';
import { add, addProgram } from './outcomes.js';
import { resplitToDemand, roomFor } from './periods.js';
import { scheduleStages } from './stages.js';
import { at, type Cohort, type PoolState, type Run, zero } from './state.js';
import { countServed } from './waits.js';

/** The candidates eligible for a pool apply to it (period p, open this step). */
export function tryPool(
  r: Run,
  program: ProgramModel,
  pool: PoolModel,
  p: number,
  a: number,
  b: number,
): void {
  const { C, cand, cellGroup, retry } = r;
  const st = r.model.calendar.steps[a] as Step;
  const t = b - 1;
  const fy = st.fy;
  const ps = r.pstate[pool.index] as PoolState;
  const period = pool.periods[p] as PoolModel['periods'][number];
  const mask = (r.eligibility[pool.index] as Uint8Array[])[fy] as Uint8Array;
  // what one application counts against the caps (undefined: 1)
  const cu = r.plan.capUnits[program.index];

  if (pool.drawAtPeriodEnd) {
    // Lottery-like: the eligible applications go into the pool's box, drawn at the end of the period.
    let etot = 0;
    for (const co of cand) {
      const counts = co.counts;
      for (let c = 0; c < C; c++) {
        const n = counts[c] as number;
        if (!n || !mask[c]) continue;
        const v = cu ? n * (cu[c] as number) : n;
        etot += v;
        const g = cellGroup[c] as number;
        // A fall-down redraw (fall-down.ts) takes again applications this period already counted.
        if (!retry) ps.eligibleG[g] = (ps.eligibleG[g] as number) + v;
        ps.box[c] = (ps.box[c] as number) + n;
        counts[c] = 0;
      }
    }
    if (retry) {
      // counted when they first applied this period
    } else if (b === a + 1) noteEligible(r, pool, ps, st, period.start, etot);
    else {
      // Of those, some were waiting at the block's start, some are its new applicants, and the rest
      // were not drawn by an earlier pool whose period ended at the block's last step.
      const fresh = r.fresh[program.index] as Float64Array;
      const early = r.early[program.index] as Float64Array;
      let etotFresh = 0;
      let etotEarly = 0;
      for (let c = 0; c < C; c++) {
        if (!mask[c]) continue;
        etotFresh += fresh[c] as number;
        etotEarly += early[c] as number;
        fresh[c] = 0;
        early[c] = 0;
      }
      const late = etot - etotFresh - etotEarly;
      noteEligibleOver(r, pool, ps, a, b, period.start, etotEarly, etotFresh, late);
    }
    if (t === period.endStep - 1) {
      const sel = drawAtEnd(r, pool, ps, program);
      recordIssued(r, pool, ps, fy, sel, t);
      const losers = newCohort(r, t, t);
      for (let c = 0; c < C; c++) losers.counts[c] = (ps.box[c] as number) - (sel[c] as number);
      zero(ps.box);
      cand.push(losers);
      if (!program.keepCohorts) mergeCandidates(r, t);
    }
    return;
  }

  // Step methods select now, from each candidate cohort's eligible applicants. Only the cells of
  // the pool's mask (`idx`) can hold any, and of those only the cells where the cohort has
  // applicants (its list `nz`, when known and shorter): each cohort's eligible cells are listed
  // (`lists[i]`, in cell order) and the loops below visit those alone. A cohort's eligible vector
  // is cleaned only where the previous pool wrote it (its list), and its `outs` vector, which draws
  // write only where there are eligible applicants, is zeroed as it is read (all zero between calls).
  const idx = maskIndex(mask);
  const elig = r.elig;
  cohortVectors(r, elig, r.eligBuf);
  const lists = r.eligList;
  const lens = r.eligLen;
  // a new slot's vector: cleaned whole on first use (−1)
  while (lists.length < cand.length) {
    lists.push(new Int32Array(C));
    lens.push(-1);
  }
  // per cohort: has it anyone eligible? (a third of them have no one in the US preference system)
  const some = r.eligSome;
  const owner = program.keepCohorts ? ownerMap(r, program, fy) : null;
  let etot = 0;
  for (let i = 0; i < cand.length; i++) {
    const co = cand[i] as Cohort;
    const counts = co.counts;
    const e = elig[i] as Float64Array;
    const list = lists[i] as Int32Array;
    const held = lens[i] as number;
    if (held < 0) zero(e);
    else for (let j = 0; j < held; j++) e[list[j] as number] = 0;
    // the cells to look at: the cohort's cells of this pool (its part, where the program's masks do
    // not overlap), or its cells (those outside the mask skipped), or the mask's cells
    const parted = owner !== null && co.partOwner === owner;
    const viaNz = !parted && co.nzn >= 0 && co.nzn < idx.length;
    const from = parted ? (co.part as Int32Array) : viaNz ? co.nz : idx;
    const j0 = parted ? ((co.partAt as Int32Array)[pool.index] as number) : 0;
    const m = parted ? ((co.partAt as Int32Array)[pool.index + 1] as number) : viaNz ? co.nzn : idx.length;
    let k = 0;
    for (let j = j0; j < m; j++) {
      const c = from[j] as number;
      if (viaNz && !mask[c]) continue;
      const n = counts[c] as number;
      if (!n) continue;
      e[c] = n;
      list[k++] = c;
      const v = cu ? n * (cu[c] as number) : n;
      etot += v;
      if (retry) continue;
      const g = cellGroup[c] as number;
      ps.eligibleG[g] = (ps.eligibleG[g] as number) + v;
    }
    lens[i] = k;
    const any = k > 0 ? 1 : 0;
    if (i < some.length) some[i] = any;
    else some.push(any);
  }
  if (!retry) noteEligible(r, pool, ps, st, period.start, etot);

  const rng = r.selectRng[pool.index] as Rng;
  const outs = r.outs;
  cohortVectors(r, outs, r.outBuf);
  const room = roomFor(r, pool, ps);
  // a ceiling and a pace cap what this step may use, in every method (a mix's parts too)
  let capLeft = Math.min(
    pool.ceilings.length ? ceilingLeft(r, pool) : Number.POSITIVE_INFINITY,
    paceLeft(r, pool, ps, st, p),
  );
  const n = Math.max(0, Math.min(ps.available - ps.issued, capLeft));
  const selected = r.selected;
  const sizes = r.plan.sizes[pool.index];
  // the cohorts whose `outs` the draw may have written
  let visited = cand.length;
  if (pool.select.kind === 'mix') {
    let carry = 0;
    // the pool's own numbers bound the parts together: an application admitted whole across one
    // part's numbers (units with `crossing: admit`) leaves none for the parts after it
    let poolLeft = ps.available - ps.issued;
    const parts = pool.select.parts ?? [];
    // a ceiling shared by demand (run/share.ts) gives the pool a part of the step's numbers: its
    // parts share it by their shares, as they share the pool's numbers (what one cannot use passes on)
    const split =
      pool.ceilings.length && ceilingParted(r, pool) ? splitAmongParts(r, pool, ps, capLeft) : undefined;
    let extra = 0;
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k] as (typeof parts)[number];
      const want = (ps.partCap[k] as number) - (ps.partUsed[k] as number) + carry;
      let left = Math.min(want, capLeft, poolLeft);
      if (split) left = Math.max(0, Math.min(left, (split[k] as number) + extra));
      // what each cohort still has eligible after the earlier parts
      const rest = r.rest;
      cohortVectors(r, rest, r.restBuf);
      for (let i = 0; i < cand.length; i++) {
        const e = elig[i] as Float64Array;
        const got = outs[i] as Float64Array;
        const rs = rest[i] as Float64Array;
        for (let c = 0; c < C; c++) rs[c] = (e[c] as number) - (got[c] as number);
      }
      let got: number;
      if (part.kind === 'queue') got = drawQueue(rng, r.cells, rest, room, left, outs, sizes);
      else {
        const merged = r.merged;
        zero(merged);
        for (const rs of rest)
          for (let c = 0; c < C; c++) merged[c] = (merged[c] as number) + (rs[c] as number);
        zero(selected);
        got = drawLottery(rng, r.cells, merged, room, left, selected, undefined, sizes);
        distributeOverCohorts(selected, rest, outs, rng);
      }
      const cap = ps.partCap[k] as number;
      const used = ps.partUsed[k] as number;
      ps.partUsed[k] = used + Math.min(got, cap - used);
      carry = want - got;
      if (split) extra = Math.max(0, (split[k] as number) + extra - got);
      capLeft -= got;
      poolLeft -= got;
    }
  } else {
    // queue: drawQueue, cohort by cohort while numbers are left. fcfs and uscis: within a step,
    // arrival order is a uniformly random permutation, so the first n to arrive are a uniform random
    // subset — a lottery among this step's applicants, oldest cohorts (earlier steps) first.
    let left = n;
    visited = 0;
    for (let i = 0; i < cand.length && left > 0; i++) {
      visited = i + 1;
      // a cohort with no one eligible: the draw would select no one and draw nothing
      if (!some[i]) continue;
      const out = outs[i] as Float64Array;
      const e = elig[i] as Float64Array;
      left -= sizes
        ? drawLottery(rng, r.cells, e, room, left, out, undefined, sizes)
        : drawLotteryListed(rng, r.cells, e, room, left, out, lists[i] as Int32Array, lens[i] as number);
    }
  }
  if (r.waits.size) countServed(r, pool.index, cand, outs, a);
  zero(selected);
  for (let i = 0; i < visited; i++) {
    if (!some[i]) continue; // nothing selected
    const counts = (cand[i] as Cohort).counts;
    const got = outs[i] as Float64Array;
    const list = lists[i] as Int32Array;
    const len = lens[i] as number;
    for (let j = 0; j < len; j++) {
      const c = list[j] as number;
      const v = got[c] as number;
      if (!v) continue;
      got[c] = 0;
      selected[c] = (selected[c] as number) + v;
      counts[c] = (counts[c] as number) - v;
    }
  }
  if (program.notSelected.byReason) noteHeldBack(r, program, elig, selected, n);
  recordIssued(r, pool, ps, fy, selected, t, idx);
}

/**
 * A mix under a ceiling shared by demand: the numbers it may use now (`capLeft`, its part), when
 * fewer than its parts still want, divided among its parts by their shares (largest remainder).
 */
function splitAmongParts(r: Run, pool: PoolModel, ps: PoolState, capLeft: number): number[] | undefined {
  const parts = pool.select.parts ?? [];
  let wants = 0;
  for (let k = 0; k < parts.length; k++) wants += (ps.partCap[k] as number) - (ps.partUsed[k] as number);
  const total = Math.min(capLeft, ps.available - ps.issued);
  if (!Number.isFinite(total) || total >= wants) return undefined;
  return apportion(
    Math.max(0, Math.floor(total + 1e-9)),
    parts.map((x) => x.share),
    r.plan.partIds[pool.index] as string[],
  );
}

/**
 * Where the masks of a program's pools in fiscal year fy do not overlap: per cell, the index of the
 * pool whose mask takes it (−1: none); null where two masks take the same cell. Kept per run by
 * the masks it was made from (the same objects from run to run and year to year when the masks do
 * not vary), so that cohorts sorted by it at one step (Cohort.part) can be read at the next.
 */
export function ownerMap(r: Run, program: ProgramModel, fy: number): Int32Array | null {
  const pools = program.pools;
  const known = r.owners[program.index] as { masks: Uint8Array[]; owner: Int32Array | null }[];
  for (const entry of known) {
    let same = true;
    for (let k = 0; k < pools.length && same; k++)
      same =
        entry.masks[k] === ((r.eligibility[(pools[k] as PoolModel).index] as Uint8Array[])[fy] as Uint8Array);
    if (same) return entry.owner;
  }
  const masks = pools.map((pool) => (r.eligibility[pool.index] as Uint8Array[])[fy] as Uint8Array);
  let owner: Int32Array | null = new Int32Array(r.C).fill(-1);
  for (let k = 0; k < pools.length && owner; k++) {
    const mask = masks[k] as Uint8Array;
    for (let c = 0; c < r.C; c++) {
      if (!mask[c]) continue;
      if ((owner[c] as number) >= 0) {
        owner = null;
        break;
      }
      owner[c] = (pools[k] as PoolModel).index;
    }
  }
  // a few entries at most (one per distinct set of masks); masks drawn per run would add one a run
  if (known.length >= 8) known.shift();
  known.push({ masks, owner });
  return owner;
}

/** The cells a mask takes, in cell order (cached per mask: masks are kept for the run or the model). */
const maskIndices = new WeakMap<Uint8Array, Int32Array>();
function maskIndex(mask: Uint8Array): Int32Array {
  let idx = maskIndices.get(mask);
  if (!idx) {
    let k = 0;
    for (let c = 0; c < mask.length; c++) if (mask[c]) k++;
    idx = new Int32Array(k);
    k = 0;
    for (let c = 0; c < mask.length; c++) if (mask[c]) idx[k++] = c;
    maskIndices.set(mask, idx);
  }
  return idx;
}

/**
 * For `not_selected.rules`: the cells with eligible applications left over (`eligible`, summed over
 * cohorts, less `selected`) although the pool had numbers left for one of them — held back by a
 * per-group limit, a ceiling or a pace rather than outdrawn.
 */
function noteHeldBack(
  r: Run,
  program: ProgramModel,
  eligible: readonly Float64Array[],
  selected: Float64Array,
  n: number,
): void {
  const cu = r.plan.capUnits[program.index];
  let left = n;
  for (let c = 0; c < r.C; c++) left -= (selected[c] as number) * (cu ? (cu[c] as number) : 1);
  if (left <= 0) return;
  for (let c = 0; c < r.C; c++) {
    let e = 0;
    for (const v of eligible) e += v[c] as number;
    if (e > (selected[c] as number) && left >= (cu ? (cu[c] as number) : 1)) r.heldBack[c] = 1;
  }
}

/**
 * What a pool's pace still allows at step `st` (Infinity without one): by the end of its k-th month
 * or quarter since the period started, k × share of its numbers, less what it has issued.
 */
function paceLeft(r: Run, pool: PoolModel, ps: PoolState, st: Step, p: number): number {
  const pace = pool.pace;
  if (!pace) return Number.POSITIVE_INFINITY;
  // whole months from the period's start month to the step's (monthsBetween, from the plan's counts)
  const months =
    (r.plan.stepMonth[st.index] as number) -
    ((r.plan.periodMonth[pool.index] as Float64Array)[p] as number) +
    1;
  const k = Math.ceil(months / pace.months);
  const allowed = Number.isNaN(pace.amount)
    ? Math.floor(k * pace.share * ps.available + 1e-9)
    : k * pace.amount;
  return Math.max(0, Math.min(ps.available, allowed) - ps.issued);
}

/**
 * Is a pool with `opens_after` open at step t of fiscal year fy: has the other pool (or the given
 * tranche of it) reached its numbers in that year — at this step or before, or, with a lag, that
 * many days before the step ends?
 */
export function isOpen(r: Run, pool: PoolModel, t: number, fy: number): boolean {
  const k = pool.opensAfter;
  if (k < 0) return true;
  if (!(r.reached[k] as Uint8Array)[fy]) return false;
  const target = r.model.pools[k] as PoolModel;
  const steps = r.fillStep[k] as Int32Array;
  const days = r.fillDay[k] as Float64Array;
  const st = r.model.calendar.steps[t] as Step;
  for (let q = 0; q < target.periods.length; q++) {
    const pp = target.periods[q] as PoolModel['periods'][number];
    if (pool.opensTranche >= 0 && pp.tranche !== pool.opensTranche) continue;
    // reached in this fiscal year (a `per: total` period spans years: the step it was reached at says)
    const s = steps[q] as number;
    if (s < 0 || (r.model.calendar.steps[s] as Step).fy !== fy) continue;
    if (pool.opensLag === 0 ? s <= t : st.end > (days[q] as number) + pool.opensLag) return true;
  }
  return false;
}

/**
 * `etot` more eligible applications this step. "Cap reached on": the day cumulative eligible
 * applications reach the numbers available (interpolated within the step).
 */
function noteEligible(
  r: Run,
  pool: PoolModel,
  ps: PoolState,
  st: Step,
  periodStart: number,
  etot: number,
): void {
  const before = ps.cumEligible;
  ps.cumEligible += etot;
  const uscis = pool.select.kind === 'uscis';
  const firstDays = pool.select.firstDays ?? 5;
  // the final-receipt-date rule: what came in the period's first days (evenly over a step's days)
  if (uscis && st.start < periodStart + firstDays && st.days > 0)
    ps.firstReceived += etot * Math.min(1, (periodStart + firstDays - st.start) / st.days);
  if (Number.isNaN(ps.fillDay) && ps.available > 0 && ps.cumEligible >= ps.available && etot > 0) {
    const frac = (ps.available - before) / etot;
    let day = st.start + frac * st.days - periodStart;
    if (uscis) {
      ps.fillRate = st.days > 0 ? etot / st.days : etot;
      ps.fillEarly = day < firstDays;
      // reached with the draw among all received in the first days: on the last of them (its middle,
      // so the day a report or check reads from it, ⌊day⌋, is that day)
      if (ps.fillEarly) day = firstDays - 0.5;
    }
    ps.fillDay = day;
    (r.reached[pool.index] as Uint8Array)[st.fy] = 1;
    (r.fillStep[pool.index] as Int32Array)[ps.period] = st.index;
    (r.fillDay[pool.index] as Float64Array)[ps.period] = periodStart + day;
  }
}

/**
 * noteEligible for a block of steps a..b−1: `atStart` eligible applications present at its start,
 * `fresh` new ones that arrived during it and `atEnd` ones that came at its last step. Step by step, step t would have brought a Poisson number
 * of them with mean ∝ the demand share of step t; given their total, those numbers are multinomial
 * over the steps. They matter only when the numbers available are reached within the block, so only
 * then are they drawn (conditional binomials, from the pool's selection stream, step by step until
 * the cap is reached) and passed to noteEligible one step at a time.
 */
function noteEligibleOver(
  r: Run,
  pool: PoolModel,
  ps: PoolState,
  a: number,
  b: number,
  periodStart: number,
  atStart: number,
  fresh: number,
  atEnd: number,
): void {
  const total = atStart + fresh + atEnd;
  if (!Number.isNaN(ps.fillDay) || ps.available <= 0 || ps.cumEligible + total < ps.available) {
    ps.cumEligible += total;
    return;
  }
  const steps = r.model.calendar.steps;
  const share = (r.model.programs[pool.program] as ProgramModel).demand?.stepShare;
  const rng = r.selectRng[pool.index] as Rng;
  let shareLeft = 0;
  if (share) for (let t = a; t < b; t++) shareLeft += share[t] as number;
  let left = fresh;
  for (let t = a; t < b; t++) {
    let x = 0;
    if (left > 0 && share) {
      const sh = share[t] as number;
      x = t === b - 1 || sh >= shareLeft ? left : sh > 0 ? binomial(rng, left, sh / shareLeft) : 0;
      shareLeft -= sh;
    }
    left -= x;
    const e = x + (t === a ? atStart : 0) + (t === b - 1 ? atEnd : 0);
    noteEligible(r, pool, ps, steps[t] as Step, periodStart, e);
    if (!Number.isNaN(ps.fillDay)) {
      // the rest of the block, counted without splitting it further
      ps.cumEligible += left + (t < b - 1 ? atEnd : 0);
      return;
    }
  }
}

/**
 * `sel[c]` applications of cell c selected: counted as numbers issued (in what the caps count)
 * and, for applications that carry several persons, as applications and persons apart. `within`,
 * when given, lists (in cell order) the only cells where `sel` may be non-zero.
 */
function recordIssued(
  r: Run,
  pool: PoolModel,
  ps: PoolState,
  fy: number,
  sel: Float64Array,
  t: number,
  within?: Int32Array,
): void {
  const program = r.model.programs[pool.program] as ProgramModel;
  if (program.stages.length) scheduleStages(r, program, t, sel);
  const ceilings = pool.ceilings.length > 0;
  const cu = r.plan.capUnits[pool.program];
  const persons = r.plan.persons[pool.program];
  // a pool with one cap for the whole horizon also reports what it issues month by month
  const monthly = r.model.cells.monthlyBlocks.get(pool.index);
  const slot = monthly ? ((r.plan.poolMonthSlot[pool.index] as Int32Array)[t] as number) : -1;
  const m = within ? within.length : r.C;
  for (let j = 0; j < m; j++) {
    const c = within ? (within[j] as number) : j;
    const n = sel[c] as number;
    if (!n) continue;
    const g = r.cellGroup[c] as number;
    const v = cu ? n * (cu[c] as number) : n;
    ps.issuedG[g] = (ps.issuedG[g] as number) + v;
    ps.issued += v;
    if (monthly && slot > 0) {
      add(r, at(monthly.base, r.GS, slot, g + 1, MI.issued), v);
      add(r, at(monthly.base, r.GS, slot, 0, MI.issued), v);
    }
    addProgram(r, pool.program, fy, g, MI.issued, v);
    if (ceilings) countIssued(r, pool, g, v);
    if (persons) {
      const k = n * (persons[c] as number);
      ps.appsG[g] = (ps.appsG[g] as number) + n;
      ps.personsG[g] = (ps.personsG[g] as number) + k;
      addProgram(r, pool.program, fy, g, MI.applications_issued, n);
      addProgram(r, pool.program, fy, g, MI.persons_issued, k);
    }
  }
}

/** The draw of a lottery-like pool at the end of its period, among everything in its box. */
function drawAtEnd(r: Run, pool: PoolModel, ps: PoolState, program: ProgramModel): Float64Array {
  const selected = r.selected;
  zero(selected);
  const rng = r.selectRng[pool.index] as Rng;
  const n = pool.ceilings.length
    ? Math.min(ps.available - ps.issued, ceilingLeft(r, pool))
    : ps.available - ps.issued;
  if (pool.split?.resplit && ps.subcap) resplitToDemand(r, pool, ps);
  const room = roomFor(r, pool, ps);
  const sizes = r.plan.sizes[pool.index];
  if (pool.select.kind === 'pro-rata') drawProRata(r.cells, ps.box, room, n, selected, sizes);
  else drawLottery(rng, r.cells, ps.box, room, n, selected, r.lotteryWeights[pool.index], sizes);
  if (program.notSelected.byReason) noteHeldBack(r, program, [ps.box], selected, n);
  return selected;
}

/**
 * `resplit` for a step method (fcfs, uscis, queue, mix) at the last step of its period: the numbers
 * of groups that could not use their part are re-split among the groups still short — those with
 * eligible applicants waiting now — as a lottery re-splits before its draw, and the pool is tried
 * again with them.
 */
export function resplitAtEnd(
  r: Run,
  program: ProgramModel,
  pool: PoolModel,
  p: number,
  a: number,
  b: number,
): void {
  const ps = r.pstate[pool.index] as PoolState;
  const period = pool.periods[p] as PoolModel['periods'][number];
  if (!ps.subcap || period.endStep - 1 !== b - 1 || ps.available - ps.issued <= 0) return;
  const { C, cellGroup } = r;
  const fy = (r.model.calendar.steps[a] as Step).fy;
  const mask = (r.eligibility[pool.index] as Uint8Array[])[fy] as Uint8Array;
  // what each group could use in the period: what it has, and its eligible applicants still waiting
  const cu = r.plan.capUnits[program.index];
  const demand = Float64Array.from(ps.issuedG);
  for (const co of r.cand)
    for (let c = 0; c < C; c++)
      if (mask[c])
        demand[cellGroup[c] as number] =
          (demand[cellGroup[c] as number] as number) +
          (co.counts[c] as number) * (cu ? (cu[c] as number) : 1);
  const before = Float64Array.from(ps.subcap);
  resplitToDemand(r, pool, ps, demand);
  let changed = false;
  for (let g = 0; g < r.G; g++) if (ps.subcap[g] !== before[g]) changed = true;
  if (!changed) return;
  tryAgain(r, program, pool, p, a, b);
}

/**
 * Try a pool again at the last step of its period, with numbers it has just received (a re-split,
 * a fall-down): its applications were counted when they first came, so they are not counted again.
 */
export function tryAgain(
  r: Run,
  program: ProgramModel,
  pool: PoolModel,
  p: number,
  a: number,
  b: number,
): void {
  r.retry = true;
  try {
    tryPool(r, program, pool, p, a, b);
  } finally {
    r.retry = false;
  }
}
