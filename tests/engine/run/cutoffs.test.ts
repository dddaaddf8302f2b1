/**
 * Final action dates of a queue with a backlog at the start (`inventory`), against a naive reference:
 * sort everyone by priority date and serve each fiscal year's numbers in that order.
 */
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../../src/engine/run.js';
import { dayNumber } from '../../../src/formula/formula.js';
import { cell, makeModel } from '../../helpers/model.js';
import { fc, test } from '../../helpers/prop.js';

type Row = { group: string; priority_date: string; count: number };

const backlog = (rows: Row[], cap: number, years = 2, limit?: number) =>
  makeModel({
    calendar: { start: '2024-10-01', years },
    programs: [
      {
        id: 'eb2',
        title: 'EB-2',
        not_selected: { reapply: 1, wait: 'step' },
        inventory: { rows: rows.map((r) => ({ ...r, pool: 'q' })) },
        pools: [
          {
            id: 'q',
            cap,
            select: 'queue',
            ...(limit !== undefined ? { limit_per_group: { amount: limit } } : {}),
          },
        ],
      },
    ],
  });

const months = (years: number) =>
  Array.from({ length: 12 * years }, (_, i) => {
    const m = (9 + i) % 12;
    const y = 2024 + Math.floor((9 + i) / 12);
    return `${y}-${String(m + 1).padStart(2, '0')}`;
  });

/** Each fiscal year's numbers to the oldest first: the oldest priority date left after year y. */
function reference(rows: Row[], cap: number, years: number, group?: string): (number | undefined)[] {
  const all = rows.map((r) => ({ ...r, day: dayNumber(`${r.priority_date}-01`), left: r.count }));
  all.sort((a, b) => a.day - b.day);
  const out: (number | undefined)[] = [];
  for (let y = 0; y < years; y++) {
    let n = cap;
    for (const r of all) {
      const take = Math.min(n, r.left);
      r.left -= take;
      n -= take;
    }
    const waiting = all.filter((r) => r.left > 0 && (!group || r.group === group));
    out.push(waiting[0]?.day);
  }
  return out;
}

describe('final action dates', () => {
  it('move as the numbers reach the backlog: 1,500 a year through 1,000 each of 2012, 2013 and 2014', () => {
    const rows = [
      { group: 'A', priority_date: '2012-01', count: 1000 },
      { group: 'A', priority_date: '2013-01', count: 1000 },
      { group: 'A', priority_date: '2014-01', count: 1000 },
    ];
    const m = backlog(rows, 1500);
    const out = simulateRun(m, 0, 'fad');
    const fad = (period: string, metric = 'final_action_date', group = 'A') =>
      cell(m, out, { program: 'eb2', pool: 'q', group, period, metric });
    // FY2025: 1,500 take all of 2012 and 500 of 2013: the date is 2013-01-01 all year
    expect(fad('2024-10')).toBe(dayNumber('2013-01-01'));
    expect(fad('2025-09')).toBe(dayNumber('2013-01-01'));
    expect(fad('2025-09', 'unavailable')).toBe(1); // the year's numbers are used up
    // FY2026: 500 of 2013 and all of 2014: current
    expect(fad('2025-10', 'current')).toBe(1);
    expect(Number.isNaN(fad('2025-10'))).toBe(true);
    // over all groups the same; a group with nobody waiting is current
    expect(fad('2024-10', 'final_action_date', '')).toBe(dayNumber('2013-01-01'));
    expect(fad('2024-10', 'current', 'B')).toBe(1);
  });

  test.prop(
    [
      fc.array(
        fc.record({
          group: fc.constantFrom('A', 'B', 'C'),
          priority_date: fc
            .tuple(fc.integer({ min: 2005, max: 2023 }), fc.integer({ min: 1, max: 12 }))
            .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
          count: fc.integer({ min: 0, max: 3000 }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      fc.integer({ min: 0, max: 6000 }),
    ],
    { numRuns: 100 },
  )(
    'serve the backlog in priority-date order, each year’s numbers at once: as the naive reference, and never back',
    (rows, cap) => {
      const years = 3;
      const m = backlog(rows, cap, years);
      const out = simulateRun(m, 0, 'fad');
      const got = months(years).map((p) =>
        cell(m, out, { program: 'eb2', pool: 'q', period: p, metric: 'final_action_date' }),
      );
      const want = reference(rows, cap, years);
      for (let y = 0; y < years; y++)
        for (let k = 0; k < 12; k++) {
          const g = got[y * 12 + k] as number;
          const w = want[y];
          if (w === undefined) expect(Number.isNaN(g), `year ${y} month ${k}`).toBe(true);
          else expect(g, `year ${y} month ${k}`).toBe(w);
        }
      // nothing retrogresses here (nobody new files): the dates only move forward
      const dates = got.filter((x) => !Number.isNaN(x));
      for (let i = 1; i < dates.length; i++) expect(dates[i]).toBeGreaterThanOrEqual(dates[i - 1] as number);
    },
  );

  it('hold a group back by its limit while others are current', () => {
    const rows = [
      { group: 'A', priority_date: '2012-01', count: 5000 },
      { group: 'B', priority_date: '2020-01', count: 100 },
    ];
    const m = backlog(rows, 3000, 1, 1000);
    const out = simulateRun(m, 0, 'fad');
    const fad = (group: string, metric = 'final_action_date') =>
      cell(m, out, { program: 'eb2', pool: 'q', group, period: '2025-09', metric });
    expect(fad('A')).toBe(dayNumber('2012-01-01')); // 1,000 of 5,000 served
    expect(fad('A', 'unavailable')).toBe(0); // numbers are left; the limit holds A back
    expect(fad('B', 'current')).toBe(1);
  });
});

describe('a pace under the period’s cap', () => {
  it('moves the final action date a month at a time: 1,200 a year at 1/12 a month through 100 a month of 2010', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({
      group: 'A',
      pool: 'q',
      priority_date: `2010-${String(i + 1).padStart(2, '0')}`,
      count: 100,
    }));
    const m = makeModel({
      calendar: { start: '2024-10-01', years: 1 },
      programs: [
        {
          id: 'eb2',
          title: 'EB-2',
          not_selected: { reapply: 1, wait: 'step' },
          inventory: { rows },
          pools: [{ id: 'q', cap: 1200, select: 'queue', pace: { per: 'month', share: 1 / 12 } }],
        },
      ],
    });
    const out = simulateRun(m, 0, 'pace');
    const got = months(1).map((p) =>
      cell(m, out, { program: 'eb2', pool: 'q', group: 'A', period: p, metric: 'final_action_date' }),
    );
    // after the k-th month, k × 100 are served: the oldest left filed in month k + 1 of 2010
    expect(got.slice(0, 11)).toEqual(
      Array.from({ length: 11 }, (_, k) => dayNumber(`2010-${String(k + 2).padStart(2, '0')}-01`)),
    );
    expect(Number.isNaN(got[11])).toBe(true); // all 1,200 served: current
  });
});

describe('the wait from filing to selection, by filing year', () => {
  it('averages the months waited by those served, and the share served: 1,500 a year through 2013 and 2014', () => {
    const rows = [
      { group: 'A', priority_date: '2013-01', count: 1000 },
      { group: 'A', priority_date: '2014-01', count: 1000 },
    ];
    const m = backlog(rows, 1500, 2);
    const out = simulateRun(m, 0, 'wait');
    const get = (period: string, metric: string, group = 'A') =>
      cell(m, out, { program: 'eb2', pool: 'q', group, period, metric });
    // 2013: all 1,000 served in October 2024, 141 months after January 2013
    expect(get('filed 2013', 'wait_months')).toBe(141);
    expect(get('filed 2013', 'served')).toBe(1);
    // 2014: 500 in October 2024 (129 months), 500 in October 2025 (141): 135 on average
    expect(get('filed 2014', 'wait_months')).toBe(135);
    expect(get('filed 2014', 'served')).toBe(1);
    // a year nobody filed in: no value
    expect(Number.isNaN(get('filed 2015', 'served'))).toBe(true);
    // over all groups the same here
    expect(get('filed 2014', 'wait_months', '')).toBe(135);
  });
});
