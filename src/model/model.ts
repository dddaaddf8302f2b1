/**
 * compileModel: Scenario (validated, typed) → Model (numbers resolved, formulas compiled, calendar
 * laid out, periods of every pool listed, output cells laid out). Nothing random happens here; the
 * engine samples parameters and demand per run. The Model is read-only for the engine.
 */

import type { GroupInfo, ProgramInfo, ScenarioInfo, SourceRef } from '../core/types.js';
import {
  type CompiledFormula,
  compileFormula,
  dayNumber,
  evaluateBoolean,
  evaluateNumber,
  RESULT_FUNCTIONS,
  type Scope,
  STEP_SYMBOLS,
  type Value,
} from '../formula/formula.js';
import { type SeriesTable, seriesTable } from '../formula/series.js';
import {
  type CapPer,
  type CapSpec,
  type Distribution,
  decodeCap,
  decodeOpensAfter,
  decodeParameter,
  resultSources,
} from '../scenario/decode.js';
import { deriveColumns, isDerived } from '../scenario/derived.js';
import {
  type Attribute,
  NOT_SELECTED_REASONS,
  type Parameter,
  type Pool,
  type Program,
  type Scenario,
} from '../scenario/schema.js';
import type { ApportionMethod } from './apportion.js';
import { type Calendar, inWindow, isoOfDay, layoutCalendar, monthLabel } from './calendar.js';
import {
  type CeilingModel,
  ceilingOfUncappedPool,
  compileCeilings,
  layoutCeilingPeriods,
} from './ceilings.js';
import { type CellLayout, layoutCells } from './cells.js';
import { attachSites } from './formula-sites.js';

export type SelectKind = 'lottery' | 'weighted-lottery' | 'fcfs' | 'uscis' | 'queue' | 'pro-rata' | 'mix';

export interface SelectModel {
  kind: SelectKind;
  /** weighted-lottery: relative weight per (group, segment) evaluated per run */
  weight?: CompiledFormula;
  /** uscis: draw among everything received in the first `firstDays` days if the cap is reached that early */
  firstDays?: number;
  /** mix: parts applied in order */
  parts?: { kind: 'lottery' | 'fcfs' | 'queue'; share: number }[];
}

export interface PeriodDef {
  label: string;
  start: number;
  end: number;
  firstStep: number;
  /** exclusive */
  endStep: number;
  fy: number;
  /** numbers available before roll-ins, carry-overs and spills */
  capBase: number;
  /** index of the tranche (0 when the pool has none) */
  tranche: number;
}

export type PoolCap = CapSpec | { kind: 'ceiling'; ceiling: string; per: CapPer; source: string[] };

export type UnusedModel =
  | { kind: 'lapse' }
  | { kind: 'roll' }
  | { kind: 'carry' }
  | { kind: 'spill'; pool: number };

export interface PoolModel {
  id: string;
  title: string;
  description: string;
  /** index among all pools of the scenario */
  index: number;
  program: number;
  periods: PeriodDef[];
  /** step → period index, -1 where the pool is closed (outside its window or dates) */
  stepPeriod: Int32Array;
  /**
   * the pool's own numbers, decoded once (scenario/decode.ts), or none: a pool with no cap of its
   * own draws only on a ceiling (`ceiling`, its id), with that ceiling's periods
   */
  cap: PoolCap;
  eligible?: CompiledFormula;
  /** true when `eligible` reads parameters, so it must be evaluated per run */
  eligibleVaries: boolean;
  split?: {
    by: string;
    weight?: CompiledFormula;
    method: ApportionMethod;
    resplit: boolean;
    /** a two-level split: the first level's values (`within` column, in order of first appearance) and each group's */
    within?: { column: string; ids: string[]; level: Int32Array };
  };
  limit?: { share?: number; amount?: number; rounding: 'nearest' | 'floor' };
  /** a throughput under the period's cap: by the end of its k-th month (or quarter) at most k × share */
  /** a throughput under the cap: by the end of the k-th slice of `months`, k × share of the numbers (share) or k × amount */
  pace: { months: number; share: number; amount: number } | undefined;
  select: SelectModel;
  /** lottery-like methods draw once, at the end of each period, among all applications of the period */
  drawAtPeriodEnd: boolean;
  unused: UnusedModel;
  /** pool that must have filled in the same fiscal year before this one opens, or -1 */
  opensAfter: number;
  /** ... only that tranche (or half) of it, by index (−1: any of its periods in the year) */
  opensTranche: number;
  /** ... and this many days after it filled */
  opensLag: number;
  /** indices of the ceilings this pool draws on */
  ceilings: number[];
  /**
   * a cap given as a formula that reads an uncertain parameter: evaluated once per run (rounded,
   * at least 0), in place of `periods[p].capBase`; a formula of fixed values is resolved here
   */
  capFormula: CompiledFormula | undefined;
  /**
   * the cap formula reads results of the fiscal year before (`unused_before(id)`) or the year
   * (`year`, `fy`): evaluated at the start of each period, in place of the per-run value
   */
  capResults: boolean;
  source: string[];
  note?: string;
  raw: Pool;
}

export interface DemandModel {
  perYear?: CompiledFormula;
  perMonth?: CompiledFormula;
  varies: boolean;
  /** share of a fiscal year's arrivals that fall in each step */
  stepShare: Float64Array;
  noise: { kind: 'none' } | { kind: 'poisson' } | { kind: 'negative-binomial'; dispersion: number };
  /** the formula reads the step (`month`, `today`, `days_open`): rates are worked out per step */
  perStep: boolean;
  /** the day demand opens (its `from`, or the calendar's start), for `days_open` */
  opens: number;
  /**
   * Groups with a window or profile of their own (`by_group`): per group, its share of a fiscal
   * year's arrivals in each step (undefined: the program's `stepShare`), the day it opens, and the
   * entry it took (−1: none).
   *
   * An entry whose `when` reads segment attributes gives a window to some segments of a group
   * only: such a group has, per segment, its share of a fiscal year's arrivals in each step
   * (`bySegment[g][s]`) and the entry each segment took (`segmentEntry[g][s]`); its `stepShare`,
   * `opens` and `entry` are then those of its segment that opens first.
   */
  byGroup?: {
    stepShare: (Float64Array | undefined)[];
    opens: number[];
    entry: number[];
    bySegment?: (Float64Array[] | undefined)[];
    segmentEntry?: (number[] | undefined)[];
  };
}

/**
 * Applications that carry several persons (`units` in the scenario). Cells are laid out per size
 * class (model.sizeClasses): an application of group g in class k carries `sizes[g][k]` persons, and
 * a new application falls in class k with probability `classProb[g][k]`.
 */
export interface UnitsModel {
  /** what an application carries, a plural noun ("workers") */
  carries: string;
  /** what the program's caps, limits and ceilings count */
  capsCount: 'persons' | 'applications';
  /** the application that would take a cap past its numbers: skipped, or admitted whole */
  crossing: 'skip' | 'admit';
  sizes: number[][];
  classProb: number[][];
}

export interface StageModel {
  id: string;
  title: string;
  /** share of the stage before that reaches this one; NaN when `rateFormula` draws it per run */
  rate: number;
  rateFormula: CompiledFormula | undefined;
  /** whole months after the stage before */
  lag: number;
  /** program whose applicants those who reach it become, or −1 */
  flowTo: number;
}

export interface ProgramModel {
  id: string;
  title: string;
  description: string;
  status?: string;
  index: number;
  demand?: DemandModel;
  notSelected: {
    reapply: number;
    divert: number;
    divertTo: number;
    wait: 'step' | 'month' | 'fiscal-year';
    /**
     * `rules`: the shares by reason (0 ineligible, 1 not drawn, 2 over a limit) and group, at
     * reason × groups + g; divertP is the chance of diverting among those who do not reapply.
     * Undefined without rules (the program-level shares for everyone).
     */
    byReason?: { reapply: Float64Array; divertP: Float64Array };
  };
  /** receives the diverted applicants of these programs */
  inflowFrom: number[];
  pools: PoolModel[];
  /** applications that carry several persons, or none (each applicant is one person) */
  units: UnitsModel | undefined;
  /**
   * applicants waiting when the simulation starts (`inventory`): per entry its cell, its arrival
   * (negative: an index into model.priorityDays minus their count, so older is smaller) and persons
   */
  inventory: { cell: number; arrival: number; count: number }[];
  /** pools (indices among all pools) whose final action dates are reported each month */
  cutoffPools: number[];
  /** stages after selection, in order (`stages`): each reached by a share of the one before, after a lag */
  stages: StageModel[];
  /**
   * Days from receipt (filing) to start date (`receipt_clock`), or undefined without a receipt
   * clock; NaN when `receiptLeadFormula` draws it per run
   */
  receiptLead: number | undefined;
  receiptLeadFormula: CompiledFormula | undefined;
  /** a queue orders applicants by filing date, so cohorts must be kept apart */
  keepCohorts: boolean;
  /**
   * fall-down within a period, in the stated order (pool indices among all pools): at the end of a
   * period, `from`'s unused numbers go to `to`, which draws again; repeated until nothing moves
   */
  fallDown: { from: number[]; to: number }[];
  source: string[];
  raw: Program;
}

export interface ParameterModel {
  id: string;
  /** the YAML entry, for its description, note and sources */
  spec: Parameter;
  /** its value or distribution, decoded once (scenario/decode.ts); dates are day numbers */
  dist: Distribution;
  /** fixed value when the parameter is not uncertain (dist.kind === 'fixed') */
  fixed?: number;
}

export interface GroupModel {
  id: string;
  name: string;
  columns: Record<string, Value>;
}

export interface Model {
  info: ScenarioInfo;
  seed: string;
  runs: number;
  calendar: Calendar;
  groups: GroupModel[];
  attributes: { id: string; share: CompiledFormula; varies: boolean; spec: Attribute }[];
  /** number of segments = 2^attributes; segment s has attribute a when bit a of s is set */
  segments: number;
  /**
   * size classes of applications that carry several persons (1 without `units`): a cell is (group,
   * segment, class), its index within the group `class × segments + segment`
   */
  sizeClasses: number;
  parameters: ParameterModel[];
  programs: ProgramModel[];
  pools: PoolModel[];
  /** limits shared by several pools (model/ceilings.ts) */
  ceilings: CeilingModel[];
  /** the priority dates (day numbers, ascending) of the applicants waiting at the start */
  priorityDays: number[];
  /** the scenario's series (`series:`), in file order; formulas read them, reports draw references */
  series: SeriesTable[];
  cells: CellLayout;
  programInfo: ProgramInfo[];
  groupInfo: GroupInfo[];
}

export class ModelError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

const HALVES = [
  { id: 'H1', months: [0, 6] },
  { id: 'H2', months: [6, 12] },
] as const;

function sourceIds(s: string | string[] | undefined): string[] {
  return s === undefined ? [] : Array.isArray(s) ? s : [s];
}

export function compileModel(scenario: Scenario): Model {
  // done by validation; a scenario built in code may not have been through it
  if (!isDerived(scenario)) deriveColumns(scenario);
  const groups: GroupModel[] = (scenario.groups.rows ?? []).map((r) => {
    const columns: Record<string, Value> = {};
    for (const [k, v] of Object.entries(r)) columns[k] = v as Value;
    return { id: r.id, name: r.name, columns };
  });
  if (groups.length === 0) throw new ModelError('the scenario has no groups', ['groups']);

  const parameters: ParameterModel[] = [...scenario.parameters]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => {
      const dist = decodeParameter(p);
      return dist.kind === 'fixed'
        ? { id: p.id, spec: p, dist, fixed: dist.value }
        : { id: p.id, spec: p, dist };
    });
  const paramIds = new Set(parameters.map((p) => p.id));
  const columnNames = [...new Set(groups.flatMap((g) => Object.keys(g.columns)))];
  const attrIds = scenario.attributes.map((a) => a.id);
  const varies = (f: CompiledFormula | undefined) =>
    !!f && f.symbols.some((s) => paramIds.has(s) && parameters.find((p) => p.id === s)?.fixed === undefined);

  const groupSymbols = [...columnNames, ...paramIds];
  /** every group's row, for formulas that sum over groups (total, count, own) */
  const rows = groups.map((g) => g.columns);
  /** the series formulas may look up (`series("id")`) */
  const seriesTables = scenario.series.map((x) => seriesTable(x));
  const series = new Map(seriesTables.map((t) => [t.id, t]));
  const attributes = scenario.attributes.map((a) => {
    const share = compileFormula(a.share, { symbols: groupSymbols, rows, series });
    return { id: a.id, share, varies: varies(share), spec: a };
  });
  if (attributes.length > 8)
    throw new ModelError('at most 8 segment attributes are supported', ['attributes']);

  // Every window edge and absolute date cuts the steps, so windows keep day precision.
  const cutMonthDays: string[] = [];
  const cutDays: number[] = [];
  for (const program of scenario.programs) {
    for (const w of [program.demand, ...(program.demand?.by_group ?? [])]) {
      if (w?.from) cutDays.push(dayNumber(w.from));
      if (w?.until) cutDays.push(dayNumber(w.until));
    }
    for (const pool of program.pools) {
      const windows = [...(pool.window ? [pool.window] : []), ...(pool.tranches ?? []).map((t) => t.window)];
      for (const w of windows) {
        cutMonthDays.push(w.from);
        cutMonthDays.push(nextMonthDay(w.to));
      }
      if (pool.from) cutDays.push(dayNumber(pool.from));
      if (pool.until) cutDays.push(dayNumber(pool.until));
      const cap = decodeCap(pool);
      if (cap?.kind === 'amount') {
        if (cap.from) cutDays.push(dayNumber(cap.from));
        if (cap.until) cutDays.push(dayNumber(cap.until));
      }
    }
  }
  for (const c of scenario.ceilings) {
    if (c.from) cutDays.push(dayNumber(c.from));
    if (c.until) cutDays.push(dayNumber(c.until));
  }
  const calendar = layoutCalendar(scenario.calendar, cutMonthDays, cutDays);
  const nSteps = calendar.steps.length;

  const poolIndex = new Map<string, number>();
  scenario.programs.forEach((p) => {
    for (const pool of p.pools) poolIndex.set(pool.id, poolIndex.size);
  });
  const programIndex = new Map(scenario.programs.map((p, i) => [p.id, i]));

  const eligibleSymbols = [...columnNames, ...paramIds, ...attrIds, 'year', 'fy'];
  // A cap formula reads parameters only: of fixed ones it is a number now; of uncertain ones, per run.
  const fixedScope: Record<string, Value> = {};
  for (const p of parameters) if (p.fixed !== undefined) fixedScope[p.id] = p.fixed;
  // ... and may sum group columns (total, count) and read results of the fiscal year before
  const resultIds = resultSources(scenario);
  const capAmount = (text: string): { amount: number; formula?: CompiledFormula } => {
    const f = compileFormula(text, {
      symbols: [...paramIds, 'year', 'fy'],
      rowSymbols: columnNames,
      rows,
      results: resultIds,
      series,
    });
    if (varies(f) || readsResults(f)) return { amount: Number.NaN, formula: f };
    return { amount: roundCap(evaluateNumber(f, fixedScope)) };
  };
  const pools: PoolModel[] = [];
  const programs: ProgramModel[] = scenario.programs.map((program, pi) => {
    const programPools = program.pools.map((pool) => {
      const pm = compilePool(pool, pi, pools.length, calendar, scenario, nSteps, capAmount);
      if (pool.eligible !== undefined) {
        pm.eligible = compileFormula(pool.eligible, { symbols: eligibleSymbols, rows, series });
        pm.eligibleVaries = varies(pm.eligible);
      }
      if (pool.split) {
        const isColumn = columnNames.includes(pool.split.by);
        pm.split = { by: pool.split.by, method: pool.split.method, resplit: pool.split.resplit };
        if (pool.split.within !== undefined) pm.split.within = splitLevels(groups, pool.split.within);
        if (!isColumn)
          pm.split.weight = compileFormula(pool.split.by, { symbols: groupSymbols, rows, series });
      }
      if (pool.limit_per_group) {
        const l = pool.limit_per_group;
        pm.limit = { rounding: l.rounding };
        if (l.share !== undefined) pm.limit.share = l.share;
        if (l.amount !== undefined) pm.limit.amount = l.amount;
      }
      const sel = pool.select;
      if (typeof sel === 'string') pm.select = { kind: sel };
      else if (sel.method === 'weighted-lottery')
        pm.select = {
          kind: 'weighted-lottery',
          weight: compileFormula(sel.weight, { symbols: eligibleSymbols, rows, series }),
        };
      else if (sel.method === 'uscis') pm.select = { kind: 'uscis', firstDays: sel.first_days };
      else pm.select = { kind: 'mix', parts: sel.parts.map((p) => ({ kind: p.method, share: p.share })) };
      if (pm.select.kind === 'uscis' && pm.select.firstDays === undefined) pm.select.firstDays = 5;
      pm.drawAtPeriodEnd = ['lottery', 'weighted-lottery', 'pro-rata'].includes(pm.select.kind);
      pools.push(pm);
      return pm;
    });
    const demand = program.demand;
    let demandModel: DemandModel | undefined;
    if (demand) {
      const sym = { symbols: [...columnNames, ...paramIds, 'year', 'fy', ...STEP_SYMBOLS], rows, series };
      demandModel = {
        varies: false,
        perStep: false,
        opens: calendar.start,
        stepShare: stepShares(calendar, demand.profile, demand.from, demand.until),
        noise:
          demand.noise === 'none'
            ? { kind: 'none' }
            : demand.noise === 'poisson'
              ? { kind: 'poisson' }
              : { kind: 'negative-binomial', dispersion: demand.noise.negative_binomial.dispersion },
      };
      if (demand.per_year !== undefined) demandModel.perYear = compileFormula(demand.per_year, sym);
      if (demand.per_month !== undefined) demandModel.perMonth = compileFormula(demand.per_month, sym);
      demandModel.varies = varies(demandModel.perYear) || varies(demandModel.perMonth);
      const f = demandModel.perYear ?? demandModel.perMonth;
      demandModel.perStep = !!f && f.symbols.some((x) => (STEP_SYMBOLS as readonly string[]).includes(x));
      demandModel.opens = demand.from ? dayNumber(demand.from) : calendar.start;
      if (demand.by_group)
        demandModel.byGroup = groupWindows(demand, groups, columnNames, attrIds, calendar, demandModel);
    }
    const ns = program.not_selected;
    const units = program.units
      ? compileUnits(program.units, groups, fixedScope, columnNames, rows)
      : undefined;
    return {
      id: program.id,
      title: program.title,
      description: program.description ?? '',
      ...(program.status ? { status: program.status } : {}),
      index: pi,
      ...(demandModel ? { demand: demandModel } : {}),
      notSelected: {
        reapply: ns?.reapply ?? 0,
        divert: ns?.divert ?? 0,
        divertTo: ns?.divert_to !== undefined ? (programIndex.get(ns.divert_to) ?? -1) : -1,
        wait: ns?.wait ?? 'fiscal-year',
        ...(ns?.rules ? { byReason: notSelectedRules(ns, groups, columnNames) } : {}),
      },
      inflowFrom: [],
      pools: programPools,
      units,
      inventory: [],
      stages: (program.stages ?? []).map((stage) => {
        const f =
          typeof stage.rate === 'string'
            ? compileFormula(stage.rate, { symbols: [...paramIds], series })
            : undefined;
        // a declared clamp is counted in each run (engine/domain.ts), so it is evaluated per run
        const fixed = f && !varies(f) && stage.clamp !== true;
        return {
          id: stage.id,
          title: stage.title ?? stage.id,
          rate:
            typeof stage.rate === 'number'
              ? stage.rate
              : fixed
                ? Math.min(1, Math.max(0, evaluateNumber(f, fixedScope)))
                : Number.NaN,
          rateFormula: f && !fixed ? f : undefined,
          lag: stage.lag_months,
          flowTo: stage.flow_to !== undefined ? (programIndex.get(stage.flow_to) ?? -1) : -1,
        };
      }),
      ...receiptLeadOf(program, [...paramIds], fixedScope, varies),
      cutoffPools: program.inventory
        ? programPools.filter((p) => p.select.kind === 'queue').map((p) => p.index)
        : [],
      fallDown: (program.fall_down ?? []).map((f) => ({
        from: (Array.isArray(f.from) ? f.from : [f.from]).map((id) => poolIndex.get(id) as number),
        to: poolIndex.get(f.to) as number,
      })),
      keepCohorts: programPools.some(
        (p) =>
          p.select.kind === 'queue' ||
          (p.select.kind === 'mix' && (p.select.parts ?? []).some((x) => x.kind === 'queue')),
      ),
      source: sourceIds(program.source),
      raw: program,
    };
  });
  for (const p of programs)
    if (p.notSelected.divertTo >= 0) programs[p.notSelected.divertTo]?.inflowFrom.push(p.index);

  // Resolve pool-to-pool references now that every pool has an index.
  scenario.programs.forEach((program) => {
    for (const pool of program.pools) {
      const pm = pools[poolIndex.get(pool.id) as number] as PoolModel;
      if (typeof pool.unused === 'object') {
        const target = poolIndex.get(pool.unused.spill);
        if (target === undefined)
          throw new ModelError(`unknown pool "${pool.unused.spill}"`, [
            'programs',
            program.id,
            'pools',
            pool.id,
            'unused',
            'spill',
          ]);
        pm.unused = { kind: 'spill', pool: target };
      } else pm.unused = { kind: pool.unused };
      const opens = decodeOpensAfter(pool);
      if (opens) {
        const target = poolIndex.get(opens.pool);
        if (target === undefined)
          throw new ModelError(`unknown pool "${opens.pool}"`, [
            'programs',
            program.id,
            'pools',
            pool.id,
            'opens_after',
          ]);
        pm.opensAfter = target;
        pm.opensLag = opens.lag;
        if (opens.tranche !== undefined) {
          const tp = scenario.programs.flatMap((x) => x.pools).find((x) => x.id === opens.pool);
          const ids = tp?.tranches?.map((t) => t.id) ?? ['H1', 'H2'];
          pm.opensTranche = ids.indexOf(opens.tranche);
        }
      }
    }
  });

  const priorityDays = compileInventories(scenario, programs, groups, attributes, fixedScope, calendar);
  // a per-group limit as a formula: of group columns and parameters, rounded; per run when uncertain
  const limitAmount = (text: string, g: number): { amount: number; formula?: CompiledFormula } => {
    const f = compileFormula(text, { symbols: groupSymbols, rows });
    const scope = { ...(groups[g] as GroupModel).columns, ...fixedScope };
    if (varies(f)) return { amount: Number.NaN, formula: f };
    return { amount: roundCap(evaluateNumber(f, scope)) };
  };
  const ceilings = compileCeilings(scenario.ceilings, pools, groups, calendar, capAmount, limitAmount);
  for (const c of ceilings) for (const m of c.pools) (pools[m] as PoolModel).ceilings.push(c.index);

  const sources: SourceRef[] = scenario.sources.map((s) => ({
    id: s.id,
    title: s.title,
    url: s.url,
    date: s.date,
    publisher: s.publisher,
    confidence: s.confidence,
    note: s.note,
  }));
  const assumptions = [
    ...scenario.parameters
      .filter((p) => p.assumption || (!p.source && p.note))
      .map((p) => ({ id: p.id, text: p.note ?? p.description ?? '' })),
    ...scenario.attributes
      .filter((a) => a.assumption)
      .map((a) => ({ id: a.id, text: a.note ?? a.description })),
    ...scenario.programs
      .filter((p) => p.demand?.note)
      .map((p) => ({ id: `${p.id}.demand`, text: p.demand?.note ?? '' })),
  ];
  const info: ScenarioInfo = {
    id: scenario.id,
    title: scenario.title,
    description: scenario.description ?? '',
    status: scenario.status,
    sources,
    assumptions,
  };
  const programInfo: ProgramInfo[] = programs.map((p) => ({
    id: p.id,
    title: p.title,
    pools: p.pools.map((pool) => ({
      id: pool.id,
      title: pool.title,
      periods: pool.periods.map((x) => x.label),
      periodDates: pool.periods.map((x) => ({
        label: x.label,
        start: isoOfDay(x.start),
        end: isoOfDay(x.end),
      })),
      capPer: pool.cap.kind === 'tranches' ? 'tranche' : pool.cap.per,
      ...(pool.cap.kind === 'ceiling' ? { ceiling: pool.cap.ceiling } : {}),
    })),
  }));
  const groupInfo: GroupInfo[] = groups.map((g) => ({ id: g.id, name: g.name }));
  const model: Model = {
    info,
    seed: String(scenario.simulation.seed),
    runs: scenario.simulation.runs,
    calendar,
    groups,
    attributes,
    segments: 2 ** attributes.length,
    sizeClasses: Math.max(1, ...programs.map((p) => p.units?.sizes[0]?.length ?? 1)),
    parameters,
    programs,
    pools,
    ceilings,
    priorityDays,
    series: seriesTables,
    cells: undefined as unknown as CellLayout,
    programInfo,
    groupInfo,
  };
  model.cells = layoutCells(model);
  attachSites(model, scenario);
  return model;
}

function nextMonthDay(md: string): string {
  const [m, d] = md.split('-').map(Number) as [number, number];
  // 2001 is not a leap year: a window ending Feb 28 opens the next on Mar 1 (Feb 29 is rare enough
  // that a step boundary on Mar 1 in leap years changes nothing but the step length).
  const t = new Date(Date.UTC(2001, m - 1, d + 1));
  return `${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

/**
 * `not_selected.rules` as tables over reason × group: the first rule whose reason (if it names one)
 * and groups (if it has `when`) match gives the shares, the program-level ones filling in the rest.
 */
function notSelectedRules(
  ns: NonNullable<Program['not_selected']>,
  groups: readonly GroupModel[],
  columns: string[],
): NonNullable<ProgramModel['notSelected']['byReason']> {
  const rules = (ns.rules ?? []).map((rule) => ({
    reason: rule.reason === undefined ? -1 : NOT_SELECTED_REASONS.indexOf(rule.reason),
    when: rule.when === undefined ? undefined : compileFormula(rule.when, { symbols: columns }),
    reapply: rule.reapply ?? ns.reapply,
    divert: rule.divert ?? ns.divert,
  }));
  const G = groups.length;
  const reapply = new Float64Array(NOT_SELECTED_REASONS.length * G);
  const divertP = new Float64Array(NOT_SELECTED_REASONS.length * G);
  NOT_SELECTED_REASONS.forEach((_, reason) => {
    groups.forEach((g, gi) => {
      const rule = rules.find(
        (x) => (x.reason < 0 || x.reason === reason) && (!x.when || evaluateBoolean(x.when, g.columns)),
      );
      const re = rule ? rule.reapply : ns.reapply;
      const dv = rule ? rule.divert : ns.divert;
      reapply[reason * G + gi] = re;
      divertP[reason * G + gi] = Math.min(1, dv / (1 - re || 1));
    });
  });
  return { reapply, divertP };
}

/** A program's `receipt_clock` lead: a number now, or a formula drawn per run (state.ts). */
function receiptLeadOf(
  program: Program,
  paramIds: string[],
  fixedScope: Record<string, Value>,
  varies: (f: CompiledFormula) => boolean,
): Pick<ProgramModel, 'receiptLead' | 'receiptLeadFormula'> {
  const lead = program.receipt_clock?.lead_days;
  if (lead === undefined) return { receiptLead: undefined, receiptLeadFormula: undefined };
  if (typeof lead === 'number') return { receiptLead: lead, receiptLeadFormula: undefined };
  const f = compileFormula(lead, { symbols: paramIds });
  if (varies(f)) return { receiptLead: Number.NaN, receiptLeadFormula: f };
  return { receiptLead: evaluateNumber(f, fixedScope), receiptLeadFormula: undefined };
}

/**
 * The windows and profiles of `by_group`: each group takes the first entry whose `when` holds for
 * it, what the entry leaves out being the program's; groups no entry matches keep the program's.
 * A `when` that reads segment attributes is settled per segment (attribute combination): a group
 * whose segments take different entries keeps a window per segment.
 */
function groupWindows(
  demand: NonNullable<Program['demand']>,
  groups: readonly GroupModel[],
  columns: string[],
  attrIds: string[],
  calendar: Calendar,
  program: DemandModel,
): NonNullable<DemandModel['byGroup']> {
  const entries = (demand.by_group ?? []).map((e) => ({
    when: compileFormula(e.when, { symbols: [...columns, ...attrIds] }),
    from: e.from ?? demand.from,
    until: e.until ?? demand.until,
    profile: e.profile ?? demand.profile,
  }));
  const A = 2 ** attrIds.length;
  const shares = entries.map((e) => stepShares(calendar, e.profile, e.from, e.until));
  const opensOf = (k: number) => {
    const e = entries[k];
    return e?.from ? dayNumber(e.from) : program.opens;
  };
  const stepShare: (Float64Array | undefined)[] = [];
  const opens: number[] = [];
  const entry: number[] = [];
  const bySegment: (Float64Array[] | undefined)[] = [];
  const segmentEntry: (number[] | undefined)[] = [];
  for (const g of groups) {
    // the entry each segment takes: segment s has attribute a when bit a of s is set
    const ks: number[] = [];
    for (let s = 0; s < A; s++) {
      const scope: Record<string, Value> = { ...g.columns };
      attrIds.forEach((a, bit) => {
        scope[a] = ((s >> bit) & 1) === 1;
      });
      ks.push(entries.findIndex((e) => evaluateBoolean(e.when, scope as Scope)));
    }
    // the segment that opens first speaks for the group (days_open, explain)
    let first = 0;
    for (let s = 1; s < A; s++) if (opensOf(ks[s] as number) < opensOf(ks[first] as number)) first = s;
    const k = ks[first] as number;
    stepShare.push(k >= 0 ? shares[k] : undefined);
    opens.push(opensOf(k));
    entry.push(k);
    const same = ks.every((x) => x === k);
    bySegment.push(
      same ? undefined : ks.map((x) => (x >= 0 ? shares[x] : program.stepShare) as Float64Array),
    );
    segmentEntry.push(same ? undefined : ks);
  }
  return {
    stepShare,
    opens,
    entry,
    ...(segmentEntry.some((x) => x) ? { bySegment, segmentEntry } : {}),
  };
}

/** Share of a fiscal year's arrivals falling in each step (profile by month, days within month). */
function stepShares(
  calendar: Calendar,
  profile: 'uniform' | number[],
  from?: string,
  until?: string,
): Float64Array {
  const given = profile === 'uniform' ? new Array<number>(12).fill(1) : profile;
  // relative weights: entries so large that their sum overflows (1e308) are scaled down first
  const top = Math.max(...given);
  const weights = Number.isFinite(given.reduce((a, b) => a + b, 0)) ? given : given.map((w) => w / top);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const lo = from ? dayNumber(from) : Number.NEGATIVE_INFINITY;
  const hi = until ? dayNumber(until) : Number.POSITIVE_INFINITY;
  const out = new Float64Array(calendar.steps.length);
  for (const st of calendar.steps) {
    const open = Math.max(0, Math.min(st.end, hi) - Math.max(st.start, lo));
    out[st.index] = ((weights[st.fyMonth] as number) / total) * (open / st.monthDays);
  }
  return out;
}

function compilePool(
  pool: Pool,
  program: number,
  index: number,
  calendar: Calendar,
  scenario: Scenario,
  nSteps: number,
  capAmount: (text: string) => { amount: number; formula?: CompiledFormula },
): PoolModel {
  const fyStartMd = scenario.calendar.fiscal_year_start;
  // the pool's effective and end dates (`from`, `until`): no period outside them
  const inForce = {
    from: pool.from ? dayNumber(pool.from) : Number.NEGATIVE_INFINITY,
    until: pool.until ? dayNumber(pool.until) : Number.POSITIVE_INFINITY,
  };
  const stepPeriod = new Int32Array(nSteps).fill(-1);
  const periods: PeriodDef[] = [];
  const steps = calendar.steps;
  const addPeriod = (
    label: string,
    fy: number,
    capBase: number,
    tranche: number,
    inPeriod: (s: (typeof steps)[number]) => boolean,
  ) => {
    const members = steps
      .filter(inPeriod)
      .filter((s) => !pool.window || inWindow(s.start, pool.window, fyStartMd))
      .filter((s) => s.start >= inForce.from && s.start < inForce.until);
    if (members.length === 0) return;
    const idx = periods.length;
    for (const s of members) stepPeriod[s.index] = idx;
    const first = members[0] as (typeof steps)[number];
    const last = members[members.length - 1] as (typeof steps)[number];
    periods.push({
      label,
      start: first.start,
      end: last.end,
      firstStep: first.index,
      endStep: last.index + 1,
      fy,
      capBase,
      tranche,
    });
  };

  // A pool with neither cap nor tranches draws on a ceiling with an amount (validation refuses it
  // otherwise; compiled anyway, it has no numbers).
  const own = decodeCap(pool);
  const shared = own ? undefined : ceilingOfUncappedPool(scenario.ceilings, pool.id);
  const cap: PoolCap =
    own ??
    (shared
      ? { kind: 'ceiling', ceiling: shared.id, per: shared.per, source: [] }
      : { kind: 'amount', amount: 0, per: 'fiscal-year', source: [] });
  let capFormula: CompiledFormula | undefined;
  if (cap.kind === 'amount' && cap.formula !== undefined) {
    const resolved = capAmount(cap.formula);
    cap.amount = resolved.amount;
    capFormula = resolved.formula;
  }
  if (cap.kind === 'ceiling' && shared) {
    // its periods are the ceiling's, and it may use up to the ceiling's amount in each
    const layout = layoutCeilingPeriods(shared, calendar);
    for (const cp of layout.periods)
      addPeriod(
        cp.label,
        (steps[cp.firstStep] as (typeof steps)[number]).fy,
        cp.amount,
        0,
        (s) => s.index >= cp.firstStep && s.index < cp.endStep,
      );
  } else if (cap.kind === 'tranches') {
    for (const fy of calendar.fiscalYears) {
      cap.tranches.forEach((t, ti) => {
        addPeriod(
          `${fy.label}-${t.id}`,
          fy.index,
          t.amount,
          ti,
          (s) => s.fy === fy.index && inWindow(s.start, t.window, fyStartMd),
        );
      });
    }
  } else if (cap.kind === 'amount') {
    const { amount, per } = cap;
    if (per === 'fiscal-year') {
      for (const fy of calendar.fiscalYears)
        addPeriod(fy.label, fy.index, amount, 0, (s) => s.fy === fy.index);
    } else if (per === 'half') {
      for (const fy of calendar.fiscalYears) {
        HALVES.forEach((h, hi) => {
          addPeriod(
            `${fy.label}-${h.id}`,
            fy.index,
            amount,
            hi,
            (s) => s.fy === fy.index && s.fyMonth >= h.months[0] && s.fyMonth < h.months[1],
          );
        });
      }
    } else if (per === 'month') {
      const months = new Map<string, (typeof steps)[number][]>();
      for (const s of steps) {
        const key = monthLabel(s.start);
        months.set(key, [...(months.get(key) ?? []), s]);
      }
      for (const [label, members] of months) {
        const set = new Set(members.map((m) => m.index));
        addPeriod(label, (members[0] as (typeof steps)[number]).fy, amount, 0, (s) => set.has(s.index));
      }
    } else {
      const lo = cap.from ? dayNumber(cap.from) : calendar.start;
      const hi = cap.until ? dayNumber(cap.until) : calendar.end;
      addPeriod('total', 0, amount, 0, (s) => s.start >= lo && s.start < hi);
    }
  }
  return {
    id: pool.id,
    title: pool.title ?? pool.id,
    description: pool.description ?? '',
    index,
    program,
    periods,
    stepPeriod,
    cap,
    // Every key present, in one order, even when undefined, so that all pool objects share one
    // hidden class and the engine's reads of pools stay monomorphic.
    eligible: undefined,
    eligibleVaries: false,
    split: undefined,
    limit: undefined,
    pace: pool.pace
      ? {
          months: pool.pace.per === 'quarter' ? 3 : 1,
          share: pool.pace.share ?? Number.NaN,
          amount: pool.pace.amount ?? Number.NaN,
        }
      : undefined,
    select: { kind: 'lottery' },
    drawAtPeriodEnd: true,
    unused: { kind: 'lapse' },
    opensAfter: -1,
    opensTranche: -1,
    opensLag: 0,
    ceilings: [],
    capFormula,
    capResults: !!capFormula && readsResults(capFormula),
    source: pool.source !== undefined ? sourceIds(pool.source) : cap.source,
    note: pool.note,
    raw: pool,
  };
}

/**
 * The applicants waiting at the start (each program's `inventory`): each row goes to the cell of its
 * group that its pool serves and no earlier pool of the program does (segment attributes decide
 * which pools an applicant may use), as persons. Returns the priority dates, ascending; an entry's
 * arrival is its date's index minus their count, so that every one of them is older than step 0.
 */
function compileInventories(
  scenario: Scenario,
  programs: ProgramModel[],
  groups: GroupModel[],
  attributes: Model['attributes'],
  fixedScope: Record<string, Value>,
  calendar: Calendar,
): number[] {
  const days = new Set<number>();
  for (const program of scenario.programs)
    for (const row of program.inventory?.rows ?? []) days.add(dayNumber(`${row.priority_date}-01`));
  const priorityDays = [...days].sort((a, b) => a - b);
  const A = 2 ** attributes.length;
  const S = A * Math.max(1, ...programs.map((p) => p.units?.sizes[0]?.length ?? 1));
  const fyNum = Number(calendar.fiscalYears[0]?.label.replace(/^FY/, '')) || 0;
  scenario.programs.forEach((spec, pi) => {
    const inv = spec.inventory;
    const program = programs[pi] as ProgramModel;
    if (!inv) return;
    const scale = inv.counts === 'principals' ? (inv.per_principal ?? 1) : 1;
    inv.rows.forEach((row, i) => {
      const path = ['programs', spec.id, 'inventory', 'rows', i];
      const g = groups.findIndex((x) => x.id === row.group);
      const k = program.pools.findIndex((p) => p.id === row.pool);
      if (g < 0 || k < 0) throw new ModelError(`unknown ${g < 0 ? 'group' : 'pool'} in the inventory`, path);
      const group = groups[g] as GroupModel;
      // the first segment that may use this pool and no pool before it
      const usable = (pool: PoolModel, s: number) => {
        if (!pool.eligible) return true;
        const scope: Record<string, Value> = { ...group.columns, ...fixedScope, year: 0, fy: fyNum };
        attributes.forEach((a, bit) => {
          scope[a.id] = !!((s >> bit) & 1);
        });
        return evaluateBoolean(pool.eligible, scope);
      };
      let seg = -1;
      for (let s = 0; s < A && seg < 0; s++)
        if (usable(program.pools[k] as PoolModel, s) && program.pools.slice(0, k).every((p) => !usable(p, s)))
          seg = s;
      if (seg < 0)
        throw new ModelError(
          `no applicant of group "${row.group}" can wait for pool "${row.pool}" alone: every one it may serve is eligible for a pool tried before it`,
          path,
        );
      const day = dayNumber(`${row.priority_date}-01`);
      program.inventory.push({
        cell: g * S + seg,
        arrival: priorityDays.indexOf(day) - priorityDays.length,
        count: Math.round(row.count * scale),
      });
    });
  });
  return priorityDays;
}

/** The sizes of a program's applications, per group and size class (UnitsModel). */
function compileUnits(
  units: NonNullable<Program['units']>,
  groups: GroupModel[],
  fixedScope: Record<string, Value>,
  columnNames: string[],
  rows: Record<string, Value>[],
): UnitsModel {
  const base = { carries: units.carries, capsCount: units.caps_count, crossing: units.crossing };
  const size = units.size;
  if (typeof size === 'string') {
    const f = compileFormula(size, { symbols: [...columnNames, ...Object.keys(fixedScope)], rows });
    const sizes = groups.map((g) => {
      const v = evaluateNumber(f, { ...g.columns, ...fixedScope });
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
        throw new ModelError(
          `group "${g.id}": units.size "${size}" must be a whole number of at least 1, got ${JSON.stringify(v)}`,
          ['units', 'size'],
        );
      return [v];
    });
    return { ...base, sizes, classProb: groups.map(() => [1]) };
  }
  const weights = size.weights.map((w) =>
    compileFormula(String(w), { symbols: [...columnNames, ...Object.keys(fixedScope)], rows }),
  );
  const classProb = groups.map((g) => {
    const scope = { ...g.columns, ...fixedScope };
    const w = weights.map((f) => evaluateNumber(f, scope));
    const total = w.reduce((a, b) => a + b, 0);
    if (!(total > 0) || w.some((x) => !(x >= 0) || !Number.isFinite(x)))
      throw new ModelError(
        `group "${g.id}": the size weights must be finite, at least 0, and not all 0 (got ${w.join(', ')})`,
        ['units', 'size', 'weights'],
      );
    return w.map((x) => x / total);
  });
  return { ...base, sizes: groups.map(() => [...size.values]), classProb };
}

/**
 * Is a cap formula worked out for each fiscal year: does it read a result of the fiscal year
 * before (`unused_before`, `issued_before`) or the year itself (`year`, `fy`)?
 */
export function readsResults(f: CompiledFormula): boolean {
  return f.symbols.some(
    (x) => x === 'year' || x === 'fy' || RESULT_FUNCTIONS.some((fn) => x.startsWith(`${fn}:`)),
  );
}

/** A cap formula's value as a number of visas: rounded to the nearest whole number, at least 0. */
export function roundCap(v: number): number {
  return Number.isFinite(v) ? Math.max(0, Math.round(v)) : 0;
}

/** The first level of a two-level split: the values of a group column, in order of first appearance. */
export function splitLevels(
  groups: readonly GroupModel[],
  column: string,
): { column: string; ids: string[]; level: Int32Array } {
  const ids: string[] = [];
  const level = Int32Array.from(groups, (g) => {
    const key = String(g.columns[column]);
    let k = ids.indexOf(key);
    if (k < 0) k = ids.push(key) - 1;
    return k;
  });
  return { column, ids, level };
}
