/**
 * The output cells of a run, laid out once per model. A run writes its values into one
 * Float64Array (NaN where a value does not exist, e.g. days_to_fill of a pool that did not fill);
 * `rows` lists the cells that quantiles.csv reports, in its order (program, pool — '' first —,
 * group — '' first —, period — '' first, then time order —, metric).
 *
 * Dense offsets: a block per program (periods = fiscal years) and per pool (periods = the pool's
 * cap periods), each [period slot][group slot][metric] with slot 0 meaning the total.
 */
import { METRICS, type Metric } from '../core/types.js';
import { monthLabel, yearOfDay } from './calendar.js';
import type { Model } from './model.js';

export const M = METRICS.length;
export const metricIndex = Object.fromEntries(METRICS.map((m, i) => [m, i])) as Record<Metric, number>;

export interface CellBlock {
  program: string;
  /** '' for the program block */
  pool: string;
  /** '' first (total), then period labels in time order */
  periods: string[];
  base: number;
}

export interface CellRow {
  program: string;
  pool: string;
  group: string;
  period: string;
  metric: Metric;
  offset: number;
}

export interface CellLayout {
  size: number;
  groupSlots: number;
  programBlocks: CellBlock[];
  poolBlocks: CellBlock[];
  /** one per ceiling: program '', pool `ceiling:<id>` */
  ceilingBlocks: CellBlock[];
  /** one per pool whose final action dates are reported (ProgramModel.cutoffPools), periods = months */
  cutoffBlocks: Map<number, CellBlock>;
  /** per program index: one block per stage after selection (pool `stage:<id>`), periods = fiscal years */
  stageBlocks: Map<number, CellBlock[]>;
  /**
   * per pool with final action dates: the wait by filing year, periods `filed <year>` from the
   * oldest priority date to the calendar's last year; `waitYears` gives the years, in order
   */
  waitBlocks: Map<number, CellBlock>;
  waitYears: number[];
  /**
   * per pool with one cap over the whole horizon (`per: total`): what it issued each calendar month
   * it is open, periods the months (`2022-11`), metric `issued`, per group and over all groups
   */
  monthlyBlocks: Map<number, CellBlock>;
  rows: CellRow[];
}

const POOL_TOTAL: Metric[] = [
  'cap',
  'eligible',
  'issued',
  'unused',
  'selection_rate',
  'days_to_fill',
  'filled',
];
const POOL_ALL_PERIODS: Metric[] = ['cap', 'eligible', 'issued', 'unused', 'selection_rate'];
const POOL_GROUP: Metric[] = ['eligible', 'issued', 'selection_rate'];
const POOL_GROUP_SPLIT: Metric[] = ['cap', 'eligible', 'issued', 'unused', 'selection_rate'];
const PROGRAM_TOTAL: Metric[] = [
  'cap',
  'applicants',
  'issued',
  'unused',
  'backlog',
  'diverted',
  'selection_rate',
];
const PROGRAM_GROUP: Metric[] = ['applicants', 'issued', 'backlog', 'diverted', 'selection_rate'];
const PROGRAM_TOTAL_FY: Metric[] = ['cap', 'applicants', 'issued', 'unused', 'backlog', 'diverted'];
const PROGRAM_GROUP_FY: Metric[] = ['applicants', 'issued', 'backlog', 'diverted'];
const PROGRAM_UNITS: Metric[] = ['applications', 'applications_issued', 'persons', 'persons_issued'];
const POOL_UNITS: Metric[] = ['applications_issued', 'persons_issued'];

/** The cells the outputs report (quantiles.csv, summary.json), by offset: what a sink keeps of a run. */
export function keptOffsets(cells: CellLayout): number[] {
  return cells.rows.map((r) => r.offset);
}

export function cellOffset(
  block: CellBlock,
  groupSlots: number,
  periodSlot: number,
  groupSlot: number,
  metric: Metric,
): number {
  return block.base + (periodSlot * groupSlots + groupSlot) * M + metricIndex[metric];
}

/** The pool key of a stage's rows (model.ts, StageModel). */
export const stageKey = (id: string) => `stage:${id}`;

/** The pool key of a ceiling's rows (their program is empty: a ceiling spans programs). */
export const ceilingKey = (id: string) => `ceiling:${id}`;
const CEILING: Metric[] = ['cap', 'issued', 'unused'];
const CUTOFF: Metric[] = ['final_action_date', 'current', 'unavailable'];
const WAIT: Metric[] = ['wait_months', 'served'];

export function layoutCells(
  model: Pick<Model, 'programs' | 'groups' | 'calendar'> & Partial<Pick<Model, 'ceilings' | 'priorityDays'>>,
): CellLayout {
  const groupSlots = model.groups.length + 1;
  let size = 0;
  const programBlocks: CellBlock[] = [];
  const poolBlocks: CellBlock[] = [];
  const rows: CellRow[] = [];
  const fyLabels = model.calendar.fiscalYears.map((f) => f.label);
  const groupIds = ['', ...model.groups.map((g) => g.id)];

  const addRows = (block: CellBlock, metricsFor: (periodSlot: number, groupSlot: number) => Metric[]) => {
    groupIds.forEach((group, gs) => {
      block.periods.forEach((period, ps) => {
        for (const metric of metricsFor(ps, gs)) {
          rows.push({
            program: block.program,
            pool: block.pool,
            group,
            period,
            metric,
            offset: cellOffset(block, groupSlots, ps, gs, metric),
          });
        }
      });
    });
  };

  for (const program of model.programs) {
    const pb: CellBlock = { program: program.id, pool: '', periods: ['', ...fyLabels], base: size };
    size += pb.periods.length * groupSlots * M;
    programBlocks.push(pb);
    // applications that carry several persons: both units apart, beside the metrics in what caps count
    const units = !!program.units;
    const withUnits = (m: Metric[], extra: Metric[]) => (units ? [...m, ...extra] : m);
    addRows(pb, (ps, gs) =>
      withUnits(
        ps === 0
          ? gs === 0
            ? PROGRAM_TOTAL
            : PROGRAM_GROUP
          : gs === 0
            ? PROGRAM_TOTAL_FY
            : PROGRAM_GROUP_FY,
        PROGRAM_UNITS,
      ),
    );
    for (const pool of program.pools) {
      const block: CellBlock = {
        program: program.id,
        pool: pool.id,
        periods: ['', ...pool.periods.map((p) => p.label)],
        base: size,
      };
      size += block.periods.length * groupSlots * M;
      poolBlocks.push(block);
      const split = !!pool.split;
      // a program with a receipt clock: each period's cap-reached day on that clock too
      // a pool that selects by the final receipt date: what came that day, and the share accepted
      const poolTotal: Metric[] = [
        ...POOL_TOTAL,
        ...(program.receiptLead !== undefined ? (['days_to_fill_receipt'] as const) : []),
        ...(pool.select.kind === 'uscis' ? (['final_day_received', 'final_day_accepted'] as const) : []),
      ];
      addRows(block, (ps, gs) =>
        withUnits(
          gs === 0 ? (ps === 0 ? POOL_ALL_PERIODS : poolTotal) : split ? POOL_GROUP_SPLIT : POOL_GROUP,
          POOL_UNITS,
        ),
      );
    }
  }
  const ceilingBlocks: CellBlock[] = [];
  for (const ceiling of model.ceilings ?? []) {
    const block: CellBlock = {
      program: '',
      pool: ceilingKey(ceiling.id),
      periods: ['', ...ceiling.periods.map((p) => p.label)],
      base: size,
    };
    size += block.periods.length * groupSlots * M;
    ceilingBlocks.push(block);
    addRows(block, (_, gs) =>
      gs === 0 ? (ceiling.hasAmount ? CEILING : ['issued']) : ceiling.perGroup ? CEILING : [],
    );
  }
  // Final action dates: per month of the calendar, per group and over all groups ("all chargeability")
  const cutoffBlocks = new Map<number, CellBlock>();
  const months = [...new Set(model.calendar.steps.map((st) => monthLabel(st.start)))];
  for (const program of model.programs) {
    for (const k of program.cutoffPools ?? []) {
      const pool = program.pools.find((p) => p.index === k);
      if (!pool) continue;
      const block: CellBlock = { program: program.id, pool: pool.id, periods: ['', ...months], base: size };
      size += block.periods.length * groupSlots * M;
      cutoffBlocks.set(k, block);
      addRows(block, (ps) => (ps === 0 ? [] : CUTOFF));
    }
  }
  // The wait from filing to selection, by filing (priority-date) year
  const waitBlocks = new Map<number, CellBlock>();
  const lastYear = yearOfDay(model.calendar.steps.at(-1)?.start ?? 0);
  const firstPd = model.priorityDays?.[0];
  const firstYear = Math.min(
    firstPd !== undefined ? yearOfDay(firstPd) : lastYear,
    yearOfDay(model.calendar.steps[0]?.start ?? 0),
  );
  const waitYears = Array.from({ length: Math.max(0, lastYear - firstYear + 1) }, (_, i) => firstYear + i);
  for (const program of model.programs) {
    for (const k of program.cutoffPools ?? []) {
      const pool = program.pools.find((p) => p.index === k);
      if (!pool) continue;
      const block: CellBlock = {
        program: program.id,
        pool: pool.id,
        periods: ['', ...waitYears.map((y) => `filed ${y}`)],
        base: size,
      };
      size += block.periods.length * groupSlots * M;
      waitBlocks.set(k, block);
      addRows(block, (ps) => (ps === 0 ? [] : WAIT));
    }
  }

  // Stages after selection: how many reached each, per fiscal year and group
  const stageBlocks = new Map<number, CellBlock[]>();
  model.programs.forEach((program, pi) => {
    if (!program.stages?.length) return;
    const blocks = program.stages.map((stage) => {
      const block: CellBlock = {
        program: program.id,
        pool: stageKey(stage.id),
        periods: ['', ...fyLabels],
        base: size,
      };
      size += block.periods.length * groupSlots * M;
      addRows(block, () => ['reached']);
      return block;
    });
    stageBlocks.set(pi, blocks);
  });

  // Pools with one cap over the whole horizon (`per: total`): what they issued month by month
  const monthlyBlocks = new Map<number, CellBlock>();
  for (const pool of model.programs.flatMap((p) => p.pools)) {
    if (pool.cap.kind !== 'amount' || pool.cap.per !== 'total') continue;
    const months = [
      ...new Set(
        model.calendar.steps
          .filter((st) => (pool.stepPeriod[st.index] ?? -1) >= 0)
          .map((st) => monthLabel(st.start)),
      ),
    ];
    if (months.length < 2) continue;
    const program = model.programs[pool.program];
    if (!program) continue;
    const block: CellBlock = { program: program.id, pool: pool.id, periods: ['', ...months], base: size };
    size += block.periods.length * groupSlots * M;
    monthlyBlocks.set(pool.index, block);
    addRows(block, (ps) => (ps === 0 ? [] : ['issued']));
  }
  return {
    size,
    groupSlots,
    programBlocks,
    poolBlocks,
    ceilingBlocks,
    cutoffBlocks,
    stageBlocks,
    waitBlocks,
    waitYears,
    monthlyBlocks,
    rows,
  };
}
