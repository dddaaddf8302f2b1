import { describe, expect, it } from 'vitest';
import {
  bd0,
  logBinomialPmf,
  logFactorial,
  logHypergeometricPmf,
  logPoissonPmf,
  stirlerr,
} from '../../src/random/special.js';

/** Hörmann's (1993) table of fc(k) = stirlerr(k + 1), k = 0..9, as printed in BTRD implementations. */
const FC_TABLE = [
  0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509, 0.01664469118982119,
  0.01387612882307075, 0.01189670994589177, 0.01041126526197209, 0.009255462182712733, 0.008330563433362871,
];

function sumExp(logf: (k: number) => number, lo: number, hi: number): number {
  let s = 0;
  for (let k = lo; k <= hi; k++) s += Math.exp(logf(k));
  return s;
}

describe('stirlerr and logFactorial', () => {
  it('match the published fc table', () => {
    FC_TABLE.forEach((fc, k) => {
      expect(Math.abs(stirlerr(k + 1) - fc)).toBeLessThan(1e-14);
    });
  });

  it('switch from table to series without a jump', () => {
    for (const n of [15, 16, 35, 36, 80, 81, 500, 501]) {
      const direct = logFactorial(n) - ((n + 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI));
      expect(Math.abs(stirlerr(n) - direct)).toBeLessThan(1e-12);
    }
  });

  it('gives log(n!) exactly for small n and continues smoothly past the table', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 12);
    let s = 0;
    for (let i = 2; i <= 300; i++) s += Math.log(i);
    expect(logFactorial(300)).toBeCloseTo(s, 9);
    expect(logFactorial(256) - logFactorial(255)).toBeCloseTo(Math.log(256), 10);
  });
});

describe('bd0', () => {
  it('equals x log(x/np) + np - x on both branches', () => {
    for (const [x, np] of [
      [10, 10.5],
      [100, 80],
      [5, 50],
      [1e7, 1e7 - 3000],
    ] as const) {
      const direct = x * Math.log(x / np) + np - x;
      expect(bd0(x, np)).toBeCloseTo(direct, 6);
    }
    expect(bd0(1000, 1000)).toBe(0);
  });
});

describe('log-pmfs', () => {
  it('binomial pmf matches the direct formula and sums to 1', () => {
    const direct =
      logFactorial(100) - logFactorial(30) - logFactorial(70) + 30 * Math.log(0.3) + 70 * Math.log(0.7);
    expect(logBinomialPmf(30, 100, 0.3, 0.7)).toBeCloseTo(direct, 12);
    expect(sumExp((k) => logBinomialPmf(k, 100, 0.3, 0.7), 0, 100)).toBeCloseTo(1, 13);
    expect(sumExp((k) => logBinomialPmf(k, 1e7, 0.01, 0.99), 90_000, 110_000)).toBeCloseTo(1, 12);
    expect(logBinomialPmf(0, 10, 0.05, 0.95)).toBeCloseTo(10 * Math.log(0.95), 14);
    expect(logBinomialPmf(10, 10, 0.5, 0.5)).toBeCloseTo(10 * Math.log(0.5), 14);
    expect(logBinomialPmf(-1, 10, 0.5, 0.5)).toBe(Number.NEGATIVE_INFINITY);
    expect(logBinomialPmf(11, 10, 0.5, 0.5)).toBe(Number.NEGATIVE_INFINITY);
    expect(logBinomialPmf(0, 10, 0, 1)).toBe(0);
    expect(logBinomialPmf(10, 10, 1, 0)).toBe(0);
  });

  it('Poisson pmf matches the direct formula and sums to 1', () => {
    expect(logPoissonPmf(12, 10)).toBeCloseTo(-10 + 12 * Math.log(10) - logFactorial(12), 13);
    expect(logPoissonPmf(0, 3)).toBe(-3);
    expect(logPoissonPmf(0, 0)).toBe(0);
    expect(logPoissonPmf(1, 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(sumExp((k) => logPoissonPmf(k, 7.5), 0, 100)).toBeCloseTo(1, 13);
    expect(sumExp((k) => logPoissonPmf(k, 1e6), 1e6 - 10_000, 1e6 + 10_000)).toBeCloseTo(1, 12);
  });

  it('hypergeometric pmf matches the direct formula and sums to 1', () => {
    const lf = logFactorial;
    const direct = lf(10) - lf(3) - lf(7) + lf(20) - lf(5) - lf(15) - lf(30) + lf(8) + lf(22);
    expect(logHypergeometricPmf(3, 10, 20, 8)).toBeCloseTo(direct, 12);
    expect(sumExp((k) => logHypergeometricPmf(k, 10, 20, 8), 0, 8)).toBeCloseTo(1, 13);
    expect(sumExp((k) => logHypergeometricPmf(k, 3e6, 7e6, 1e6), 3e5 - 5000, 3e5 + 5000)).toBeCloseTo(1, 12);
    expect(logHypergeometricPmf(0, 5, 5, 0)).toBe(0);
    expect(logHypergeometricPmf(5, 5, 5, 10)).toBe(0);
    expect(logHypergeometricPmf(6, 5, 5, 10)).toBe(Number.NEGATIVE_INFINITY);
    expect(logHypergeometricPmf(0, 5, 3, 4)).toBe(Number.NEGATIVE_INFINITY); // at least 1 good among 4 of 5+3
  });
});
