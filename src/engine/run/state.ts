/**
 * The state of one run (../run.ts): the model's sizes and output offsets, the values drawn or
 * evaluated for this run (setup.ts), the applicants waiting and diverted, each pool's current
 * period, and the scratch vectors reused at every step. The sections of the step loop are functions
 * of it: demand.ts, pools.ts, periods.ts, outcomes.ts.
 */

import { M } from '../../model/cells.js';
import { type Model, roundCap } from '../../model/model.js';
import { type Rng, streamFor } from '../../random/stream.js';
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
  readonly out: Float64Array;
  /** is the current step a block of several steps? */
  block = false;
  /** is the pool being tried again, with numbers fallen down to it (fall-down.ts)? */
  retry = false;
  /** are per-group limits with `lift_when_unused` lifted for this try (fall-down.ts, liftLimits)? */
  lift = false;
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
  readonly params: Record<string, number>;
  /** per program and group: the split of new applicants into cells (segments, and size classes) */
  readonly segSplit: SegmentSplit[][];
  /** each group's share of its new applicants in each segment, this run (for windows per segment) */
  readonly segShares: Float64Array[];
  /** eligibility[pool][fy] → mask over cells */
  readonly eligibility: Uint8Array[][];
  readonly splitWeights: (number[] | undefined)[];
  readonly lotteryWeights: (Float64Array | undefined)[];
  /** demand rate per program, group and fiscal year (expected new applicants in the year) */
  readonly rates: Float64Array[];
  /** per pool: its cap this run when a formula of uncertain parameters gives it (NaN otherwise) */
  readonly poolAmount: Float64Array;
  readonly demandRng: Rng[];
  /** per program with stages after selection: its stream, and each stage's chance in this run */
  readonly stageRng: (Rng | undefined)[];
  readonly stageRate: Float64Array[];
  /** per program: days from receipt to start date (`receipt_clock`) in this run, NaN without one */
  readonly receiptLead: Float64Array;
  /** who will reach a stage at a later step (stages.ts) */
  readonly stageEvents: StageEvent[] = [];
  /**
   * per program, per stage k at 3k, 3k+1, 3k+2: how many reached it, how many did not (its rate),
   * and how many would reach it only after the horizon — so that, with those still in transit
   * (stageEvents), everyone selected is in exactly one place (tests/engine/run/stages.test.ts)
   */
  readonly stageLedger: Float64Array[];
  /** the wait by filing year of the pools with final action dates (waits.ts) */
  readonly waits: Map<number, WaitTally>;
  readonly flowRng: Rng[];
  readonly selectRng: Rng[];

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
  readonly cstate: CeilingState[];
  /** each ceiling's amount and per-group limits per period, in this run */
  readonly cvalues: CeilingValues[];

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

  constructor(
    readonly model: Model,
    readonly plan: Plan,
    run: number,
    seed: string,
    out: Float64Array,
    /** counts the clamps of formulas that declare `clamp: true` (../domain.ts) */
    readonly tally?: ClampTally,
  ) {
    const { G, S, C } = plan;
    this.out = out;
    this.G = G;
    this.S = S;
    this.C = C;
    this.GS = model.cells.groupSlots;
    this.nFy = model.calendar.fiscalYears.length;
    this.cellGroup = plan.cellGroup;
    this.cells = plan.cells;
    this.programBase = model.cells.programBlocks.map((b) => b.base);
    this.poolBase = model.cells.poolBlocks.map((b) => b.base);
    this.ceilingBase = model.cells.ceilingBlocks.map((b) => b.base);

    // --- Per-run values: parameters, segment shares, eligibility, weights, demand rates ---
    // (in this order: a formula that fails makes the run fail at the same point with or without the
    // caches of plan.ts)
    this.params = sampleParameters(model, seed, run);
    setGroupScopes(this);
    const shares = plan.segProb ?? segmentShares(this);
    this.segShares = shares;
    const bySegment = shares.map((probs) => new SegmentSplit(probs));
    this.segSplit = model.programs.map((program) =>
      model.sizeClasses === 1
        ? bySegment
        : shares.map((probs, g) => new SegmentSplit(cellShares(this, program, probs, g))),
    );
    this.eligibility = model.pools.map((pool) => plan.eligibility[pool.index] ?? eligibilityOf(this, pool));
    this.splitWeights = model.pools.map((pool) =>
      pool.split ? (plan.splitWeights[pool.index] ?? splitWeightsOf(this, pool)) : undefined,
    );
    this.lotteryWeights = model.pools.map((pool) =>
      pool.select.weight ? (plan.lotteryWeights[pool.index] ?? lotteryWeightsOf(this, pool)) : undefined,
    );
    this.rates = model.programs.map((program) => plan.rates[program.index] ?? ratesOf(this, program));
    this.poolAmount = Float64Array.from(model.pools, (pool) =>
      pool.capFormula && !pool.capResults
        ? roundCap(evaluateIn(pool.capFormula, this.params, 'cap', tally))
        : Number.NaN,
    );

    // --- Streams ---
    this.demandRng = model.programs.map((p) => streamFor(seed, run, `demand:${p.id}`));
    this.stageRng = model.programs.map((p) =>
      p.stages.length ? streamFor(seed, run, `stages:${p.id}`) : undefined,
    );
    this.stageLedger = model.programs.map((p) => new Float64Array(3 * p.stages.length));
    this.stageRate = model.programs.map((p) =>
      Float64Array.from(p.stages, (s) =>
        s.rateFormula ? evaluateIn(s.rateFormula, this.params, 'share', tally) : s.rate,
      ),
    );
    this.receiptLead = Float64Array.from(model.programs, (p) =>
      p.receiptLeadFormula
        ? evaluateIn(p.receiptLeadFormula, this.params, 'lead', tally)
        : (p.receiptLead ?? Number.NaN),
    );
    this.flowRng = model.programs.map((p) => streamFor(seed, run, `flows:${p.id}`));
    this.selectRng = model.pools.map((p) => streamFor(seed, run, `select:${p.id}`));

    // --- State ---
    // the applicants waiting at the start, one cohort per priority date (model.ts, compileInventories)
    this.waiting = model.programs.map((program) => {
      const byArrival = new Map<number, Cohort>();
      for (const e of program.inventory) {
        let co = byArrival.get(e.arrival);
        if (!co) {
          co = { arrival: e.arrival, due: 0, counts: new Float64Array(C) };
          byArrival.set(e.arrival, co);
        }
        co.counts[e.cell] = (co.counts[e.cell] as number) + e.count;
      }
      return [...byArrival.values()].sort((a, b) => a.arrival - b.arrival);
    });
    this.inflow = model.programs.map(() => new Float64Array(C));
    this.nextInflow = model.programs.map(() => new Float64Array(C));
    this.carryFrac = model.programs.map(() => new Float64Array(G));
    this.early = model.programs.map(() => new Float64Array(C));
    this.fresh = model.programs.map(() => new Float64Array(C));
    this.reached = model.pools.map(() => new Uint8Array(this.nFy));
    this.fillStep = model.pools.map((pool) => new Int32Array(pool.periods.length).fill(-1));
    this.fillDay = model.pools.map((pool) => new Float64Array(pool.periods.length).fill(Number.NaN));
    this.pstate = model.pools.map((pool) => ({
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
    this.waits = newWaitTallies(this);
    this.cstate = model.ceilings.map((c) => newCeilingState(G, c.prorated ? model.pools.length : 0));
    this.cvalues = model.ceilings.map((c) => ceilingValues(this, c));
    this.selected = new Float64Array(C);
    this.heldBack = new Uint8Array(C);
    this.anyEligible = new Uint8Array(C);
    this.merged = new Float64Array(C);
    this.room = new Float64Array(G);
    this.byGroup = new Float64Array(G);
    this.segWeights = new Float64Array(this.S);
  }
}

/** a.fill(0), which costs more than the loop on the short vectors of a run */
export function zero(a: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] = 0;
}
