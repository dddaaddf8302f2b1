/**
 * One Monte Carlo run: (model, seed, run index) → the run's output cells (a Float64Array laid out
 * by `model.cells`). A pure function: every random draw comes from streams keyed by (seed, run,
 * purpose) — "param:<id>", "demand:<program>", "select:<pool>", "flows:<program>" — so the result is
 * the same whichever worker computes it, and two scenarios that differ only in their allocation rules
 * see the same applicants (common random numbers).
 *
 * Applicants are counts per cell (group × segment) and per cohort (the step they first applied),
 * never individuals. Each step:
 *   1. pools whose period starts now open with their cap (drawn for the run when a formula of
 *      uncertain parameters gives it) plus numbers rolled, carried or spilled in; ceilings whose
 *      period starts now open;
 *   2. each program receives new applicants (demand formula + noise, split into segments) and those
 *      diverted to it by other programs in the previous step, joined by earlier applicants whose
 *      wait is over; its pools are tried in order, each taking the applicants eligible for it, never
 *      more than its ceilings still allow: step methods (fcfs, uscis, queue, mix) select at once;
 *      lottery-like methods (lottery, weighted-lottery, pro-rata) collect applications and draw at
 *      the end of the period, and those not drawn go on to the next pool in order. At a period's
 *      last step a step method with `resplit` re-splits and is tried again, and the program's
 *      fall-down passes unused numbers down its chain (run/fall-down.ts);
 *   3. applicants left unselected reapply later, divert (possibly into another program) or leave;
 *   4. pools whose period ends now report, and pass unused numbers on (roll, carry, spill) or lapse;
 *      ceilings whose period ends now report (run/ceilings.ts).
 * Invariants (tests/engine): issued ≤ cap available; issued + unused = available per pool and
 * period; every applicant is selected, waiting, diverted or gone; no ineligible applicant selected.
 *
 * Speed (bench/RESULTS.md): the step loop allocates nothing — count vectors are Float64Arrays reused
 * through the run (cohorts come back through a free list), output offsets are computed inline, and
 * what is the same in every run of the model comes from plan.ts. A cohort lists the cells it holds
 * (run/state.ts, `Cohort`), so that pools and outcomes visit those rather than every cell. Every
 * count is a whole number below 2^53, so sums are exact in any order. Where the rules allow it
 * (plan.ts, `stepBlocks`), steps in which nothing but arrivals happens are taken together as one
 * block: fewer draws, the same outcome in distribution (`stepwise` turns this off;
 * tests/engine/fast-paths.test.ts compares the two).
 *
 * This file holds the step loop. The run's state is in run/state.ts, its per-run values are set up
 * in run/setup.ts, and the parts of a step are in run/: periods.ts (1 and 4), demand.ts, pools.ts and
 * fall-down.ts (2), ceilings.ts (1, 2 and 4), outcomes.ts (3, and the output cells).
 */
import type { Step } from '../model/calendar.js';
import type { Model, PoolModel } from '../model/model.js';
import type { ClampTally } from './domain.js';
import { planFor } from './plan.js';
import { closeCeilings, openCeilings } from './run/ceilings.js';
import { writeCutoffs } from './run/cutoffs.js';
import { arrivals, candidates } from './run/demand.js';
import { fallDown, liftLimits } from './run/fall-down.js';
import { backlog, notSelected, totals } from './run/outcomes.js';
import { finalize, startPeriod } from './run/periods.js';
import { isOpen, resplitAtEnd, tryPool } from './run/pools.js';
import { shareOut, shareRest } from './run/share.js';
import { processStages } from './run/stages.js';
import { type PoolState, Run } from './run/state.js';
import { countFilings, writeWaits } from './run/waits.js';

export { SegmentSplit } from './run/segment-split.js';

/**
 * Run `run` of `model`. `out`, when given, receives the cells (it is zeroed first) instead of a new
 * array, so a caller running many runs can reuse one buffer.
 */
export function simulateRun(
  model: Model,
  run: number,
  seed: string = model.seed,
  out?: Float64Array,
  options: RunOptions = {},
): Float64Array {
  if (out) out.fill(0);
  const plan = planFor(model);
  options.tally?.beginRun();
  const cells = out ?? new Float64Array(model.cells.size);
  // The Run of the previous run of this model, set up again (run/state.ts, `begin`); a run watched
  // by `afterStep` gets its own, as the watcher may keep it. One that fails is not used again.
  let r = options.afterStep ? undefined : idle.get(plan);
  if (r) {
    idle.delete(plan);
    r.begin(run, seed, cells, options.tally);
  } else r = new Run(model, plan, run, seed, cells, options.tally);
  r.copyCohorts = options.copyCohorts === true;
  simulate(r, options.stepwise ? undefined : plan.blocks, options.afterStep);
  if (!options.afterStep) idle.set(plan, r);
  return r.out;
}

/** A Run of each model not in use, by the model's plan. */
const idle = new WeakMap<object, Run>();

export interface RunOptions {
  /**
   * Go step by step even where plan.ts allows blocks of steps. The outcome is the same in
   * distribution, not draw for draw; tests compare the two.
   */
  stepwise?: boolean;
  /** counts the clamps of formulas that declare `clamp: true` (domain.ts) */
  tally?: ClampTally;
  /**
   * Copy every cohort of reapplicants into a new one, even where everyone reapplies and the
   * candidate cohort could be kept as it is (run/outcomes.ts): the same outcome, draw for draw;
   * tests compare the two.
   */
  copyCohorts?: boolean;
  /** Called after each step (or block) with its last step and a view of the run, for tests that watch a run. */
  afterStep?: (t: number, run: RunView) => void;
}

/** What `afterStep` sees of a run in progress. */
export interface RunView {
  /** the output cells as they stand (margins over groups and years are added only at the end) */
  readonly out: Float64Array;
  /** per program: per stage k, [3k] reached, [3k+1] stopped short of it, [3k+2] due past the horizon */
  readonly stageLedger: readonly Float64Array[];
  /** those in transit to a stage: program, stage and counts per cell */
  readonly stageEvents: readonly { program: number; stage: number; counts: Float64Array }[];
}

// --- The step loop ---

/** Every step, or block by block (`blocks`: plan.ts, `stepBlocks`). */
function simulate(r: Run, blocks: Int32Array | undefined, afterStep?: RunOptions['afterStep']): void {
  const n = r.model.calendar.steps.length;
  if (blocks)
    for (let k = 0; k + 1 < blocks.length; k++) {
      step(r, blocks[k] as number, blocks[k + 1] as number);
      afterStep?.((blocks[k + 1] as number) - 1, r);
    }
  else
    for (let t = 0; t < n; t++) {
      step(r, t, t + 1);
      afterStep?.(t, r);
    }
  totals(r);
  if (r.waits.size) writeWaits(r);
}

/**
 * Steps a..b−1 at once. b = a + 1 is one step; a longer block only when plan.blocks says the model
 * allows it (plan.ts, `stepBlocks`): then nothing but arrivals happens inside the block, and pools
 * start at a and end at b − 1.
 */
function step(r: Run, a: number, b: number): void {
  const { model, plan } = r;
  const steps = model.calendar.steps;
  const st = steps[a] as Step;
  const last = b - 1;
  const fy = st.fy;
  r.block = b > a + 1;
  for (const pool of model.pools) {
    const p = pool.stepPeriod[a] as number;
    if (p >= 0 && (r.pstate[pool.index] as PoolState).period !== p) startPeriod(r, pool, p);
  }
  if (model.ceilings.length) openCeilings(r, a);
  for (const program of model.programs) {
    const fresh = arrivals(r, program, a, b, fy);
    if (program.cutoffPools.length) countFilings(r, program, fresh, a, fy);
    candidates(r, program, a, fresh);
    const shared = plan.shares[program.index] ? shareOut(r, program, a, b) : undefined;
    for (const pool of program.pools) {
      const p = pool.stepPeriod[a] as number;
      if (p < 0) continue;
      if (pool.opensAfter >= 0 && !isOpen(r, pool, a, fy)) continue;
      tryPool(r, program, pool, p, a, b);
      if (pool.split?.resplit && !pool.drawAtPeriodEnd) resplitAtEnd(r, program, pool, p, a, b);
    }
    if (shared?.length) shareRest(r, program, shared, a, b);
    if (program.fallDown.length) fallDown(r, program, a, b);
    if (plan.lifts[program.index]) liftLimits(r, program, a, b);
    if (program.cutoffPools.length && plan.monthEnd[last]) writeCutoffs(r, program, last, fy);
    notSelected(r, program, last, fy);
  }
  if (r.stageEvents.length) processStages(r, last);
  [r.inflow, r.nextInflow] = [r.nextInflow, r.inflow];
  for (const q of plan.endsAt[last] as number[]) finalize(r, model.pools[q] as PoolModel, last);
  if (model.ceilings.length) closeCeilings(r, last);
  if (plan.fyEnd[last]) backlog(r, fy);
}
