/**
 * Cohorts and their lists: new cohorts from the run's free list, one vector per candidate cohort
 * from a reused buffer, and the list operations of the step loop (sort by arrival, merge by due
 * step, spread a lottery's selections back over the cohorts). None of them allocates once the
 * buffers have grown (../run.ts, "Speed").
 */
import { hypergeometric as hyper } from '../../random/hypergeometric.js';
import type { Rng } from '../../random/stream.js';
import { bump } from '../bump.js';
import { blankCohort, type Cohort, type Run, zero } from './state.js';

/** A cohort with zeroed counts: from the free list `spare` when it has one. */
export function newCohort(r: Run, arrival: number, due: number): Cohort {
  const co = r.spare.pop();
  if (!co) {
    const made = blankCohort(r.C);
    made.arrival = arrival;
    made.due = due;
    return made;
  }
  co.arrival = arrival;
  co.due = due;
  co.nzn = -1;
  co.partOwner = undefined;
  zero(co.counts);
  return co;
}

/** `list` set to one vector (from `buf`, grown as needed) per candidate cohort; contents left as they were. */
export function cohortVectors(r: Run, list: Float64Array[], buf: Float64Array[]): void {
  const n = r.cand.length;
  if (list.length === n) return;
  while (buf.length < n) buf.push(new Float64Array(r.C));
  list.length = 0;
  for (let i = 0; i < n; i++) list.push(buf[i] as Float64Array);
}

/** Stable insertion sort by arrival step (the lists are short): the order Array.prototype.sort gives. */
export function sortByArrival(list: Cohort[]): void {
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as Cohort;
    let j = i - 1;
    while (j >= 0 && (list[j] as Cohort).arrival > x.arrival) {
      list[j + 1] = list[j] as Cohort;
      j--;
    }
    list[j + 1] = x;
  }
}

/**
 * Merge the cohorts of `list` that are due at the same step, in place: the first cohort of each due
 * step takes the counts of the later ones (whose vectors go back to `spare`) and the earliest
 * arrival. Order: first appearance.
 */
export function mergeByDue(list: Cohort[], C: number, spare: Cohort[]): void {
  let kept = 0;
  for (let i = 0; i < list.length; i++) {
    const co = list[i] as Cohort;
    let m: Cohort | undefined;
    for (let j = 0; j < kept && !m; j++) if ((list[j] as Cohort).due === co.due) m = list[j] as Cohort;
    if (!m) {
      list[kept++] = co;
      continue;
    }
    m.arrival = Math.min(m.arrival, co.arrival);
    for (let c = 0; c < C; c++) m.counts[c] = (m.counts[c] as number) + (co.counts[c] as number);
    m.nzn = -1;
    m.partOwner = undefined;
    spare.push(co);
  }
  if (list.length !== kept) list.length = kept;
}

/** Spread a lottery's selected counts back over the cohorts they came from (uniformly). */
export function distributeOverCohorts(
  sel: Float64Array,
  elig: Float64Array[],
  outs: Float64Array[],
  rng: Rng,
): void {
  const C = sel.length;
  for (let c = 0; c < C; c++) {
    let k = sel[c] as number;
    if (!k) continue;
    let total = 0;
    for (const e of elig) total += e[c] as number;
    for (let i = 0; i < elig.length && k > 0; i++) {
      const e = (elig[i] as Float64Array)[c] as number;
      // hypergeometric split across cohorts, one cohort at a time
      const take = i === elig.length - 1 ? k : hyper(rng, e, total - e, k);
      bump(outs[i] as Float64Array, c, take);
      k -= take;
      total -= e;
    }
  }
}
