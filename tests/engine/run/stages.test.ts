/**
 * Stages after selection: everyone selected is, at every step, at exactly one stage or in transit
 * to the next; shares and lags as given; those who reach a stage with flow_to apply to another
 * program.
 */
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../../src/engine/run.js';
import { cell, makeModel } from '../../helpers/model.js';
import { fc, test } from '../../helpers/prop.js';

const staged = (stages: Record<string, unknown>[], years = 1, extra: Record<string, unknown>[] = []) =>
  makeModel({
    calendar: { start: '2023-10-01', years },
    groups: { rows: [{ id: 'A', name: 'Alpha' }] },
    programs: [
      {
        id: 'prog',
        title: 'P',
        demand: { per_month: 100, noise: 'none' },
        stages,
        pools: [{ id: 'main', cap: 100000, select: 'fcfs' }],
      },
      ...extra,
    ],
  });
const reached = (
  m: ReturnType<typeof staged>,
  out: Float64Array,
  stage: string,
  period = '',
  program = 'prog',
) => cell(m, out, { program, pool: `stage:${stage}`, period, metric: 'reached' });

describe('stages after selection', () => {
  it('reach everyone at rate 1 and lag 0; a lag of 2 months leaves the last two months in transit', () => {
    const m = staged([
      { id: 'authorized', rate: 1 },
      { id: 'arrived', rate: 1, lag_months: 2 },
    ]);
    const out = simulateRun(m, 0, 's');
    // 100 selected a month for 12 months: all authorized; those of August and September arrive after
    // the horizon
    expect(reached(m, out, 'authorized')).toBe(1200);
    expect(reached(m, out, 'arrived')).toBe(1000);
    expect(reached(m, out, 'arrived', 'FY2024')).toBe(1000);
  });

  it('counts a stage in the fiscal year it is reached, and sends those who reach flow_to on to another program', () => {
    const m = staged([{ id: 'selected-to-apply', rate: 1, lag_months: 3, flow_to: 'visas' }], 2, [
      { id: 'visas', title: 'Visas', pools: [{ id: 'visa-pool', cap: 100000, select: 'fcfs' }] },
    ]);
    const out = simulateRun(m, 0, 's');
    // 24 months × 100 selected; those of the last 3 months are still in transit: 2,100 reach it,
    // 900 in FY2024 (selected Oct–Jun) and 1,200 in FY2025
    expect(reached(m, out, 'selected-to-apply')).toBe(2100);
    expect(reached(m, out, 'selected-to-apply', 'FY2024')).toBe(900);
    // they apply to "visas" the step after: the last month's arrivals come after the horizon
    expect(cell(m, out, { program: 'visas', metric: 'applicants' })).toBe(2000);
  });

  test.prop(
    [
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 50 }),
    ],
    {
      numRuns: 60,
    },
  )('lose no one and make no one: each stage at most the one before, all of them whole', (p1, p2, run) => {
    const m = staged([
      { id: 'one', rate: p1 },
      { id: 'two', rate: p2, lag_months: 1 },
    ]);
    const out = simulateRun(m, run, 'prop');
    const issued = cell(m, out, { metric: 'issued' });
    const one = reached(m, out, 'one');
    const two = reached(m, out, 'two');
    expect(Number.isInteger(one) && Number.isInteger(two)).toBe(true);
    expect(one).toBeLessThanOrEqual(issued);
    expect(two).toBeLessThanOrEqual(one);
    if (p1 === 1) expect(one).toBe(issued);
    if (p1 === 0) expect(one).toBe(0);
  });

  it('draws an uncertain rate once per run', () => {
    const m = makeModel({
      calendar: { start: '2023-10-01', years: 1 },
      groups: { rows: [{ id: 'A', name: 'Alpha' }] },
      parameters: [{ id: 'arrive', uniform: [0.2, 0.3] }],
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_month: 10000, noise: 'none' },
          stages: [{ id: 'arrived', rate: 'arrive' }],
          pools: [{ id: 'main', cap: 1000000, select: 'fcfs' }],
        },
      ],
    });
    for (let run = 0; run < 5; run++) {
      const share = reached(m, simulateRun(m, run, 'u'), 'arrived') / 120000;
      expect(share).toBeGreaterThan(0.19);
      expect(share).toBeLessThan(0.31);
    }
  });
});

describe('every person selected is in exactly one place at every step', () => {
  const arbStage = fc.record({
    rate: fc.double({ min: 0, max: 1, noNaN: true }),
    lag_months: fc.integer({ min: 0, max: 4 }),
  });
  test.prop(
    [
      fc.array(arbStage, { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 1, max: 2 }),
      fc.integer({ min: 50, max: 3000 }),
      fc.integer({ min: 0, max: 1000 }),
    ],
    { numRuns: 40 },
  )(
    'at a stage, in transit to the next, stopped short of it, or past the horizon',
    (stages, years, cap, run) => {
      const m = makeModel({
        calendar: { start: '2023-10-01', years },
        groups: { rows: [{ id: 'A', name: 'Alpha' }] },
        programs: [
          {
            id: 'prog',
            title: 'P',
            demand: { per_month: 100, noise: 'poisson' },
            not_selected: { reapply: 0.5, wait: 'step' },
            stages: stages.map((st, k) => ({ id: `s${k}`, ...st })),
            pools: [{ id: 'main', cap: { amount: cap, per: 'month' }, select: 'fcfs' }],
          },
        ],
      });
      const issuedRows = m.cells.rows.filter(
        (r) =>
          r.program === 'prog' && r.pool === '' && r.group !== '' && r.period !== '' && r.metric === 'issued',
      );
      let steps = 0;
      simulateRun(m, run, 'prop', undefined, {
        afterStep: (_t, r) => {
          steps++;
          // selected so far: the program's issued per fiscal year and group, added as the run goes
          const issued = issuedRows.reduce((s, row) => s + (r.out[row.offset] as number), 0);
          const ledger = r.stageLedger[0] as Float64Array;
          const transit = stages.map((_, k) =>
            r.stageEvents
              .filter((e) => e.program === 0 && e.stage === k)
              .reduce((s, e) => s + e.counts.reduce((a, b) => a + b, 0), 0),
          );
          let places = 0;
          stages.forEach((_, k) => {
            const [reached, stopped, past] = [
              ledger[3 * k],
              ledger[3 * k + 1],
              ledger[3 * k + 2],
            ] as number[];
            for (const x of [reached, stopped, past, transit[k]] as number[])
              expect(Number.isInteger(x) && x >= 0).toBe(true);
            // everyone who left the place before stage k is at k, stopped short, past the horizon or on the way
            const before = k === 0 ? issued : (ledger[3 * (k - 1)] as number);
            expect(
              (reached as number) + (stopped as number) + (past as number) + (transit[k] as number),
            ).toBe(before);
            places += (stopped as number) + (past as number) + (transit[k] as number);
            if (k === stages.length - 1) places += reached as number;
          });
          expect(places).toBe(issued);
        },
      });
      expect(steps).toBe(12 * years);
    },
  );
});
