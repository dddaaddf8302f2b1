import { describe, expect, it } from 'vitest';
import { type Cells, drawLottery, drawProRata, drawQueue } from '../../src/engine/select.js';
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
