/**
 * Stages after selection (a program's `stages`): those selected at step t reach the first stage
 * `lag` months later, each with the stage's chance (a binomial per cell, from the program's own
 * `stages:` stream), and so on down the list. Those who reach a stage with `flow_to` become
 * applicants of that program at the next step, as the diverted do. Someone whose next stage falls
 * after the horizon is still in transit when it ends: counted in no later stage.
 */
import { metricIndex as MI } from '../../model/cells.js';
import type { ProgramModel } from '../../model/model.js';
import { binomial } from '../../random/binomial.js';
import type { Rng } from '../../random/stream.js';
import { add } from './outcomes.js';
import { at, type Run } from './state.js';

/** Who will reach stage `stage` of program `program` at the end of step `step`. */
export interface StageEvent {
  step: number;
  program: number;
  stage: number;
  counts: Float64Array;
}

/** The step at the end of which someone reaches a stage `lag` months after step t (past the horizon: −1). */
function stepAfter(r: Run, t: number, lag: number): number {
  if (lag === 0) return t;
  const month = (r.plan.monthSlot[t] as number) + lag;
  const first = r.plan.firstStepOfMonth[month];
  return first === undefined ? -1 : first;
}

/** `sel[c]` of program `program` were selected at step t: schedule their first stage. */
export function scheduleStages(r: Run, program: ProgramModel, t: number, sel: Float64Array): void {
  const stage = program.stages[0];
  if (!stage) return;
  const step = stepAfter(r, t, stage.lag);
  if (step < 0) {
    beyond(r, program.index, 0, sel);
    return;
  }
  r.stageEvents.push({ step, program: program.index, stage: 0, counts: Float64Array.from(sel) });
}

/** Those of `counts` who would reach stage k of program p only after the horizon, in its ledger. */
function beyond(r: Run, p: number, k: number, counts: Float64Array): void {
  const ledger = r.stageLedger[p] as Float64Array;
  for (let c = 0; c < r.C; c++) ledger[3 * k + 2] = (ledger[3 * k + 2] as number) + (counts[c] as number);
}

/** At the end of step t: everyone due at a stage by then reaches it (or not), and goes on. */
export function processStages(r: Run, t: number): void {
  const events = r.stageEvents;
  let kept = 0;
  // events added while processing (a lag of 0) are processed in the same pass
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as StageEvent;
    if (e.step > t) {
      events[kept++] = e;
      continue;
    }
    reach(r, e, t);
  }
  events.length = kept;
}

function reach(r: Run, e: StageEvent, t: number): void {
  const program = r.model.programs[e.program] as ProgramModel;
  const stage = program.stages[e.stage] as ProgramModel['stages'][number];
  const rate = r.stageRate[e.program]?.[e.stage] as number;
  const rng = r.stageRng[e.program] as Rng;
  const blocks = r.model.cells.stageBlocks.get(e.program);
  const base = blocks?.[e.stage]?.base as number;
  const fy = r.model.calendar.steps[t]?.fy ?? 0;
  const cu = r.plan.capUnits[e.program];
  const counts = e.counts;
  const ledger = r.stageLedger[e.program] as Float64Array;
  for (let c = 0; c < r.C; c++) {
    const n = counts[c] as number;
    if (!n) continue;
    const got = rate >= 1 ? n : rate <= 0 ? 0 : binomial(rng, n, rate);
    counts[c] = got;
    ledger[3 * e.stage] = (ledger[3 * e.stage] as number) + got;
    ledger[3 * e.stage + 1] = (ledger[3 * e.stage + 1] as number) + n - got;
    if (!got) continue;
    const g = r.cellGroup[c] as number;
    const v = cu ? got * (cu[c] as number) : got;
    add(r, at(base, r.GS, fy + 1, g + 1, MI.reached), v);
    add(r, at(base, r.GS, fy + 1, 0, MI.reached), v);
    add(r, at(base, r.GS, 0, g + 1, MI.reached), v);
    add(r, at(base, r.GS, 0, 0, MI.reached), v);
    if (stage.flowTo >= 0) {
      const target = r.nextInflow[stage.flowTo] as Float64Array;
      target[c] = (target[c] as number) + got;
    }
  }
  const next = program.stages[e.stage + 1];
  if (!next) return;
  const step = stepAfter(r, t, next.lag);
  if (step >= 0) r.stageEvents.push({ step, program: e.program, stage: e.stage + 1, counts });
  else beyond(r, e.program, e.stage + 1, counts);
}
