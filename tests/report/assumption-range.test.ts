import { describe, expect, it } from 'vitest';
import {
  assumptionRange,
  distributionText,
  resolvedOf,
  withRanges,
} from '../../src/report/assumption-range.js';

describe('assumptionRange', () => {
  const resolved = {
    parameters: [
      { id: 'take_up', uniform: [0.2, 0.6] },
      { id: 'interest', triangular: [0.001, 0.003, 0.006] },
      { id: 'growth', normal: { mean: 0.03, sd: 0.02 } },
      { id: 'cut', choice: { values: ['2022-10-12', '2022-10-19'] } },
      { id: 'b', beta: { a: 2, b: 6 } },
      { id: 'fixed', value: 150000 },
    ],
    attributes: [{ id: 'returning_worker', share: 0.4 }],
    programs: [{ id: 'work-visas', demand: { per_year: 'take_up * encounters' } }],
  };

  it('says each distribution in words', () => {
    expect(assumptionRange(resolved, 'take_up')).toBe('uniform from 0.2 to 0.6');
    expect(assumptionRange(resolved, 'interest')).toBe('triangular from 0.001 to 0.006, most likely 0.003');
    expect(assumptionRange(resolved, 'growth')).toBe('normal, mean 0.03, sd 0.02');
    expect(assumptionRange(resolved, 'cut')).toBe('one of 2022-10-12, 2022-10-19, equally likely');
    expect(assumptionRange(resolved, 'b')).toBe('beta(2, 6) on 0–1, mean 0.25');
    expect(assumptionRange(resolved, 'fixed')).toBe('fixed at 150,000');
  });

  it('reads attributes and demand formulas, and nothing it does not know', () => {
    expect(assumptionRange(resolved, 'returning_worker')).toBe('a share of 0.4');
    expect(assumptionRange(resolved, 'work-visas.demand')).toBe('demand per year: take_up * encounters');
    expect(assumptionRange(resolved, 'nope')).toBeUndefined();
    expect(assumptionRange(undefined, 'take_up')).toBeUndefined();
    expect(distributionText({})).toBeUndefined();
  });
});

describe('withRanges', () => {
  const a = { parameters: [{ id: 'take_up', uniform: [0.2, 0.6] }] };
  const b = { parameters: [{ id: 'take_up', uniform: [0.3, 0.6] }] };

  it('adds the range of each assumption, per side where the two scenarios differ', () => {
    expect(withRanges([{ id: 'take_up', text: 't' }], { a })).toEqual([
      { id: 'take_up', text: 't', range: 'uniform from 0.2 to 0.6' },
    ]);
    expect(withRanges([{ id: 'take_up', text: 't', tag: 'A and B' }], { a, b })[0]?.range).toBe(
      'A: uniform from 0.2 to 0.6; B: uniform from 0.3 to 0.6',
    );
    expect(withRanges([{ id: 'take_up', text: 't', tag: 'B' }], { a, b })[0]?.range).toBe(
      'uniform from 0.3 to 0.6',
    );
    expect(withRanges([{ id: 'other', text: 't' }], { a })).toEqual([{ id: 'other', text: 't' }]);
  });

  it('reads the resolved scenario from a manifest, or from one side of a comparison', () => {
    expect(resolvedOf({ scenario: { resolved: a } })).toBe(a);
    expect(resolvedOf({ b: { scenario: { resolved: b } } }, 'b')).toBe(b);
    expect(resolvedOf({})).toBeUndefined();
  });
});
