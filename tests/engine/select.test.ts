import { describe, expect, it } from 'vitest';
import {
  type Cells,
  drawLottery,
  drawLotteryInRounds,
  drawProRata,
  drawQueue,
} from '../../src/engine/select.js';
import { streamFor } from '../../src/random/stream.js';

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
