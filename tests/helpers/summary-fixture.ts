/**
 * A realistic, fully deterministic `Summary` for report tests: the "300,000 work visas" idea with one
 * program, a Mexico pool (groups MX, OTH, lottery, no per-country split) and a Central America pool
 * (GT HN SV NI CR PA BZ, split by population), five fiscal years, every metric.
 *
 * The numbers are invented but plausible: Mexico is oversubscribed and fills every year (late in
 * FY2024, when the program ramps up, and in only some runs); Central America never fills because
 * Costa Rica, Panama and Belize leave part of their shares unused; the backlog grows each year.
 */

import type { CellStats, Metric, QuantileRow, ReferenceSeries, Summary } from '../../src/core/types.js';
import { METRICS } from '../../src/core/types.js';
import { cellStats } from '../../src/stats/accumulate.js';

const FISCAL_YEARS = ['FY2024', 'FY2025', 'FY2026', 'FY2027', 'FY2028'];
const RUNS = 1000;

const GROUPS = [
  { id: 'MX', name: 'Mexico' },
  { id: 'OTH', name: 'Other nationals located in Mexico' },
  { id: 'GT', name: 'Guatemala' },
  { id: 'HN', name: 'Honduras' },
  { id: 'SV', name: 'El Salvador' },
  { id: 'NI', name: 'Nicaragua' },
  { id: 'CR', name: 'Costa Rica' },
  { id: 'PA', name: 'Panama' },
  { id: 'BZ', name: 'Belize' },
];

/** Central America shares of 150,000 by 2020 population (largest remainder; sums to 150,000). */
const CA_CAP: Record<string, number> = {
  GT: 50_916,
  HN: 29_897,
  SV: 19_600,
  NI: 19_992,
  CR: 15_372,
  PA: 13_016,
  BZ: 1_207,
};

/** Median applicants per fiscal year in FY2024 (grows 4% a year). */
const DEMAND: Record<string, number> = {
  MX: 420_000,
  OTH: 60_000,
  GT: 140_000,
  HN: 120_000,
  SV: 70_000,
  NI: 30_000,
  CR: 6_000,
  PA: 4_000,
  BZ: 800,
};

/** A small deterministic jitter in [0, 1) from a string, so means are not suspiciously round. */
function jitter(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return (h % 10_000) / 10_000;
}

export interface StatsOptions {
  integer?: boolean;
  lo?: number;
  hi?: number;
  n?: number;
}

/** Stats of a roughly normal cell with the given centre and spread (`key` seeds a small jitter). */
export function stats(key: string, centre: number, sd: number, opts: StatsOptions = {}): CellStats {
  const { integer = true, lo = 0, hi = Number.POSITIVE_INFINITY, n = RUNS } = opts;
  const at = (z: number) => {
    const v = Math.min(hi, Math.max(lo, centre + z * sd));
    return integer ? Math.round(v) : v;
  };
  const shift = sd === 0 ? 0 : (jitter(key) - 0.5) * 0.05 * sd;
  return {
    n,
    mean: Math.min(hi, Math.max(lo, centre + shift)),
    sd: sd * (1 + jitter(`${key}:sd`) * 0.02),
    min: at(-3.1),
    p05: at(-1.645),
    p25: at(-0.674),
    p50: at(0),
    p75: at(0.674),
    p95: at(1.645),
    max: at(3.2),
  };
}

/** A cell with a value in no run, as the stats stage gives it. */
export const EMPTY: CellStats = cellStats([]);

type Cells = Map<string, CellStats>;

function put(cells: Cells, pool: string, group: string, period: string, metric: Metric, s: CellStats) {
  cells.set(`${pool}|${group}|${period}|${metric}`, s);
}

/** Per fiscal year (index y) median values of one pool × group cell. */
function groupYear(group: string, y: number, caCap: Record<string, number>) {
  const applicants = (DEMAND[group] ?? 0) * 1.04 ** y * (1 + 0.35 * Math.min(y, 3)); // reapplicants pile up
  const cap = caCap[group];
  let issued: number;
  if (cap === undefined) {
    const mx = (DEMAND.MX ?? 0) * 1.04 ** y * (1 + 0.35 * Math.min(y, 3));
    const oth = (DEMAND.OTH ?? 0) * 1.04 ** y * (1 + 0.35 * Math.min(y, 3));
    const poolIssued = y === 0 ? 142_000 : 150_000; // FY2024 ramps up
    issued = (poolIssued * applicants) / (mx + oth);
  } else {
    issued = Math.min(cap, applicants * 0.93);
  }
  return { applicants, issued, cap };
}

function buildCells(caCap: Record<string, number>): Cells {
  const cells: Cells = new Map();
  const pools = [
    { id: 'mexico', groups: ['MX', 'OTH'], cap: 150_000 },
    { id: 'central-america', groups: ['GT', 'HN', 'SV', 'NI', 'CR', 'PA', 'BZ'], cap: 150_000 },
  ];
  const programTotals = FISCAL_YEARS.map(() => ({ applicants: 0, issued: 0, unused: 0 }));
  const groupTotals = new Map<string, { applicants: number; issued: number }[]>();

  for (const pool of pools) {
    const poolYears = FISCAL_YEARS.map(() => ({ applicants: 0, issued: 0 }));
    for (const g of pool.groups) {
      const years = FISCAL_YEARS.map((_, y) => groupYear(g, y, caCap));
      groupTotals.set(
        g,
        years.map((v) => ({ applicants: v.applicants, issued: v.issued })),
      );
      years.forEach((v, y) => {
        const fy = FISCAL_YEARS[y] ?? '';
        const k = `${pool.id}|${g}|${fy}`;
        const oversubscribed = v.cap !== undefined && v.issued >= v.cap;
        const issuedSd = oversubscribed ? 0 : v.issued * 0.015;
        if (v.cap !== undefined) put(cells, pool.id, g, fy, 'cap', stats(`${k}:cap`, v.cap, 0));
        put(cells, pool.id, g, fy, 'applicants', stats(`${k}:a`, v.applicants, v.applicants * 0.12));
        put(cells, pool.id, g, fy, 'eligible', stats(`${k}:e`, v.applicants * 0.97, v.applicants * 0.11));
        put(cells, pool.id, g, fy, 'issued', stats(`${k}:i`, v.issued, issuedSd, { hi: v.cap }));
        if (v.cap !== undefined) {
          put(cells, pool.id, g, fy, 'unused', stats(`${k}:u`, v.cap - v.issued, issuedSd));
        }
        put(
          cells,
          pool.id,
          g,
          fy,
          'selection_rate',
          stats(`${k}:r`, v.issued / v.applicants, 0.04 * Math.min(1, v.issued / v.applicants), {
            integer: false,
            hi: 1,
          }),
        );
        const py = poolYears[y];
        if (py) {
          py.applicants += v.applicants;
          py.issued += v.issued;
        }
      });
      // whole horizon for the pool × group cell
      const tA = years.reduce((s, v) => s + v.applicants, 0);
      const tI = years.reduce((s, v) => s + v.issued, 0);
      const k = `${pool.id}|${g}|`;
      const capTotal = years[0]?.cap;
      if (capTotal !== undefined) put(cells, pool.id, g, '', 'cap', stats(`${k}:cap`, capTotal * 5, 0));
      put(cells, pool.id, g, '', 'applicants', stats(`${k}:a`, tA, tA * 0.08));
      put(cells, pool.id, g, '', 'eligible', stats(`${k}:e`, tA * 0.97, tA * 0.075));
      const sdI = capTotal !== undefined && tI >= capTotal * 5 ? 0 : tI * 0.012;
      put(cells, pool.id, g, '', 'issued', stats(`${k}:i`, tI, sdI));
      if (capTotal !== undefined)
        put(cells, pool.id, g, '', 'unused', stats(`${k}:u`, capTotal * 5 - tI, sdI));
      put(
        cells,
        pool.id,
        g,
        '',
        'selection_rate',
        stats(`${k}:r`, tI / tA, 0.03 * Math.min(1, tI / tA), { integer: false, hi: 1 }),
      );
    }
    // pool totals
    let pA = 0;
    let pI = 0;
    poolYears.forEach((py, y) => {
      const fy = FISCAL_YEARS[y] ?? '';
      const k = `${pool.id}||${fy}`;
      const issued = Math.min(pool.cap, py.issued);
      const unused = pool.cap - issued;
      pA += py.applicants;
      pI += issued;
      const t = programTotals[y];
      if (t) {
        t.applicants += py.applicants;
        t.issued += issued;
        t.unused += unused;
      }
      put(cells, pool.id, '', fy, 'cap', stats(`${k}:cap`, pool.cap, 0));
      put(cells, pool.id, '', fy, 'applicants', stats(`${k}:a`, py.applicants, py.applicants * 0.1));
      put(cells, pool.id, '', fy, 'eligible', stats(`${k}:e`, py.applicants * 0.97, py.applicants * 0.095));
      const fills = pool.id === 'mexico';
      put(
        cells,
        pool.id,
        '',
        fy,
        'issued',
        stats(`${k}:i`, issued, fills && y > 0 ? 0 : 2_400, { hi: pool.cap }),
      );
      put(cells, pool.id, '', fy, 'unused', stats(`${k}:u`, unused, fills && y > 0 ? 0 : 2_400));
      put(
        cells,
        pool.id,
        '',
        fy,
        'selection_rate',
        stats(`${k}:r`, issued / py.applicants, 0.03 * (issued / py.applicants), { integer: false, hi: 1 }),
      );
      if (fills) {
        const share = y === 0 ? 0.62 : 1;
        const filledRuns = Math.round(share * RUNS);
        const days = y === 0 ? 251 : 112 - 12 * y;
        put(cells, pool.id, '', fy, 'days_to_fill', stats(`${k}:d`, days, days * 0.12, { n: filledRuns }));
        put(cells, pool.id, '', fy, 'filled', {
          n: RUNS,
          mean: share,
          sd: Math.sqrt(share * (1 - share)),
          min: share === 1 ? 1 : 0,
          p05: share === 1 ? 1 : 0,
          p25: share === 1 ? 1 : 0,
          p50: 1,
          p75: 1,
          p95: 1,
          max: 1,
        });
      } else {
        put(cells, pool.id, '', fy, 'days_to_fill', EMPTY);
        put(cells, pool.id, '', fy, 'filled', stats(`${k}:f`, 0, 0));
      }
    });
    const k = `${pool.id}||`;
    put(cells, pool.id, '', '', 'cap', stats(`${k}:cap`, pool.cap * 5, 0));
    put(cells, pool.id, '', '', 'applicants', stats(`${k}:a`, pA, pA * 0.07));
    put(cells, pool.id, '', '', 'eligible', stats(`${k}:e`, pA * 0.97, pA * 0.068));
    put(cells, pool.id, '', '', 'issued', stats(`${k}:i`, pI, 4_000, { hi: pool.cap * 5 }));
    put(cells, pool.id, '', '', 'unused', stats(`${k}:u`, pool.cap * 5 - pI, 4_000));
    put(
      cells,
      pool.id,
      '',
      '',
      'selection_rate',
      stats(`${k}:r`, pI / pA, 0.02 * (pI / pA), { integer: false }),
    );
  }

  // program level, per group (pool '')
  for (const g of GROUPS) {
    const years = groupTotals.get(g.id) ?? [];
    let backlog = 0;
    let tA = 0;
    let tI = 0;
    years.forEach((v, y) => {
      const fy = FISCAL_YEARS[y] ?? '';
      const k = `|${g.id}|${fy}`;
      backlog = backlog * 0.55 + (v.applicants - v.issued) * 0.7;
      tA += v.applicants;
      tI += v.issued;
      put(cells, '', g.id, fy, 'applicants', stats(`${k}:a`, v.applicants, v.applicants * 0.12));
      put(cells, '', g.id, fy, 'eligible', stats(`${k}:e`, v.applicants * 0.97, v.applicants * 0.11));
      put(cells, '', g.id, fy, 'issued', stats(`${k}:i`, v.issued, v.issued * 0.015));
      put(cells, '', g.id, fy, 'backlog', stats(`${k}:b`, backlog, backlog * (0.1 + 0.03 * y)));
      put(
        cells,
        '',
        g.id,
        fy,
        'diverted',
        stats(`${k}:dv`, (v.applicants - v.issued) * 0.2, v.applicants * 0.03),
      );
      put(
        cells,
        '',
        g.id,
        fy,
        'selection_rate',
        stats(`${k}:r`, v.issued / v.applicants, 0.04 * (v.issued / v.applicants), { integer: false, hi: 1 }),
      );
    });
    const k = `|${g.id}|`;
    put(cells, '', g.id, '', 'applicants', stats(`${k}:a`, tA, tA * 0.08));
    put(cells, '', g.id, '', 'eligible', stats(`${k}:e`, tA * 0.97, tA * 0.075));
    put(cells, '', g.id, '', 'issued', stats(`${k}:i`, tI, tI * 0.012));
    put(cells, '', g.id, '', 'backlog', stats(`${k}:b`, backlog, backlog * 0.22));
    put(cells, '', g.id, '', 'diverted', stats(`${k}:dv`, (tA - tI) * 0.2, tA * 0.02));
    const rate = tI / tA;
    put(
      cells,
      '',
      g.id,
      '',
      'selection_rate',
      stats(`${k}:r`, rate, Math.min(0.05, 0.12 * rate * (1 - rate) + 0.004), { integer: false, hi: 1 }),
    );
  }

  // program level, all groups
  let backlog = 0;
  let tA = 0;
  let tI = 0;
  programTotals.forEach((t, y) => {
    const fy = FISCAL_YEARS[y] ?? '';
    const k = `||${fy}`;
    backlog = backlog * 0.55 + (t.applicants - t.issued) * 0.7;
    tA += t.applicants;
    tI += t.issued;
    put(cells, '', '', fy, 'cap', stats(`${k}:cap`, 300_000, 0));
    put(cells, '', '', fy, 'applicants', stats(`${k}:a`, t.applicants, t.applicants * 0.1));
    put(cells, '', '', fy, 'eligible', stats(`${k}:e`, t.applicants * 0.97, t.applicants * 0.095));
    put(cells, '', '', fy, 'issued', stats(`${k}:i`, t.issued, 2_500, { hi: 300_000 }));
    put(cells, '', '', fy, 'unused', stats(`${k}:u`, t.unused, 2_500));
    put(cells, '', '', fy, 'backlog', stats(`${k}:b`, backlog, backlog * (0.08 + 0.03 * y)));
    put(
      cells,
      '',
      '',
      fy,
      'diverted',
      stats(`${k}:dv`, (t.applicants - t.issued) * 0.2, t.applicants * 0.02),
    );
    put(
      cells,
      '',
      '',
      fy,
      'selection_rate',
      stats(`${k}:r`, t.issued / t.applicants, 0.03 * (t.issued / t.applicants), { integer: false }),
    );
  });
  const k = '||';
  put(cells, '', '', '', 'cap', stats(`${k}:cap`, 1_500_000, 0));
  put(cells, '', '', '', 'applicants', stats(`${k}:a`, tA, tA * 0.07));
  put(cells, '', '', '', 'eligible', stats(`${k}:e`, tA * 0.97, tA * 0.068));
  put(cells, '', '', '', 'issued', stats(`${k}:i`, tI, 5_200, { hi: 1_500_000 }));
  put(cells, '', '', '', 'unused', stats(`${k}:u`, 1_500_000 - tI, 5_200));
  put(cells, '', '', '', 'backlog', stats(`${k}:b`, backlog, backlog * 0.2));
  put(cells, '', '', '', 'diverted', stats(`${k}:dv`, (tA - tI) * 0.2, tA * 0.015));
  put(cells, '', '', '', 'selection_rate', stats(`${k}:r`, tI / tA, 0.02 * (tI / tA), { integer: false }));
  return cells;
}

function sortedRows(program: string, cells: Cells): QuantileRow[] {
  const poolOrder = ['', 'mexico', 'central-america'];
  const groupOrder = ['', ...GROUPS.map((g) => g.id)];
  const periodOrder = ['', ...FISCAL_YEARS];
  const rows: QuantileRow[] = [];
  for (const pool of poolOrder) {
    for (const group of groupOrder) {
      for (const period of periodOrder) {
        for (const metric of METRICS) {
          const s = cells.get(`${pool}|${group}|${period}|${metric}`);
          if (s) rows.push({ program, pool, group, period, metric, stats: s });
        }
      }
    }
  }
  return rows;
}

function headlineStats(rows: QuantileRow[], pool: string, period: string, metric: Metric): CellStats {
  const row = rows.find(
    (r) => r.pool === pool && r.group === '' && r.period === period && r.metric === metric,
  );
  if (!row) throw new Error(`fixture: no ${metric} row for pool '${pool}' period '${period}'`);
  return row.stats;
}

/** The five fiscal years as a pool's cap periods, with their dates (October 1 to October 1). */
function fiscalYearPeriods() {
  return {
    periods: [...FISCAL_YEARS],
    periodDates: FISCAL_YEARS.map((label, y) => ({
      label,
      start: `${2023 + y}-10-01`,
      end: `${2024 + y}-10-01`,
    })),
    capPer: 'fiscal-year',
  };
}

export interface SummaryFixtureOptions {
  /** each Central American country's yearly share of 150,000 (default: by 2020 population) */
  caCap?: Record<string, number>;
}

/** Build the fixture summary. Each call returns a fresh, independent object. */
export function makeSummary(opts: SummaryFixtureOptions = {}): Summary {
  const rows = sortedRows('work-visas', buildCells(opts.caCap ?? CA_CAP));
  return {
    scenario: {
      id: 'us-300k-work-visas',
      title: '300,000 US temporary work visas for Mexico and Central America',
      description:
        "Mexico's Interior Secretary said in June 2022 that the US would issue up to 300,000 temporary " +
        'work visas: half for Mexicans or foreigners in Mexico, half split among Central American ' +
        'countries by population. This scenario models a yearly cap for five fiscal years with a lottery ' +
        'in each pool.',
      status: 'proposed',
      sources: [
        {
          id: 'lopez-tijuana-2022',
          title: 'US to give temporary work visas to 150,000 migrants in Mexico',
          url: 'https://example.org/news/lopez-tijuana-2022',
          date: '2022-06-29',
          publisher: 'Reuters',
          confidence: 'M',
        },
        {
          id: 'wpp-2022',
          title: 'World Population Prospects 2022',
          url: 'https://population.un.org/wpp/',
          date: '2022-07-11',
          publisher: 'United Nations',
          confidence: 'H',
        },
      ],
      assumptions: [
        { id: 'take_up', text: 'Between 30% and 60% of encountered migrants would apply (uniform).' },
        {
          id: 'not_selected',
          text: '70% of applicants who are not selected apply again; 20% migrate irregularly.',
        },
      ],
    },
    runs: RUNS,
    seed: '2022',
    fiscalYears: [...FISCAL_YEARS],
    groups: GROUPS.map((g) => ({ ...g })),
    programs: [
      {
        id: 'work-visas',
        title: 'Temporary work visas',
        pools: [
          { id: 'mexico', title: 'Mexico', ...fiscalYearPeriods() },
          { id: 'central-america', title: 'Central America', ...fiscalYearPeriods() },
        ],
      },
    ],
    headline: [
      {
        key: 'issued_total',
        label: 'Visas issued over FY2024–FY2028',
        program: 'work-visas',
        pool: '',
        metric: 'issued',
        stats: headlineStats(rows, '', '', 'issued'),
      },
      {
        key: 'unused_total',
        label: 'Visas left unused',
        program: 'work-visas',
        pool: '',
        metric: 'unused',
        stats: headlineStats(rows, '', '', 'unused'),
      },
      {
        key: 'backlog_end',
        label: 'Applicants waiting at the end of FY2028',
        program: 'work-visas',
        pool: '',
        metric: 'backlog',
        stats: headlineStats(rows, '', 'FY2028', 'backlog'),
      },
      {
        key: 'selection_rate',
        label: 'Share of applicants who get a visa',
        program: 'work-visas',
        pool: '',
        metric: 'selection_rate',
        stats: headlineStats(rows, '', '', 'selection_rate'),
      },
    ],
    rows,
  };
}

/** A copy of the summary in which no pool ever fills (for charts that must then be skipped). */
export function makeSummaryNeverFilled(): Summary {
  const s = makeSummary();
  s.rows = s.rows.map((r) => {
    if (r.metric === 'days_to_fill') return { ...r, stats: { ...EMPTY } };
    if (r.metric === 'filled') return { ...r, stats: stats('never', 0, 0) };
    return r;
  });
  return s;
}

/** The fixture with a second program (a copy under another id), for multi-program layouts. */
export function makeSummaryTwoPrograms(): Summary {
  const s = makeSummary();
  const second = s.rows.map((r) => ({
    ...r,
    program: 'work-visas-alt',
    stats: { ...r.stats, p50: r.stats.p50 * (r.metric === 'backlog' ? 0.8 : 1) },
  }));
  s.rows = [...s.rows, ...second];
  s.programs.push({
    id: 'work-visas-alt',
    title: 'Temporary work visas (split by encounters)',
    pools: s.programs[0]?.pools.map((p) => ({ ...p, ...fiscalYearPeriods() })) ?? [],
  });
  return s;
}

/**
 * The fixture with a reference series (the Bracero contracts of 1942–43) drawn beside the program's
 * issued numbers; `over` changes the series.
 */
export function makeSummaryWithReference(over: Partial<ReferenceSeries> = {}): Summary {
  const summary = makeSummary();
  summary.reference = [
    {
      id: 'bracero',
      title: 'Bracero contracts, 1942–1964',
      unit: 'contracts a year',
      kind: 'year',
      beside: { program: summary.programs[0]?.id ?? '', metric: 'issued' },
      points: [
        { column: 'contracts', period: '1942', value: 4203 },
        { column: 'contracts', period: '1943', value: 52098 },
      ],
      ...over,
    },
  ];
  return summary;
}

/**
 * An H-2B-like year whose caps are not per fiscal year: a statutory pool in two half-year tranches
 * (FY2023-H1, FY2023-H2) that fills both times, and a country pool with one cap for the whole year
 * from December 15 (period `total`) that is never reached and leaves about 8,000 numbers unused.
 */
export function makeSummaryMixedPeriods(): Summary {
  const program = 'h2b';
  const rows: QuantileRow[] = [];
  const add = (pool: string, period: string, metric: Metric, s: CellStats) =>
    rows.push({ program, pool, group: '', period, metric, stats: s });
  const filled = (share: number): CellStats => ({
    ...stats(`filled:${share}`, share, 0, { integer: false }),
    p50: share >= 0.5 ? 1 : 0,
  });
  add('', '', 'cap', stats('cap', 86_000, 0));
  add('', '', 'unused', stats('unused', 8_000, 1_700));
  add('', 'FY2023', 'unused', stats('unused:FY', 8_000, 1_700));
  add('statutory', '', 'cap', stats('s:cap', 66_000, 0));
  add('statutory', '', 'unused', stats('s:unused', 0, 0));
  for (const [half, days] of [
    ['FY2023-H1', 26],
    ['FY2023-H2', 8],
  ] as const) {
    add('statutory', half, 'cap', stats(`s:${half}:cap`, 33_000, 0));
    add('statutory', half, 'unused', stats(`s:${half}:unused`, 0, 0));
    add('statutory', half, 'days_to_fill', stats(`s:${half}:d`, days, 2.4, { integer: false }));
    add('statutory', half, 'filled', filled(1));
  }
  add('country', '', 'cap', stats('c:cap', 20_000, 0));
  add('country', '', 'unused', stats('c:unused', 8_000, 1_700));
  add('country', 'total', 'cap', stats('c:total:cap', 20_000, 0));
  add('country', 'total', 'unused', stats('c:total:unused', 8_000, 1_700));
  add('country', 'total', 'days_to_fill', EMPTY);
  add('country', 'total', 'filled', stats('c:total:filled', 0, 0));
  const base = makeSummary();
  return {
    ...base,
    scenario: {
      ...base.scenario,
      id: 'h2b-mixed',
      title: 'H-2B visas in FY2023: the 66,000 statutory cap and a 20,000 country-specific supplement',
      status: 'implemented',
    },
    fiscalYears: ['FY2023'],
    programs: [
      {
        id: program,
        title: 'H-2B visas, FY2023',
        pools: [
          {
            id: 'statutory',
            title: 'Statutory cap (66,000)',
            periods: ['FY2023-H1', 'FY2023-H2'],
            periodDates: [
              { label: 'FY2023-H1', start: '2022-10-01', end: '2023-04-01' },
              { label: 'FY2023-H2', start: '2023-04-01', end: '2023-10-01' },
            ],
            capPer: 'tranche',
          },
          {
            id: 'country',
            title: 'Supplemental, nationals of El Salvador, Guatemala, Honduras and Haiti (20,000)',
            periods: ['total'],
            periodDates: [{ label: 'total', start: '2022-12-15', end: '2023-10-01' }],
            capPer: 'total',
          },
        ],
      },
    ],
    headline: [],
    rows,
  };
}
