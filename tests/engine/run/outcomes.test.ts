/**
 * What happens to applicants not selected, by reason and group (`not_selected.rules`): the reason
 * is `ineligible` (no pool of the program takes them), `over_limit` (a pool they could use still had
 * numbers but could not give them one) or `not_drawn` (their pools ran out), and the first matching
 * rule gives the shares. Shares of 0 and 1 make the flows exact.
 */
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../../src/engine/run.js';
import { cell, makeModel } from '../../helpers/model.js';

const model = (pool: Record<string, unknown>, rules: Record<string, unknown>[], perYear = 'population') =>
  makeModel({
    calendar: { start: '2023-10-01', years: 1 },
    groups: {
      rows: [
        { id: 'A', name: 'Alpha', population: 600, region: 'north' },
        { id: 'B', name: 'Beta', population: 120, region: 'south' },
      ],
    },
    programs: [
      {
        id: 'prog',
        title: 'P',
        demand: { per_year: perYear, noise: 'none' },
        not_selected: { reapply: 0, divert: 0, rules },
        pools: [{ id: 'main', select: 'fcfs', ...pool }],
      },
    ],
  });
const diverted = (m: ReturnType<typeof model>, group: string) =>
  cell(m, simulateRun(m, 0, 'step'), { group, metric: 'diverted' });

describe('not_selected.rules', () => {
  it('gives those eligible for no pool their own shares', () => {
    const m = model({ cap: 10000, eligible: 'id == "A"' }, [{ reason: 'ineligible', divert: 1 }]);
    expect(diverted(m, 'A')).toBe(0);
    expect(diverted(m, 'B')).toBe(120);
  });

  it('tells those held back by a per-group limit from those outdrawn when the numbers ran out', () => {
    const rules = [{ reason: 'over_limit', divert: 1 }];
    // numbers left, A held back by its limit of 100 a year: 500 of A's 600 divert
    const limited = model({ cap: 10000, limit_per_group: { amount: 100 } }, rules);
    expect(diverted(limited, 'A')).toBe(500);
    expect(diverted(limited, 'B')).toBe(20);
    // the cap runs out: nobody is over a limit, so nobody diverts
    const full = model({ cap: 300 }, rules);
    expect(diverted(full, 'A') + diverted(full, 'B')).toBe(0);
    // … and `not_drawn` is what they are
    const outdrawn = model({ cap: 300 }, [{ reason: 'not_drawn', divert: 1 }]);
    expect(diverted(outdrawn, 'A') + diverted(outdrawn, 'B')).toBe(720 - 300);
  });

  it('takes the first rule that matches the reason and the group, the program’s shares otherwise', () => {
    const m = model({ cap: 10000, eligible: 'false' }, [
      { reason: 'ineligible', when: 'region == "south"', divert: 1 },
      { reason: 'not_drawn', divert: 1 },
    ]);
    expect(diverted(m, 'B')).toBe(120);
    expect(diverted(m, 'A')).toBe(0);
  });

  it('counts those held back by a lottery’s per-group limit at its draw', () => {
    const m = model({ cap: 10000, limit_per_group: { amount: 50 }, select: 'lottery' }, [
      { reason: 'over_limit', divert: 1 },
    ]);
    expect(diverted(m, 'A')).toBe(550);
    expect(diverted(m, 'B')).toBe(70);
  });
});
