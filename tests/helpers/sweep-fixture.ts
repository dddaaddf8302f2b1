/**
 * Deterministic `SweepSummary` fixtures for report tests: the 300,000-visas scenario of the summary
 * fixture with the Mexico pool's yearly cap swept from 100,000 to 200,000 (numeric values), a sweep
 * over the way the Central American half is split (values that are not numbers), and a tornado of the
 * four uncertain parameters for the visas issued.
 */
import type { CellStats, Headline, Metric, SweepSummary, TornadoBar } from '../../src/core/types.js';
import { makeSummary, stats } from './summary-fixture.js';

const SPAN = 'FY2024–FY2028';

interface Figures {
  applicants: number;
  issued: number;
  unused: number;
  backlog: number;
}

function headline(key: string, f: Figures): Headline[] {
  const h = (metric: Metric, label: string, s: CellStats): Headline => ({
    key: `work-visas.${metric}`,
    label,
    program: 'work-visas',
    pool: '',
    metric,
    stats: s,
  });
  const rate = f.issued / f.applicants;
  return [
    h('applicants', `People who applied, ${SPAN}`, stats(`${key}:a`, f.applicants, f.applicants * 0.07)),
    h('issued', `Visas issued, ${SPAN}`, stats(`${key}:i`, f.issued, 5_200 + f.issued * 0.004)),
    h('unused', 'Numbers left unused', stats(`${key}:u`, f.unused, 5_200)),
    h('backlog', 'Applicants still waiting at the end', stats(`${key}:b`, f.backlog, f.backlog * 0.2)),
    h(
      'selection_rate',
      'Chance that an applicant gets a visa',
      stats(`${key}:r`, rate, rate * 0.06, { integer: false, hi: 1 }),
    ),
  ];
}

/** Figures for a Mexico cap of `cap` a year: Mexico fills every year but the first, which ramps up. */
function figuresForCap(cap: number): Figures {
  const mexicoIssued = cap * 4 + Math.min(cap, 142_000);
  const caIssued = 604_000;
  return {
    applicants: 4_630_000,
    issued: mexicoIssued + caIssued,
    unused: Math.max(0, cap - 142_000) + (750_000 - caIssued),
    backlog: 2_300_000 - 3.1 * (mexicoIssued - 742_000),
  };
}

function tornado(): TornadoBar[] {
  const bar = (parameter: string, lowValue: number, highValue: number, low: number, high: number) => ({
    parameter,
    lowValue,
    highValue,
    low: stats(`${parameter}:low`, low, 6_000),
    high: stats(`${parameter}:high`, high, 6_000),
  });
  // declared order, not sorted: the chart sorts by width
  return [
    bar('take_up', 0.2, 0.6, 1_331_000, 1_362_000),
    bar('interest', 0.0014, 0.0052, 1_262_000, 1_371_000),
    bar('growth', -0.082, 0.082, 1_341_000, 1_358_000),
    bar('in_mexico_share', 0.05, 0.25, 1_353_000, 1_347_000),
  ];
}

/** The Mexico pool's yearly cap swept over 100,000–200,000, with a tornado for the visas issued. */
export function makeSweepSummary(): SweepSummary {
  const s = makeSummary();
  const values = [100_000, 125_000, 150_000, 175_000, 200_000];
  return {
    scenario: s.scenario,
    param: 'programs.work-visas.pools.mexico.cap.amount',
    runs: s.runs,
    seed: s.seed,
    points: values.map((x) => ({
      value: String(x),
      x,
      headline: headline(`cap=${x}`, figuresForCap(x)),
    })),
    tornadoKey: 'work-visas.issued',
    base: stats('base', 1_350_000, 6_000),
    tornado: tornado(),
  };
}

/** A sweep over values that are not numbers (how the Central American half is split), no tornado. */
export function makeSweepSummaryOrdinal(): SweepSummary {
  const s = makeSummary();
  const byPopulation = figuresForCap(150_000);
  const byEncounters = { ...byPopulation, issued: byPopulation.issued + 61_000, unused: 85_000 };
  const equal = { ...byPopulation, issued: byPopulation.issued - 140_000, unused: 286_000 };
  return {
    scenario: s.scenario,
    param: 'programs.work-visas.pools.central-america.split.by',
    runs: s.runs,
    seed: s.seed,
    points: [
      { value: 'population_2020', headline: headline('pop', byPopulation) },
      { value: 'encounters_fy2022', headline: headline('enc', byEncounters) },
      { value: 'equal', headline: headline('eq', equal) },
    ],
    tornado: [],
  };
}
