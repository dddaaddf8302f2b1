/**
 * A pool's periods and its numbers: a period opens with its cap plus numbers passed in, split among
 * the eligible groups and, for a mix, among its parts; the room each group has left; the re-split
 * of a lottery's numbers to demand before its draw; and at the period's end the report and the
 * unused numbers rolled, carried or spilled to another pool, or lapsed.
 */

import type { CompiledFormula, Value } from '../../formula/formula.js';
import { type ApportionMethod, apportion } from '../../model/apportion.js';
import { metricIndex as MI } from '../../model/cells.js';
import { type PoolModel, roundCap } from '../../model/model.js';
import { bump } from '../bump.js';
import { evaluateIn } from '../domain.js';
import { narrowRoom } from './ceilings.js';
import { add } from './outcomes.js';
import { at, clearPeriodCounts, mapped, type PoolState, type Run } from './state.js';

/** Period p of a pool starts: its cap plus the numbers passed to it, split; its counts start from zero. */
export function startPeriod(r: Run, pool: PoolModel, p: number): void {
  const ps = r.pstate[pool.index] as PoolState;
  const period = pool.periods[p] as PoolModel['periods'][number];
  ps.period = p;
  // a drawn cap, the run's amount of the ceiling a pool with no cap of its own draws on, or the model's
  const k = r.plan.poolCeiling[pool.index] as number;
  const base = pool.capResults
    ? capAt(r, pool, period.fy)
    : pool.capFormula
      ? (r.poolAmount[pool.index] as number)
      : k >= 0
        ? ((r.cvalues[k] as { amount: Float64Array }).amount[p] as number)
        : period.capBase;
  ps.base = base;
  ps.available = base + (ps.pendingAdd[p] as number);
  ps.capTotal += base;
  clearPeriodCounts(ps);
  resplitCaps(r, pool, ps, period.fy);
  if (pool.select.kind === 'mix') {
    const parts = pool.select.parts ?? [];
    ps.partCap = apportion(
      ps.available,
      mapped(parts, (x) => x.share),
      r.plan.partIds[pool.index] as string[],
    );
    ps.partUsed = mapped(parts, () => 0);
  }
}

/**
 * A cap that reads results of the fiscal year before (`unused_before(id)`, `issued_before(id)`),
 * for a period of fiscal year fy: the formula with the run's parameters and those results — of a
 * program, or of a pool whose periods are fiscal years — read from the run's output cells, which
 * hold them once the year's periods have ended. Before the first fiscal year they are 0.
 */
export function capAt(r: Run, pool: PoolModel, fy: number): number {
  const f = pool.capFormula as CompiledFormula;
  const scope: Record<string, Value> = { ...r.params, year: fy, fy: r.plan.fyNum[fy] as number };
  for (const key of f.symbols) {
    const colon = key.indexOf(':');
    if (colon < 0) continue;
    const fn = key.slice(0, colon);
    const id = key.slice(colon + 1);
    const metric = fn === 'unused_before' ? MI.unused : MI.issued;
    scope[key] = fy > 0 ? resultOf(r, id, fy - 1, metric) : 0;
  }
  return roundCap(evaluateIn(f, scope, 'cap', r.tally, undefined, r.model.calendar.fiscalYears[fy]?.label));
}

/**
 * A program's, fiscal-year pool's or fiscal-year ceiling's `metric` in fiscal year fy, this run (0
 * where it has none: before the first year, or a year the ceiling was not in force).
 */
function resultOf(r: Run, id: string, fy: number, metric: number): number {
  const { model, GS, out } = r;
  const program = model.programs.find((p) => p.id === id);
  let v = Number.NaN;
  if (program) v = out[at(r.programBase[program.index] as number, GS, fy + 1, 0, metric)] as number;
  else {
    const pool = model.pools.find((p) => p.id === id);
    const q = pool ? pool.periods.findIndex((x) => x.fy === fy) : -1;
    if (pool && q >= 0) v = out[at(r.poolBase[pool.index] as number, GS, q + 1, 0, metric)] as number;
    const ceiling = pool ? undefined : model.ceilings.find((c) => c.id === id);
    const label = model.calendar.fiscalYears[fy]?.label;
    const k = ceiling ? ceiling.periods.findIndex((x) => x.label === label) : -1;
    if (ceiling && k >= 0)
      v = out[at(r.ceilingBase[ceiling.index] as number, GS, k + 1, 0, metric)] as number;
  }
  return Number.isFinite(v) ? v : 0;
}

/** Split the available numbers among the groups eligible this fiscal year (DESIGN.md §2). */
export function resplitCaps(r: Run, pool: PoolModel, ps: PoolState, fy: number): void {
  if (!pool.split || !ps.subcap) return;
  const { G, C, plan } = r;
  const masks = r.eligibility[pool.index] as Uint8Array[];
  const mask = masks[fy] as Uint8Array;
  // The split depends only on the mask, the weights and the numbers available: remembered when
  // neither the mask nor the weights change from run to run.
  const memo =
    plan.eligibility[pool.index] && plan.splitWeights[pool.index] ? plan.splitMemo[pool.index] : undefined;
  const key = memo ? `${masks.indexOf(mask)}:${ps.available}` : '';
  const hit = memo?.get(key);
  if (hit) {
    ps.subcap.set(hit);
    return;
  }
  const elig = new Array<boolean>(G).fill(false);
  for (let c = 0; c < C; c++) if (mask[c]) elig[r.cellGroup[c] as number] = true;
  const base = r.splitWeights[pool.index] as number[];
  let w = base.map((x, g) => (elig[g] ? x : 0));
  // Nobody eligible has a weight: split evenly among the eligible; nobody eligible at all: by weight
  // among everyone (the numbers then go unused, but stay attributed to groups).
  if (w.every((x) => x === 0)) w = elig.some(Boolean) ? elig.map((e) => (e ? 1 : 0)) : base;
  const within = pool.split.within;
  if (within) splitTwoLevels(ps.available, w, plan.groupIds, pool.split.method, within, ps.subcap);
  else {
    const parts = apportion(ps.available, w, plan.groupIds, pool.split.method);
    for (let g = 0; g < G; g++) ps.subcap[g] = parts[g] as number;
  }
  memo?.set(key, Float64Array.from(ps.subcap));
}

/**
 * A two-level split (`split.within`): the numbers are apportioned among the first level's values
 * (regions) by the sum of their groups' weights, then each value's part among its groups by their
 * weights, so every value's part is exact. Writes each group's part into `out`.
 */
export function splitTwoLevels(
  total: number,
  w: readonly number[],
  groupIds: readonly string[],
  method: ApportionMethod,
  within: { ids: string[]; level: Int32Array },
  out: Float64Array,
): void {
  const sums = within.ids.map(() => 0);
  w.forEach((x, g) => {
    const k = within.level[g] as number;
    sums[k] = (sums[k] as number) + x;
  });
  const levelParts = apportion(total, sums, within.ids, method);
  within.ids.forEach((_, k) => {
    const members: number[] = [];
    for (let g = 0; g < w.length; g++) if (within.level[g] === k) members.push(g);
    const parts = apportion(
      levelParts[k] as number,
      members.map((g) => w[g] as number),
      members.map((g) => groupIds[g] as string),
      method,
    );
    members.forEach((g, i) => {
      out[g] = parts[i] as number;
    });
  });
}

function limitFor(pool: PoolModel, ps: PoolState): number {
  const l = pool.limit;
  if (!l) return Number.POSITIVE_INFINITY;
  if (l.amount !== undefined) return l.amount;
  const raw = (l.share ?? 1) * ps.available;
  return l.rounding === 'floor' ? Math.floor(raw + 1e-9) : Math.round(raw);
}

/** How many more numbers each group may receive from the pool now (its split, its limit, its ceilings). */
export function roomFor(r: Run, pool: PoolModel, ps: PoolState): Float64Array {
  const room = r.room;
  const limit = limitFor(pool, ps);
  for (let g = 0; g < r.G; g++) {
    const fromSplit = ps.subcap
      ? (ps.subcap[g] as number) - (ps.issuedG[g] as number)
      : Number.POSITIVE_INFINITY;
    const fromLimit = limit - (ps.issuedG[g] as number);
    room[g] = Math.max(0, Math.min(fromSplit, fromLimit));
  }
  if (pool.ceilings.length) narrowRoom(r, pool, room);
  return room;
}

/**
 * Re-split what groups cannot use among the groups still short, until nothing moves: groups with
 * more numbers than applications keep only what they can use; the surplus is apportioned among the
 * groups still short (by the split weights); repeat. Numbers that no group can use stay where
 * they were, so the parts still sum to the pool's numbers.
 */
export function resplitToDemand(r: Run, pool: PoolModel, ps: PoolState, groupDemand?: Float64Array): void {
  const G = r.G;
  const sub = ps.subcap as Float64Array;
  // a lottery's demand: the applications in its box; a step method's: given (pools.ts, resplitAtEnd)
  let demand = groupDemand;
  if (!demand) {
    demand = new Float64Array(G);
    const cu = r.plan.capUnits[pool.program];
    for (let c = 0; c < r.C; c++)
      bump(demand, r.cellGroup[c] as number, (ps.box[c] as number) * (cu ? (cu[c] as number) : 1));
  }
  // A group can use no more than its limit and its ceilings allow: what it has plus its room under
  // them. What it could not use under them goes to the groups still short, as unmet demand does.
  const limit = limitFor(pool, ps);
  const under = r.byGroup;
  under.fill(Number.POSITIVE_INFINITY);
  if (pool.ceilings.length) narrowRoom(r, pool, under);
  for (let g = 0; g < G; g++) {
    const most = Math.min(limit, (ps.issuedG[g] as number) + (under[g] as number));
    if ((demand[g] as number) > most) demand[g] = most;
  }
  const w = r.splitWeights[pool.index] as number[];
  for (;;) {
    const short = w.map((x, g) => ((demand[g] as number) > (sub[g] as number) ? Math.max(x, 1e-12) : 0));
    let excess = 0;
    for (let g = 0; g < G; g++) excess += Math.max(0, (sub[g] as number) - (demand[g] as number));
    if (excess === 0 || short.every((x) => x === 0)) break;
    for (let g = 0; g < G; g++) sub[g] = Math.min(sub[g] as number, demand[g] as number);
    apportion(excess, short, r.plan.groupIds, pool.split?.method).forEach((v, g) => {
      sub[g] = (sub[g] as number) + v;
    });
  }
}

/** A pool's period ends: report it, and pass its unused numbers on or let them lapse. */
export function finalize(r: Run, pool: PoolModel, t: number): void {
  const { G, GS, out: o } = r;
  const ps = r.pstate[pool.index] as PoolState;
  const p = ps.period;
  const period = pool.periods[p] as PoolModel['periods'][number];
  const b = r.poolBase[pool.index] as number;
  const slot = p + 1;
  // Numbers that fell down to another pool count here as cap and unused, as spilled numbers do; what
  // is left after fall-down follows this pool's own rule.
  const unused = ps.available - ps.issued;
  const units = r.plan.persons[pool.program] !== undefined;
  let eligible = 0;
  for (let g = 0; g < G; g++) eligible += ps.eligibleG[g] as number;
  // A pool with no cap of its own (it draws on a ceiling) reports no cap or unused: the ceiling does.
  const own = pool.cap.kind !== 'ceiling';
  o[at(b, GS, slot, 0, MI.cap)] = own ? ps.available + ps.fellOut : Number.NaN;
  o[at(b, GS, slot, 0, MI.eligible)] = eligible;
  o[at(b, GS, slot, 0, MI.issued)] = ps.issued;
  o[at(b, GS, slot, 0, MI.unused)] = own ? unused + ps.fellOut : Number.NaN;
  o[at(b, GS, slot, 0, MI.selection_rate)] = eligible > 0 ? ps.issued / eligible : Number.NaN;
  const filled = !Number.isNaN(ps.fillDay);
  o[at(b, GS, slot, 0, MI.days_to_fill)] = filled ? ps.fillDay : Number.NaN;
  // the same day on the receipt clock: applications are received `lead` days before they start
  const lead = r.receiptLead[pool.program] as number;
  if (!Number.isNaN(lead))
    o[at(b, GS, slot, 0, MI.days_to_fill_receipt)] = filled ? ps.fillDay - lead : Number.NaN;
  o[at(b, GS, slot, 0, MI.filled)] = filled ? 1 : 0;
  if (pool.select.kind === 'uscis') finalReceiptDay(o, at(b, GS, slot, 0, 0), ps, filled, lead);
  add(r, at(b, GS, 0, 0, MI.eligible), eligible);
  add(r, at(b, GS, 0, 0, MI.issued), ps.issued);
  for (let g = 0; g < G; g++) {
    const e = ps.eligibleG[g] as number;
    const i = ps.issuedG[g] as number;
    o[at(b, GS, slot, g + 1, MI.eligible)] = e;
    o[at(b, GS, slot, g + 1, MI.issued)] = i;
    o[at(b, GS, slot, g + 1, MI.selection_rate)] = e > 0 ? i / e : Number.NaN;
    add(r, at(b, GS, 0, g + 1, MI.eligible), e);
    add(r, at(b, GS, 0, g + 1, MI.issued), i);
    if (units) {
      for (const [m, v] of [
        [MI.applications_issued, ps.appsG[g] as number],
        [MI.persons_issued, ps.personsG[g] as number],
      ] as const) {
        o[at(b, GS, slot, g + 1, m)] = v;
        add(r, at(b, GS, slot, 0, m), v);
        add(r, at(b, GS, 0, g + 1, m), v);
        add(r, at(b, GS, 0, 0, m), v);
      }
    }
    if (ps.subcap) {
      const cap = ps.subcap[g] as number;
      o[at(b, GS, slot, g + 1, MI.cap)] = cap;
      o[at(b, GS, slot, g + 1, MI.unused)] = cap - i;
      ps.capTotalG[g] = (ps.capTotalG[g] as number) + cap;
    }
  }
  // Program level: fresh numbers count as cap in the fiscal year the period belongs to; unused
  // numbers count where they lapse (numbers passed to another period or pool are not lost).
  const pb = r.programBase[pool.program] as number;
  // A program with a pool that has no cap of its own has no cap or unused of its own either.
  add(r, at(pb, GS, period.fy + 1, 0, MI.cap), own ? ps.base : Number.NaN);
  add(r, at(pb, GS, 0, 0, MI.cap), own ? ps.base : Number.NaN);
  let passed = !own; // the ceiling reports its unused numbers
  if (own && unused > 0) {
    const u = pool.unused;
    if (u.kind === 'roll' || u.kind === 'carry') {
      const next = pool.periods[p + 1];
      if (next && (u.kind === 'carry' || next.fy === period.fy)) {
        ps.pendingAdd[p + 1] = (ps.pendingAdd[p + 1] as number) + unused;
        passed = true;
      }
    } else if (u.kind === 'spill') {
      passed = spillTo(r, r.model.pools[u.pool] as PoolModel, t, unused);
      if (passed) ps.capTotal -= unused; // it leaves this pool's total
    }
  }
  if (!passed) {
    add(r, at(pb, GS, period.fy + 1, 0, MI.unused), unused);
    add(r, at(pb, GS, 0, 0, MI.unused), unused);
  } else if (!own) {
    add(r, at(pb, GS, period.fy + 1, 0, MI.unused), Number.NaN);
    add(r, at(pb, GS, 0, 0, MI.unused), Number.NaN);
  }
}

/** Unused numbers of another pool arrive: now, if its period is running, else at its next period. */
function spillTo(r: Run, target: PoolModel, t: number, amount: number): boolean {
  const ts = r.pstate[target.index] as PoolState;
  const running = ts.period >= 0 && (target.periods[ts.period]?.endStep ?? 0) > t + 1;
  ts.capTotal += amount;
  if (running) {
    ts.available += amount;
    if (ts.subcap) resplitCaps(r, target, ts, target.periods[ts.period]?.fy ?? 0);
    return true;
  }
  const q = target.periods.findIndex((x) => x.firstStep > t);
  if (q < 0) {
    ts.capTotal -= amount;
    return false;
  }
  ts.pendingAdd[q] = (ts.pendingAdd[q] as number) + amount;
  return true;
}

/**
 * The final receipt date of a pool that selects by it (`select: uscis`), in a period whose cap was
 * reached: the applications received on that date (on the program's receipt clock when it has one)
 * and the share of them accepted. Arrivals are spread evenly over the days of a step, as for the
 * cap-reached day itself, so on the day the cap is reached at day y (from the period's start) a
 * share y − ⌊y⌋ of that day's applications came before it and is accepted. When the cap is reached
 * within the first `first_days` days, everything received in them takes part in the draw.
 * NaN when the cap was not reached.
 */
function finalReceiptDay(o: Float64Array, cell: number, ps: PoolState, filled: boolean, lead: number): void {
  if (!filled) {
    o[cell + MI.final_day_received] = Number.NaN;
    o[cell + MI.final_day_accepted] = Number.NaN;
    return;
  }
  if (ps.fillEarly) {
    o[cell + MI.final_day_received] = ps.firstReceived;
    o[cell + MI.final_day_accepted] = ps.firstReceived > 0 ? Math.min(1, ps.available / ps.firstReceived) : 1;
    return;
  }
  const y = ps.fillDay - (Number.isNaN(lead) ? 0 : lead);
  o[cell + MI.final_day_received] = ps.fillRate;
  o[cell + MI.final_day_accepted] = y - Math.floor(y);
}
