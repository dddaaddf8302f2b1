/**
 * Selection methods on counts. Applicants are never looped over: a "cell" is one (group, segment)
 * count, and every method below draws how many of each cell are selected.
 *
 * Conventions: `avail[c]` applicants in cell c; `cellGroup[c]` its group; `room[g]` how many more the
 * group may receive (Infinity when unlimited); `n` numbers available. Each function adds the selected
 * counts into `out`, lowers `room`, and returns how many it selected. Inputs are not otherwise changed.
 */

import { apportion } from '../model/apportion.js';
import { multivariateHypergeometric } from '../random/multivariate-hypergeometric.js';
import type { Rng } from '../random/stream.js';
import { weightedSampleWithoutReplacement } from '../random/weighted-sample.js';
import { bump } from './bump.js';

export interface Cells {
  /** group of each cell */
  cellGroup: Int32Array;
  groups: number;
  /** group ids, for deterministic tie-breaks */
  cellIds: string[];
  /** the cells of each group, in cell order (worked out from cellGroup when absent) */
  members?: readonly Int32Array[];
}

/**
 * Applications that carry several persons, drawn whole against numbers that count persons:
 * `w[c]` persons on each application of cell c; `admit` — the application that would take the
 * numbers (or a group's room) past what is left is selected whole, instead of skipped.
 */
export interface Sizes {
  w: ArrayLike<number>;
  admit: boolean;
}

/** The cells of group g, in cell order. */
function membersOf(cells: Cells, g: number): Int32Array {
  const known = cells.members?.[g];
  if (known) return known;
  const idx: number[] = [];
  for (let c = 0; c < cells.cellGroup.length; c++) if (cells.cellGroup[c] === g) idx.push(c);
  return Int32Array.from(idx);
}

// Scratch vectors of drawLottery, reused from call to call (it is synchronous and never re-entered).
let remaining = new Float64Array(0);
let active = new Float64Array(0);
let perGroup = new Float64Array(0);
const drawn: number[] = [];

/**
 * Uniform lottery (or first come, first served among applicants who arrived in the same step — with
 * arrival times uniform within a step the arrival order is a uniformly random permutation, so taking
 * the first n is exactly a uniform random subset) among `avail`, skipping groups that are full.
 *
 * Equivalent to: put every applicant in a random order; walk the order, selecting each applicant
 * whose group still has room, until n are selected. Implemented as repeated multivariate
 * hypergeometric draws: draw n; for each group that overflows its room, keep a uniform subset of its
 * draw of size room (which is what the walk would keep) and draw the freed numbers again among the
 * groups that still have room. With `weights`, each draw is successive weighted sampling instead.
 * `nonZero`, when given, lists the only cells where `avail` may be non-zero (a pool's mask): the same
 * draws, found without visiting every cell.
 */
export function drawLottery(
  rng: Rng,
  cells: Cells,
  avail: ArrayLike<number>,
  room: Float64Array,
  n: number,
  out: Float64Array,
  weights?: ArrayLike<number>,
  sizes?: Sizes,
  nonZero?: Int32Array,
): number {
  if (sizes) return drawLotteryWhole(rng, cells, avail, room, n, out, sizes, weights);
  if (!weights && n > 0) {
    const got = drawLotteryByGroup(rng, cells, avail, room, n, out, nonZero);
    if (got >= 0) return got;
  }
  return drawLotteryInRounds(rng, cells, avail, room, n, out, weights);
}

/** Per list of cells (a pool's mask): its cells in each group, in cell order. */
const withinCache = new WeakMap<Int32Array, Int32Array[]>();
function membersWithin(cells: Cells, list: Int32Array): Int32Array[] {
  let byGroup = withinCache.get(list);
  if (!byGroup) {
    const lists: number[][] = Array.from({ length: cells.groups }, () => []);
    for (const c of list) (lists[cells.cellGroup[c] as number] as number[]).push(c);
    byGroup = lists.map((l) => Int32Array.from(l));
    withinCache.set(list, byGroup);
  }
  return byGroup;
}

let groupAvail = new Float64Array(0);
const memberCounts: number[] = [];
const memberDrawn: number[] = [];

/**
 * A uniform subset of size k of group g's applicants, `counts[c]` in each cell c: how many are drawn
 * from each of the group's cells, in `membersOf` order (a scratch array, valid until the next call).
 * `idx`, when given, is the group's cells where `counts` may be non-zero, in cell order: the same
 * draws, as the multivariate hypergeometric draws nothing for an empty colour.
 */
function subsetOfGroup(
  rng: Rng,
  cells: Cells,
  g: number,
  counts: ArrayLike<number>,
  k: number,
  idx: Int32Array = membersOf(cells, g),
): number[] {
  return subsetAmong(rng, counts, k, idx, 0, idx.length);
}

/** A uniform subset of size k of the applicants `counts[c]` in the cells idx[from..to): per cell, in that order. */
function subsetAmong(
  rng: Rng,
  counts: ArrayLike<number>,
  k: number,
  idx: Int32Array,
  from: number,
  to: number,
): number[] {
  const m = to - from;
  if (memberCounts.length !== m) memberCounts.length = m;
  for (let j = 0; j < m; j++) memberCounts[j] = counts[idx[from + j] as number] as number;
  return multivariateHypergeometric(rng, memberCounts, k, memberDrawn);
}

/**
 * The fast paths' share of one group: k of its a applicants, all in the cells idx[from..to), added
 * to `out` — every one of them when k = a, else a uniform subset.
 */
function takeFromGroup(
  rng: Rng,
  avail: ArrayLike<number>,
  out: Float64Array,
  idx: Int32Array,
  from: number,
  to: number,
  k: number,
  a: number,
): void {
  if (k === a) {
    for (let j = from; j < to; j++) {
      const c = idx[j] as number;
      out[c] = (out[c] as number) + (avail[c] as number);
    }
    return;
  }
  const got = subsetAmong(rng, avail, k, idx, from, to);
  for (let j = from; j < to; j++) {
    const c = idx[j] as number;
    out[c] = (out[c] as number) + (got[j - from] as number);
  }
}

/**
 * drawLottery's fast path, for a uniform lottery in which the numbers suffice for everyone who can
 * still get one: Σ_g min(room[g], applicants of g) ≤ n (a pool split among groups whose parts add
 * up to its numbers, or more numbers than applicants). The walk through a random order then ends
 * with every group holding min(room[g], its applicants): the first ones of that group in the order,
 * a uniform subset. So one multivariate hypergeometric draw per group among its own cells gives the
 * same outcome in distribution as the rounds below, with far fewer draws
 * (tests/engine/select.test.ts compares the two). Returns −1, drawing nothing, when it does not apply.
 * `nonZero`, when given, lists the only cells where `avail` may be non-zero (a pool's mask).
 */
function drawLotteryByGroup(
  rng: Rng,
  cells: Cells,
  avail: ArrayLike<number>,
  room: Float64Array,
  n: number,
  out: Float64Array,
  nonZero?: Int32Array,
): number {
  const C = avail.length;
  const G = cells.groups;
  if (groupAvail.length < G) groupAvail = new Float64Array(G);
  groupAvail.fill(0, 0, G);
  if (nonZero)
    for (let j = 0; j < nonZero.length; j++) {
      const c = nonZero[j] as number;
      bump(groupAvail, cells.cellGroup[c] as number, avail[c] as number);
    }
  else for (let c = 0; c < C; c++) bump(groupAvail, cells.cellGroup[c] as number, avail[c] as number);
  let reachable = 0;
  for (let g = 0; g < G; g++) reachable += Math.min(room[g] as number, groupAvail[g] as number);
  if (reachable > n) return -1;
  let selected = 0;
  for (let g = 0; g < G; g++) {
    const a = groupAvail[g] as number;
    const k = Math.min(room[g] as number, a);
    if (k <= 0) continue;
    const idx = nonZero ? (membersWithin(cells, nonZero)[g] as Int32Array) : membersOf(cells, g);
    takeFromGroup(rng, avail, out, idx, 0, idx.length, k, a);
    room[g] = (room[g] as number) - k;
    selected += k;
  }
  return selected;
}

let groupFrom = new Int32Array(0);
let groupTo = new Int32Array(0);

/**
 * drawLottery for a uniform lottery (no weights, no sizes) whose applicants are all in the cells
 * `list[0..len)`: every cell with `avail[c] > 0` is listed, in cell order, and the cells of a
 * group are contiguous in it (`cellGroup` does not decrease along the list, as in the engine's
 * group-major layout). The same draws as drawLottery with a `nonZero` list of every cell that may
 * hold applicants: the multivariate hypergeometric draws nothing for an empty colour, so leaving
 * empty cells out changes nothing; the fast path's sums and draws visit only the listed cells.
 * When the numbers do not suffice for everyone who can still get one, the rounds over every cell.
 */
export function drawLotteryListed(
  rng: Rng,
  cells: Cells,
  avail: ArrayLike<number>,
  room: Float64Array,
  n: number,
  out: Float64Array,
  list: Int32Array,
  len: number,
): number {
  if (n <= 0) return drawLotteryInRounds(rng, cells, avail, room, n, out);
  const G = cells.groups;
  const cellGroup = cells.cellGroup;
  if (groupAvail.length < G) groupAvail = new Float64Array(G);
  if (groupFrom.length < G) {
    groupFrom = new Int32Array(G);
    groupTo = new Int32Array(G);
  }
  for (let g = 0; g < G; g++) {
    groupAvail[g] = 0;
    groupFrom[g] = 0;
    groupTo[g] = 0;
  }
  let prev = -1;
  for (let j = 0; j < len; j++) {
    const c = list[j] as number;
    const g = cellGroup[c] as number;
    if (g !== prev) {
      groupFrom[g] = j;
      prev = g;
    }
    groupTo[g] = j + 1;
    groupAvail[g] = (groupAvail[g] as number) + (avail[c] as number);
  }
  let reachable = 0;
  for (let g = 0; g < G; g++) reachable += Math.min(room[g] as number, groupAvail[g] as number);
  if (reachable > n) return drawLotteryInRounds(rng, cells, avail, room, n, out);
  let selected = 0;
  for (let g = 0; g < G; g++) {
    const a = groupAvail[g] as number;
    const k = Math.min(room[g] as number, a);
    if (k <= 0) continue;
    takeFromGroup(rng, avail, out, list, groupFrom[g] as number, groupTo[g] as number, k, a);
    room[g] = (room[g] as number) - k;
    selected += k;
  }
  return selected;
}

/** The rounds' scratch: `remaining` a copy of avail, `active` (for the samplers) exactly C long. */
function startRounds(avail: ArrayLike<number>): void {
  const C = avail.length;
  // `active` goes to the samplers, which return one entry per element: it must have exactly C.
  if (remaining.length !== C) {
    remaining = new Float64Array(C);
    active = new Float64Array(C);
  }
  for (let c = 0; c < C; c++) remaining[c] = avail[c] as number;
}

/** k of the `act` applicants: a uniform subset, or with `weights` successive weighted sampling. */
function sampleOf(rng: Rng, act: Float64Array, k: number, weights?: ArrayLike<number>): number[] {
  return weights
    ? weightedSampleWithoutReplacement(rng, act, weights, k)
    : multivariateHypergeometric(rng, act, k, drawn);
}

/** drawLottery the general way, in rounds (see drawLottery). Exported for tests. */
export function drawLotteryInRounds(
  rng: Rng,
  cells: Cells,
  avail: ArrayLike<number>,
  room: Float64Array,
  n: number,
  out: Float64Array,
  weights?: ArrayLike<number>,
): number {
  const C = avail.length;
  const G = cells.groups;
  startRounds(avail);
  if (perGroup.length < G) perGroup = new Float64Array(G);
  const act = active;
  let left = n;
  let selected = 0;
  while (left > 0) {
    let total = 0;
    for (let c = 0; c < C; c++) {
      const g = cells.cellGroup[c] as number;
      const a = (room[g] as number) > 0 ? (remaining[c] as number) : 0;
      act[c] = a;
      total += a;
    }
    if (total === 0) break;
    const k = Math.min(left, total);
    const draw = sampleOf(rng, act, k, weights);
    perGroup.fill(0, 0, G);
    for (let c = 0; c < C; c++) bump(perGroup, cells.cellGroup[c] as number, draw[c] as number);
    let overflow = false;
    for (let g = 0; g < G; g++) {
      const r = room[g] as number;
      const t = perGroup[g] as number;
      if (t > r) {
        overflow = true;
        // Keep a uniform subset of size r of this group's draw.
        const idx = membersOf(cells, g);
        const kept = subsetOfGroup(rng, cells, g, draw, r);
        for (let j = 0; j < idx.length; j++) draw[idx[j] as number] = kept[j] as number;
        room[g] = 0;
      } else room[g] = r - t;
    }
    let taken = 0;
    for (let c = 0; c < C; c++) {
      const d = draw[c] as number;
      if (d === 0) continue;
      out[c] = (out[c] as number) + d;
      remaining[c] = (remaining[c] as number) - d;
      taken += d;
    }
    selected += taken;
    left -= taken;
    if (!overflow) break;
  }
  return selected;
}

let wmaxG = new Float64Array(0);
/** drawLotteryWhole's round: the cells with applications that fit, in cell order, and how many each has. */
let fitIdx = new Int32Array(0);
const fitCounts: number[] = [];

/**
 * drawLottery for applications carrying `sizes.w[c]` persons each, `n` and `room` counted in
 * persons; returns the persons selected. Equivalent to the walk through a random order of the
 * applications that selects each one that still fits — whole — in the numbers left and in its
 * group's room (with `admit`: each one that finds any numbers left, crossing them if it must).
 * An application that does not fit at its turn never fits later (what is left only shrinks), so
 * the walk ignores it; and the next k of the order among those that fit are all selected as long
 * as k applications of the largest size still fit. So each round draws a uniform (or, with
 * `weights`, successive weighted) sample of that k among the applications that fit, until none
 * does. Exact in distribution; the rounds shrink with what is left, and at the end go one by one.
 * The uniform sample is drawn among the cells that have applications that fit only: the
 * multivariate hypergeometric draws nothing, and uses no uniform, for an empty colour.
 */
function drawLotteryWhole(
  rng: Rng,
  cells: Cells,
  avail: ArrayLike<number>,
  room: Float64Array,
  n: number,
  out: Float64Array,
  sizes: Sizes,
  weights?: ArrayLike<number>,
): number {
  const C = avail.length;
  const G = cells.groups;
  const cellGroup = cells.cellGroup;
  const { w, admit } = sizes;
  startRounds(avail);
  if (wmaxG.length < G) wmaxG = new Float64Array(G);
  if (fitIdx.length < C) fitIdx = new Int32Array(C);
  const act = active;
  let left = n;
  let selected = 0;
  // The cells that fit, in cell order: all of them at first, then those of the last round that still
  // fit (what is left, the rooms and the applications only shrink, so a cell that does not fit never
  // fits again). `act` holds, for `weights`, every cell's applications that fit (0 for the others).
  let m = 0;
  for (let c = 0; c < C; c++) {
    act[c] = 0;
    if ((remaining[c] as number) > 0) fitIdx[m++] = c;
  }
  while (left > 0) {
    let total = 0;
    let wmax = 0;
    const before = m;
    m = 0;
    wmaxG.fill(0, 0, G);
    for (let j = 0; j < before; j++) {
      const c = fitIdx[j] as number;
      const g = cellGroup[c] as number;
      const size = w[c] as number;
      const r = room[g] as number;
      const fits = admit ? r > 0 : size <= left && size <= r;
      const a = fits ? (remaining[c] as number) : 0;
      act[c] = a;
      if (a <= 0) continue;
      fitIdx[m] = c;
      fitCounts[m] = a;
      m++;
      total += a;
      if (size > wmax) wmax = size;
      if (size > (wmaxG[g] as number)) wmaxG[g] = size;
    }
    if (total === 0) break;
    // k applications that all fit, whichever they are
    let k = admit ? Math.ceil(left / wmax) : Math.floor(left / wmax);
    for (let g = 0; g < G; g++) {
      const mg = wmaxG[g] as number;
      const r = room[g] as number;
      if (mg <= 0 || r === Number.POSITIVE_INFINITY) continue;
      k = Math.min(k, admit ? Math.ceil(r / mg) : Math.floor(r / mg));
    }
    k = Math.max(1, Math.min(k, total));
    if (weights) {
      const draw = weightedSampleWithoutReplacement(rng, act, weights, k);
      for (let j = 0; j < m; j++) fitCounts[j] = draw[fitIdx[j] as number] as number;
    } else multivariateHypergeometric(rng, fitCounts, k, fitCounts, m);
    for (let j = 0; j < m; j++) {
      const d = fitCounts[j] as number;
      if (d === 0) continue;
      const c = fitIdx[j] as number;
      const persons = d * (w[c] as number);
      const g = cellGroup[c] as number;
      out[c] = (out[c] as number) + d;
      remaining[c] = (remaining[c] as number) - d;
      room[g] = (room[g] as number) - persons;
      left -= persons;
      selected += persons;
    }
  }
  for (let g = 0; g < G; g++) if ((room[g] as number) < 0) room[g] = 0;
  return selected;
}

/**
 * drawProRata for applications carrying `sizes.w[c]` persons each (`n`, `room` in persons):
 * every cell gets the same share of its applications, the largest share whose persons fit (lower
 * for a group whose room binds), in whole applications; what the whole numbers leave goes one
 * application at a time to the cells furthest below their share (ties by cell id) that still fit.
 * Deterministic. Returns the persons selected.
 */
function drawProRataWhole(
  cells: Cells,
  avail: ArrayLike<number>,
  room: Float64Array,
  n: number,
  out: Float64Array,
  sizes: Sizes,
): number {
  const C = avail.length;
  const G = cells.groups;
  const { w, admit } = sizes;
  const remaining = Array.from({ length: C }, (_, c) => avail[c] as number);
  const claim = new Float64Array(C);
  let left = n;
  let selected = 0;
  const fits = (c: number) => {
    const r = room[cells.cellGroup[c] as number] as number;
    const size = w[c] as number;
    return (remaining[c] as number) > 0 && (admit ? r > 0 && left > 0 : size <= left && size <= r);
  };
  const take = (c: number, d: number) => {
    const persons = d * (w[c] as number);
    const g = cells.cellGroup[c] as number;
    out[c] = (out[c] as number) + d;
    remaining[c] = (remaining[c] as number) - d;
    room[g] = (room[g] as number) - persons;
    left -= persons;
    selected += persons;
  };
  // Whole applications at the common share, as often as that selects any.
  for (let round = 0; round <= G && left > 0; round++) {
    let total = 0;
    const perGroup = new Float64Array(G);
    for (let c = 0; c < C; c++)
      if (fits(c)) {
        const p = (remaining[c] as number) * (w[c] as number);
        total += p;
        bump(perGroup, cells.cellGroup[c] as number, p);
      }
    if (total === 0) break;
    const f = Math.min(1, left / total);
    let any = false;
    for (let c = 0; c < C; c++) {
      if (!fits(c)) continue;
      const g = cells.cellGroup[c] as number;
      const fg = Math.min(f, (room[g] as number) / (perGroup[g] as number));
      const want = (remaining[c] as number) * fg;
      claim[c] = (claim[c] as number) + want;
      const d = Math.floor(want + 1e-9);
      if (d > 0) {
        take(c, d);
        claim[c] = (claim[c] as number) - d;
        any = true;
      }
    }
    if (!any || f === 1) break;
  }
  // Then one at a time, to the cell furthest below its share.
  const order = [...Array(C).keys()].sort(
    (a, b) =>
      (claim[b] as number) - (claim[a] as number) ||
      ((cells.cellIds[a] as string) < (cells.cellIds[b] as string) ? -1 : 1),
  );
  for (const c of order) {
    if ((claim[c] as number) <= 0 || left <= 0) break;
    if (fits(c)) take(c, 1);
  }
  // Numbers still left that whole applications can use: one more at a time, in the same order.
  for (let any = true; any && left > 0; ) {
    any = false;
    for (const c of order)
      if (fits(c)) {
        take(c, 1);
        any = true;
      }
  }
  for (let g = 0; g < G; g++) if ((room[g] as number) < 0) room[g] = 0;
  return selected;
}

/**
 * Pro rata: when demand exceeds supply everyone is cut by the same proportion; the whole numbers
 * are apportioned by largest remainder over cells (ties by group id), so the result is exact and
 * deterministic. Groups that hit their room keep it and the rest is re-apportioned among the others.
 */
export function drawProRata(
  cells: Cells,
  avail: ArrayLike<number>,
  room: Float64Array,
  n: number,
  out: Float64Array,
  sizes?: Sizes,
): number {
  if (sizes) return drawProRataWhole(cells, avail, room, n, out, sizes);
  const C = avail.length;
  const remaining = Array.from({ length: C }, (_, c) => avail[c] as number);
  let left = n;
  let selected = 0;
  while (left > 0) {
    const active = remaining.map((r, c) => ((room[cells.cellGroup[c] as number] as number) > 0 ? r : 0));
    const total = active.reduce((a, b) => a + b, 0);
    if (total === 0) break;
    const k = Math.min(left, total);
    const draw = apportion(k, active, cells.cellIds);
    const perGroup = new Float64Array(cells.groups);
    for (let c = 0; c < C; c++) bump(perGroup, cells.cellGroup[c] as number, draw[c] as number);
    let overflow = false;
    for (let g = 0; g < cells.groups; g++) {
      const r = room[g] as number;
      const t = perGroup[g] as number;
      if (t > r) {
        overflow = true;
        const idx = [...Array(C).keys()].filter((c) => cells.cellGroup[c] === g);
        const sub = apportion(
          r,
          idx.map((c) => draw[c] as number),
          idx.map((c) => cells.cellIds[c] as string),
        );
        idx.forEach((c, j) => {
          draw[c] = sub[j] as number;
        });
        room[g] = 0;
      } else room[g] = r - t;
    }
    for (let c = 0; c < C; c++) {
      const d = draw[c] as number;
      out[c] = (out[c] as number) + d;
      remaining[c] = (remaining[c] as number) - d;
      selected += d;
      left -= d;
    }
    if (!overflow) break;
  }
  return selected;
}

/**
 * Priority-date queue: cohorts oldest first; a cohort is taken whole when it fits, otherwise a
 * uniform draw decides who within the cohort (same filing period) is reached. `cohorts[i]` are the
 * eligible counts of cohort i (oldest first) and `outs[i]` receive its selected counts.
 */
export function drawQueue(
  rng: Rng,
  cells: Cells,
  cohorts: ArrayLike<number>[],
  room: Float64Array,
  n: number,
  outs: Float64Array[],
  sizes?: Sizes,
): number {
  let left = n;
  let selected = 0;
  for (let i = 0; i < cohorts.length && left > 0; i++) {
    const got = drawLottery(
      rng,
      cells,
      cohorts[i] as ArrayLike<number>,
      room,
      left,
      outs[i] as Float64Array,
      undefined,
      sizes,
    );
    selected += got;
    left -= got;
  }
  return selected;
}
