/**
 * A deterministic `CompareSummary` for report tests: A is the summary fixture (the Central American
 * half split by 2020 population), B the same program with that half split by FY2022 border
 * encounters. Per-run differences are built as common random numbers would give them: centred on the
 * difference of the means, with a spread much smaller than either scenario's own.
 */
import type { CellStats, CompareRow, CompareSummary, Metric, Summary } from '../../src/core/types.js';
import { EMPTY, makeSummary, stats } from './summary-fixture.js';

/** Each Central American country's share of 150,000 by FY2022 encounters (sums to 150,000). */
export const ENCOUNTER_CAP: Record<string, number> = {
  GT: 48_780,
  HN: 44_985,
  SV: 20_390,
  NI: 34_480,
  CR: 1_050,
  PA: 210,
  BZ: 105,
};

const STAT_KEYS = ['mean', 'sd', 'min', 'p05', 'p25', 'p50', 'p75', 'p95', 'max'] as const;
const ZERO: CellStats = { n: 0, mean: 0, sd: 0, min: 0, p05: 0, p25: 0, p50: 0, p75: 0, p95: 0, max: 0 };

const isShare = (m: Metric) => m === 'selection_rate' || m === 'filled';

function diffStats(key: string, metric: Metric, a: CellStats, b: CellStats): CellStats {
  if (a.n === 0 || b.n === 0) return { ...EMPTY };
  // the same cell in both scenarios: with the same random numbers it is the same in every run
  if (STAT_KEYS.every((k) => a[k] === b[k])) return { ...ZERO, n: a.n };
  const centre = b.mean - a.mean;
  const sd = Math.sqrt(a.sd ** 2 + b.sd ** 2) * 0.12;
  return stats(`${key}:diff`, centre, Number.isFinite(sd) ? sd : 0, {
    integer: !isShare(metric),
    lo: Number.NEGATIVE_INFINITY,
    n: Math.min(a.n, b.n),
  });
}

/** B of the comparison: the summary fixture with the Central American half split by encounters. */
export function makeSummaryByEncounters(): Summary {
  const b = makeSummary({ caCap: ENCOUNTER_CAP });
  b.scenario = {
    ...b.scenario,
    id: 'us-300k-by-encounters',
    title: '300,000 US work visas, Central American half split by border encounters',
    description:
      'The same 300,000 visas, but the Central American half is split among the seven countries by ' +
      'their FY2022 southwest-border encounters instead of their population.',
    sources: [
      ...b.scenario.sources.filter((s) => s.id !== 'wpp-2022'),
      {
        id: 'cbp-fy2022',
        title: 'CBP Southwest Land Border Encounters, FY2022',
        url: 'https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters',
        date: '2022-10-21',
        publisher: 'U.S. Customs and Border Protection',
        confidence: 'H',
      },
    ],
    assumptions: [
      ...b.scenario.assumptions,
      { id: 'encounters_share', text: 'Encounters in FY2022 stand for the demand of each country.' },
    ],
  };
  return b;
}

/** The comparison of the summary fixture (A) with its split-by-encounters variant (B). */
export function makeCompareSummary(): CompareSummary {
  const a = makeSummary();
  const b = makeSummaryByEncounters();
  const key = (r: { program: string; pool: string; group: string; period: string; metric: Metric }) =>
    `${r.program}|${r.pool}|${r.group}|${r.period}|${r.metric}`;
  const bRows = new Map(b.rows.map((r) => [key(r), r]));
  const rows: CompareRow[] = [];
  for (const r of a.rows) {
    const other = bRows.get(key(r));
    if (!other) continue;
    rows.push({
      program: r.program,
      pool: r.pool,
      group: r.group,
      period: r.period,
      metric: r.metric,
      a: r.stats,
      b: other.stats,
      diff: diffStats(key(r), r.metric, r.stats, other.stats),
    });
  }
  return { a, b, runs: a.runs, seed: a.seed, rows };
}
