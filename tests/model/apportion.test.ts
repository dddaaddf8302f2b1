import { describe, expect, it } from 'vitest';
import { apportion } from '../../src/model/apportion.js';
import { fc, test } from '../helpers/prop.js';

const CA_IDS = ['GT', 'HN', 'NI', 'SV', 'CR', 'PA', 'BZ'];
const CA_POP = [17915568, 9904607, 6624554, 6486205, 5094118, 4314767, 397628];

describe('apportion', () => {
  it('gives each Central American country its largest-remainder share of 150,000 by 2020 population', () => {
    // Quotas: GT 52,965.3…, HN 29,281.6…, NI 19,584.8…, SV 19,175.8…, CR 15,060.2…, PA 12,756.0…, BZ 1,175.5…
    // Floors sum to 149,996; the 4 left go to the largest remainders: NI (.8x), SV (.8x), HN (.6x), BZ (.5x).
    expect(apportion(150000, CA_POP, CA_IDS)).toEqual([52965, 29282, 19585, 19176, 15060, 12756, 1176]);
  });

  it("D'Hondt favours the largest country and Jefferson is the same method", () => {
    const d = apportion(150000, CA_POP, CA_IDS, 'dhondt');
    expect(d).toEqual(apportion(150000, CA_POP, CA_IDS, 'jefferson'));
    expect(d[0]).toBeGreaterThanOrEqual(52965);
    expect(d.reduce((a, b) => a + b, 0)).toBe(150000);
  });

  it('breaks ties by group id, smaller id first', () => {
    expect(apportion(1, [1, 1], ['B', 'A'])).toEqual([0, 1]);
    expect(apportion(3, [1, 1, 1, 1], ['D', 'C', 'B', 'A'])).toEqual([0, 1, 1, 1]);
    expect(apportion(1, [1, 1], ['B', 'A'], 'sainte-lague')).toEqual([0, 1]);
  });

  it('gives nothing to zero weights and splits evenly when every weight is zero', () => {
    expect(apportion(10, [0, 5, 5], ['A', 'B', 'C'])).toEqual([0, 5, 5]);
    expect(apportion(4, [0, 0], ['A', 'B'])).toEqual([2, 2]);
  });

  test.prop([
    fc.integer({ min: 0, max: 5_000_000 }),
    fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 12 }),
    fc.constantFrom('largest-remainder', 'dhondt', 'sainte-lague' as const),
  ])('sums exactly to the total for arbitrary totals and weights', (total, weights, method) => {
    const ids = weights.map((_, i) => `G${String(i).padStart(2, '0')}`);
    const parts = apportion(total, weights, ids, method as 'largest-remainder');
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    for (const p of parts) expect(Number.isInteger(p) && p >= 0).toBe(true);
  });

  test.prop([
    fc.integer({ min: 0, max: 100_000 }),
    fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }),
  ])('largest remainder stays within one of each exact quota', (total, weights) => {
    const sum = weights.reduce((a, b) => a + b, 0);
    const parts = apportion(
      total,
      weights,
      weights.map((_, i) => String(i)),
    );
    parts.forEach((p, i) => {
      const q = (total * (weights[i] as number)) / sum;
      expect(p).toBeGreaterThanOrEqual(Math.floor(q + 1e-9));
      expect(p).toBeLessThanOrEqual(Math.ceil(q - 1e-9));
    });
  });
});

/** Reference: hand out one number at a time to the highest quotient (ties: smaller id). */
function naiveDivisor(total: number, weights: number[], ids: string[], webster: boolean): number[] {
  const parts = weights.map(() => 0);
  for (let k = 0; k < total; k++) {
    let best = -1;
    for (let i = 0; i < weights.length; i++) {
      if ((weights[i] as number) <= 0) continue;
      const q = (weights[i] as number) / (webster ? 2 * (parts[i] as number) + 1 : (parts[i] as number) + 1);
      const bq =
        best < 0
          ? -1
          : (weights[best] as number) /
            (webster ? 2 * (parts[best] as number) + 1 : (parts[best] as number) + 1);
      if (best < 0 || q > bq || (q === bq && (ids[i] as string) < (ids[best] as string))) best = i;
    }
    parts[best] = (parts[best] as number) + 1;
  }
  return parts;
}

describe('divisor methods', () => {
  test.prop([
    fc.integer({ min: 0, max: 300 }),
    fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 8 }),
    fc.boolean(),
  ])('equal handing out numbers one by one to the highest quotient', (total, weights, webster) => {
    const ids = weights.map((_, i) => `G${i}`);
    expect(apportion(total, weights, ids, webster ? 'sainte-lague' : 'dhondt')).toEqual(
      naiveDivisor(total, weights, ids, webster),
    );
  });
});
