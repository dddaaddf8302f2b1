import { describe, expect, it } from 'vitest';
import {
  type Cells,
  drawLottery,
  drawLotteryInRounds,
  drawLotteryListed,
  drawProRata,
  drawQueue,
} from '../../src/engine/select.js';
import { multivariateHypergeometric } from '../../src/random/multivariate-hypergeometric.js';
import type { Rng } from '../../src/random/stream.js';
import { streamFor } from '../../src/random/stream.js';
import { weightedSampleWithoutReplacement } from '../../src/random/weighted-sample.js';
import { fc, test } from '../helpers/prop.js';

const cells = (groups: number): Cells => ({
  cellGroup: Int32Array.from({ length: groups }, (_, i) => i),
  groups,
  cellIds: Array.from({ length: groups }, (_, i) => String.fromCharCode(65 + i)),
});

describe('drawLottery', () => {
  it('gives every group the same selection rate within sampling error (chi-square over many seeds)', () => {
    const avail = [1000, 3000, 6000];
    const n = 2000;
    const totals = [0, 0, 0];
    const draws = 300;
    for (let s = 0; s < draws; s++) {
      const out = new Float64Array(3);
      drawLottery(
        streamFor('fair', s, 'lottery'),
        cells(3),
        avail,
        new Float64Array(3).fill(Infinity),
        n,
        out,
      );
      expect(out.reduce((a, b) => a + b, 0)).toBe(n);
      out.forEach((v, i) => {
        totals[i] = (totals[i] as number) + v;
      });
    }
    // Expected per group: draws × n × share; chi-square with 2 degrees of freedom, 0.1% critical value 13.8.
    const sum = avail.reduce((a, b) => a + b, 0);
    const chi2 = avail.reduce((acc, a, i) => {
      const e = (draws * n * a) / sum;
      return acc + ((totals[i] as number) - e) ** 2 / e;
    }, 0);
    expect(chi2).toBeLessThan(13.8);
  });

  it('follows the weights in a weighted lottery', () => {
    // Equal counts, weights 1:2:4, few draws relative to the counts: shares ≈ 1/7, 2/7, 4/7.
    const totals = [0, 0, 0];
    for (let s = 0; s < 200; s++) {
      const out = new Float64Array(3);
      drawLottery(
        streamFor('w', s, 'lottery'),
        cells(3),
        [100000, 100000, 100000],
        new Float64Array(3).fill(Infinity),
        700,
        out,
        [1, 2, 4],
      );
      out.forEach((v, i) => {
        totals[i] = (totals[i] as number) + v;
      });
    }
    const all = totals.reduce((a, b) => a + b, 0);
    expect((totals[0] as number) / all).toBeCloseTo(1 / 7, 2);
    expect((totals[1] as number) / all).toBeCloseTo(2 / 7, 2);
    expect((totals[2] as number) / all).toBeCloseTo(4 / 7, 2);
  });

  it('skips groups that are full and redraws their numbers among the others', () => {
    const out = new Float64Array(2);
    const room = Float64Array.from([10, Infinity]);
    const got = drawLottery(streamFor('room', 0, 'x'), cells(2), [1000, 1000], room, 500, out);
    expect(got).toBe(500);
    expect(out[0]).toBe(10);
    expect(out[1]).toBe(490);
    expect(room[0]).toBe(0);
  });

  it('takes everyone when numbers exceed applicants', () => {
    const out = new Float64Array(2);
    expect(
      drawLottery(streamFor('all', 0, 'x'), cells(2), [3, 4], new Float64Array(2).fill(Infinity), 100, out),
    ).toBe(7);
    expect(Array.from(out)).toEqual([3, 4]);
  });
});

/** Groups of several cells (segments): group g holds cells g·S .. g·S + S − 1. */
const segmented = (groups: number, S: number): Cells => {
  const cellGroup = Int32Array.from({ length: groups * S }, (_, c) => Math.floor(c / S));
  return {
    cellGroup,
    groups,
    cellIds: Array.from(cellGroup, (g, c) => `${g}:${c % S}`),
    members: Array.from({ length: groups }, (_, g) => Int32Array.from({ length: S }, (_, s) => g * S + s)),
  };
};

/** |mean(xs) − expected| in standard errors of the mean (0 when xs are all exactly `expected`). */
function zScore(xs: Float64Array, expected: number): number {
  const n = xs.length;
  const avg = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - avg) ** 2, 0) / (n - 1));
  const diff = Math.abs(avg - expected);
  return sd > 0 ? diff / (sd / Math.sqrt(n)) : diff < 1e-9 ? 0 : Number.POSITIVE_INFINITY;
}

describe('drawLottery group by group (its fast path)', () => {
  // Three groups of three segments; rooms that add up to the numbers (a split pool), one group with
  // fewer applicants than its room, one unlimited group with few applicants.
  const cases = [
    { avail: [50, 30, 20, 5, 5, 0, 400, 100, 500], room: [60, 15, 300], n: 375 },
    { avail: [3, 9, 0, 40, 1, 1, 7, 0, 2], room: [Infinity, 10, 4], n: 30 },
    { avail: [1000, 1, 1, 0, 0, 0, 10, 20, 30], room: [999, 0, 59], n: 2000 },
  ];

  it('gives the same distribution as the lottery in rounds: group totals exact, segments alike', () => {
    for (const { avail, room, n } of cases) {
      const C = avail.length;
      const draws = 4000;
      const at = (xs: ArrayLike<number>, i: number) => xs[i] as number;
      const groupSum = (xs: ArrayLike<number>, g: number) =>
        at(xs, 3 * g) + at(xs, 3 * g + 1) + at(xs, 3 * g + 2);
      // per method: every draw's count of each cell, the totals (all, per group) and the rooms left
      const methods = [drawLottery, drawLotteryInRounds].map((draw, m) => {
        const values = Array.from({ length: C }, () => new Float64Array(draws));
        const totals = new Set<string>();
        const roomsLeft = new Set<string>();
        let tooMany = 0;
        for (let s = 0; s < draws; s++) {
          const out = new Float64Array(C);
          const r = Float64Array.from(room);
          const got = draw(streamFor('by-group', s, String(m)), segmented(3, 3), avail, r, n, out);
          totals.add([got, groupSum(out, 0), groupSum(out, 1), groupSum(out, 2)].join());
          roomsLeft.add(Array.from(r).join());
          for (let c = 0; c < C; c++) {
            if (at(out, c) > at(avail, c)) tooMany++;
            (values[c] as Float64Array)[s] = at(out, c);
          }
        }
        return { values, totals: [...totals], roomsLeft: [...roomsLeft], tooMany };
      });
      const [fast, rounds] = methods as [(typeof methods)[0], (typeof methods)[0]];
      // Every group gets min(room, applicants), by either method, and the rooms are left alike.
      const k = [0, 1, 2].map((g) => Math.min(at(room, g), groupSum(avail, g)));
      expect(fast.totals).toEqual([[k.reduce((a, b) => a + b, 0), ...k].join()]);
      expect(rounds.totals).toEqual(fast.totals);
      expect(rounds.roomsLeft).toEqual(fast.roomsLeft);
      expect(fast.tooMany + rounds.tooMany).toBe(0);
      // Within a group of A applicants that gets k, a cell of a applicants has k·a/A selected on
      // average, with the hypergeometric variance: both methods, within 5 standard errors.
      for (let c = 0; c < C; c++) {
        const g = Math.floor(c / 3);
        const A = groupSum(avail, g);
        const kg = at(k, g);
        const p = A > 0 ? at(avail, c) / A : 0;
        const mean = kg * p;
        const variance = A > 1 ? (kg * p * (1 - p) * (A - kg)) / (A - 1) : 0;
        for (const { values } of methods) {
          const xs = values[c] as Float64Array;
          expect(zScore(xs, mean), `cell ${c} mean`).toBeLessThan(5);
          expect(
            zScore(
              xs.map((x) => (x - mean) ** 2),
              variance,
            ),
            `cell ${c} variance`,
          ).toBeLessThan(5);
        }
      }
    }
  });

  it('is not taken when the numbers are short for some who could still get one', () => {
    // No room limits and more applicants than numbers: both ways make the same single draw.
    const avail = [100, 200, 50, 50, 0, 300];
    const n = 333;
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    drawLottery(streamFor('short', 0, 'x'), segmented(2, 3), avail, new Float64Array(2).fill(Infinity), n, a);
    drawLotteryInRounds(
      streamFor('short', 0, 'x'),
      segmented(2, 3),
      avail,
      new Float64Array(2).fill(Infinity),
      n,
      b,
    );
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('drawLotteryListed (the lottery over the cells a cohort lists)', () => {
  // Groups of S segments, group-major as in the engine; some cells empty. The list names the
  // non-empty cells; drawLottery is given every cell of a mask that holds them (`nonZero`), or none.
  const arb = fc
    .record({
      groups: fc.integer({ min: 1, max: 5 }),
      S: fc.integer({ min: 1, max: 6 }),
      seed: fc.string({ maxLength: 6 }),
    })
    .chain(({ groups, S, seed }) =>
      fc.record({
        groups: fc.constant(groups),
        S: fc.constant(S),
        seed: fc.constant(seed),
        avail: fc.array(
          fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 5000 })),
          {
            minLength: groups * S,
            maxLength: groups * S,
          },
        ),
        // cells of the mask beyond the non-empty ones
        extra: fc.array(fc.boolean(), { minLength: groups * S, maxLength: groups * S }),
        room: fc.array(fc.oneof(fc.constant(Infinity), fc.constant(0), fc.integer({ min: 0, max: 3000 })), {
          minLength: groups,
          maxLength: groups,
        }),
        n: fc.integer({ min: 1, max: 20000 }),
        // or n near what the groups can take at most (where the fast path stops)
        near: fc.option(fc.integer({ min: -2, max: 2 }), { nil: undefined }),
        withMask: fc.boolean(),
      }),
    );

  test.prop([arb], { numRuns: 400 })(
    'draws what drawLottery draws, with the same uniforms',
    ({ groups, S, seed, avail, extra, room, n: given, near, withMask }) => {
      const C = groups * S;
      let reachable = 0;
      for (let g = 0; g < groups; g++) {
        const a = avail.slice(g * S, (g + 1) * S).reduce((x, y) => x + y, 0);
        reachable += Math.min(room[g] as number, a);
      }
      const n = near === undefined ? given : Math.max(1, reachable + near);
      const list = Int32Array.from(avail.flatMap((a, c) => (a > 0 ? [c] : [])));
      const mask = Int32Array.from(avail.flatMap((a, c) => (a > 0 || extra[c] ? [c] : [])));
      const a = streamFor(seed, 0, 'listed');
      const b = streamFor(seed, 0, 'listed');
      const roomA = Float64Array.from(room);
      const roomB = Float64Array.from(room);
      const outA = new Float64Array(C);
      const outB = new Float64Array(C);
      const cellsA = segmented(groups, S);
      const want = drawLottery(
        a,
        cellsA,
        avail,
        roomA,
        n,
        outA,
        undefined,
        undefined,
        withMask ? mask : undefined,
      );
      // a longer buffer than the list: only its first `len` entries count
      const buf = new Int32Array(C + 3).fill(-1);
      buf.set(list);
      const got = drawLotteryListed(b, segmented(groups, S), avail, roomB, n, outB, buf, list.length);
      expect(got).toBe(want);
      expect(Array.from(outB)).toEqual(Array.from(outA));
      expect(Array.from(roomB)).toEqual(Array.from(roomA));
      expect(b()).toBe(a()); // the streams are at the same place
    },
  );
});

describe('drawProRata and drawQueue', () => {
  it('cuts everyone by the same proportion, exactly', () => {
    const out = new Float64Array(3);
    drawProRata(cells(3), [100, 300, 601], new Float64Array(3).fill(Infinity), 500, out);
    expect(Array.from(out)).toEqual([50, 150, 300]);
  });

  it('serves older cohorts entirely before newer ones', () => {
    const outs = [new Float64Array(2), new Float64Array(2)];
    drawQueue(
      streamFor('q', 0, 'x'),
      cells(2),
      [
        [30, 0],
        [0, 100],
      ],
      new Float64Array(2).fill(Infinity),
      50,
      outs,
    );
    expect(Array.from(outs[0] as Float64Array)).toEqual([30, 0]);
    expect(Array.from(outs[1] as Float64Array)).toEqual([0, 20]);
  });
});

describe('applications that carry several persons (sizes)', () => {
  // Cells: group A sizes 1, 5, 20; group B sizes 2, 10.
  const sized: Cells = {
    cellGroup: Int32Array.from([0, 0, 0, 1, 1]),
    groups: 2,
    cellIds: ['A1', 'A5', 'A20', 'B2', 'B10'],
  };
  const w = [1, 5, 20, 2, 10];
  const persons = (out: ArrayLike<number>) =>
    Array.from(out).reduce((a, v, c) => a + v * (w[c] as number), 0);

  /** The rule itself, one application at a time: a random order, each taken when it still fits. */
  function naiveWalk(seed: number, avail: number[], room: number[], n: number, admit: boolean): number[] {
    const rng = streamFor('walk', seed, 'naive');
    const apps: number[] = avail.flatMap((k, c) => new Array<number>(k).fill(c));
    for (let i = apps.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [apps[i], apps[j]] = [apps[j] as number, apps[i] as number];
    }
    const out = avail.map(() => 0);
    const left = [...room];
    let total = n;
    for (const c of apps) {
      const g = sized.cellGroup[c] as number;
      const size = w[c] as number;
      const fits = admit
        ? total > 0 && (left[g] as number) > 0
        : size <= total && size <= (left[g] as number);
      if (!fits) continue;
      out[c] = (out[c] as number) + 1;
      total -= size;
      left[g] = (left[g] as number) - size;
    }
    return out;
  }

  test.prop(
    [
      fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 5, maxLength: 5 }),
      fc.integer({ min: 0, max: 400 }),
      fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 300 })),
      fc.boolean(),
      fc.constantFrom('lottery', 'weighted', 'pro-rata'),
      fc.integer({ min: 0, max: 1000 }),
    ],
    { numRuns: 300 },
  )(
    'select whole applications, never past the numbers or a group room with skip',
    (avail, n, roomA, admit, method, seed) => {
      const out = new Float64Array(5);
      const room = Float64Array.from([roomA, Infinity]);
      const sizes = { w, admit };
      const got =
        method === 'pro-rata'
          ? drawProRata(sized, avail, room, n, out, sizes)
          : drawLottery(
              streamFor('sized', seed, 'x'),
              sized,
              avail,
              room,
              n,
              out,
              method === 'weighted' ? [1, 2, 3, 1, 5] : undefined,
              sizes,
            );
      for (let c = 0; c < 5; c++) {
        expect(Number.isInteger(out[c])).toBe(true);
        expect(out[c]).toBeGreaterThanOrEqual(0);
        expect(out[c]).toBeLessThanOrEqual(avail[c] as number);
      }
      expect(got).toBe(persons(out));
      const inA = [0, 1, 2].reduce((a, c) => a + (out[c] as number) * (w[c] as number), 0);
      if (!admit) {
        expect(got).toBeLessThanOrEqual(n);
        expect(inA).toBeLessThanOrEqual(roomA);
      } else {
        // past the numbers by less than one application
        expect(got).toBeLessThan(n + 20);
      }
      // Nothing that still fits is left out (skip): every cell with applications left is too large.
      if (!admit && method !== 'pro-rata')
        for (let c = 0; c < 5; c++) {
          if ((out[c] as number) >= (avail[c] as number)) continue;
          const g = sized.cellGroup[c] as number;
          const groupLeft = g === 0 ? roomA - inA : Infinity;
          expect((w[c] as number) > n - got || (w[c] as number) > groupLeft).toBe(true);
        }
    },
  );

  it('draw as the walk through a random order does: same mean per cell (rounds against one at a time)', () => {
    const avail = [30, 20, 10, 25, 15];
    const draws = 3000;
    for (const admit of [false, true]) {
      for (const [n, roomA] of [
        [200, Infinity],
        [300, 120],
      ] as const) {
        const fast = [0, 0, 0, 0, 0];
        const slow = [0, 0, 0, 0, 0];
        for (let s = 0; s < draws; s++) {
          const out = new Float64Array(5);
          drawLottery(
            streamFor('rounds', s, 'x'),
            sized,
            avail,
            Float64Array.from([roomA, Infinity]),
            n,
            out,
            undefined,
            {
              w,
              admit,
            },
          );
          const ref = naiveWalk(s, avail, [roomA, Infinity], n, admit);
          for (let c = 0; c < 5; c++) {
            fast[c] = (fast[c] as number) + (out[c] as number);
            slow[c] = (slow[c] as number) + (ref[c] as number);
          }
        }
        // Means per cell within 4 standard errors (counts ≤ avail, so sd ≤ avail/2 per draw).
        for (let c = 0; c < 5; c++) {
          const se = ((avail[c] as number) / 2) * Math.sqrt(2 / draws);
          expect(
            Math.abs((fast[c] as number) - (slow[c] as number)) / draws,
            `cell ${c}, admit ${admit}, n ${n}`,
          ).toBeLessThan(4 * se + 1e-9);
        }
      }
    }
  });

  /**
   * The rounds as they were written before they kept a list of the cells that fit: every cell in
   * every round, the sample drawn over all of them. drawLottery with sizes must give the same
   * draws from the same uniforms.
   */
  function roundsOverEveryCell(
    rng: Rng,
    c: Cells,
    avail: number[],
    room: Float64Array,
    n: number,
    out: Float64Array,
    sizes: { w: number[]; admit: boolean },
    weights?: number[],
  ): number {
    const C = avail.length;
    const remaining = [...avail];
    let left = n;
    let selected = 0;
    while (left > 0) {
      const act = new Float64Array(C);
      const wmaxG = new Float64Array(c.groups);
      let total = 0;
      let wmax = 0;
      for (let i = 0; i < C; i++) {
        const g = c.cellGroup[i] as number;
        const size = sizes.w[i] as number;
        const r = room[g] as number;
        const fits = sizes.admit ? r > 0 : size <= left && size <= r;
        const a = fits ? (remaining[i] as number) : 0;
        act[i] = a;
        if (a <= 0) continue;
        total += a;
        wmax = Math.max(wmax, size);
        wmaxG[g] = Math.max(wmaxG[g] as number, size);
      }
      if (total === 0) break;
      let k = sizes.admit ? Math.ceil(left / wmax) : Math.floor(left / wmax);
      for (let g = 0; g < c.groups; g++) {
        const m = wmaxG[g] as number;
        const r = room[g] as number;
        if (m <= 0 || r === Number.POSITIVE_INFINITY) continue;
        k = Math.min(k, sizes.admit ? Math.ceil(r / m) : Math.floor(r / m));
      }
      k = Math.max(1, Math.min(k, total));
      const draw = weights
        ? weightedSampleWithoutReplacement(rng, act, weights, k)
        : multivariateHypergeometric(rng, act, k);
      for (let i = 0; i < C; i++) {
        const d = draw[i] as number;
        if (d === 0) continue;
        const persons = d * (sizes.w[i] as number);
        const g = c.cellGroup[i] as number;
        out[i] = (out[i] as number) + d;
        remaining[i] = (remaining[i] as number) - d;
        room[g] = (room[g] as number) - persons;
        left -= persons;
        selected += persons;
      }
    }
    for (let g = 0; g < c.groups; g++) if ((room[g] as number) < 0) room[g] = 0;
    return selected;
  }

  test.prop(
    [
      fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 5, maxLength: 5 }),
      fc.integer({ min: 0, max: 600 }),
      fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 300 })),
      fc.boolean(),
      fc.boolean(),
      fc.integer({ min: 0, max: 1000 }),
    ],
    { numRuns: 400 },
  )(
    'draw the cells that fit only: the same draws, rooms and uniforms as rounds over every cell',
    (avail, n, roomA, admit, weighted, seed) => {
      const sizes = { w, admit };
      const weights = weighted ? [1, 2, 3, 1, 5] : undefined;
      const run = (f: typeof roundsOverEveryCell) => {
        const rng = streamFor('fit', seed, 'x');
        const out = new Float64Array(5);
        const room = Float64Array.from([roomA, Infinity]);
        const got = f(rng, sized, avail, room, n, out, sizes, weights);
        return { got, out: Array.from(out), room: Array.from(room), next: rng() };
      };
      expect(
        run((rng, c, a, room, n2, out, sz, wt) => drawLottery(rng, c, a, room, n2, out, wt, sz)),
      ).toEqual(run(roundsOverEveryCell));
    },
  );

  it('pro rata: the same share of every cell, in whole applications, the numbers used as far as they go', () => {
    const out = new Float64Array(5);
    const got = drawProRata(sized, [10, 10, 10, 10, 10], Float64Array.from([Infinity, Infinity]), 190, out, {
      w,
      admit: false,
    });
    // 380 persons apply for 190: half of each cell, 5 applications of each: 5 × (1 + 5 + 20 + 2 + 10) = 190
    expect(Array.from(out)).toEqual([5, 5, 5, 5, 5]);
    expect(got).toBe(190);
  });
});
