/**
 * A pool's periods: a cap given as a formula of uncertain parameters is drawn once per run (the same
 * in every period of the run, rounded, within the parameters' range), and the program's cap counts
 * it; a formula of fixed values is a number before any run.
 */
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../../src/engine/run.js';
import { cell, makeModel } from '../../helpers/model.js';

const model = () =>
  makeModel({
    parameters: [
      { id: 'limit', uniform: [100, 200] },
      { id: 'base', value: 1000 },
    ],
    programs: [
      {
        id: 'prog',
        title: 'P',
        demand: { per_year: 'population * 100', noise: 'none' },
        pools: [
          { id: 'drawn', cap: 'limit * 1.5' },
          { id: 'fixed', cap: { amount: 'base - 150', per: 'fiscal-year' } },
        ],
      },
    ],
  });

describe('caps as formulas', () => {
  it('resolves a formula of fixed values before the runs', () => {
    const m = model();
    expect(m.pools[1]?.capFormula).toBeUndefined();
    expect(m.pools[1]?.periods.map((p) => p.capBase)).toEqual([850, 850]);
    expect(m.pools[0]?.capFormula?.symbols).toEqual(['limit']);
  });

  it('draws a formula of uncertain parameters once per run, rounded, in every period alike', () => {
    const m = model();
    const caps = new Set<number>();
    for (let run = 0; run < 20; run++) {
      const out = simulateRun(m, run, 'capf');
      const get = (pool: string, period: string, metric: string) => cell(m, out, { pool, period, metric });
      const cap = get('drawn', 'FY2024', 'cap');
      expect(Number.isInteger(cap)).toBe(true);
      expect(cap).toBeGreaterThanOrEqual(150);
      expect(cap).toBeLessThanOrEqual(300);
      expect(get('drawn', 'FY2025', 'cap')).toBe(cap);
      expect(get('drawn', 'FY2024', 'issued')).toBe(cap); // demand far above it
      expect(get('fixed', 'FY2024', 'cap')).toBe(850);
      expect(cell(m, out, { period: 'FY2024', metric: 'cap' })).toBe(cap + 850);
      caps.add(cap);
    }
    expect(caps.size).toBeGreaterThan(10);
  });
});

describe('caps that read the fiscal year before (unused_before, issued_before) and sum group columns', () => {
  // Family asks for 10 × population = 1,000 + 3,000 + 6,000 = 10,000 in FY2024 (of 226,000: 216,000
  // lapse), then for more than it has.
  const carry = (cap: string) =>
    makeModel({
      calendar: { start: '2023-10-01', years: 3 },
      programs: [
        {
          id: 'family',
          title: 'Family',
          demand: { per_year: 'year == 0 ? population * 10 : 300000', noise: 'none' },
          pools: [{ id: 'fam', cap: 226000 }],
        },
        {
          id: 'employment',
          title: 'Employment',
          demand: { per_year: 200000, noise: 'none' },
          pools: [{ id: 'emp', cap }],
        },
      ],
    });
  const fy = (
    m: ReturnType<typeof carry>,
    out: Float64Array,
    program: string,
    period: string,
    metric: string,
  ) => cell(m, out, { program, period, metric });

  it('adds the family numbers that lapsed in one year to the next year’s employment limit (INA 201(d))', () => {
    const m = carry('140000 + unused_before("family")');
    const out = simulateRun(m, 0, 'carry');
    expect(fy(m, out, 'family', 'FY2024', 'unused')).toBe(216000);
    expect(fy(m, out, 'employment', 'FY2024', 'cap')).toBe(140000); // nothing before the first year
    expect(fy(m, out, 'employment', 'FY2025', 'cap')).toBe(140000 + 216000);
    expect(fy(m, out, 'employment', 'FY2026', 'cap')).toBe(140000); // family used everything in FY2025
  });

  it('reads a pool’s numbers issued the year before, and sums a group column', () => {
    // issued_before("fam"): 10,000 in FY2024, 226,000 after; total(population) = 1,000
    const m = carry('issued_before("fam") / 10 + total(population)');
    const out = simulateRun(m, 0, 'carry');
    expect(fy(m, out, 'employment', 'FY2024', 'cap')).toBe(1000);
    expect(fy(m, out, 'employment', 'FY2025', 'cap')).toBe(1000 + 1000);
    expect(fy(m, out, 'employment', 'FY2026', 'cap')).toBe(22600 + 1000);
  });
});

describe('the receipt clock (receipt_clock)', () => {
  const h2b = (lead: number | string) =>
    makeModel({
      calendar: { start: '2022-10-01', years: 1 },
      parameters: [{ id: 'lead', uniform: [30, 50] }],
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_month: 'population * 100', noise: 'none' },
          receipt_clock: { lead_days: lead },
          pools: [
            {
              id: 'statutory',
              tranches: [
                { id: 'H1', cap: 5000, window: { from: '10-01', to: '03-31' } },
                { id: 'H2', cap: 5000, window: { from: '04-01', to: '09-30' } },
              ],
              select: 'fcfs',
            },
          ],
        },
      ],
    });

  it('reports each period’s cap-reached day on both clocks, the lead apart', () => {
    const m = h2b(40);
    const out = simulateRun(m, 0, 'step');
    for (const period of ['FY2023-H1', 'FY2023-H2']) {
      const start = cell(m, out, { pool: 'statutory', period, metric: 'days_to_fill' });
      const receipt = cell(m, out, { pool: 'statutory', period, metric: 'days_to_fill_receipt' });
      expect(start).toBeGreaterThan(0);
      expect(receipt).toBeCloseTo(start - 40, 9);
    }
  });

  it('draws a lead of uncertain parameters once per run, the same for every pool and period', () => {
    const m = h2b('lead');
    const leads = new Set<number>();
    for (let run = 0; run < 10; run++) {
      const out = simulateRun(m, run, 'step');
      const lead = ['FY2023-H1', 'FY2023-H2'].map(
        (period) =>
          cell(m, out, { pool: 'statutory', period, metric: 'days_to_fill' }) -
          cell(m, out, { pool: 'statutory', period, metric: 'days_to_fill_receipt' }),
      );
      expect(lead[0]).toBeCloseTo(lead[1] as number, 9);
      expect(lead[0]).toBeGreaterThanOrEqual(30);
      expect(lead[0]).toBeLessThanOrEqual(50);
      leads.add(Math.round((lead[0] as number) * 1e6));
    }
    expect(leads.size).toBe(10);
  });

  it('has no receipt rows in a program without a receipt clock', () => {
    const m = makeModel();
    expect(m.cells.rows.some((r) => r.metric === 'days_to_fill_receipt')).toBe(false);
    expect(
      h2b(40)
        .cells.rows.filter((r) => r.metric === 'days_to_fill_receipt')
        .map((r) => r.period),
    ).toEqual(['FY2023-H1', 'FY2023-H2']);
  });
});
