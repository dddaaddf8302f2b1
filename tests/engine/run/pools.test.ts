/**
 * Pools in a run: `resplit` with a step method (fcfs, uscis, queue, mix) at the end of the period
 * gives the numbers of groups that could not use their part to the groups still short, as a lottery
 * does before its draw. Without it those numbers lapse.
 */
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../../src/engine/run.js';
import { cell, makeModel } from '../../helpers/model.js';

/** 3,000 numbers split by population (100 / 300 / 600); group A asks for 60, B and C for 6,000 each. */
const model = (select: unknown, resplit: boolean) =>
  makeModel({
    calendar: { start: '2023-10-01', years: 1 },
    programs: [
      {
        id: 'prog',
        title: 'P',
        demand: { per_year: 'id == "A" ? 60 : 6000', noise: 'none' },
        not_selected: { reapply: 1, wait: 'step' },
        pools: [{ id: 'main', cap: 3000, select, split: { by: 'population', resplit } }],
      },
    ],
  });

const METHODS = [
  'queue',
  'fcfs',
  'uscis',
  {
    method: 'mix',
    parts: [
      { method: 'queue', share: 0.5 },
      { method: 'lottery', share: 0.5 },
    ],
  },
];

describe('resplit with a step method', () => {
  it.each(METHODS.map((s) => [typeof s === 'string' ? s : s.method, s]))(
    'gives the part a group cannot use to the groups still short (%s)',
    (_, select) => {
      const get = (m: ReturnType<typeof model>, out: Float64Array, metric: string, group = '') =>
        cell(m, out, { pool: 'main', group, period: 'FY2024', metric });
      const without = model(select, false);
      const a = simulateRun(without, 0, 'rs');
      // parts 300 / 900 / 1,800: A uses 60 of its 300, the other 240 lapse
      expect(get(without, a, 'issued')).toBe(2760);
      expect(get(without, a, 'unused')).toBe(240);
      const withIt = model(select, true);
      const b = simulateRun(withIt, 0, 'rs');
      expect(get(withIt, b, 'issued')).toBe(3000);
      expect(get(withIt, b, 'unused')).toBe(0);
      expect(get(withIt, b, 'issued', 'A')).toBe(60);
      // A's 240 are re-split between B and C by population (1 : 2)
      expect(get(withIt, b, 'cap', 'B')).toBe(980);
      expect(get(withIt, b, 'cap', 'C')).toBe(1960);
      expect(get(withIt, b, 'issued', 'B') + get(withIt, b, 'issued', 'C')).toBe(2940);
    },
  );
});

describe('resplit under limits', () => {
  /** 3,000 split by population (100 / 300 / 600), every group asking for 6,000, at most 1,200 each. */
  const limited = (select: unknown, limit: 'pool' | 'ceiling') =>
    makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_year: 6000, noise: 'none' },
          not_selected: { reapply: 1, wait: 'step' },
          pools: [
            {
              id: 'main',
              cap: 3000,
              select,
              split: { by: 'population', resplit: true },
              ...(limit === 'pool' ? { limit_per_group: { amount: 1200 } } : {}),
            },
          ],
        },
      ],
      ...(limit === 'ceiling'
        ? { ceilings: [{ id: 'c', pools: ['main'], per_group: { amount: 1200 } }] }
        : {}),
    });

  it.each([
    ['lottery', 'pool'],
    ['lottery', 'ceiling'],
    ['queue', 'pool'],
    ['fcfs', 'ceiling'],
  ] as const)(
    'gives what a limit keeps from a group to the groups still short (%s, %s limit)',
    (select, limit) => {
      const m = limited(select, limit);
      const out = simulateRun(m, 0, 'limits');
      const get = (metric: string, group = '') =>
        cell(m, out, { pool: 'main', group, period: 'FY2024', metric });
      // C's 1,800 are cut to 1,200 and B's 900 + 450 to 1,200: A gets the 600 left over
      expect([get('issued', 'A'), get('issued', 'B'), get('issued', 'C')]).toEqual([600, 1200, 1200]);
      expect(get('unused')).toBe(0);
    },
  );
});
