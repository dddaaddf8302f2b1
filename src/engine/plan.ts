/**
 * What a run needs that is the same in every run of a model, worked out once per Model object and
 * kept in a WeakMap: the cell → group map, period ends per step, when reapplicants come back, and
 * the values of formulas that read no uncertain parameter (eligibility masks, split and lottery
 * weights, segment shares, demand rates). The run (run.ts) gives the same numbers with or without
 * this cache: a cached formula value is the one the run would compute, since it reads only group
 * columns, attributes, the year and fixed parameters. Caches are filled by the first run that needs
 * them, in the order the run evaluates formulas, so a formula that fails still fails at the same
 * point. The Model is read-only for the engine (model.ts), which is what makes the cache sound.
 */
import type { CompiledFormula, Value } from '../formula/formula.js';
import { monthCount, monthLabel, yearOfDay } from '../model/calendar.js';
import type { Model } from '../model/model.js';
import type { Cells, Sizes } from './select.js';

export interface Plan {
  G: number;
  S: number;
  C: number;
  cellGroup: Int32Array;
  cells: Cells;
  groupIds: string[];
  /** the number in each fiscal year's label (FY2024 → 2024), `fy` in formulas */
  fyNum: Float64Array;
  /** first step at which applicants of each program who reapply at step t come back */
  dueAt: Int32Array[];
  /** pools (model.pools order) whose period ends at each step */
  endsAt: number[][];
  /** 1 at the last step of a fiscal year */
  fyEnd: Uint8Array;
  /**
   * Block starts, then the number of steps: block k is the steps [blocks[k], blocks[k+1]). Set when the
   * model can be stepped a block at a time with the same outcome in distribution (`stepBlocks`);
   * undefined when it must go step by step.
   */
  blocks: Int32Array | undefined;
  /** ids "000", "001", ... of the parts of each mix pool, for apportioning its numbers */
  partIds: string[][];
  /** per program: the chance that an applicant not selected and not reapplying diverts */
  divertP: Float64Array;
  /** does a formula read a parameter that is drawn per run? */
  varies: (f: CompiledFormula | undefined) => boolean;
  /** does a group column named `name` get replaced by an uncertain parameter of that name? */
  paramVaries: (name: string) => boolean;
  /** each group's formula scope, `{ ...columns, ...params }`, its parameter values set by each run */
  groupScopes: Scope[] | undefined;
  /** the same with `year` and `fy`, for demand formulas */
  rateScopes: Scope[] | undefined;
  // Run-independent formula values, filled on first use (undefined: not computed yet or varies).
  segProb: Float64Array[] | undefined;
  eligibility: (Uint8Array[] | undefined)[];
  splitWeights: (number[] | undefined)[];
  lotteryWeights: (Float64Array | undefined)[];
  rates: (Float64Array | undefined)[];
  /** apportioned split caps by (pool, eligibility mask, numbers available), when both are run-independent */
  splitMemo: Map<string, Float64Array>[];
  /** per pool with no cap of its own: the index of the ceiling it draws on (−1 otherwise) */
  poolCeiling: Int32Array;
  /**
   * per program with `units`: persons one application of each cell carries, and what one counts
   * against its caps (the persons, or 1 when its caps count applications); undefined without units
   */
  persons: (Float64Array | undefined)[];
  capUnits: (Float64Array | undefined)[];
  /** per step: the slot of its calendar month in a final-action-date block (1-based), and 1 at a month's last step */
  monthSlot: Int32Array;
  monthEnd: Uint8Array;
  /** per step: 1 at the last step of a calendar quarter (March, June, September, December) */
  quarterEnd: Uint8Array;
  /** per month slot (1-based): its first step */
  firstStepOfMonth: number[];
  /** per pool with a monthly block (cells.monthlyBlocks, `per: total`): each step's month slot in it, 1-based */
  poolMonthSlot: (Int32Array | undefined)[];
  /** per program: does one of its pools draw on a ceiling with `lift_when_unused`? */
  lifts: Uint8Array;
  /** per program: does one of its pools draw on a ceiling with `share: by_demand` (run/share.ts)? */
  shares: Uint8Array;
  /** per pool whose caps count persons: the sizes its selection draws whole applications by */
  sizes: (Sizes | undefined)[];
  /**
   * per arrival (a step, or a priority date of the inventory: index arrival + `arrivalBase`): the
   * index in cells.waitYears of its priority date's year (−1: none), and its month count
   * (year × 12 + month, −1 when it has no date), so that waits.ts need not take dates apart for
   * every cohort at every step; `stepMonth` the same count of each step's start
   */
  /** per pool and period: the month count (year × 12 + month) of the period's first day */
  periodMonth: Float64Array[];
  arrivalBase: number;
  arrivalWaitYear: Int32Array;
  arrivalMonth: Int32Array;
  stepMonth: Int32Array;
}

const plans = new WeakMap<Model, Plan>();

export function planFor(model: Model): Plan {
  let plan = plans.get(model);
  if (!plan) {
    plan = makePlan(model);
    plans.set(model, plan);
  }
  return plan;
}

function makePlan(model: Model): Plan {
  const G = model.groups.length;
  // a cell is (group, size class, segment): index g·S + k·segments + segment
  const S = model.segments * model.sizeClasses;
  const C = G * S;
  const steps = model.calendar.steps;
  const fys = model.calendar.fiscalYears;
  const cellGroup = new Int32Array(C);
  const cellIds: string[] = [];
  for (let c = 0; c < C; c++) {
    cellGroup[c] = Math.floor(c / S);
    cellIds.push(`${model.groups[Math.floor(c / S)]?.id}\0${c % S}`);
  }
  const members: Int32Array[] = [];
  for (let g = 0; g < G; g++) members.push(Int32Array.from({ length: S }, (_, s) => g * S + s));

  const dueAt = model.programs.map((program) => {
    const wait = program.notSelected.wait;
    const due = new Int32Array(steps.length);
    for (let t = 0; t < steps.length; t++) {
      const st = steps[t] as (typeof steps)[number];
      if (wait === 'step') due[t] = t + 1;
      else if (wait === 'fiscal-year') due[t] = fys[st.fy]?.endStep ?? steps.length;
      else {
        let u = t + 1;
        while (u < steps.length) {
          const su = steps[u] as (typeof steps)[number];
          if (su.fyMonth !== st.fyMonth || su.fy !== st.fy) break;
          u++;
        }
        due[t] = u;
      }
    }
    return due;
  });

  const endsAt: number[][] = steps.map(() => []);
  for (const pool of model.pools) {
    for (let t = 0; t < steps.length; t++) {
      const p = pool.stepPeriod[t] as number;
      if (p >= 0 && (pool.periods[p]?.endStep ?? 0) - 1 === t) endsAt[t]?.push(pool.index);
    }
  }
  const fyEnd = new Uint8Array(steps.length);
  for (let t = 0; t < steps.length; t++) {
    const fy = (steps[t] as (typeof steps)[number]).fy;
    if (t === (fys[fy]?.endStep ?? 0) - 1) fyEnd[t] = 1;
  }

  const persons = model.programs.map((program) => {
    const units = program.units;
    if (!units) return undefined;
    const out = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      const sizes = units.sizes[cellGroup[c] as number] as number[];
      const k = Math.min(Math.floor((c % S) / model.segments), sizes.length - 1);
      out[c] = sizes[k] as number;
    }
    return out;
  });
  const capUnits = model.programs.map((program, pi) =>
    program.units?.capsCount === 'persons'
      ? persons[pi]
      : program.units
        ? new Float64Array(C).fill(1)
        : undefined,
  );
  const nonFixed = new Set(model.parameters.filter((p) => p.fixed === undefined).map((p) => p.id));
  return {
    G,
    S,
    C,
    cellGroup,
    cells: { cellGroup, groups: G, cellIds, members },
    groupIds: model.groups.map((g) => g.id),
    fyNum: Float64Array.from(fys, (f) => fyNumber(f.label)),
    dueAt,
    endsAt,
    fyEnd,
    blocks: stepBlocks(model, dueAt),
    partIds: model.pools.map((pool) => (pool.select.parts ?? []).map((_, i) => String(i).padStart(3, '0'))),
    divertP: Float64Array.from(model.programs, (p) =>
      Math.min(1, p.notSelected.divert / (1 - p.notSelected.reapply || 1)),
    ),
    // a formula that declares a clamp is evaluated in every run, so its clamps are counted per run
    varies: (f) => !!f && (f.symbols.some((s) => nonFixed.has(s)) || f.site?.clamp === true),
    paramVaries: (name) => nonFixed.has(name),
    groupScopes: undefined,
    rateScopes: undefined,
    segProb: undefined,
    poolCeiling: Int32Array.from(model.pools, (pool) =>
      pool.cap.kind === 'ceiling'
        ? model.ceilings.findIndex((c) => c.id === (pool.cap as { ceiling: string }).ceiling)
        : -1,
    ),
    eligibility: model.pools.map(() => undefined),
    splitWeights: model.pools.map(() => undefined),
    lotteryWeights: model.pools.map(() => undefined),
    rates: model.programs.map(() => undefined),
    splitMemo: model.pools.map(() => new Map()),
    persons,
    capUnits,
    ...monthSlots(model),
    poolMonthSlot: model.pools.map((pool) => {
      const block = model.cells.monthlyBlocks.get(pool.index);
      return block
        ? Int32Array.from(model.calendar.steps, (st) => block.periods.indexOf(monthLabel(st.start)))
        : undefined;
    }),
    lifts: Uint8Array.from(model.programs, (program) =>
      program.pools.some((pool) => pool.ceilings.some((k) => model.ceilings[k]?.liftWhenUnused)) ? 1 : 0,
    ),
    shares: Uint8Array.from(model.programs, (program) =>
      program.pools.some((pool) => pool.ceilings.some((k) => model.ceilings[k]?.shareByDemand)) ? 1 : 0,
    ),
    ...arrivalDates(model),
    periodMonth: model.pools.map((pool) => Float64Array.from(pool.periods, (pp) => monthCount(pp.start))),
    sizes: model.pools.map((pool) => {
      const units = model.programs[pool.program]?.units;
      const w = persons[pool.program];
      return units?.capsCount === 'persons' && w ? { w, admit: units.crossing === 'admit' } : undefined;
    }),
  };
}

/**
 * Steps between which nothing but arrivals happens can be taken as one block (run.ts, `simulate`):
 * same outcome in distribution, far fewer draws. That holds when
 * - every pool is lottery-like (it only collects applications until its period ends, then draws) and
 *   opens without waiting for another pool to fill;
 * - demand is Poisson or absent: the arrivals of a block's steps are independent Poisson counts, so
 *   their sum is one Poisson count of the summed mean, and its split into segments one multinomial;
 * - nobody is diverted into another program (those would arrive step by step), and applicants not
 *   selected during a block come back at the same step (their wait ends at a block start), so one
 *   binomial over the block's leftovers is the sum of the per-step binomials.
 * Blocks break at every fiscal year and wherever a pool's period starts or ends. The "cap reached on"
 * day, which needs the arrivals step by step, is recovered by splitting a block's arrivals among its
 * steps only when the cap is crossed in that block (run/pools.ts, `noteEligibleOver`).
 */
export function stepBlocks(model: Model, dueAt: Int32Array[]): Int32Array | undefined {
  const steps = model.calendar.steps;
  const n = steps.length;
  if (model.pools.some((pool) => !pool.drawAtPeriodEnd || pool.opensAfter >= 0)) return undefined;
  for (const program of model.programs) {
    if (program.keepCohorts) return undefined;
    if (program.fallDown.length) return undefined; // pools are tried again at a period's last step
    if (program.pools.some((pool) => pool.ceilings.some((k) => model.ceilings[k]?.liftWhenUnused)))
      return undefined; // pools are tried again at a period's last step
    if (program.cutoffPools.length) return undefined; // final action dates are read every month
    if (program.stages.length) return undefined; // stages are reached step by step
    if (program.units) return undefined; // a block's "cap reached on" day splits applications, not persons
    if (program.demand && program.demand.noise.kind !== 'poisson') return undefined;
    if (program.demand?.byGroup) return undefined;
    if (program.notSelected.byReason) return undefined; // who is held back is known step by step // a block's "cap reached on" day splits by the program's shares
    if (program.notSelected.divert > 0 && program.notSelected.divertTo >= 0) return undefined;
  }
  const starts: number[] = [];
  for (let t = 0; t < n; t++) {
    const st = steps[t] as (typeof steps)[number];
    const prev = steps[t - 1];
    let cut = !prev || prev.fy !== st.fy;
    for (const pool of model.pools) {
      const p = pool.stepPeriod[t] as number;
      if (t > 0 && p !== pool.stepPeriod[t - 1]) cut = true;
      if (p >= 0 && pool.periods[p]?.firstStep === t) cut = true;
    }
    // A ceiling's periods start and end on block edges, so draws inside a block see one period.
    for (const ceiling of model.ceilings)
      if (t > 0 && ceiling.stepPeriod[t] !== ceiling.stepPeriod[t - 1]) cut = true;
    if (cut) starts.push(t);
  }
  if (starts.length === n) return undefined; // every step is a block of its own: nothing to gain
  starts.push(n);
  const isStart = new Set(starts);
  for (let k = 0; k + 1 < starts.length; k++) {
    const a = starts[k] as number;
    const b = starts[k + 1] as number;
    for (const program of model.programs) {
      if (program.notSelected.reapply <= 0) continue;
      const due = dueAt[program.index] as Int32Array;
      const d = due[b - 1] as number;
      if (!isStart.has(d) && d < n) return undefined;
      for (let t = a; t < b; t++) if (due[t] !== d) return undefined;
    }
  }
  return Int32Array.from(starts);
}

/** Each step's calendar month (its slot, 1-based, in model/cells.ts's month blocks) and month ends. */
function monthSlots(model: Model): {
  monthSlot: Int32Array;
  monthEnd: Uint8Array;
  quarterEnd: Uint8Array;
  firstStepOfMonth: number[];
} {
  const steps = model.calendar.steps;
  const labels = steps.map((st) => monthLabel(st.start));
  const order = [...new Set(labels)];
  const monthSlot = Int32Array.from(labels, (l) => order.indexOf(l) + 1);
  const monthEnd = Uint8Array.from(labels, (l, t) => (labels[t + 1] !== l ? 1 : 0));
  // the last step of March, June, September and December: a calendar quarter ends (INA 202(a)(3))
  const quarterEnd = Uint8Array.from(labels, (l, t) =>
    monthEnd[t] === 1 && Number(l.slice(5, 7)) % 3 === 0 ? 1 : 0,
  );
  const firstStepOfMonth: number[] = [];
  monthSlot.forEach((m, t) => {
    if (firstStepOfMonth[m] === undefined) firstStepOfMonth[m] = t;
  });
  return { monthSlot, monthEnd, quarterEnd, firstStepOfMonth };
}

export function fyNumber(label: string): number {
  return Number(label.replace(/^FY/, '')) || 0;
}

export type Scope = Record<string, Value>;

/** plan.arrivalWaitYear, arrivalMonth and stepMonth (see Plan). */
function arrivalDates(
  model: Model,
): Pick<Plan, 'arrivalBase' | 'arrivalWaitYear' | 'arrivalMonth' | 'stepMonth'> {
  const steps = model.calendar.steps;
  const base = model.priorityDays.length;
  const n = base + steps.length;
  const arrivalWaitYear = new Int32Array(n).fill(-1);
  const arrivalMonth = new Int32Array(n).fill(-1);
  const years = model.cells.waitYears;
  for (let i = 0; i < n; i++) {
    const day = i < base ? model.priorityDays[i] : steps[i - base]?.start;
    if (day === undefined || !Number.isFinite(day)) continue;
    arrivalWaitYear[i] = years.indexOf(yearOfDay(day));
    arrivalMonth[i] = monthCount(day);
  }
  return {
    arrivalBase: base,
    arrivalWaitYear,
    arrivalMonth,
    stepMonth: Int32Array.from(steps, (st) => monthCount(st.start)),
  };
}
