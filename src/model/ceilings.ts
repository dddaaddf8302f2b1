/**
 * Ceilings: limits that several pools draw on together (scenario `ceilings:`), compiled once per
 * model. A ceiling has periods of its own (fiscal years, months, or one period over its dates),
 * laid over the calendar's steps like a pool's; in each period it holds a total for all member pools
 * together (`amount`), a limit per group (`per_group`), or both. The engine (engine/run/ceilings.ts)
 * keeps what members have issued and narrows every member pool's numbers and per-group room to what
 * the ceiling still allows, whatever the selection method.
 *
 * Per-group limits (INA 202(a)(2)): a share of the base or a number, a different rate for classes of
 * groups (7% for states, 2% for dependent areas), rounded to the nearest number (the State
 * Department's practice) or down. The base of a share is the ceiling's amount, or the numbers of its
 * member pools whose periods start in the ceiling's period (the family and employment limits). An
 * exempt share of a member pool's numbers (INA 202(a)(4): 75% of F2A) does not count against it.
 */
import { type CompiledFormula, compileFormula, dayNumber, evaluateBoolean } from '../formula/formula.js';
import type { Ceiling } from '../scenario/schema.js';
import { type Calendar, monthLabel } from './calendar.js';
import type { GroupModel, PoolModel } from './model.js';

export interface CeilingPeriod {
  label: string;
  start: number;
  /** exclusive */
  end: number;
  firstStep: number;
  /** exclusive */
  endStep: number;
  /** numbers all members may issue together in the period; Infinity without an amount */
  amount: number;
  /** per group: the most it may receive from all members together (counted numbers); undefined without per_group */
  groupLimit: Float64Array | undefined;
}

export interface CeilingModel {
  id: string;
  title: string;
  description: string;
  index: number;
  /** indices (among all pools) of the member pools */
  pools: number[];
  /** per pool index: the share of its numbers counted against the per-group limit (0 for non-members) */
  counted: Float64Array;
  periods: CeilingPeriod[];
  /** has a total (`amount`); without one it only reports what its members issued, and per group */
  hasAmount: boolean;
  /** step → period index, -1 where the ceiling is not in force */
  stepPeriod: Int32Array;
  perGroup: boolean;
  /**
   * Drawn per run: the amount is a formula of uncertain parameters, or a per-group share is of
   * member pools whose caps are drawn per run. Then `periods[p].amount` and `groupLimit` are only
   * the values at typical parameters, and the engine works them out for each run (`periodLimits`).
   */
  perRun:
    | {
        amount: CompiledFormula | undefined;
        poolsDrawn: boolean;
        /** per group: its limit's formula where it reads an uncertain parameter (else undefined) */
        limits: (CompiledFormula | undefined)[] | undefined;
      }
    | undefined;
  /** how `periodLimits` turns an amount and the member pools' numbers into per-group limits */
  rule: LimitRule | undefined;
  /** per group: 1 when its limit is prorated across the member pools (INA 202(e)); undefined when none is */
  prorated: Uint8Array | undefined;
  /** numbers left unused at a period's end go to applicants held back only by the per-group limit */
  liftWhenUnused: boolean;
  /** … and at the end of each calendar quarter too (INA 202(a)(3)), in pools that select at every step */
  liftEachQuarter: boolean;
  /**
   * `share: by_demand`: at each step the numbers left are divided among the member pools that select
   * in it by their eligible applicants waiting (engine/run/share.ts); false: in the order they select
   */
  shareByDemand: boolean;
  /** a member pool's cap reads results of the fiscal year before: limits are worked out as periods open */
  readsResults: boolean;
  source: string[];
  note?: string;
}

/** The per-group rule of a ceiling, resolved per group (classes applied). */
export interface LimitRule {
  /** per group: a number, or a share of the base */
  rates: ({ amount: number } | { share: number })[];
  of: 'amount' | 'pools';
  rounding: 'nearest' | 'floor';
}

/**
 * A period's per-group limits: each group's rate of the base (the ceiling's amount, or the member
 * pools' own numbers in the period, `poolsBase`), rounded.
 */
export function periodLimits(rule: LimitRule, amount: number, poolsBase: number): Float64Array {
  const base = rule.of === 'amount' ? amount : poolsBase;
  const round = (x: number) => (rule.rounding === 'floor' ? Math.floor(x + 1e-9) : Math.round(x));
  return Float64Array.from(rule.rates, (r) => ('amount' in r ? r.amount : round(r.share * base)));
}

/** A ceiling's periods over the calendar (without their limits) and the step → period map. */
export function layoutCeilingPeriods(
  c: Ceiling,
  calendar: Calendar,
): { periods: Omit<CeilingPeriod, 'groupLimit'>[]; stepPeriod: Int32Array } {
  const lo = c.from ? dayNumber(c.from) : calendar.start;
  const hi = c.until ? dayNumber(c.until) : calendar.end;
  const inForce = calendar.steps.filter((s) => s.start >= lo && s.start < hi);
  const buckets = new Map<string, typeof inForce>();
  for (const s of inForce) {
    const label =
      c.per === 'total'
        ? 'total'
        : c.per === 'month'
          ? monthLabel(s.start)
          : (calendar.fiscalYears[s.fy]?.label ?? '');
    buckets.set(label, [...(buckets.get(label) ?? []), s]);
  }
  const stepPeriod = new Int32Array(calendar.steps.length).fill(-1);
  const periods = [...buckets].map(([label, steps], p) => {
    const first = steps[0] as (typeof steps)[number];
    const last = steps[steps.length - 1] as (typeof steps)[number];
    for (const s of steps) stepPeriod[s.index] = p;
    return {
      label,
      start: first.start,
      end: last.end,
      firstStep: first.index,
      endStep: last.index + 1,
      // a formula's value is set by compileCeilings (and per run by the engine)
      amount: typeof c.amount === 'number' ? c.amount : Number.POSITIVE_INFINITY,
    };
  });
  return { periods, stepPeriod };
}

/**
 * The ceiling a pool with no cap of its own draws on: the first ceiling with an amount that lists it.
 * Such a pool has the ceiling's periods, and its numbers are whatever the ceiling leaves.
 */
export function ceilingOfUncappedPool(ceilings: readonly Ceiling[], pool: string): Ceiling | undefined {
  return ceilings.find((c) => c.amount !== undefined && c.pools.includes(pool));
}

/** Compile the scenario's ceilings; `pools` are the compiled pools, indexed as in the model. */
export function compileCeilings(
  ceilings: readonly Ceiling[],
  pools: readonly PoolModel[],
  groups: readonly GroupModel[],
  calendar: Calendar,
  resolveAmount: (text: string) => { amount: number; formula?: CompiledFormula },
  resolveLimit: (text: string, group: number) => { amount: number; formula?: CompiledFormula } = () => {
    throw new Error('a per-group limit formula needs resolveLimit');
  },
): CeilingModel[] {
  const poolIndex = new Map(pools.map((p) => [p.id, p.index]));
  const columns = [...new Set(groups.flatMap((g) => Object.keys(g.columns)))];
  return ceilings.map((c, index) => {
    const members = c.pools.map((id) => poolIndex.get(id) as number);
    const counted = new Float64Array(pools.length);
    for (const m of members) counted[m] = 1;
    for (const e of c.per_group?.exempt ?? []) {
      const k = poolIndex.get(e.pool);
      if (k !== undefined) counted[k] = 1 - e.share;
    }
    const layout = layoutCeilingPeriods(c, calendar);
    const classes = (c.per_group?.classes ?? []).map((k) => ({
      when: compileFormula(k.when, { symbols: columns }),
      share: k.share,
      amount: k.amount,
    }));
    const classOf = groups.map((g) => classes.findIndex((k) => evaluateBoolean(k.when, g.columns)));
    const pg = c.per_group;
    // a limit given as a formula of group columns and parameters: each group's own, per run when uncertain
    const limitFormulas: (CompiledFormula | undefined)[] = groups.map(() => undefined);
    const rule: LimitRule | undefined = pg && {
      of: pg.of ?? (c.amount !== undefined ? 'amount' : 'pools'),
      rounding: pg.rounding,
      rates: groups.map((_, g) => {
        const rate = classes[classOf[g] as number] ?? pg;
        if (typeof rate.amount === 'string') {
          const resolved = resolveLimit(rate.amount, g);
          limitFormulas[g] = resolved.formula;
          return { amount: resolved.amount };
        }
        return rate.amount !== undefined ? { amount: rate.amount } : { share: rate.share ?? 1 };
      }),
    };
    const limits = limitFormulas.some((f) => f !== undefined) ? limitFormulas : undefined;
    // the amount: a number, or a formula of parameters (resolved now when they are fixed)
    const amountOf =
      typeof c.amount === 'string' ? resolveAmount(c.amount) : { amount: c.amount ?? Number.NaN };
    const poolsDrawn =
      rule?.of === 'pools' && members.some((m) => (pools[m] as PoolModel).capFormula !== undefined);
    const periods: CeilingPeriod[] = layout.periods.map((period) => {
      const amount = c.amount === undefined ? Number.POSITIVE_INFINITY : amountOf.amount;
      const groupLimit = rule && periodLimits(rule, amount, membersBase(pools, members, period));
      return { ...period, amount, groupLimit };
    });
    const source = c.source === undefined ? [] : Array.isArray(c.source) ? c.source : [c.source];
    return {
      id: c.id,
      title: c.title ?? c.id,
      description: c.description ?? '',
      index,
      pools: members,
      counted,
      periods,
      hasAmount: c.amount !== undefined,
      stepPeriod: layout.stepPeriod,
      perGroup: !!pg,
      perRun:
        amountOf.formula || poolsDrawn || limits
          ? { amount: amountOf.formula, poolsDrawn, limits }
          : undefined,
      rule,
      prorated: pg?.prorate?.length
        ? Uint8Array.from(groups, (g) => (pg.prorate?.includes(g.id) ? 1 : 0))
        : undefined,
      liftWhenUnused: !!pg?.lift_when_unused,
      liftEachQuarter: pg?.lift_when_unused === 'quarter',
      shareByDemand: c.share === 'by_demand',
      readsResults: members.some((m) => (pools[m] as PoolModel).capResults),
      source,
      ...(c.note !== undefined ? { note: c.note } : {}),
    };
  });
}

/**
 * The member pools' own numbers in a ceiling period: the periods that start in it (a pool with no
 * cap of its own has none). `amountOf` gives a pool period's numbers (default: its capBase).
 */
export function membersBase(
  pools: readonly PoolModel[],
  members: readonly number[],
  period: { start: number; end: number },
  amountOf: (pool: PoolModel, p: number) => number = (pool, p) => pool.periods[p]?.capBase ?? 0,
): number {
  let base = 0;
  for (const m of members) {
    const pool = pools[m] as PoolModel;
    if (pool.cap.kind === 'ceiling') continue;
    pool.periods.forEach((pp, p) => {
      if (pp.start >= period.start && pp.start < period.end) base += amountOf(pool, p);
    });
  }
  return base;
}
