/**
 * summary.json: the results nested by program → pool → group → period → metric → stats, with the
 * scenario, runs, seed, fiscal years, groups and headline figures (DESIGN.md §4). In: a Summary.
 * Out: 2-space JSON with a trailing newline and a key order fixed here, so the same summary always
 * gives the same bytes.
 *
 * An empty pool, group or period in quantiles.csv (the total over them) is the key `"_all"` here:
 * ids start with a letter or digit, so it can never clash with one.
 *
 * ```json
 * { "programs": { "work-visas": { "title": "…", "pools": { "mexico": { "title": "Mexico",
 *   "periods": ["FY2024", …], "groups": { "MX": { "FY2024": { "issued": { "n": 1000, "mean": … } } } } } } } } }
 * ```
 */
import type { CellStats, Headline, QuantileRow, ScenarioInfo, SourceRef, Summary } from '../core/types.js';
import { METRICS } from '../core/types.js';
import { type JsonValue, OrderedObject, ordered, stringifyOrdered } from './ordered-json.js';

/** The key that stands for "all pools", "all groups" or "the whole horizon". */
export const ALL_KEY = '_all';

const keyOf = (id: string): string => (id === '' ? ALL_KEY : id);

/** The statistics of a cell, in the order every summary.json writes them (quantiles.csv's columns). */
export const STAT_KEYS = ['n', 'mean', 'sd', 'min', 'p05', 'p25', 'p50', 'p75', 'p95', 'max'] as const;

/** A cell's statistics as an ordered JSON object (also in the comparison's and the sweep's summary.json). */
export function statsJson(s: CellStats): OrderedObject {
  return ordered(STAT_KEYS.map((k) => [k, s[k]]));
}

function sourceJson(s: SourceRef): OrderedObject {
  return ordered([
    ['id', s.id],
    ['title', s.title],
    ['url', s.url],
    ['date', s.date],
    ['publisher', s.publisher],
    ['confidence', s.confidence],
    ['note', s.note],
  ]);
}

/** Which scenario a comparison or sweep is about: id, title, status, description. */
export function scenarioRefJson(s: ScenarioInfo): OrderedObject {
  return ordered([
    ['id', s.id],
    ['title', s.title],
    ['status', s.status],
    ['description', s.description],
  ]);
}

/** The groups as `[{ id, name }]`. */
export function groupsJson(groups: readonly { id: string; name: string }[]): OrderedObject[] {
  return groups.map((g) =>
    ordered([
      ['id', g.id],
      ['name', g.name],
    ]),
  );
}

function scenarioJson(s: ScenarioInfo): OrderedObject {
  return ordered([
    ['id', s.id],
    ['title', s.title],
    ['description', s.description],
    ['status', s.status],
    ['sources', s.sources.map(sourceJson)],
    [
      'assumptions',
      s.assumptions.map((a) =>
        ordered([
          ['id', a.id],
          ['text', a.text],
        ]),
      ),
    ],
  ]);
}

export function headlineJson(h: Headline): OrderedObject {
  return ordered([
    ['key', h.key],
    ['label', h.label],
    ['program', h.program],
    ['pool', h.pool],
    ['metric', h.metric],
    ['stats', statsJson(h.stats)],
  ]);
}

/** Rank of each id in a list, with '' (the total) first and unknown ids after the known ones. */
function ranker(ids: readonly string[]): (id: string) => number {
  const rank = new Map<string, number>([['', -1]]);
  ids.forEach((id, i) => {
    if (!rank.has(id)) rank.set(id, i);
  });
  return (id) => rank.get(id) ?? ids.length;
}

function getOrAdd<K, V>(map: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

/** Insertion-ordered nested maps; sorting happens once the rows are grouped. */
type Tree = Map<string, Map<string, Map<string, Map<string, QuantileRow>>>>;

function resultsFor(summary: Summary, program: string, rows: QuantileRow[]): OrderedObject {
  const info = summary.programs.find((p) => p.id === program);
  const poolRank = ranker(info?.pools.map((p) => p.id) ?? []);
  const groupRank = ranker(summary.groups.map((g) => g.id));
  const metricRank = ranker(METRICS);

  const tree: Tree = new Map();
  // Periods keep the order in which rows give them (time order), with '' first.
  const periodOrder = new Map<string, number>([['', -1]]);
  for (const row of rows) {
    if (!periodOrder.has(row.period)) periodOrder.set(row.period, periodOrder.size);
    const byGroup = getOrAdd(tree, row.pool);
    const byPeriod = getOrAdd(byGroup, row.group);
    const byMetric = getOrAdd(byPeriod, row.period);
    byMetric.set(row.metric, row);
  }

  const sortKeys = <V>(m: Map<string, V>, rank: (k: string) => number): [string, V][] =>
    [...m.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const periodRank = (p: string) => periodOrder.get(p) ?? Number.MAX_SAFE_INTEGER;

  const pools = new OrderedObject();
  for (const [pool, byGroup] of sortKeys(tree, poolRank)) {
    const poolInfo = info?.pools.find((p) => p.id === pool);
    const groups = new OrderedObject();
    for (const [group, byPeriod] of sortKeys(byGroup, groupRank)) {
      const periods = new OrderedObject();
      for (const [period, byMetric] of sortKeys(byPeriod, periodRank)) {
        const metrics = new OrderedObject();
        for (const [metric, row] of sortKeys(byMetric, metricRank)) metrics.set(metric, statsJson(row.stats));
        periods.set(keyOf(period), metrics);
      }
      groups.set(keyOf(group), periods);
    }
    pools.set(
      keyOf(pool),
      ordered([
        ['title', pool === '' ? 'All pools' : (poolInfo?.title ?? pool)],
        ['periods', poolInfo ? [...poolInfo.periods] : undefined],
        ['groups', groups],
      ]),
    );
  }
  return ordered([
    ['title', info?.title ?? program],
    ['pools', pools],
  ]);
}

/**
 * summary.json text for a summary.
 * @example JSON.parse(summaryJson(s)).programs['work-visas'].pools.mexico.groups.MX._all.issued.p50
 */
export function summaryJson(summary: Summary): string {
  const byProgram = new Map<string, QuantileRow[]>();
  const ceilingRows: QuantileRow[] = [];
  for (const row of summary.rows) {
    if (row.program === '' && row.pool.startsWith('ceiling:')) {
      ceilingRows.push(row);
      continue;
    }
    const list = byProgram.get(row.program);
    if (list) list.push(row);
    else byProgram.set(row.program, [row]);
  }
  const programRank = ranker(summary.programs.map((p) => p.id));
  const programIds = [...byProgram.keys()].sort(
    (a, b) => programRank(a) - programRank(b) || (a < b ? -1 : 1),
  );

  const programs = new OrderedObject();
  for (const id of programIds) programs.set(id, resultsFor(summary, id, byProgram.get(id) ?? []));

  const doc: JsonValue = ordered([
    ['scenario', scenarioJson(summary.scenario)],
    ['runs', summary.runs],
    ['seed', summary.seed],
    ['fiscalYears', [...summary.fiscalYears]],
    ['groups', groupsJson(summary.groups)],
    ['headline', summary.headline.map(headlineJson)],
    ['programs', programs],
    ['ceilings', summary.ceilings?.length ? ceilingsJson(summary, ceilingRows) : undefined],
  ]);
  return stringifyOrdered(doc);
}

/** `ceilings`: each ceiling by id, with its title, member pools, periods and groups like a pool's. */
function ceilingsJson(summary: Summary, rows: QuantileRow[]): OrderedObject {
  const { pools } = Object.fromEntries(resultsFor(summary, '', rows).entries) as { pools: OrderedObject };
  const byKey = new Map(pools.entries);
  const out = new OrderedObject();
  for (const c of summary.ceilings ?? []) {
    const results = byKey.get(`ceiling:${c.id}`) as OrderedObject | undefined;
    const groups = results ? new Map(results.entries).get('groups') : undefined;
    out.set(
      c.id,
      ordered([
        ['title', c.title],
        ['pools', [...c.pools]],
        ['periods', [...c.periods]],
        ['groups', groups],
      ]),
    );
  }
  return out;
}
