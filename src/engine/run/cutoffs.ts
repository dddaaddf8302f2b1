/**
 * Final action dates (the Visa Bulletin's cut-offs) of the queue pools of a program with a backlog
 * (`inventory`), at the last step of each calendar month, after the month's selections: per group,
 * the priority date of the oldest applicant still waiting who may use the pool — the first one the
 * numbers did not reach — and over all groups the oldest of those. No one waiting: the category is
 * current (no date). Someone waiting while the pool's numbers for its period are used up: it is
 * unavailable. A date may move back (retrogress) when older applicants come back into the queue.
 */
import { metricIndex as MI } from '../../model/cells.js';
import type { ProgramModel } from '../../model/model.js';
import { at, type Cohort, type PoolState, type Run } from './state.js';

/** The priority date (a day number) of applicants who arrived at `arrival` (model.ts, compileInventories). */
export function priorityDay(r: Run, arrival: number): number {
  if (arrival >= 0) return r.model.calendar.steps[arrival]?.start ?? Number.NaN;
  const days = r.model.priorityDays;
  return days[arrival + days.length] ?? Number.NaN;
}

export function writeCutoffs(r: Run, program: ProgramModel, t: number, fy: number): void {
  const { C, G, GS, cellGroup, out } = r;
  const slot = r.plan.monthSlot[t] as number;
  const oldest = r.byGroup;
  for (const k of program.cutoffPools) {
    const block = r.model.cells.cutoffBlocks.get(k);
    if (!block) continue;
    const mask = (r.eligibility[k] as Uint8Array[])[fy] as Uint8Array;
    oldest.fill(Number.POSITIVE_INFINITY);
    const scan = (co: Cohort) => {
      for (let c = 0; c < C; c++) {
        if (!mask[c] || !((co.counts[c] as number) > 0)) continue;
        const g = cellGroup[c] as number;
        if (co.arrival < (oldest[g] as number)) oldest[g] = co.arrival;
      }
    };
    // this month's candidates (what the draws left of them) and those whose wait is not over
    for (const co of r.cand) scan(co);
    for (const co of r.waiting[program.index] as Cohort[]) scan(co);
    const ps = r.pstate[k] as PoolState;
    const usedUp = ps.period < 0 || ps.available - ps.issued <= 0;
    let all = Number.POSITIVE_INFINITY;
    const write = (groupSlot: number, arrival: number) => {
      const waiting = Number.isFinite(arrival);
      out[at(block.base, GS, slot, groupSlot, MI.final_action_date)] = waiting
        ? priorityDay(r, arrival)
        : Number.NaN;
      out[at(block.base, GS, slot, groupSlot, MI.current)] = waiting ? 0 : 1;
      out[at(block.base, GS, slot, groupSlot, MI.unavailable)] = waiting && usedUp ? 1 : 0;
    };
    for (let g = 0; g < G; g++) {
      const a = oldest[g] as number;
      if (a < all) all = a;
      write(g + 1, a);
    }
    write(0, all);
  }
}
