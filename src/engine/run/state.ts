/**
 * The state of one run (../run.ts): the model's sizes and output offsets, the values drawn or
 * evaluated for this run (setup.ts), the applicants waiting and diverted, each pool's current
 * period, and the scratch vectors reused at every step. The sections of the step loop are functions
 * of it: demand.ts, pools.ts, periods.ts, outcomes.ts.
 */

import { M } from '../../model/cells.js';
import { type Model, roundCap } from '../../model/model.js';
import { newStream, type Rng, reseed, type Stream } from '../../random/stream.js';
import { type ClampTally, evaluateIn } from '../domain.js';
import { sampleParameters } from '../parameters.js';
import type { Plan } from '../plan.js';
import type { Cells } from '../select.js';
import { type CeilingState, type CeilingValues, ceilingValues, newCeilingState } from './ceilings.js';
import { SegmentSplit } from './segment-split.js';
import {
  cellShares,
  eligibilityOf,
  lotteryWeightsOf,
  ratesOf,
  segmentShares,
  setGroupScopes,
  splitWeightsOf,
} from './setup.js';
import type { StageEvent } from './stages.js';
import { newWaitTallies, type WaitTally } from './waits.js';

/** Applicants who first applied at step `arrival`, counted per cell, who may apply at step `due`. */
export interface Cohort {
  arrival: number;
  due: number;
  counts: Float64Array;
  /**
   * The cells where `counts` may be non-zero, in cell order: `nz[0..nzn)`, every cell with a count
   * among them (some may have come down to zero since). nzn = −1: not known, any cell may. Kept by
   * notSelected for the cohorts of reapplicants it forms, so that the loops over a cohort visit its
   * applicants' cells only (pools.ts, outcomes.ts); any other code that adds to `counts` sets −1.
   */
  nz: Int32Array;
  nzn: number;
  /**
   * The same cells by the pool whose mask takes them, where the masks of the program's pools do not
   * overlap (`partOwner`, the map of cells to pools they were sorted by: ownerMap in pools.ts):
   * pool p's at part[partAt[p] .. partAt[p + 1]), in cell order. Undefined when not sorted so;
   * made with the list by notSelected (outcomes.ts), dropped wherever the list changes otherwise.
   */
  part: Int32Array | undefined;
  partAt: Int32Array | undefined;
  partOwner: Int32Array | undefined;
}

/** A cohort with zeroed counts, its non-empty cells not known. */
export function blankCohort(C: number): Cohort {
  return {
    arrival: 0,
    due: 0,
    counts: new Float64Array(C),
    nz: new Int32Array(C),
    nzn: -1,
    part: undefined,
    partAt: undefined,
    partOwner: undefined,
  };
}

/** A pool's current period (`period`, −1 before the first) and its totals over all periods. */
export interface PoolState {
  period: number;
  available: number;
  issued: number;
  cumEligible: number;
  fillDay: number;
  /**
   * The final-receipt-date rule (`select: uscis`): applications received in the period's first
   * `firstDays` days, applications received per day in the step the cap was reached in, and whether
   * it was reached within those first days (all received in them then take part in the draw)
   */
  firstReceived: number;
  fillRate: number;
  fillEarly: boolean;
  eligibleG: Float64Array;
  issuedG: Float64Array;
  /** applications that carry several persons: applications and persons selected, per group */
  appsG: Float64Array;
  personsG: Float64Array;
  subcap: Float64Array | undefined;
  box: Float64Array;
  pendingAdd: Float64Array;
  /** mix: numbers of each part in this period, and how many each part has used */
  partCap: number[];
  partUsed: number[];
  /** the period's fresh numbers (its cap, before numbers passed in) */
  base: number;
  /** numbers of this period that fell down to another pool (fall-down.ts) */
  fellOut: number;
  /** totals over all periods: fresh numbers plus numbers received from other pools */
  capTotal: number;
  capTotalG: Float64Array;
}

/** A pool's counts of the period, set to zero when a period starts (periods.ts) and when a run does. */
export function clearPeriodCounts(ps: PoolState): void {
  ps.issued = 0;
  ps.fellOut = 0;
  ps.cumEligible = 0;
  ps.fillDay = Number.NaN;
  ps.firstReceived = 0;
  ps.fillRate = 0;
  ps.fillEarly = false;
  zero(ps.eligibleG);
  zero(ps.issuedG);
  zero(ps.appsG);
  zero(ps.personsG);
  zero(ps.box);
}

/** Offset of a cell: block base, period slot (0 = all periods), group slot (0 = all groups), metric. */
export function at(
  base: number,
  groupSlots: number,
  periodSlot: number,
  groupSlot: number,
  metric: number,
): number {
  return base + (periodSlot * groupSlots + groupSlot) * M + metric;
}

/** One run: built by simulateRun (../run.ts), stepped by its step loop. */
export class Run {
  out: Float64Array;
  /** is the current step a block of several steps? */
  block = false;
  /** copy every cohort of reapplicants (RunOptions.copyCohorts, for tests) */
  copyCohorts = false;
  /** is the pool being tried again, with numbers fallen down to it (fall-down.ts)? */
  retry = false;
  /** are per-group limits with `lift_when_unused` lifted for this try (fall-down.ts, liftLimits)? */
  lift = false;
  /** … only those lifted each quarter (a quarter's end inside the pool's period)? */
  liftQuarterOnly = false;
  readonly G: number;
  readonly S: number;
  readonly C: number;
  readonly GS: number;
  readonly nFy: number;
  readonly cellGroup: Int32Array;
  readonly cells: Cells;
  readonly programBase: number[];
  readonly poolBase: number[];
  readonly ceilingBase: number[];

  // Per-run values.
  params!: Record<string, number>;
  /** per program and group: the split of new applicants into cells (segments, and size classes) */
  segSplit!: SegmentSplit[][];
  /** each group's share of its new applicants in each segment, this run (for windows per segment) */
  segShares!: Float64Array[];
  /** eligibility[pool][fy] → mask over cells */
  eligibility!: Uint8Array[][];
  splitWeights!: (number[] | undefined)[];
  lotteryWeights!: (Float64Array | undefined)[];
  /** demand rate per program, group and fiscal year (expected new applicants in the year) */
  rates!: Float64Array[];
  /** per pool: its cap this run when a formula of uncertain parameters gives it (NaN otherwise) */
  poolAmount!: Float64Array;
  readonly demandRng: Rng[];
  /** per program with stages after selection: its stream, and each stage's chance in this run */
  readonly stageRng: (Rng | undefined)[];
  stageRate!: Float64Array[];
  /** per program: days from receipt to start date (`receipt_clock`) in this run, NaN without one */
  receiptLead!: Float64Array;
  /** who will reach a stage at a later step (stages.ts) */
  readonly stageEvents: StageEvent[] = [];
  /**
   * per program, per stage k at 3k, 3k+1, 3k+2: how many reached it, how many did not (its rate),
   * and how many would reach it only after the horizon — so that, with those still in transit
   * (stageEvents), everyone selected is in exactly one place (tests/engine/run/stages.test.ts)
   */
  readonly stageLedger: Float64Array[];
  /** the wait by filing year of the pools with final action dates (waits.ts) */
  waits!: Map<number, WaitTally>;
  readonly flowRng: Rng[];
  readonly selectRng: Rng[];
  /** the streams behind demandRng, stageRng, flowRng and selectRng, seeded again for each run */
  readonly demandStreams: Stream[];
  readonly stageStreams: (Stream | undefined)[];
  readonly flowStreams: Stream[];
  readonly selectStreams: Stream[];
  /** counts the clamps of formulas that declare `clamp: true` (../domain.ts) */
  tally: ClampTally | undefined;

  // State.
  readonly waiting: Cohort[][];
  /** Diverted applicants reach their new program at the next step, whatever the programs' order:
   * `inflow` is read this step, `nextInflow` filled, then they swap. */
  inflow: Float64Array[];
  nextInflow: Float64Array[];
  readonly carryFrac: Float64Array[];
  /** applicants of each program waiting at the start of the current block, and its new ones (blocks only) */
  readonly early: Float64Array[];
  readonly fresh: Float64Array[];
  readonly reached: Uint8Array[];
  /** per pool and period: the step and the day its numbers were reached (−1 and NaN: not yet) */
  readonly fillStep: Int32Array[];
  readonly fillDay: Float64Array[];
  readonly pstate: PoolState[];
  cstate!: CeilingState[];
  /** each ceiling's amount and per-group limits per period, in this run */
  cvalues!: CeilingValues[];

  // Scratch, reused at every step.
  /** count vectors of cohorts that are done with, handed out again zeroed */
  readonly spare: Cohort[] = [];
  /** the candidates of the program being stepped: cohorts oldest first */
  readonly cand: Cohort[] = [];
  /** per candidate cohort: its applicants eligible for the pool, what it gets, what it still has (mix) */
  readonly elig: Float64Array[] = [];
  readonly outs: Float64Array[] = [];
  readonly rest: Float64Array[] = [];
  readonly eligBuf: Float64Array[] = [];
  readonly outBuf: Float64Array[] = [];
  readonly restBuf: Float64Array[] = [];
  /**
   * per vector of eligBuf: the cells it holds the eligible applicants of (`eligLen` of them, in cell
   * order; −1: any cell may be non-zero), so that a pool cleans only those and visits only those
   * (pools.ts)
   */
  readonly eligList: Int32Array[] = [];
  readonly eligLen: number[] = [];
  /** per candidate cohort: 1 when it has someone eligible for the pool being tried (pools.ts) */
  readonly eligSome: number[] = [];
  readonly selected: Float64Array;
  /**
   * per cell, for `not_selected.rules`: 1 when a pool it was eligible for this step still had numbers
   * but could not give them one (a per-group limit, a ceiling, a pace) — reset by notSelected
   */
  readonly heldBack: Uint8Array;
  /** scratch: per cell, eligible for some pool of a program (outcomes.ts) */
  readonly anyEligible: Uint8Array;
  readonly merged: Float64Array;
  readonly room: Float64Array;
  readonly byGroup: Float64Array;
  /** scratch: expected new applicants per cell of one group (windows per segment) */
  readonly segWeights: Float64Array;
  /** cohorts of reapplicants formed this step, one per arrival step */
  readonly reapplying: Cohort[] = [];
  /**
   * per arrival (index arrival + plan.arrivalBase): the index in `reapplying` of its cohort while
   * notSelected forms them, −1 otherwise (all −1 between calls)
   */
  readonly reapplyAt: Int32Array;
  /** per program: the maps of cells to the pool whose mask takes them, by masks (pools.ts, ownerMap) */
  readonly owners: { masks: Uint8Array[]; owner: Int32Array | null }[][];
  /** per candidate cohort: 1 when notSelected keeps it as a cohort of reapplicants (grown as needed) */
  keptCand: Uint8Array = new Uint8Array(16);

  constructor(
    readonly model: Model,
    readonly plan: Plan,
    run: number,
    seed: string,
    out: Float64Array,
    /** counts the clamps of formulas that declare `clamp: true` (../domain.ts) */
    tally?: ClampTally,
  ) {
    const { G, S, C } = plan;
    this.out = out;
    this.tally = tally;
    this.G = G;
    this.S = S;
    this.C = C;
    this.GS = model.cells.groupSlots;
    this.nFy = model.calendar.fiscalYears.length;
    this.cellGroup = plan.cellGroup;
    this.cells = plan.cells;
    this.programBase = mapped(model.cells.programBlocks, (b) => b.base);
    this.poolBase = mapped(model.cells.poolBlocks, (b) => b.base);
    this.ceilingBase = mapped(model.cells.ceilingBlocks, (b) => b.base);

    // Streams and vectors, made once and set again by `begin` for each run.
    this.demandStreams = mapped(model.programs, () => newStream());
    this.stageStreams = mapped(model.programs, (p) => (p.stages.length ? newStream() : undefined));
    this.flowStreams = mapped(model.programs, () => newStream());
    this.selectStreams = mapped(model.pools, () => newStream());
    this.demandRng = mapped(this.demandStreams, (s) => s.rng);
    this.stageRng = mapped(this.stageStreams, (s) => s?.rng);
    this.flowRng = mapped(this.flowStreams, (s) => s.rng);
    this.selectRng = mapped(this.selectStreams, (s) => s.rng);
    this.stageLedger = mapped(model.programs, (p) => new Float64Array(3 * p.stages.length));
    this.waiting = mapped(model.programs, () => []);
    this.inflow = mapped(model.programs, () => new Float64Array(C));
    this.nextInflow = mapped(model.programs, () => new Float64Array(C));
    this.carryFrac = mapped(model.programs, () => new Float64Array(G));
    this.early = mapped(model.programs, () => new Float64Array(C));
    this.fresh = mapped(model.programs, () => new Float64Array(C));
    this.reached = mapped(model.pools, () => new Uint8Array(this.nFy));
    this.fillStep = mapped(model.pools, (pool) => new Int32Array(pool.periods.length));
    this.fillDay = mapped(model.pools, (pool) => new Float64Array(pool.periods.length));
    this.pstate = mapped(model.pools, (pool) => ({
      period: -1,
      available: 0,
      issued: 0,
      cumEligible: 0,
      fillDay: Number.NaN,
      firstReceived: 0,
      fillRate: 0,
      fillEarly: false,
      eligibleG: new Float64Array(G),
      issuedG: new Float64Array(G),
      appsG: new Float64Array(G),
      personsG: new Float64Array(G),
      subcap: pool.split ? new Float64Array(G) : undefined,
      box: new Float64Array(C),
      pendingAdd: new Float64Array(pool.periods.length),
      partCap: [],
      partUsed: [],
      base: 0,
      fellOut: 0,
      capTotal: 0,
      capTotalG: new Float64Array(G),
    }));
    this.selected = new Float64Array(C);
    this.heldBack = new Uint8Array(C);
    this.anyEligible = new Uint8Array(C);
    this.merged = new Float64Array(C);
    this.room = new Float64Array(G);
    this.byGroup = new Float64Array(G);
    this.segWeights = new Float64Array(this.S);
    this.reapplyAt = new Int32Array(plan.arrivalMonth.length).fill(-1);
    this.owners = mapped(model.programs, () => []);
    this.begin(run, seed, out, tally);
  }

  /**
   * Set the run up for run `run`: its values drawn or evaluated, its state as a new Run's. A Run is
   * used again for the next run of the same model (../run.ts) instead of being made anew: the
   * objects of a run (about 50 vectors, 8 streams, the cohorts) cost a tenth of a run's time to
   * make and collect. What a run reads is all set here; tests/engine/fast-paths.test.ts checks that
   * a Run used again gives what a new one gives.
   */
  begin(run: number, seed: string, out: Float64Array, tally: ClampTally | undefined): void {
    const { model, plan } = this;
    this.out = out;
    this.tally = tally;
    this.block = false;
    this.retry = false;
    this.lift = false;

    // --- Per-run values: parameters, segment shares, eligibility, weights, demand rates ---
    // (in this order: a formula that fails makes the run fail at the same point with or without the
    // caches of plan.ts)
    this.params = sampleParameters(model, seed, run);
    setGroupScopes(this);
    const shares = plan.segProb ?? segmentShares(this);
    this.segShares = shares;
    // Each program's splits by group: one set for every program without size classes, the program's
    // own with them; made once when the shares are the model's (plan.segProb, the same array in every
    // run), as a SegmentSplit holds nothing a draw changes.
    let segSplit = fixedSplits.get(shares);
    if (!segSplit) {
      let split: SegmentSplit[] | undefined;
      segSplit = mapped(model.programs, (program) => {
        if (model.sizeClasses !== 1)
          return mapped(shares, (probs, g) => new SegmentSplit(cellShares(this, program, probs, g)));
        split ??= mapped(shares, (probs) => new SegmentSplit(probs));
        return split;
      });
      if (shares === plan.segProb) fixedSplits.set(shares, segSplit);
    }
    this.segSplit = segSplit;
    this.eligibility = mapped(
      model.pools,
      (pool) => plan.eligibility[pool.index] ?? eligibilityOf(this, pool),
    );
    this.splitWeights = mapped(model.pools, (pool) =>
      pool.split ? (plan.splitWeights[pool.index] ?? splitWeightsOf(this, pool)) : undefined,
    );
    this.lotteryWeights = mapped(model.pools, (pool) =>
      pool.select.weight ? (plan.lotteryWeights[pool.index] ?? lotteryWeightsOf(this, pool)) : undefined,
    );
    this.rates = mapped(model.programs, (program) => plan.rates[program.index] ?? ratesOf(this, program));
    this.poolAmount = Float64Array.from(model.pools, (pool) =>
      pool.capFormula && !pool.capResults
        ? roundCap(evaluateIn(pool.capFormula, this.params, 'cap', tally))
        : Number.NaN,
    );

    // --- Streams ---
    for (const p of model.programs) {
      reseed(this.demandStreams[p.index] as Stream, seed, run, `demand:${p.id}`);
      const st = this.stageStreams[p.index];
      if (st) reseed(st, seed, run, `stages:${p.id}`);
      (this.stageLedger[p.index] as Float64Array).fill(0);
    }
    this.stageRate = mapped(model.programs, (p) =>
      Float64Array.from(p.stages, (s) =>
        s.rateFormula ? evaluateIn(s.rateFormula, this.params, 'share', tally) : s.rate,
      ),
    );
    this.receiptLead = Float64Array.from(model.programs, (p) =>
      p.receiptLeadFormula
        ? evaluateIn(p.receiptLeadFormula, this.params, 'lead', tally)
        : (p.receiptLead ?? Number.NaN),
    );
    for (const p of model.programs) reseed(this.flowStreams[p.index] as Stream, seed, run, `flows:${p.id}`);
    for (const p of model.pools) reseed(this.selectStreams[p.index] as Stream, seed, run, `select:${p.id}`);

    // --- State ---
    const { C } = this;
    this.stageEvents.length = 0;
    this.cand.length = 0;
    this.reapplying.length = 0;
    this.reapplyAt.fill(-1);
    // the applicants waiting at the start, one cohort per priority date (model.ts, compileInventories)
    for (const program of model.programs) {
      const list = this.waiting[program.index] as Cohort[];
      for (const co of list) this.spare.push(co);
      list.length = 0;
      const byArrival = new Map<number, Cohort>();
      for (const e of program.inventory) {
        let co = byArrival.get(e.arrival);
        if (!co) {
          co = this.spare.pop() ?? blankCohort(C);
          co.arrival = e.arrival;
          co.due = 0;
          co.nzn = -1;
          co.partOwner = undefined;
          zero(co.counts);
          byArrival.set(e.arrival, co);
          list.push(co);
        }
        co.counts[e.cell] = (co.counts[e.cell] as number) + e.count;
      }
      list.sort((a, b) => a.arrival - b.arrival);
    }
    for (const v of this.inflow) zero(v);
    for (const v of this.nextInflow) zero(v);
    for (const v of this.carryFrac) zero(v);
    for (const v of this.early) zero(v);
    for (const v of this.fresh) zero(v);
    for (const v of this.reached) v.fill(0);
    for (const v of this.fillStep) v.fill(-1);
    for (const v of this.fillDay) v.fill(Number.NaN);
    for (const ps of this.pstate) {
      ps.period = -1;
      ps.available = 0;
      clearPeriodCounts(ps);
      if (ps.subcap) zero(ps.subcap);
      zero(ps.pendingAdd);
      if (ps.partCap.length) ps.partCap = [];
      if (ps.partUsed.length) ps.partUsed = [];
      ps.base = 0;
      ps.capTotal = 0;
      zero(ps.capTotalG);
    }
    this.waits = newWaitTallies(this);
    this.cstate = mapped(model.ceilings, (c) =>
      newCeilingState(this.G, c.prorated ? model.pools.length : 0, c.shareByDemand ? model.pools.length : 0),
    );
    this.cvalues = mapped(model.ceilings, (c) => ceilingValues(this, c));
    zero(this.selected);
    this.heldBack.fill(0);
    this.anyEligible.fill(0);
    zero(this.merged);
    zero(this.room);
    zero(this.byGroup);
  }
}

/**
 * The segment splits, per program and group, of a model whose segment shares are the same in every
 * run, by those shares (a program's size-class shares, `units.classProb`, are the model's too).
 */
const fixedSplits = new WeakMap<Float64Array[], SegmentSplit[][]>();

/**
 * `xs.map(f)`, built by push. The run's arrays must keep one elements kind from the first run to
 * the last: Array.prototype.map makes packed arrays until V8 optimises its caller, and holey ones
 * after (its inlined map allocates the array first), so that every optimised function reading them
 * was thrown away at once after ≈ 1,000 runs ("wrong map") and warmed up again (bench/RESULTS.md).
 */
export function mapped<T, U>(xs: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i] as T, i));
  return out;
}

/** a.fill(0), which costs more than the loop on the short vectors of a run */
export function zero(a: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] = 0;
}
