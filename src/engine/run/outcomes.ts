/**
 * Outcomes: what happens to applicants not selected (reapply, divert, leave), and what a run
 * reports — the counts added to the output cells as the run goes (`add`, `addProgram`), the backlog
 * at each fiscal year's end, and the totals over the horizon at the end of the run.
 */
import { metricIndex as MI } from '../../model/cells.js';
import type { ProgramModel } from '../../model/model.js';
import { binomial } from '../../random/binomial.js';
import type { Rng } from '../../random/stream.js';
import { bump } from '../bump.js';
import { mergeByDue, newCohort } from './cohorts.js';
import { ownerMap } from './pools.js';
import { at, type Cohort, type PoolState, type Run } from './state.js';

/** Not selected: reapply later, divert, or leave. */
export function notSelected(r: Run, program: ProgramModel, t: number, fy: number): void {
  const { C, cand, cellGroup, reapplying } = r;
  const pi = program.index;
  const ns = program.notSelected;
  const frng = r.flowRng[pi] as Rng;
  const divertP = r.plan.divertP[pi] as number;
  // shares by reason and group (not_selected.rules), or the program's for everyone
  const byReason = ns.byReason;
  const anyPool = byReason ? eligibleAnywhere(r, program, fy) : undefined;
  const dueAt = (r.plan.dueAt[pi] as Int32Array)[t] as number;
  const cu = r.plan.capUnits[pi];
  // Those who reapply form one cohort per arrival step, in order of first appearance.
  if (reapplying.length) reapplying.length = 0;
  const { reapplyAt } = r;
  const { arrivalBase } = r.plan;
  // Everyone reapplies (reapply 1, no rules by reason): no draws (binomial(n, 1) is n, and no one
  // is left to divert), and a candidate cohort that is the first of its arrival with anyone in it
  // becomes the cohort of its reapplicants as it is, due at `dueAt`, instead of being copied into a
  // new one (`kept`: those not to go back to the free list).
  const all = ns.reapply === 1 && !byReason && !r.copyCohorts;
  // the map of cells to the pools whose (disjoint) masks take them, for the kept cohorts' parts
  const owner = all && program.keepCohorts ? ownerMap(r, program, fy) : null;
  if (all && r.keptCand.length < cand.length) r.keptCand = new Uint8Array(2 * cand.length);
  const kept = r.keptCand;
  if (all) kept.fill(0, 0, cand.length);
  for (let i = 0; i < cand.length; i++) {
    const co = cand[i] as Cohort;
    if (all) {
      const ai = co.arrival + arrivalBase;
      if (ai >= 0 && ai < reapplyAt.length && (reapplyAt[ai] as number) < 0) {
        // sorted by pool at an earlier step and no cells added since: its lists still hold
        if (owner && co.partOwner === owner ? !anyLeft(co) : !listCells(r, co, owner)) continue;
        co.due = dueAt;
        reapplyAt[ai] = reapplying.length;
        reapplying.push(co);
        kept[i] = 1;
        continue;
      }
    }
    let cohort: Cohort | undefined;
    // the cohort's cells with applicants (all cells when they are not known)
    const listed = co.nzn >= 0;
    const m = listed ? co.nzn : C;
    const nz = co.nz;
    for (let j = 0; j < m; j++) {
      const c = listed ? (nz[j] as number) : j;
      const n = co.counts[c] as number;
      if (!n) continue;
      let reapply = ns.reapply;
      let dp = ns.divert > 0 ? divertP : 0;
      if (byReason) {
        const reason = !(anyPool as Uint8Array)[c] ? 0 : r.heldBack[c] ? 2 : 1;
        const k = reason * r.G + (cellGroup[c] as number);
        reapply = byReason.reapply[k] as number;
        dp = byReason.divertP[k] as number;
      }
      const again = reapply > 0 ? binomial(frng, n, reapply) : 0;
      const dv = dp > 0 && n - again > 0 ? binomial(frng, n - again, dp) : 0;
      if (again) {
        if (!cohort) {
          // the cohort of this arrival formed earlier in this call, if any (`reapplyAt`, by arrival)
          const ai = co.arrival + arrivalBase;
          const indexed = ai >= 0 && ai < reapplyAt.length;
          if (indexed) {
            const j = reapplyAt[ai] as number;
            if (j >= 0) cohort = reapplying[j];
          } else for (const x of reapplying) if (x.arrival === co.arrival) cohort = x;
          if (!cohort) {
            cohort = newCohort(r, co.arrival, dueAt);
            cohort.nzn = 0;
            if (indexed) reapplyAt[ai] = reapplying.length;
            reapplying.push(cohort);
          }
        }
        // its list of cells, in cell order: c is new to it unless it is not above the last listed
        // (a second candidate cohort of the same arrival), which leaves the list not known
        const k = cohort.nzn;
        if (k >= 0) {
          if (k === 0 || (cohort.nz[k - 1] as number) < c) {
            cohort.nz[k] = c;
            cohort.nzn = k + 1;
          } else cohort.nzn = -1;
        }
        cohort.partOwner = undefined;
        cohort.counts[c] = (cohort.counts[c] as number) + again;
      }
      if (dv) {
        addProgram(r, pi, fy, cellGroup[c] as number, MI.diverted, cu ? dv * (cu[c] as number) : dv);
        if (ns.divertTo >= 0) {
          const target = r.nextInflow[ns.divertTo] as Float64Array;
          target[c] = (target[c] as number) + dv;
        }
      }
    }
  }
  // done with: `cand` is empty again for the next program
  if (all)
    for (let i = cand.length - 1; i >= 0; i--) {
      if (!kept[i]) r.spare.push(cand[i] as Cohort);
    }
  else for (let i = cand.length - 1; i >= 0; i--) r.spare.push(cand[i] as Cohort);
  cand.length = 0;
  if (byReason) r.heldBack.fill(0);
  // Those due after the horizon stay in the backlog: they are still waiting when it ends.
  const list = r.waiting[pi] as Cohort[];
  for (const co of reapplying) {
    list.push(co);
    const ai = co.arrival + arrivalBase;
    if (ai >= 0 && ai < reapplyAt.length) reapplyAt[ai] = -1;
  }
  if (!program.keepCohorts) mergeByDue(list, C, r.spare);
}

/** Has a cohort whose cells are listed anyone left? */
function anyLeft(co: Cohort): boolean {
  const { counts, nz } = co;
  for (let j = 0; j < co.nzn; j++) if (counts[nz[j] as number]) return true;
  return false;
}

/**
 * Has the cohort anyone? Its list of cells (Cohort.nz) is made anew on the way: the cells it still
 * has applicants in, from its list (which may name cells emptied since) or from all cells; and,
 * with `owner` (a map of cells to the pools whose disjoint masks take them), the same cells by
 * pool (Cohort.part).
 */
function listCells(r: Run, co: Cohort, owner: Int32Array | null): boolean {
  const { counts, nz } = co;
  const listed = co.nzn >= 0;
  const m = listed ? co.nzn : r.C;
  let k = 0;
  for (let j = 0; j < m; j++) {
    const c = listed ? (nz[j] as number) : j;
    if (counts[c]) nz[k++] = c;
  }
  co.nzn = k;
  co.partOwner = undefined;
  if (owner && k > 0) {
    const P = r.model.pools.length;
    if (!co.part) co.part = new Int32Array(r.C);
    if (!co.partAt || co.partAt.length !== P + 2) co.partAt = new Int32Array(P + 2);
    const { part, partAt } = co;
    // counts per pool at partAt[p + 2] (cells no pool takes are left out), then starts at [p + 1]
    partAt.fill(0);
    for (let j = 0; j < k; j++) {
      const p = owner[nz[j] as number] as number;
      if (p >= 0) partAt[p + 2] = (partAt[p + 2] as number) + 1;
    }
    for (let p = 2; p < P + 2; p++) partAt[p] = (partAt[p] as number) + (partAt[p - 1] as number);
    // place each cell at its pool's next slot: partAt[p + 1] ends as pool p's end, partAt[p] its start
    for (let j = 0; j < k; j++) {
      const c = nz[j] as number;
      const p = owner[c] as number;
      if (p < 0) continue;
      const at = partAt[p + 1] as number;
      part[at] = c;
      partAt[p + 1] = at + 1;
    }
    co.partOwner = owner;
  }
  return k > 0;
}

/** Per cell: 1 when some pool of the program takes it in fiscal year fy (its eligibility mask). */
function eligibleAnywhere(r: Run, program: ProgramModel, fy: number): Uint8Array {
  const any = r.anyEligible;
  any.fill(0);
  for (const pool of program.pools) {
    const mask = (r.eligibility[pool.index] as Uint8Array[])[fy] as Uint8Array;
    for (let c = 0; c < r.C; c++) if (mask[c]) any[c] = 1;
  }
  return any;
}

/** Add v to the output cell at `offset`. */
export function add(r: Run, offset: number, v: number): void {
  r.out[offset] = (r.out[offset] as number) + v;
}

/**
 * Count v applicants, numbers issued or diverted for program p, fiscal year fy and group g. Only the
 * (fy, g) cell is added to here; the totals over groups and years are its sums, added up once at
 * the end of the run (`margins`).
 */
export function addProgram(r: Run, p: number, fy: number, g: number, metric: number, v: number): void {
  add(r, at(r.programBase[p] as number, r.GS, fy + 1, g + 1, metric), v);
}

/** Backlog at the end of a fiscal year: applicants waiting to apply again, and applications awaiting a draw. */
export function backlog(r: Run, fy: number): void {
  const { G, C, GS, cellGroup, byGroup, out: o } = r;
  const last = fy === r.nFy - 1;
  for (const program of r.model.programs) {
    byGroup.fill(0);
    const cu = r.plan.capUnits[program.index];
    for (const co of r.waiting[program.index] as Cohort[]) {
      // its cells with applicants, when listed (the others add nothing)
      const listed = co.nzn >= 0;
      const m = listed ? co.nzn : C;
      for (let j = 0; j < m; j++) {
        const c = listed ? (co.nz[j] as number) : j;
        bump(byGroup, cellGroup[c] as number, (co.counts[c] as number) * (cu ? (cu[c] as number) : 1));
      }
    }
    for (const pool of program.pools) {
      // only a pool that draws at its period's end holds applications in its box
      if (!pool.drawAtPeriodEnd) continue;
      const box = (r.pstate[pool.index] as PoolState).box;
      for (let c = 0; c < C; c++)
        bump(byGroup, cellGroup[c] as number, (box[c] as number) * (cu ? (cu[c] as number) : 1));
    }
    const b = r.programBase[program.index] as number;
    let total = 0;
    for (let g = 0; g < G; g++) {
      const v = byGroup[g] as number;
      total += v;
      o[at(b, GS, fy + 1, g + 1, MI.backlog)] = v;
      if (last) o[at(b, GS, 0, g + 1, MI.backlog)] = v;
    }
    o[at(b, GS, fy + 1, 0, MI.backlog)] = total;
    if (last) o[at(b, GS, 0, 0, MI.backlog)] = total;
  }
}

/** Totals over the horizon. */
export function totals(r: Run): void {
  const { G, GS, out: o } = r;
  margins(r);
  for (const pool of r.model.pools) {
    const ps = r.pstate[pool.index] as PoolState;
    const b = r.poolBase[pool.index] as number;
    const issued = o[at(b, GS, 0, 0, MI.issued)] as number;
    const eligible = o[at(b, GS, 0, 0, MI.eligible)] as number;
    // a pool with no cap of its own (it draws on a ceiling) has no cap or unused of its own
    const own = pool.cap.kind !== 'ceiling';
    o[at(b, GS, 0, 0, MI.cap)] = own ? ps.capTotal : Number.NaN;
    o[at(b, GS, 0, 0, MI.unused)] = own ? ps.capTotal - issued : Number.NaN;
    o[at(b, GS, 0, 0, MI.selection_rate)] = eligible > 0 ? issued / eligible : Number.NaN;
    for (let g = 0; g < G; g++) {
      const i = o[at(b, GS, 0, g + 1, MI.issued)] as number;
      const e = o[at(b, GS, 0, g + 1, MI.eligible)] as number;
      o[at(b, GS, 0, g + 1, MI.selection_rate)] = e > 0 ? i / e : Number.NaN;
      if (ps.subcap) {
        o[at(b, GS, 0, g + 1, MI.cap)] = ps.capTotalG[g] as number;
        o[at(b, GS, 0, g + 1, MI.unused)] = (ps.capTotalG[g] as number) - i;
      }
    }
  }
  for (const program of r.model.programs) {
    const b = r.programBase[program.index] as number;
    for (let g = 0; g <= G; g++) {
      const a = o[at(b, GS, 0, g, MI.applicants)] as number;
      const i = o[at(b, GS, 0, g, MI.issued)] as number;
      o[at(b, GS, 0, g, MI.selection_rate)] = a > 0 ? i / a : Number.NaN;
    }
  }
}

const SUMS = [MI.applicants, MI.issued, MI.diverted];
const UNIT_SUMS = [...SUMS, MI.applications, MI.applications_issued, MI.persons, MI.persons_issued];

/** Program totals over groups and years of the metrics counted with addProgram. */
function margins(r: Run): void {
  const { G, GS, nFy, out: o } = r;
  for (const program of r.model.programs) {
    const b = r.programBase[program.index] as number;
    for (const m of program.units ? UNIT_SUMS : SUMS) {
      for (let fy = 0; fy < nFy; fy++) {
        for (let g = 0; g < G; g++) {
          const v = o[at(b, GS, fy + 1, g + 1, m)] as number;
          if (!v) continue;
          add(r, at(b, GS, fy + 1, 0, m), v);
          add(r, at(b, GS, 0, g + 1, m), v);
          add(r, at(b, GS, 0, 0, m), v);
        }
      }
    }
  }
}
