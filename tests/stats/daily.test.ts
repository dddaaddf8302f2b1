/**
 * Daily acceptances around the final receipt date (`select: uscis`), with the arithmetic shown:
 * 3,100 applications in October (31 days), so 100 a day, spread evenly.
 */
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/engine/run.js';
import { dailyCsv } from '../../src/report/daily-csv.js';
import { accumulate } from '../../src/stats/accumulate.js';
import { summarize } from '../../src/stats/summarize.js';
import { cell, makeModel } from '../helpers/model.js';

const uscis = (cap: number, extra: Record<string, unknown> = {}) =>
  makeModel({
    calendar: { start: '2022-10-01', years: 1 },
    groups: { rows: [{ id: 'A', name: 'Alpha' }] },
    programs: [
      {
        id: 'prog',
        title: 'P',
        demand: { noise: 'none', per_month: 'month == 10 ? 3100 : 0' },
        pools: [{ id: 'main', cap: { amount: cap, per: 'fiscal-year' }, select: 'uscis' }],
        ...extra,
      },
    ],
  });
const metric = (m: ReturnType<typeof uscis>, name: string) =>
  cell(m, simulateRun(m, 0, 'daily'), { pool: 'main', period: 'FY2023', metric: name });
const daily = (m: ReturnType<typeof uscis>, runs = 3) => {
  const acc = accumulate(m, { runs, seed: 'daily' });
  return summarize(m, acc, { runs, seed: 'daily' });
};

describe('the final receipt date of a uscis pool', () => {
  it('takes half of the 16th day when the cap of 1,550 is reached half-way through it', () => {
    const m = uscis(1550);
    expect(metric(m, 'days_to_fill')).toBeCloseTo(15.5, 9);
    expect(metric(m, 'final_day_received')).toBeCloseTo(100, 9);
    expect(metric(m, 'final_day_accepted')).toBeCloseTo(0.5, 9);
    const [t] = daily(m).daily ?? [];
    expect(t).toMatchObject({ program: 'prog', pool: 'main', period: 'FY2023', clock: 'start' });
    // the day before (all accepted), the final receipt date, the day after (none)
    expect(t?.days.map((d) => [d.date, d.final, +d.accepted.toFixed(6), d.received])).toEqual([
      ['2022-10-15', 0, 1, undefined],
      ['2022-10-16', 1, 0.5, 100],
      ['2022-10-17', 0, 0, undefined],
    ]);
  });

  it('draws among everything received in the first five days when the cap (300) is reached in them', () => {
    const m = uscis(300);
    // 500 received on Oct 1–5, 300 of them accepted: each of those days at 60%, the 5th the last
    expect(metric(m, 'final_day_received')).toBeCloseTo(500, 9);
    expect(metric(m, 'final_day_accepted')).toBeCloseTo(0.6, 9);
    // reached on the 5th day (its middle): the day a report or a check reads, ⌊4.5⌋, is Oct 5
    expect(metric(m, 'days_to_fill')).toBe(4.5);
    const t = daily(m).daily?.[0];
    expect(t?.days.map((d) => [d.date, d.final, +d.accepted.toFixed(6)])).toEqual([
      ['2022-09-30', 0, 1],
      ['2022-10-01', 0, 0.6],
      ['2022-10-02', 0, 0.6],
      ['2022-10-03', 0, 0.6],
      ['2022-10-04', 0, 0.6],
      ['2022-10-05', 1, 0.6],
      ['2022-10-06', 0, 0],
    ]);
  });

  it('dates the days on the receipt clock of a program that has one: 40 days earlier', () => {
    const m = uscis(1550, { receipt_clock: { lead_days: 40 } });
    const t = daily(m).daily?.[0];
    expect(t?.clock).toBe('receipt');
    expect(t?.days.find((d) => d.final === 1)?.date).toBe('2022-09-06');
  });

  it('leaves the table out where no run reaches the cap, and daily.csv unwritten', () => {
    const s = daily(uscis(1_000_000));
    expect(s.daily).toBeUndefined();
    expect(dailyCsv(s)).toBeUndefined();
  });

  it('writes daily.csv, one row a day', () => {
    expect(dailyCsv(daily(uscis(1550)))?.split('\n')).toEqual([
      'program,pool,period,clock,date,final_share,accepted_share,received_p50',
      'prog,main,FY2023,start,2022-10-15,0,1,',
      'prog,main,FY2023,start,2022-10-16,1,0.5,100',
      'prog,main,FY2023,start,2022-10-17,0,0,',
      '',
    ]);
  });
});
