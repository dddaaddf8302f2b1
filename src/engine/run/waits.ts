/**
 * The wait from filing to selection, by filing (priority-date) year, for the pools whose final
 * action dates are reported (cutoffs.ts): per year and group, the months from the priority date's
 * month to the month of selection, averaged over those selected within the horizon
 * (`wait_months`), and the share of the year's filers selected by the end (`served`; those still
 * waiting are not in the mean — it is a mean over the served).
 */
import { monthsBetween, yearOfDay } from '../../model/calendar.js';
import { metricIndex as MI } from '../../model/cells.js';
import type { ProgramModel } from '../../model/model.js';
import { priorityDay } from './cutoffs.js';
import { at, type Cohort, type Run } from './state.js';

/** Per filing year × group: months waited by those selected, how many were selected, how many filed. */
export interface WaitTally {
  months: Float64Array;
  served: Float64Array;
  filed: Float64Array;
}

/** The tallies of a run: one per pool with final action dates, the backlog at the start counted as filed. */
export function newWaitTallies(r: Run): Map<number, WaitTally> {
  const tallies = new Map<number, WaitTally>();
  const years = r.model.cells.waitYears;
  for (const program of r.model.programs) {
    for (const k of program.cutoffPools) {
      const t: WaitTally = {
        months: new Float64Array(years.length * r.G),
        served: new Float64Array(years.length * r.G),
        filed: new Float64Array(years.length * r.G),
      };
      tallies.set(k, t);
      const mask = (r.eligibility[k] as Uint8Array[])[0] as Uint8Array;
      for (const co of r.waiting[program.index] as Cohort[])
        countFiled(r, t, mask, co.counts, waitYear(r, co.arrival));
    }
  }
  return tallies;
}

/** The index in cells.waitYears of the year of the priority date of arrival `arrival` (−1: none). */
function waitYear(r: Run, arrival: number): number {
  const i = arrival + r.plan.arrivalBase;
  if (i >= 0 && i < r.plan.arrivalWaitYear.length) return r.plan.arrivalWaitYear[i] as number;
  return r.model.cells.waitYears.indexOf(yearOfDay(priorityDay(r, arrival)));
}

/** Whole calendar months from the month of arrival `arrival`'s priority date to the month of step a. */
function monthsWaited(r: Run, arrival: number, a: number): number {
  const i = arrival + r.plan.arrivalBase;
  const from = i >= 0 && i < r.plan.arrivalMonth.length ? (r.plan.arrivalMonth[i] as number) : -1;
  if (from < 0) return monthsBetween(priorityDay(r, arrival), r.model.calendar.steps[a]?.start ?? 0);
  return (r.plan.stepMonth[a] as number) - from;
}

function countFiled(r: Run, t: WaitTally, mask: Uint8Array, counts: Float64Array, y: number): void {
  if (y < 0) return;
  for (let c = 0; c < r.C; c++) {
    const n = counts[c] as number;
    if (!n || !mask[c]) continue;
    const at = y * r.G + (r.cellGroup[c] as number);
    t.filed[at] = (t.filed[at] as number) + n;
  }
}

/** New filers of a program at step a (its fresh cohort): counted in their filing year. */
export function countFilings(r: Run, program: ProgramModel, fresh: Cohort, a: number, fy: number): void {
  const y = waitYear(r, a);
  for (const k of program.cutoffPools) {
    const t = r.waits.get(k);
    if (t) countFiled(r, t, (r.eligibility[k] as Uint8Array[])[fy] as Uint8Array, fresh.counts, y);
  }
}

/** Pool k selected `outs[i]` of candidate cohort i at step a: add their waits. */
export function countServed(
  r: Run,
  k: number,
  cand: readonly Cohort[],
  outs: readonly Float64Array[],
  a: number,
): void {
  const t = r.waits.get(k);
  if (!t) return;
  for (let i = 0; i < cand.length; i++) {
    const got = outs[i] as Float64Array;
    const arrival = (cand[i] as Cohort).arrival;
    const y = waitYear(r, arrival);
    if (y < 0) continue;
    const months = monthsWaited(r, arrival, a);
    for (let c = 0; c < r.C; c++) {
      const v = got[c] as number;
      if (!v) continue;
      const at = y * r.G + (r.cellGroup[c] as number);
      t.months[at] = (t.months[at] as number) + v * months;
      t.served[at] = (t.served[at] as number) + v;
    }
  }
}

/** At the end of the run: the mean wait and the share served, per filing year, per group and in all. */
export function writeWaits(r: Run): void {
  const { G, GS, out } = r;
  const years = r.model.cells.waitYears.length;
  for (const [k, t] of r.waits) {
    const block = r.model.cells.waitBlocks.get(k);
    if (!block) continue;
    for (let y = 0; y < years; y++) {
      let months = 0;
      let served = 0;
      let filed = 0;
      const write = (slot: number, m: number, s: number, f: number) => {
        out[at(block.base, GS, y + 1, slot, MI.wait_months)] = s > 0 ? m / s : Number.NaN;
        out[at(block.base, GS, y + 1, slot, MI.served)] = f > 0 ? s / f : Number.NaN;
      };
      for (let g = 0; g < G; g++) {
        const i = y * G + g;
        write(g + 1, t.months[i] as number, t.served[i] as number, t.filed[i] as number);
        months += t.months[i] as number;
        served += t.served[i] as number;
        filed += t.filed[i] as number;
      }
      write(0, months, served, filed);
    }
  }
}
