/**
 * Demand and candidates: a program's new applicants in a step or block (demand rate, noise, split
 * into segments) joined by those diverted to it, and the candidates of the step — cohorts whose
 * wait is over, oldest first, then the new ones — merged into one cohort where the program does not
 * need to tell cohorts apart.
 */
import { metricIndex as MI } from '../../model/cells.js';
import type { ProgramModel } from '../../model/model.js';
import { multinomial } from '../../random/multinomial.js';
import { negativeBinomial } from '../../random/negative-binomial.js';
import { poisson } from '../../random/poisson.js';
import type { Rng } from '../../random/stream.js';
import { newCohort, sortByArrival } from './cohorts.js';
import { addProgram } from './outcomes.js';
import type { SegmentSplit } from './segment-split.js';
import { type Cohort, type Run, zero } from './state.js';

/**
 * New applicants of a program in steps a..b−1, plus those diverted to it last step, as a new cohort.
 * Over a block (b > a + 1) the demand is Poisson (plan.ts): one draw of the block's summed mean.
 * The new applicants are also left in `fresh[program]`, for `noteEligibleOver`.
 */
export function arrivals(r: Run, program: ProgramModel, a: number, b: number, fy: number): Cohort {
  const { G, S, C, nFy } = r;
  const pi = program.index;
  const fresh = newCohort(r, a, a);
  const fc = fresh.counts;
  const d = program.demand;
  const cu = r.plan.capUnits[pi];
  if (d) {
    let share = d.stepShare[a] as number;
    for (let t = a + 1; t < b; t++) share += d.stepShare[t] as number;
    const own = d.byGroup?.stepShare;
    const rng = r.demandRng[pi] as Rng;
    const rate = r.rates[pi] as Float64Array;
    const T = d.perStep ? r.model.calendar.steps.length : 0;
    const segmented = d.byGroup?.bySegment;
    for (let g = 0; g < G; g++) {
      const windows = segmented?.[g];
      if (windows) {
        arrivalsBySegment(r, program, windows, a, b, fy, g, fc);
        continue;
      }
      // a group with a window of its own (by_group) has its own shares of the year
      const gs = own?.[g];
      let mean: number;
      if (d.perStep) {
        // a rate per step (the formula reads the step's date)
        const ss = gs ?? d.stepShare;
        mean = 0;
        for (let t = a; t < b; t++) mean += (rate[g * T + t] as number) * (ss[t] as number);
      } else if (gs) {
        let s = 0;
        for (let t = a; t < b; t++) s += gs[t] as number;
        mean = (rate[g * nFy + fy] as number) * s;
      } else mean = (rate[g * nFy + fy] as number) * share;
      const n = drawCount(r, program, rng, mean, g);
      if (n === 0) continue;
      if (S === 1) fc[g] = n;
      else ((r.segSplit[pi] as SegmentSplit[])[g] as SegmentSplit).draw(rng, n, fc, g * S);
      counted(r, program, fy, fc, g, n);
    }
  }
  if (r.block) (r.fresh[pi] as Float64Array).set(fc);
  // Those diverted here by other programs at the previous step.
  const inc = r.inflow[pi] as Float64Array;
  for (let c = 0; c < C; c++) {
    const v = inc[c] as number;
    if (!v) continue;
    fc[c] = (fc[c] as number) + v;
    inc[c] = 0;
    if (cu) countApplications(r, program, fy, inc, c, c + 1, v);
    else addProgram(r, pi, fy, r.cellGroup[c] as number, MI.applicants, v);
  }
  return fresh;
}

/** The number of new applicants of group g whose expected number is `mean`, with the program's noise. */
function drawCount(r: Run, program: ProgramModel, rng: Rng, mean: number, g: number): number {
  const noise = (program.demand as NonNullable<ProgramModel['demand']>).noise;
  if (noise.kind === 'poisson') return mean > 0 ? poisson(rng, mean) : 0;
  if (noise.kind === 'negative-binomial') return mean > 0 ? negativeBinomial(rng, mean, noise.dispersion) : 0;
  // No noise: whole applicants, with the fractions carried so yearly totals stay exact.
  const cf = r.carryFrac[program.index] as Float64Array;
  const x = mean + (cf[g] as number);
  const n = Math.floor(x + 1e-9);
  cf[g] = x - n;
  return n;
}

/** Counts n new applicants of group g (cells already in `fc`) in the program's metrics. */
function counted(r: Run, program: ProgramModel, fy: number, fc: Float64Array, g: number, n: number): void {
  if (r.plan.capUnits[program.index]) countApplications(r, program, fy, fc, g * r.S, (g + 1) * r.S);
  else addProgram(r, program.index, fy, g, MI.applicants, n);
}

/**
 * New applicants of group g in steps a..b−1 when its segments have windows of their own
 * (`by_group` entries whose `when` reads attributes): each cell's expected number is the group's
 * rate × its segment's share × the segment's share of the year in those steps. One draw of the
 * group's total with the program's noise, split among the cells in proportion to their expected
 * numbers (for Poisson demand, the same as a Poisson draw per cell).
 */
function arrivalsBySegment(
  r: Run,
  program: ProgramModel,
  windows: Float64Array[],
  a: number,
  b: number,
  fy: number,
  g: number,
  fc: Float64Array,
): void {
  const { S } = r;
  const d = program.demand as NonNullable<ProgramModel['demand']>;
  const pi = program.index;
  const A = r.model.segments;
  const rate = r.rates[pi] as Float64Array;
  const T = d.perStep ? r.model.calendar.steps.length : 0;
  const segShare = r.segShares[g] as Float64Array;
  const classes = program.units?.classProb[g] ?? [1];
  const w = r.segWeights;
  let mean = 0;
  for (let s = 0; s < A; s++) {
    const ws = windows[s] as Float64Array;
    let m = 0;
    if (d.perStep) for (let t = a; t < b; t++) m += (rate[g * T + t] as number) * (ws[t] as number);
    else {
      for (let t = a; t < b; t++) m += ws[t] as number;
      m *= rate[g * r.nFy + fy] as number;
    }
    m *= segShare[s] as number;
    classes.forEach((pk, k) => {
      w[k * A + s] = pk * m;
    });
    mean += m;
  }
  const rng = r.demandRng[pi] as Rng;
  const n = drawCount(r, program, rng, mean, g);
  if (n === 0) return;
  // with no noise, fractions carried from earlier steps may make a whole applicant in a step
  // where no segment is open: it falls among the segments by their shares
  if (!(mean > 0))
    for (let s = 0; s < A; s++)
      classes.forEach((pk, k) => {
        w[k * A + s] = pk * (segShare[s] as number);
      });
  const split = multinomial(rng, n, w.subarray(0, S));
  for (let c = 0; c < S; c++) fc[g * S + c] = split[c] as number;
  counted(r, program, fy, fc, g, n);
}

/**
 * Applications of cells [from, to) (`counts`, or `v` for one cell) of a program whose applications
 * carry several persons: applicants in what its caps count, and the applications and persons apart.
 */
function countApplications(
  r: Run,
  program: ProgramModel,
  fy: number,
  counts: Float64Array,
  from: number,
  to: number,
  v?: number,
): void {
  const pi = program.index;
  const cu = r.plan.capUnits[pi] as Float64Array;
  const persons = r.plan.persons[pi] as Float64Array;
  for (let c = from; c < to; c++) {
    const n = v ?? (counts[c] as number);
    if (!n) continue;
    const g = r.cellGroup[c] as number;
    addProgram(r, pi, fy, g, MI.applicants, n * (cu[c] as number));
    addProgram(r, pi, fy, g, MI.applications, n);
    addProgram(r, pi, fy, g, MI.persons, n * (persons[c] as number));
  }
}

/** Candidates: applicants whose wait is over, oldest first (stable), then the new ones. */
export function candidates(r: Run, program: ProgramModel, t: number, fresh: Cohort): void {
  const cand = r.cand;
  const list = r.waiting[program.index] as Cohort[];
  let kept = 0;
  const early = r.block ? (r.early[program.index] as Float64Array) : undefined;
  if (early) zero(early);
  for (const co of list) {
    if (co.due <= t) {
      cand.push(co);
      if (early) for (let c = 0; c < r.C; c++) early[c] = (early[c] as number) + (co.counts[c] as number);
    } else list[kept++] = co;
  }
  if (list.length !== kept) list.length = kept;
  sortByArrival(cand);
  cand.push(fresh); // arrival t: after every earlier cohort
  if (!program.keepCohorts) mergeCandidates(r, t);
}

/**
 * Replace the candidates by one cohort holding all of them (programs without a queue need not
 * tell cohorts apart): arrival the earliest, due now.
 */
export function mergeCandidates(r: Run, t: number): void {
  const cand = r.cand;
  if (cand.length === 1) {
    const only = cand[0] as Cohort;
    only.arrival = Math.min(t, only.arrival);
    only.due = t;
    return;
  }
  const m = newCohort(r, t, t);
  for (const co of cand) {
    m.arrival = Math.min(m.arrival, co.arrival);
    for (let c = 0; c < r.C; c++) m.counts[c] = (m.counts[c] as number) + (co.counts[c] as number);
  }
  for (let co = cand.pop(); co; co = cand.pop()) r.spare.push(co);
  cand.push(m);
}
