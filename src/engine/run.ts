/**
 * One Monte Carlo run: (model, seed, run index) → the run's output cells (a Float64Array laid out
 * by `model.cells`). A pure function: every random draw comes from streams keyed by (seed, run,
 * purpose) — "param:<id>", "demand:<program>", "select:<pool>", "flows:<program>" — so the result is
 * the same whichever worker computes it, and two scenarios that differ only in their allocation rules
 * see the same applicants (common random numbers).
 *
 * Applicants are counts per cell (group × segment) and per cohort (the step they first applied),
 * never individuals. Each step:
 *   1. pools whose period starts now open with their cap plus numbers rolled, carried or spilled in;
 *   2. each program receives new applicants (demand formula + noise, split into segments) and those
 *      diverted to it by other programs in the previous step, joined by earlier applicants whose
 *      wait is over; its pools are tried in order, each taking the applicants eligible for it:
 *      step methods (fcfs, uscis, queue, mix) select at once; lottery-like methods (lottery,
 *      weighted-lottery, pro-rata) collect applications and draw at the end of the period, and those
 *      not drawn go on to the next pool in order;
 *   3. applicants left unselected reapply later, divert (possibly into another program) or leave;
 *   4. pools whose period ends now report, and pass unused numbers on (roll, carry, spill) or lapse.
 * Invariants (tests/engine): issued ≤ cap available; issued + unused = available per pool and
 * period; every applicant is selected, waiting, diverted or gone; no ineligible applicant selected.
 */
import { bump } from './bump.js';
import { apportion } from '../model/apportion.js';
import { cellOffset } from '../model/cells.js';
import { evaluateBoolean, evaluateNumber, type Value } from '../model/formula.js';
import type { Model, PoolModel, ProgramModel } from '../model/model.js';
import { binomial } from '../random/binomial.js';
import { hypergeometric as hyper } from '../random/hypergeometric.js';
import { multinomial } from '../random/multinomial.js';
import { negativeBinomial } from '../random/negative-binomial.js';
import { poisson } from '../random/poisson.js';
import { type Rng, streamFor } from '../random/stream.js';
import { sampleParameters } from './parameters.js';
import { type Cells, drawLottery, drawProRata, drawQueue } from './select.js';

interface Cohort {
  arrival: number;
  due: number;
  counts: Float64Array;
}

interface PoolState {
  period: number;
  available: number;
  issued: number;
  cumEligible: number;
  fillDay: number;
  eligibleG: Float64Array;
  issuedG: Float64Array;
  subcap: Float64Array | undefined;
  box: Float64Array;
  pendingAdd: Float64Array;
  /** mix: numbers of each part in this period, and how many each part has used */
  partCap: number[];
  partUsed: number[];
  /** totals over all periods: fresh numbers plus numbers received from other pools */
  capTotal: number;
  capTotalG: Float64Array;
}

export function simulateRun(model: Model, run: number, seed: string = model.seed): Float64Array {
  const G = model.groups.length;
  const S = model.segments;
  const C = G * S;
  const steps = model.calendar.steps;
  const fys = model.calendar.fiscalYears;
  const layout = model.cells;
  const out = new Float64Array(layout.size);
  const GS = layout.groupSlots;

  const cellGroup = new Int32Array(C);
  const cellIds: string[] = [];
  for (let c = 0; c < C; c++) {
    cellGroup[c] = Math.floor(c / S);
    cellIds.push(`${model.groups[Math.floor(c / S)]?.id}\0${c % S}`);
  }
  const cells: Cells = { cellGroup, groups: G, cellIds };

  // --- Per-run values: parameters, group scopes, segment shares, demand rates, eligibility ---
  const params = sampleParameters(model, seed, run);
  const groupScope: Record<string, Value>[] = model.groups.map((g) => ({ ...g.columns, ...params }));
  const segProb: Float64Array[] = groupScope.map((scope) => {
    const shares = model.attributes.map((a) => clamp01(evaluateNumber(a.share, scope)));
    const probs = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      let p = 1;
      shares.forEach((sh, a) => {
        p *= (s >> a) & 1 ? sh : 1 - sh;
      });
      probs[s] = p;
    }
    return probs;
  });
  const cellScope = (c: number, fy: number): Record<string, Value> => {
    const scope: Record<string, Value> = { ...(groupScope[cellGroup[c] as number] as Record<string, Value>) };
    model.attributes.forEach((a, i) => {
      scope[a.id] = ((c % S) >> i) & 1 ? true : false;
    });
    scope.year = fy;
    scope.fy = fyNumber(fys[fy]?.label ?? '');
    return scope;
  };
  // eligibility[pool][fy] → mask over cells
  const eligibility: Uint8Array[][] = model.pools.map((pool) => {
    const perFy: Uint8Array[] = [];
    const usesTime = !!pool.eligible && pool.eligible.symbols.some((s) => s === 'year' || s === 'fy');
    for (let fy = 0; fy < fys.length; fy++) {
      if (fy > 0 && !usesTime) {
        perFy.push(perFy[0] as Uint8Array);
        continue;
      }
      const mask = new Uint8Array(C);
      for (let c = 0; c < C; c++) mask[c] = !pool.eligible || evaluateBoolean(pool.eligible, cellScope(c, fy)) ? 1 : 0;
      perFy.push(mask);
    }
    return perFy;
  });
  const splitWeights: (number[] | undefined)[] = model.pools.map((pool) => {
    if (!pool.split) return undefined;
    const split = pool.split;
    return groupScope.map((scope) => {
      const v = split.weight ? evaluateNumber(split.weight, scope) : scope[split.by];
      return typeof v === 'number' && v > 0 ? v : 0;
    });
  });
  const lotteryWeights: (Float64Array | undefined)[] = model.pools.map((pool) => {
    const w = pool.select.weight;
    if (!w) return undefined;
    const arr = new Float64Array(C);
    for (let c = 0; c < C; c++) arr[c] = Math.max(0, evaluateNumber(w, cellScope(c, 0)));
    return arr;
  });
  // demand rate per program, group and fiscal year (expected new applicants in the year)
  const rates: Float64Array[] = model.programs.map((program) => {
    const d = program.demand;
    const r = new Float64Array(G * fys.length);
    if (!d) return r;
    for (let g = 0; g < G; g++) {
      for (let fy = 0; fy < fys.length; fy++) {
        const scope = { ...(groupScope[g] as Record<string, Value>), year: fy, fy: fyNumber(fys[fy]?.label ?? '') };
        const v = d.perYear ? evaluateNumber(d.perYear, scope) : 12 * evaluateNumber(d.perMonth as NonNullable<typeof d.perMonth>, scope);
        r[g * fys.length + fy] = Math.max(0, v);
      }
    }
    return r;
  });

  // --- Streams ---
  const demandRng = model.programs.map((p) => streamFor(seed, run, `demand:${p.id}`));
  const flowRng = model.programs.map((p) => streamFor(seed, run, `flows:${p.id}`));
  const selectRng = model.pools.map((p) => streamFor(seed, run, `select:${p.id}`));

  // --- State ---
  const waiting: Cohort[][] = model.programs.map(() => []);
  // Diverted applicants reach their new program at the next step, whatever the programs' order:
  // `inflow` is read this step, `nextInflow` filled, then they swap.
  let inflow: Float64Array[] = model.programs.map(() => new Float64Array(C));
  let nextInflow: Float64Array[] = model.programs.map(() => new Float64Array(C));
  const carryFrac: Float64Array[] = model.programs.map(() => new Float64Array(G));
  const reached: Uint8Array[] = model.pools.map(() => new Uint8Array(fys.length));
  const pstate: PoolState[] = model.pools.map((pool) => ({
    period: -1,
    available: 0,
    issued: 0,
    cumEligible: 0,
    fillDay: Number.NaN,
    eligibleG: new Float64Array(G),
    issuedG: new Float64Array(G),
    subcap: pool.split ? new Float64Array(G) : undefined,
    box: new Float64Array(C),
    pendingAdd: new Float64Array(pool.periods.length),
    partCap: [],
    partUsed: [],
    capTotal: 0,
    capTotalG: new Float64Array(G),
  }));

  const programBlock = (p: number) => layout.programBlocks[p] as (typeof layout.programBlocks)[number];
  const poolBlock = (p: number) => layout.poolBlocks[p] as (typeof layout.poolBlocks)[number];
  const add = (offset: number, v: number) => {
    out[offset] = (out[offset] as number) + v;
  };
  const addProgram = (p: number, fy: number, g: number, metric: Parameters<typeof cellOffset>[4], v: number) => {
    const b = programBlock(p);
    add(cellOffset(b, GS, fy + 1, g + 1, metric), v);
    add(cellOffset(b, GS, fy + 1, 0, metric), v);
    add(cellOffset(b, GS, 0, g + 1, metric), v);
    add(cellOffset(b, GS, 0, 0, metric), v);
  };

  const groupEligibleInFy = (pool: PoolModel, fy: number): boolean[] => {
    const mask = eligibility[pool.index]?.[fy] as Uint8Array;
    const any = new Array<boolean>(G).fill(false);
    for (let c = 0; c < C; c++) if (mask[c]) any[cellGroup[c] as number] = true;
    return any;
  };

  const startPeriod = (pool: PoolModel, p: number) => {
    const ps = pstate[pool.index] as PoolState;
    const period = pool.periods[p] as (typeof pool.periods)[number];
    ps.period = p;
    ps.available = period.capBase + (ps.pendingAdd[p] as number);
    ps.capTotal += period.capBase;
    ps.issued = 0;
    ps.cumEligible = 0;
    ps.fillDay = Number.NaN;
    ps.eligibleG.fill(0);
    ps.issuedG.fill(0);
    ps.box.fill(0);
    resplitCaps(pool, ps, period.fy);
    if (pool.select.kind === 'mix') {
      const parts = pool.select.parts ?? [];
      ps.partCap = apportion(
        ps.available,
        parts.map((x) => x.share),
        parts.map((_, i) => String(i).padStart(3, '0')),
      );
      ps.partUsed = parts.map(() => 0);
    }
  };

  /** Split the available numbers among the groups eligible this fiscal year (DESIGN.md §2). */
  const resplitCaps = (pool: PoolModel, ps: PoolState, fy: number) => {
    if (!pool.split || !ps.subcap) return;
    const elig = groupEligibleInFy(pool, fy);
    const base = splitWeights[pool.index] as number[];
    let w = base.map((x, g) => (elig[g] ? x : 0));
    // Nobody eligible has a weight: split evenly among the eligible; nobody eligible at all: by weight
    // among everyone (the numbers then go unused, but stay attributed to groups).
    if (w.every((x) => x === 0)) w = elig.some(Boolean) ? elig.map((e) => (e ? 1 : 0)) : base;
    const ids = model.groups.map((g) => g.id);
    const parts = apportion(ps.available, w, ids, pool.split.method);
    parts.forEach((v, g) => {
      (ps.subcap as Float64Array)[g] = v;
    });
  };

  const limitFor = (pool: PoolModel, ps: PoolState): number => {
    const l = pool.limit;
    if (!l) return Number.POSITIVE_INFINITY;
    if (l.amount !== undefined) return l.amount;
    const raw = (l.share ?? 1) * ps.available;
    return l.rounding === 'floor' ? Math.floor(raw + 1e-9) : Math.round(raw);
  };

  const roomFor = (pool: PoolModel, ps: PoolState): Float64Array => {
    const room = new Float64Array(G);
    const limit = limitFor(pool, ps);
    for (let g = 0; g < G; g++) {
      const fromSplit = ps.subcap ? (ps.subcap[g] as number) - (ps.issuedG[g] as number) : Number.POSITIVE_INFINITY;
      const fromLimit = limit - (ps.issuedG[g] as number);
      room[g] = Math.max(0, Math.min(fromSplit, fromLimit));
    }
    return room;
  };

  const recordIssued = (pool: PoolModel, ps: PoolState, fy: number, selected: Float64Array) => {
    for (let c = 0; c < C; c++) {
      const v = selected[c] as number;
      if (!v) continue;
      const g = cellGroup[c] as number;
      ps.issuedG[g] = (ps.issuedG[g] as number) + v;
      ps.issued += v;
      addProgram(pool.program, fy, g, 'issued', v);
    }
  };

  /** The draw of a lottery-like pool at the end of its period, among everything in its box. */
  const drawAtEnd = (pool: PoolModel, ps: PoolState): Float64Array => {
    const selected = new Float64Array(C);
    const rng = selectRng[pool.index] as Rng;
    const n = ps.available - ps.issued;
    if (pool.split && pool.split.resplit && ps.subcap) resplitToDemand(pool, ps);
    const room = roomFor(pool, ps);
    if (pool.select.kind === 'pro-rata') drawProRata(cells, ps.box, room, n, selected);
    else drawLottery(rng, cells, ps.box, room, n, selected, lotteryWeights[pool.index]);
    return selected;
  };

  /**
   * Re-split what groups cannot use among the groups still short, until nothing moves: groups with
   * more numbers than applications keep only what they can use; the surplus is apportioned among the
   * groups still short (by the split weights); repeat. Numbers that no group can use stay where
   * they were, so the parts still sum to the pool's numbers.
   */
  const resplitToDemand = (pool: PoolModel, ps: PoolState) => {
    const sub = ps.subcap as Float64Array;
    const demand = new Float64Array(G);
    for (let c = 0; c < C; c++) bump(demand, cellGroup[c] as number, ps.box[c] as number);
    const w = splitWeights[pool.index] as number[];
    const ids = model.groups.map((g) => g.id);
    for (;;) {
      const short = w.map((x, g) => ((demand[g] as number) > (sub[g] as number) ? Math.max(x, 1e-12) : 0));
      let excess = 0;
      for (let g = 0; g < G; g++) excess += Math.max(0, (sub[g] as number) - (demand[g] as number));
      if (excess === 0 || short.every((x) => x === 0)) break;
      for (let g = 0; g < G; g++) sub[g] = Math.min(sub[g] as number, demand[g] as number);
      apportion(excess, short, ids, pool.split?.method).forEach((v, g) => {
        sub[g] = (sub[g] as number) + v;
      });
    }
  };

  const finalize = (pool: PoolModel, t: number) => {
    const ps = pstate[pool.index] as PoolState;
    const p = ps.period;
    const period = pool.periods[p] as (typeof pool.periods)[number];
    const b = poolBlock(pool.index);
    const slot = p + 1;
    const unused = ps.available - ps.issued;
    let eligible = 0;
    for (let g = 0; g < G; g++) eligible += ps.eligibleG[g] as number;
    out[cellOffset(b, GS, slot, 0, 'cap')] = ps.available;
    out[cellOffset(b, GS, slot, 0, 'eligible')] = eligible;
    out[cellOffset(b, GS, slot, 0, 'issued')] = ps.issued;
    out[cellOffset(b, GS, slot, 0, 'unused')] = unused;
    out[cellOffset(b, GS, slot, 0, 'selection_rate')] = eligible > 0 ? ps.issued / eligible : Number.NaN;
    const filled = !Number.isNaN(ps.fillDay);
    out[cellOffset(b, GS, slot, 0, 'days_to_fill')] = filled ? ps.fillDay : Number.NaN;
    out[cellOffset(b, GS, slot, 0, 'filled')] = filled ? 1 : 0;
    add(cellOffset(b, GS, 0, 0, 'eligible'), eligible);
    add(cellOffset(b, GS, 0, 0, 'issued'), ps.issued);
    for (let g = 0; g < G; g++) {
      const e = ps.eligibleG[g] as number;
      const i = ps.issuedG[g] as number;
      out[cellOffset(b, GS, slot, g + 1, 'eligible')] = e;
      out[cellOffset(b, GS, slot, g + 1, 'issued')] = i;
      out[cellOffset(b, GS, slot, g + 1, 'selection_rate')] = e > 0 ? i / e : Number.NaN;
      add(cellOffset(b, GS, 0, g + 1, 'eligible'), e);
      add(cellOffset(b, GS, 0, g + 1, 'issued'), i);
      if (ps.subcap) {
        const cap = ps.subcap[g] as number;
        out[cellOffset(b, GS, slot, g + 1, 'cap')] = cap;
        out[cellOffset(b, GS, slot, g + 1, 'unused')] = cap - i;
        ps.capTotalG[g] = (ps.capTotalG[g] as number) + cap;
      }
    }
    // Program level: fresh numbers count as cap in the fiscal year the period belongs to; unused
    // numbers count where they lapse (numbers passed to another period or pool are not lost).
    const pb = programBlock(pool.program);
    add(cellOffset(pb, GS, period.fy + 1, 0, 'cap'), period.capBase);
    add(cellOffset(pb, GS, 0, 0, 'cap'), period.capBase);
    let passed = false;
    if (unused > 0) {
      const u = pool.unused;
      if (u.kind === 'roll' || u.kind === 'carry') {
        const next = pool.periods[p + 1];
        if (next && (u.kind === 'carry' || next.fy === period.fy)) {
          ps.pendingAdd[p + 1] = (ps.pendingAdd[p + 1] as number) + unused;
          passed = true;
        }
      } else if (u.kind === 'spill') {
        passed = spillTo(model.pools[u.pool] as PoolModel, t, unused);
        if (passed) ps.capTotal -= unused; // it leaves this pool's total
      }
    }
    if (!passed) {
      add(cellOffset(pb, GS, period.fy + 1, 0, 'unused'), unused);
      add(cellOffset(pb, GS, 0, 0, 'unused'), unused);
    }
  };

  /** Unused numbers of another pool arrive: now, if its period is running, else at its next period. */
  const spillTo = (target: PoolModel, t: number, amount: number): boolean => {
    const ts = pstate[target.index] as PoolState;
    const running = ts.period >= 0 && (target.periods[ts.period]?.endStep ?? 0) > t + 1;
    ts.capTotal += amount;
    if (running) {
      ts.available += amount;
      if (ts.subcap) resplitCaps(target, ts, target.periods[ts.period]?.fy ?? 0);
      return true;
    }
    const q = target.periods.findIndex((x) => x.firstStep > t);
    if (q < 0) {
      ts.capTotal -= amount;
      return false;
    }
    ts.pendingAdd[q] = (ts.pendingAdd[q] as number) + amount;
    return true;
  };

  const nextDue = (t: number, wait: ProgramModel['notSelected']['wait']): number => {
    if (wait === 'step') return t + 1;
    const st = steps[t] as (typeof steps)[number];
    if (wait === 'fiscal-year') return fys[st.fy]?.endStep ?? steps.length;
    for (let u = t + 1; u < steps.length; u++) {
      const su = steps[u] as (typeof steps)[number];
      if (su.fyMonth !== st.fyMonth || su.fy !== st.fy) return u;
    }
    return steps.length;
  };

  // --- The step loop ---
  for (let t = 0; t < steps.length; t++) {
    const st = steps[t] as (typeof steps)[number];
    const fy = st.fy;
    for (const pool of model.pools) {
      const p = pool.stepPeriod[t] as number;
      const ps = pstate[pool.index] as PoolState;
      if (p >= 0 && ps.period !== p) startPeriod(pool, p);
    }

    for (const program of model.programs) {
      const pi = program.index;
      // New applicants this step.
      const fresh = new Float64Array(C);
      const d = program.demand;
      if (d) {
        const share = d.stepShare[t] as number;
        const rng = demandRng[pi] as Rng;
        const rate = rates[pi] as Float64Array;
        for (let g = 0; g < G; g++) {
          const mean = (rate[g * fys.length + fy] as number) * share;
          let n: number;
          if (d.noise.kind === 'poisson') n = mean > 0 ? poisson(rng, mean) : 0;
          else if (d.noise.kind === 'negative-binomial') n = mean > 0 ? negativeBinomial(rng, mean, d.noise.dispersion) : 0;
          else {
            // No noise: whole applicants, with the fractions carried so yearly totals stay exact.
            const cf = carryFrac[pi] as Float64Array;
            const x = mean + (cf[g] as number);
            n = Math.floor(x + 1e-9);
            cf[g] = x - n;
          }
          if (n === 0) continue;
          if (S === 1) fresh[g] = n;
          else {
            const seg = multinomial(rng, n, segProb[g] as Float64Array);
            for (let s = 0; s < S; s++) fresh[g * S + s] = seg[s] as number;
          }
        }
      }
      const inc = inflow[pi] as Float64Array;
      for (let c = 0; c < C; c++) {
        const v = (fresh[c] as number) + (inc[c] as number);
        fresh[c] = v;
        if (v) addProgram(pi, fy, cellGroup[c] as number, 'applicants', v);
      }
      inc.fill(0);

      // Candidates: applicants whose wait is over, oldest first, then the new ones.
      const list = waiting[pi] as Cohort[];
      const due = list.filter((c) => c.due <= t);
      waiting[pi] = list.filter((c) => c.due > t);
      let cand: Cohort[] = [...due, { arrival: t, due: t, counts: fresh }].sort((a, b) => a.arrival - b.arrival);
      if (!program.keepCohorts) cand = [mergeCohorts(cand, t, C)];

      for (const pool of program.pools) {
        const p = pool.stepPeriod[t] as number;
        if (p < 0) continue;
        if (pool.opensAfter >= 0 && !(reached[pool.opensAfter] as Uint8Array)[fy]) continue;
        const ps = pstate[pool.index] as PoolState;
        const period = pool.periods[p] as (typeof pool.periods)[number];
        const mask = (eligibility[pool.index] as Uint8Array[])[fy] as Uint8Array;
        const elig = cand.map((co) => {
          const e = new Float64Array(C);
          for (let c = 0; c < C; c++) e[c] = mask[c] ? (co.counts[c] as number) : 0;
          return e;
        });
        let etot = 0;
        for (const e of elig) {
          for (let c = 0; c < C; c++) {
            const v = e[c] as number;
            if (!v) continue;
            etot += v;
            const g = cellGroup[c] as number;
            ps.eligibleG[g] = (ps.eligibleG[g] as number) + v;
          }
        }
        // "Cap reached on": the day cumulative eligible applications reach the numbers available.
        const before = ps.cumEligible;
        ps.cumEligible += etot;
        if (Number.isNaN(ps.fillDay) && ps.available > 0 && ps.cumEligible >= ps.available && etot > 0) {
          const frac = (ps.available - before) / etot;
          let day = st.start + frac * st.days - period.start;
          if (pool.select.kind === 'uscis' && day < (pool.select.firstDays ?? 5)) day = pool.select.firstDays ?? 5;
          ps.fillDay = day;
          (reached[pool.index] as Uint8Array)[fy] = 1;
        }

        if (pool.drawAtPeriodEnd) {
          elig.forEach((e, i) => {
            const co = cand[i] as Cohort;
            for (let c = 0; c < C; c++) {
              const v = e[c] as number;
              if (!v) continue;
              ps.box[c] = (ps.box[c] as number) + v;
              co.counts[c] = (co.counts[c] as number) - v;
            }
          });
          if (t === period.endStep - 1) {
            const selected = drawAtEnd(pool, ps);
            recordIssued(pool, ps, fy, selected);
            const losers = new Float64Array(C);
            for (let c = 0; c < C; c++) losers[c] = (ps.box[c] as number) - (selected[c] as number);
            ps.box.fill(0);
            cand.push({ arrival: t, due: t, counts: losers });
            if (!program.keepCohorts) cand = [mergeCohorts(cand, t, C)];
          }
          continue;
        }

        const rng = selectRng[pool.index] as Rng;
        const outs = elig.map(() => new Float64Array(C));
        const room = roomFor(pool, ps);
        const n = Math.max(0, ps.available - ps.issued);
        if (pool.select.kind === 'queue') drawQueue(rng, cells, elig, room, n, outs);
        else if (pool.select.kind === 'mix') {
          let carry = 0;
          (pool.select.parts ?? []).forEach((part, k) => {
            const left = (ps.partCap[k] as number) - (ps.partUsed[k] as number) + carry;
            const remainingElig = elig.map((e, i) => e.map((v, c) => v - ((outs[i] as Float64Array)[c] as number)));
            let got: number;
            if (part.kind === 'queue') got = drawQueue(rng, cells, remainingElig, room, left, outs);
            else {
              const merged = new Float64Array(C);
              for (const e of remainingElig) for (let c = 0; c < C; c++) merged[c] = (merged[c] as number) + (e[c] as number);
              const sel = new Float64Array(C);
              got = drawLottery(rng, cells, merged, room, left, sel);
              distributeOverCohorts(sel, remainingElig, outs, rng);
            }
            ps.partUsed[k] = (ps.partUsed[k] as number) + Math.min(got, (ps.partCap[k] as number) - (ps.partUsed[k] as number));
            carry = left - got;
          });
        } else {
          // fcfs and uscis: within a step, arrival order is a uniformly random permutation, so the
          // first n to arrive are a uniform random subset — a lottery among this step's applicants,
          // oldest cohorts (earlier steps) first.
          drawQueue(rng, cells, elig, room, n, outs);
        }
        const selected = new Float64Array(C);
        outs.forEach((o, i) => {
          const co = cand[i] as Cohort;
          for (let c = 0; c < C; c++) {
            const v = o[c] as number;
            if (!v) continue;
            selected[c] = (selected[c] as number) + v;
            co.counts[c] = (co.counts[c] as number) - v;
          }
        });
        recordIssued(pool, ps, fy, selected);
      }

      // Not selected: reapply later, divert, or leave.
      const ns = program.notSelected;
      const frng = flowRng[pi] as Rng;
      const dueAt = nextDue(t, ns.wait);
      const reapplyFrom = new Map<number, Float64Array>();
      for (const co of cand) {
        for (let c = 0; c < C; c++) {
          const n = co.counts[c] as number;
          if (!n) continue;
          const r = ns.reapply > 0 ? binomial(frng, n, ns.reapply) : 0;
          const dv = ns.divert > 0 && n - r > 0 ? binomial(frng, n - r, Math.min(1, ns.divert / (1 - ns.reapply || 1))) : 0;
          if (r) {
            let cohort = reapplyFrom.get(co.arrival);
            if (!cohort) {
              cohort = new Float64Array(C);
              reapplyFrom.set(co.arrival, cohort);
            }
            cohort[c] = (cohort[c] as number) + r;
          }
          if (dv) {
            addProgram(pi, fy, cellGroup[c] as number, 'diverted', dv);
            if (ns.divertTo >= 0) {
              const target = nextInflow[ns.divertTo] as Float64Array;
              target[c] = (target[c] as number) + dv;
            }
          }
        }
      }
      // Those due after the horizon stay in the backlog: they are still waiting when it ends.
      for (const [arrival, counts] of reapplyFrom) (waiting[pi] as Cohort[]).push({ arrival, due: dueAt, counts });
      if (!program.keepCohorts) waiting[pi] = mergeByDue(waiting[pi] as Cohort[], C);
    }

    [inflow, nextInflow] = [nextInflow, inflow];
    for (const pool of model.pools) {
      const p = pool.stepPeriod[t] as number;
      if (p >= 0 && (pool.periods[p]?.endStep ?? 0) - 1 === t) finalize(pool, t);
    }

    // Backlog at the end of each fiscal year: applicants waiting to apply again, and applications
    // awaiting a draw.
    if (t === (fys[fy]?.endStep ?? 0) - 1) {
      for (const program of model.programs) {
        const byGroup = new Float64Array(G);
        for (const co of waiting[program.index] as Cohort[]) for (let c = 0; c < C; c++) bump(byGroup, cellGroup[c] as number, co.counts[c] as number);
        for (const pool of program.pools) {
          const box = (pstate[pool.index] as PoolState).box;
          for (let c = 0; c < C; c++) bump(byGroup, cellGroup[c] as number, box[c] as number);
        }
        const b = programBlock(program.index);
        let total = 0;
        for (let g = 0; g < G; g++) {
          const v = byGroup[g] as number;
          total += v;
          out[cellOffset(b, GS, fy + 1, g + 1, 'backlog')] = v;
          if (fy === fys.length - 1) out[cellOffset(b, GS, 0, g + 1, 'backlog')] = v;
        }
        out[cellOffset(b, GS, fy + 1, 0, 'backlog')] = total;
        if (fy === fys.length - 1) out[cellOffset(b, GS, 0, 0, 'backlog')] = total;
      }
    }
  }

  // --- Totals over the horizon ---
  for (const pool of model.pools) {
    const ps = pstate[pool.index] as PoolState;
    const b = poolBlock(pool.index);
    const issued = out[cellOffset(b, GS, 0, 0, 'issued')] as number;
    const eligible = out[cellOffset(b, GS, 0, 0, 'eligible')] as number;
    out[cellOffset(b, GS, 0, 0, 'cap')] = ps.capTotal;
    out[cellOffset(b, GS, 0, 0, 'unused')] = ps.capTotal - issued;
    out[cellOffset(b, GS, 0, 0, 'selection_rate')] = eligible > 0 ? issued / eligible : Number.NaN;
    for (let g = 0; g < G; g++) {
      const i = out[cellOffset(b, GS, 0, g + 1, 'issued')] as number;
      const e = out[cellOffset(b, GS, 0, g + 1, 'eligible')] as number;
      out[cellOffset(b, GS, 0, g + 1, 'selection_rate')] = e > 0 ? i / e : Number.NaN;
      if (ps.subcap) {
        out[cellOffset(b, GS, 0, g + 1, 'cap')] = ps.capTotalG[g] as number;
        out[cellOffset(b, GS, 0, g + 1, 'unused')] = (ps.capTotalG[g] as number) - i;
      }
    }
  }
  for (const program of model.programs) {
    const b = programBlock(program.index);
    for (let g = 0; g <= G; g++) {
      const a = out[cellOffset(b, GS, 0, g, 'applicants')] as number;
      const i = out[cellOffset(b, GS, 0, g, 'issued')] as number;
      out[cellOffset(b, GS, 0, g, 'selection_rate')] = a > 0 ? i / a : Number.NaN;
    }
  }
  return out;
}

function mergeCohorts(list: Cohort[], t: number, C: number): Cohort {
  const counts = new Float64Array(C);
  let arrival = t;
  for (const co of list) {
    arrival = Math.min(arrival, co.arrival);
    for (let c = 0; c < C; c++) counts[c] = (counts[c] as number) + (co.counts[c] as number);
  }
  return { arrival, due: t, counts };
}

function mergeByDue(list: Cohort[], C: number): Cohort[] {
  const byDue = new Map<number, Cohort>();
  for (const co of list) {
    const m = byDue.get(co.due);
    if (!m) byDue.set(co.due, { arrival: co.arrival, due: co.due, counts: co.counts });
    else {
      m.arrival = Math.min(m.arrival, co.arrival);
      for (let c = 0; c < C; c++) m.counts[c] = (m.counts[c] as number) + (co.counts[c] as number);
    }
  }
  return [...byDue.values()];
}

/** Spread a lottery's selected counts back over the cohorts they came from (uniformly). */
function distributeOverCohorts(sel: Float64Array, elig: Float64Array[], outs: Float64Array[], rng: Rng): void {
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
      bump((outs[i] as Float64Array), c, take);
      k -= take;
      total -= e;
    }
  }
}


function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function fyNumber(label: string): number {
  return Number(label.replace(/^FY/, '')) || 0;
}
