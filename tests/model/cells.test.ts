/**
 * The output cell layout: one dense block per program and per pool, [period slot][group slot][metric]
 * with slot 0 the total; every reported row at a distinct offset inside `size`, labelled with the
 * program, pool, group, period and metric its offset decodes to, in quantiles.csv order, and with
 * the metrics each kind of total or group cell carries.
 */

import { describe, expect, it } from 'vitest';
import { METRICS, type Metric } from '../../src/core/types.js';
import { simulateRun } from '../../src/engine/run.js';
import { monthLabel } from '../../src/model/calendar.js';
import {
  type CellBlock,
  type CellLayout,
  type CellRow,
  cellOffset,
  keptOffsets,
  layoutCells,
  M,
  metricIndex,
} from '../../src/model/cells.js';
import type { Model } from '../../src/model/model.js';
import { arbEngineScenario, modelOf } from '../helpers/engine-arbitraries.js';
import { makeModel } from '../helpers/model.js';
import { fc, test } from '../helpers/prop.js';

/** makeScenario's three groups, one program with an annual pool, a half-yearly split pool and a monthly pool. */
const model = makeModel({
  programs: [
    {
      id: 'prog',
      title: 'Program',
      demand: { per_year: 'population * 10', noise: 'poisson' },
      pools: [
        { id: 'main', cap: 1000, select: 'lottery' },
        { id: 'half', cap: { amount: 10, per: 'half' }, select: 'lottery', split: { by: 'population' } },
        { id: 'mon', cap: { amount: 10, per: 'month' }, select: 'fcfs' },
      ],
    },
    {
      id: 'other',
      title: 'Other',
      pools: [{ id: 'solo', cap: 5, select: 'queue' }],
    },
  ],
});
const layout = model.cells;

/** The metrics of the rows of one (program, pool, group, period), in row order. */
const metricsAt = (l: CellLayout, program: string, pool: string, group: string, period: string) =>
  l.rows
    .filter((r) => r.program === program && r.pool === pool && r.group === group && r.period === period)
    .map((r) => r.metric);

/** Every block of a layout, in base order. */
const blocks = (l: CellLayout): CellBlock[] =>
  [...l.programBlocks, ...l.poolBlocks, ...l.monthlyBlocks.values()].sort((a, b) => a.base - b.base);

/** What an offset stands for: its block, period, group and metric. */
function decode(l: CellLayout, groupIds: readonly string[], offset: number) {
  const block = blocks(l)
    .filter((b) => b.base <= offset)
    .at(-1) as CellBlock;
  const rel = offset - block.base;
  const metric = METRICS[rel % M] as Metric;
  const slot = Math.floor(rel / M);
  return {
    program: block.program,
    pool: block.pool,
    group: groupIds[slot % l.groupSlots],
    period: block.periods[Math.floor(slot / l.groupSlots)],
    metric,
  };
}

/** The invariants every layout keeps. */
function checkLayout(m: Pick<Model, 'programs' | 'groups' | 'calendar'>, l: CellLayout): void {
  const groupIds = ['', ...m.groups.map((g) => g.id)];
  expect(l.groupSlots).toBe(m.groups.length + 1);
  // blocks: one per program, then one per pool of it, contiguous from 0 to size
  const expected = m.programs.flatMap((p) => [
    { program: p.id, pool: '', periods: ['', ...m.calendar.fiscalYears.map((f) => f.label)] },
    ...p.pools.map((pool) => ({
      program: p.id,
      pool: pool.id,
      periods: ['', ...pool.periods.map((x) => x.label)],
    })),
  ]);
  // … then, for each pool with one cap over the horizon open in two months or more, its months
  const monthly = m.programs.flatMap((p) =>
    p.pools
      .filter((pool) => pool.cap.kind === 'amount' && pool.cap.per === 'total')
      .map((pool) => ({
        program: p.id,
        pool: pool.id,
        periods: [
          '',
          ...new Set(
            m.calendar.steps
              .filter((st) => (pool.stepPeriod[st.index] ?? -1) >= 0)
              .map((st) => monthLabel(st.start)),
          ),
        ],
      }))
      .filter((b) => b.periods.length > 2),
  );
  const all = blocks(l);
  expect(all.map(({ program, pool, periods }) => ({ program, pool, periods }))).toEqual([
    ...expected,
    ...monthly,
  ]);
  let base = 0;
  for (const b of all) {
    expect(b.base).toBe(base);
    base += b.periods.length * l.groupSlots * M;
  }
  expect(l.size).toBe(base);
  // rows: distinct offsets inside the vector, each decoding to its own labels
  const offsets = l.rows.map((r) => r.offset);
  expect(new Set(offsets).size).toBe(offsets.length);
  for (const r of l.rows) {
    expect(Number.isInteger(r.offset)).toBe(true);
    expect(r.offset).toBeGreaterThanOrEqual(0);
    expect(r.offset).toBeLessThan(l.size);
    const { offset, ...labels } = r;
    expect(decode(l, groupIds, offset), JSON.stringify(r)).toEqual(labels);
  }
  // labels are unique too: a cell is found by its labels alone
  const keys = l.rows.map((r) => [r.program, r.pool, r.group, r.period, r.metric].join('|'));
  expect(new Set(keys).size).toBe(keys.length);
}

describe('cellOffset and metricIndex', () => {
  it('index the metrics in METRICS order', () => {
    expect(M).toBe(METRICS.length);
    METRICS.forEach((m, i) => {
      expect(metricIndex[m]).toBe(i);
    });
  });

  it('lay a block out as [period slot][group slot][metric]', () => {
    const block: CellBlock = { program: 'p', pool: 'x', periods: ['', 'FY1', 'FY2'], base: 1000 };
    expect(cellOffset(block, 4, 0, 0, 'cap')).toBe(1000);
    expect(cellOffset(block, 4, 0, 0, 'final_day_accepted')).toBe(1000 + M - 1);
    expect(cellOffset(block, 4, 0, 1, 'cap')).toBe(1000 + M);
    expect(cellOffset(block, 4, 1, 0, 'cap')).toBe(1000 + 4 * M);
    expect(cellOffset(block, 4, 2, 3, 'issued')).toBe(1000 + (2 * 4 + 3) * M + METRICS.indexOf('issued'));
  });
});

describe('keptOffsets', () => {
  it('keeps every reported cell once, in the layout order', () => {
    const model = makeModel();
    expect(keptOffsets(model.cells)).toEqual(model.cells.rows.map((r) => r.offset));
    expect(new Set(keptOffsets(model.cells)).size).toBe(model.cells.rows.length);
  });
});

describe('layoutCells', () => {
  it('gives a block to each program and to each of its pools, with the right periods, back to back', () => {
    expect(layout.groupSlots).toBe(4);
    expect(layout.programBlocks.map((b) => [b.program, b.periods])).toEqual([
      ['prog', ['', 'FY2024', 'FY2025']],
      ['other', ['', 'FY2024', 'FY2025']],
    ]);
    const months = [
      '2023-10',
      '2023-11',
      '2023-12',
      ...Array.from({ length: 9 }, (_, i) => `2024-0${i + 1}`),
    ];
    expect(layout.poolBlocks.map((b) => [b.program, b.pool, b.periods])).toEqual([
      ['prog', 'main', ['', 'FY2024', 'FY2025']],
      ['prog', 'half', ['', 'FY2024-H1', 'FY2024-H2', 'FY2025-H1', 'FY2025-H2']],
      [
        'prog',
        'mon',
        [
          '',
          ...months,
          '2024-10',
          '2024-11',
          '2024-12',
          ...months.slice(3).map((m) => m.replace('2024', '2025')),
        ],
      ],
      ['other', 'solo', ['', 'FY2024', 'FY2025']],
    ]);
    // program prog (3 periods), main (3), half (5), mon (25), program other (3), solo (3)
    const slots = 4 * M;
    expect(layout.programBlocks.map((b) => b.base)).toEqual([0, (3 + 3 + 5 + 25) * slots]);
    expect(layout.poolBlocks.map((b) => b.base)).toEqual([3 * slots, 6 * slots, 11 * slots, 39 * slots]);
    expect(layout.size).toBe(42 * slots);
    checkLayout(model, layout);
  });

  it('gives a program its totals and per-fiscal-year totals; selection_rate only over the whole horizon', () => {
    expect(metricsAt(layout, 'prog', '', '', '')).toEqual([
      'cap',
      'applicants',
      'issued',
      'unused',
      'backlog',
      'diverted',
      'selection_rate',
    ]);
    expect(metricsAt(layout, 'prog', '', '', 'FY2025')).toEqual([
      'cap',
      'applicants',
      'issued',
      'unused',
      'backlog',
      'diverted',
    ]);
    expect(metricsAt(layout, 'prog', '', 'B', '')).toEqual([
      'applicants',
      'issued',
      'backlog',
      'diverted',
      'selection_rate',
    ]);
    expect(metricsAt(layout, 'prog', '', 'B', 'FY2024')).toEqual([
      'applicants',
      'issued',
      'backlog',
      'diverted',
    ]);
  });

  it('gives a pool days_to_fill and filled per period only, and cap/unused per group only when it is split', () => {
    const total = ['cap', 'eligible', 'issued', 'unused', 'selection_rate'];
    for (const pool of ['main', 'half', 'mon']) {
      expect(metricsAt(layout, 'prog', pool, '', ''), pool).toEqual(total);
      expect(metricsAt(layout, 'prog', pool, 'A', ''), pool).toEqual(
        pool === 'half' ? total : ['eligible', 'issued', 'selection_rate'],
      );
    }
    expect(metricsAt(layout, 'prog', 'main', '', 'FY2024')).toEqual([...total, 'days_to_fill', 'filled']);
    expect(metricsAt(layout, 'prog', 'mon', '', '2025-09')).toEqual([...total, 'days_to_fill', 'filled']);
    expect(metricsAt(layout, 'prog', 'half', 'C', 'FY2025-H2')).toEqual(total);
    expect(metricsAt(layout, 'prog', 'mon', 'C', '2024-02')).toEqual([
      'eligible',
      'issued',
      'selection_rate',
    ]);
    // no group cell carries days_to_fill or filled, and no program cell a pool metric
    const groupRows = layout.rows.filter((r) => r.group !== '');
    expect(groupRows.some((r) => r.metric === 'days_to_fill' || r.metric === 'filled')).toBe(false);
    const programRows = layout.rows.filter((r) => r.pool === '');
    expect(programRows.some((r) => ['eligible', 'days_to_fill', 'filled'].includes(r.metric))).toBe(false);
  });

  it('has a row for every (group, period) of every block', () => {
    for (const b of blocks(layout)) {
      for (const group of ['', 'A', 'B', 'C'])
        for (const period of b.periods)
          expect(
            metricsAt(layout, b.program, b.pool, group, period).length,
            `${b.pool} ${group} ${period}`,
          ).toBeGreaterThan(0);
    }
    // so the row count is fixed by the block shapes: program blocks 7 + 2·6 + 3·(5 + 2·4) = 58
    const programRows = 7 + 2 * 6 + 3 * (5 + 2 * 4);
    const poolRows = (periods: number, split: boolean) =>
      5 + periods * 7 + 3 * (periods + 1) * (split ? 5 : 3);
    expect(layout.rows).toHaveLength(
      2 * programRows + poolRows(2, false) + poolRows(4, true) + poolRows(24, false) + poolRows(2, false),
    );
  });

  it('lists rows in quantiles.csv order: program, pool (total first), group (total first), period in time order', () => {
    const programOrder = ['prog', 'other'];
    const poolOrder = ['', 'main', 'half', 'mon', 'solo'];
    const groupOrder = ['', 'A', 'B', 'C'];
    const periodIndex = (r: CellRow) =>
      (blocks(layout).find((b) => b.program === r.program && b.pool === r.pool) as CellBlock).periods.indexOf(
        r.period,
      );
    const key = (r: CellRow) => [
      programOrder.indexOf(r.program),
      poolOrder.indexOf(r.pool),
      groupOrder.indexOf(r.group),
      periodIndex(r),
    ];
    for (let i = 1; i < layout.rows.length; i++) {
      const a = key(layout.rows[i - 1] as CellRow);
      const b = key(layout.rows[i] as CellRow);
      const cmp = a.map((x, k) => x - (b[k] as number)).find((d) => d !== 0) ?? 0;
      expect(cmp, `rows ${i - 1} and ${i}`).toBeLessThanOrEqual(0);
    }
    expect(layout.rows[0]).toMatchObject({ program: 'prog', pool: '', group: '', period: '', metric: 'cap' });
    expect(layout.rows.at(-1)).toMatchObject({
      program: 'other',
      pool: 'solo',
      group: 'C',
      period: 'FY2025',
      metric: 'selection_rate',
    });
  });

  it('lays out nothing for a model without programs', () => {
    const empty = layoutCells({ ...model, programs: [] });
    expect(empty).toEqual({
      size: 0,
      groupSlots: 4,
      programBlocks: [],
      poolBlocks: [],
      ceilingBlocks: [],
      cutoffBlocks: new Map(),
      stageBlocks: new Map(),
      waitBlocks: new Map(),
      waitYears: [2023, 2024, 2025],
      monthlyBlocks: new Map(),
      rows: [],
    });
  });

  test.prop([arbEngineScenario], { numRuns: 60 })('keeps its invariants on random models', (obj) => {
    const m = modelOf(obj);
    if (!m) return;
    checkLayout(m, layoutCells(m));
    expect(layoutCells(m)).toEqual(m.cells);
  });

  test.prop([arbEngineScenario, fc.integer({ min: 0, max: 100 })], { numRuns: 25 })(
    'holds every value a run writes: the engine writes nothing outside the reported rows',
    (obj, run) => {
      const m = modelOf(obj);
      if (!m) return;
      const out = simulateRun(m, run, 'cells');
      expect(out).toHaveLength(m.cells.size);
      const reported = new Set(m.cells.rows.map((r) => r.offset));
      const stray = [...out.keys()].filter((o) => !reported.has(o) && out[o] !== 0);
      expect(stray.map((o) => decode(m.cells, ['', ...m.groups.map((g) => g.id)], o))).toEqual([]);
    },
  );
});
