/**
 * Formula checks. Every formula field is parsed and whitelisted by `model/formula.ts` against the
 * symbols it may read:
 *   demand per_year / per_month   group columns, parameters, year, fy
 *   attribute share, split.by      group columns, parameters
 *   pool eligible                  group columns, parameters, attributes, year, fy
 *   lottery weight                 group columns, parameters, attributes
 * Then each formula is tried on every group it applies to (parameters at a typical value, every
 * combination of the attributes it reads), so a column missing for one group, a share outside 0–1
 * or a negative split weight is an error now rather than a crash in the middle of a run.
 * Returns which parameters and attributes are used, for the "unused" warnings.
 */
import {
  checkFormula,
  compileFormula,
  dayNumber,
  FORMULA_FUNCTIONS,
  FormulaError,
  lookupOrdinal,
  RESULT_FUNCTIONS,
  resultKey,
  type Scope,
  STEP_SYMBOLS,
  type Value,
} from '../formula/formula.js';
import { periodCount, periodLabel, rangeText, type SeriesTable } from '../formula/series.js';
import { decodeCap, decodeParameter, extremeValues, resultSources, typicalValue } from './decode.js';
import * as msg from './messages.js';
import type { Path, Report } from './reporter.js';
import type { GroupRow, Pool, Scenario } from './schema.js';

export interface FormulaUsage {
  parameters: Set<string>;
  attributes: Set<string>;
}

const MAX_ATTRIBUTE_COMBINATIONS = 64;

const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** The first fiscal year's number (FY2024 for a start on 2023-10-01 with a 10-01 fiscal year). */
function firstFy(scenario: Scenario): number {
  const { start, fiscal_year_start: fys } = scenario.calendar;
  const year = Number(start.slice(0, 4));
  return fys === '01-01' || start.slice(5) < fys ? year : year + 1;
}

/**
 * Group ids a formula names: in `id == "X"` (`inList` false) and in `oneOf(id, "X", "Y", …)` (`inList`
 * true: a statutory list, whose names need not all be groups of the scenario).
 */
const literalIds = (text: string): { id: string; offset: number; inList: boolean }[] => {
  const found: { id: string; offset: number; inList: boolean }[] = [];
  const lit = /(["'])((?:(?!\1).)*)\1/g;
  const scan = (re: RegExp, inList: boolean) => {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      for (const l of (m[0] ?? '').matchAll(lit))
        found.push({ id: l[2] ?? '', offset: start + (l.index ?? 0), inList });
    }
  };
  scan(/\bid\s*(?:==|!=)\s*(["'])(?:(?!\1).)*\1/g, false);
  scan(/(["'])(?:(?!\1).)*\1\s*(?:==|!=)\s*id\b/g, false);
  scan(/\boneOf\(\s*id\s*,[^)]*\)/g, true);
  return found;
};

/** Formulas that may declare `clamp: true` beside them: attribute shares, stage rates and demand. */
const clampable = (path: Path): boolean => {
  const last = path[path.length - 1];
  return (
    (path[0] === 'attributes' && last === 'share') ||
    (path[2] === 'stages' && last === 'rate') ||
    (path[2] === 'demand' && (last === 'per_year' || last === 'per_month'))
  );
};

/**
 * What formulas may read of each step of the calendar, for checking the periods series lookups ask
 * for: fy, year (index), today (each month's first day, and the start) and month.
 */
function stepScopes(scenario: Scenario): Record<string, Value>[] {
  const { start, years, fiscal_year_start: fys } = scenario.calendar;
  const fy0 = firstFy(scenario);
  const end = dayNumber(`${Number(start.slice(0, 4)) + years}-${start.slice(5, 7)}-01`);
  const out: Record<string, Value>[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  for (let day = dayNumber(start); day < end; ) {
    const md = `${String(m).padStart(2, '0')}-01`;
    const fy = fys === '01-01' || md < fys ? y : y + 1;
    out.push({ fy, year: fy - fy0, today: day, month: m });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    day = dayNumber(`${y}-${String(m).padStart(2, '0')}-01`);
  }
  return out;
}

export function checkFormulas(
  scenario: Scenario,
  report: Report,
  series: ReadonlyMap<string, SeriesTable> = new Map(),
  brokenSeries: ReadonlySet<string> = new Set(),
): FormulaUsage {
  const steps = stepScopes(scenario);
  const rows: GroupRow[] = scenario.groups.rows ?? [];
  const groupIds = rows.map((r) => r.id);
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const rowScopes = rows as unknown as Scope[];
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const params = scenario.parameters.map((p) => p.id);
  const attrs = scenario.attributes.map((a) => a.id);
  const usage: FormulaUsage = { parameters: new Set(), attributes: new Set() };
  const paramScope: Record<string, Value> = {};
  for (const p of scenario.parameters) paramScope[p.id] = typicalValue(decodeParameter(p));
  const uncertain = new Set(scenario.parameters.filter((p) => p.value === undefined).map((p) => p.id));
  const extremes = new Map<string, number[]>();
  for (const p of scenario.parameters) {
    const edges = extremeValues(decodeParameter(p));
    if (edges.length) extremes.set(p.id, edges);
  }

  // names formulas could confuse
  const reserved = new Set(['year', 'fy', 'id', 'name', 'true', 'false', ...FORMULA_FUNCTIONS]);
  scenario.parameters.forEach((p, i) => {
    if (reserved.has(p.id)) report('semantic', ['parameters', i, 'id'], msg.reservedName(p.id));
    else if (columns.includes(p.id))
      report('semantic', ['parameters', i, 'id'], msg.nameClash(p.id, 'a parameter', 'a group column'));
  });
  scenario.attributes.forEach((a, i) => {
    if (reserved.has(a.id)) report('semantic', ['attributes', i, 'id'], msg.reservedName(a.id));
    else if (columns.includes(a.id))
      report('semantic', ['attributes', i, 'id'], msg.nameClash(a.id, 'an attribute', 'a group column'));
    else if (params.includes(a.id))
      report('semantic', ['attributes', i, 'id'], msg.nameClash(a.id, 'an attribute', 'a parameter'));
  });

  /**
   * Check a formula; when it is valid, try it on `groups`. `each` judges one result (a message
   * for a bad one); only the first failure is reported. Returns the results per group id.
   */
  const tryFormula = (
    text: string | number,
    path: Path,
    symbols: string[],
    groups: readonly GroupRow[],
    extra: Record<string, Value>,
    each: (v: Value, group: string) => string | undefined,
    perGroup = true,
    more: { rowSymbols?: string[]; results?: string[]; noSeries?: boolean } = {},
  ): Map<string, Value[]> | undefined => {
    // formulas evaluated per group may sum over every group's row (total, count, own); a pool's
    // cap may sum columns (rowSymbols) and read the fiscal year before (results)
    // units and per-group classes are fixed before any step: they read no series
    const tables = more.noSeries ? {} : { series };
    const { noSeries: _n, ...rest } = more;
    const known = perGroup
      ? { symbols, rows: rowScopes, ...tables }
      : { symbols, ...rest, ...(rest.rowSymbols ? { rows: rowScopes } : {}), ...tables };
    const checked = checkFormula(text, known);
    // a formula reading a series whose table was refused: that table's error says it all
    const readsBroken =
      typeof text === 'string' &&
      [...brokenSeries].some((id) =>
        new RegExp(`series\\(\\s*["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`).test(text),
      );
    if (!checked.ok && readsBroken) return undefined;
    if (!checked.ok) {
      report(
        'formula',
        path,
        msg.formulaInvalid(checked.message),
        checked.offset === undefined ? {} : { offset: checked.offset },
      );
      return undefined;
    }
    for (const s of checked.symbols) {
      if (params.includes(s)) usage.parameters.add(s);
      if (attrs.includes(s)) usage.attributes.add(s);
    }
    if (typeof text === 'string') {
      for (const { id, offset, inList } of literalIds(text)) {
        if (groupIds.includes(id)) continue;
        const near = msg.nearest(id, groupIds);
        // A list may name countries that are not groups here (the DV's ineligible countries); a
        // name close to a group id is still worth a word.
        if (!inList)
          report('bad_reference', path, msg.unknownReference('group', id, near, groupIds), { offset });
        // two-letter codes are all one edit apart (CN, IN): only longer names get the warning
        else if (near !== undefined && id.length > 2)
          report('bad_reference', path, msg.listNameNotGroup(id, near), { offset, severity: 'warning' });
      }
    }
    const f = compileFormula(text, known);
    // every period a series lookup asks for, at every step of the calendar, lies in its table
    for (const l of f.lookups ?? []) {
      for (const scope of steps) {
        const ord = lookupOrdinal(l, scope as Scope);
        const t = l.table;
        if (Number.isInteger(ord) && ord >= t.first && ord < t.first + periodCount(t)) continue;
        const when = `in FY${scope.fy}, at the step of ${isoDay(scope.today as number)}`;
        const label = Number.isInteger(ord) ? periodLabel(t.kind, ord) : String(ord);
        report('formula', path, msg.seriesLookupOutOfRange(t.id, label, rangeText(t), when), {
          ...(l.offset !== undefined ? { offset: l.offset } : {}),
        });
        return undefined;
      }
    }
    const used = checked.symbols.filter((s) => attrs.includes(s));
    const combos = used.length <= Math.log2(MAX_ATTRIBUTE_COMBINATIONS) ? 2 ** used.length : 2;
    const results = new Map<string, Value[]>();
    for (const row of groups) {
      const values: Value[] = [];
      for (let c = 0; c < combos; c++) {
        const scope: Record<string, Value> = { ...row, ...paramScope, ...extra };
        used.forEach((a, k) => {
          scope[a] = combos === 2 && used.length > 1 ? c === 1 : ((c >> k) & 1) === 1;
        });
        try {
          const v = f.evaluate(scope as Scope);
          const bad = each(v, row.id);
          if (bad !== undefined) {
            report('formula', path, bad);
            return undefined;
          }
          values.push(v);
        } catch (e) {
          if (!(e instanceof FormulaError)) throw e;
          report('formula', path, msg.formulaFailsFor(row.id, e.message));
          return undefined;
        }
      }
      results.set(row.id, values);
    }
    // The same at the edges of each uncertain parameter it reads, one at a time (issue 16): a value
    // out of its domain there would come up in some runs.
    for (const p of checked.symbols) {
      const edges = extremes.get(p);
      if (!edges) continue;
      for (const edge of edges) {
        for (const row of groups) {
          const scope: Record<string, Value> = { ...row, ...paramScope, [p]: edge, ...extra };
          for (const a of used) scope[a] = false;
          let bad: string | undefined;
          try {
            bad = each(f.evaluate(scope as Scope), row.id);
          } catch (e) {
            if (!(e instanceof FormulaError)) throw e;
            bad = msg.formulaFailsFor(row.id, e.message);
          }
          if (bad !== undefined) {
            report(
              'formula',
              path,
              msg.atParameterEdge(p, edge, bad),
              clampable(path) ? { hint: msg.clampHint } : {},
            );
            return undefined;
          }
        }
      }
    }
    return results;
  };

  const base = [...columns];
  const numberAtLeast0 = (v: Value, g: string) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0
      ? undefined
      : msg.formulaBadValue(g, msg.describeValue(v), msg.neededCount);
  // demand is a count of people the outputs (float32 cells) must hold exactly (issue 16)
  const demandCount = (v: Value, g: string) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= msg.MAX_COUNT
      ? undefined
      : msg.formulaBadValue(g, msg.describeValue(v), msg.neededDemand);

  scenario.attributes.forEach((a, i) => {
    if (typeof a.share === 'number') {
      if (a.share < 0 || a.share > 1)
        report(
          'invalid_value',
          ['attributes', i, 'share'],
          msg.wrongType('a number from 0 to 1', String(a.share)),
        );
      return;
    }
    tryFormula(a.share, ['attributes', i, 'share'], [...base, ...params], rows, {}, (v, g) =>
      typeof v === 'number' && ((v >= 0 && v <= 1) || a.clamp === true)
        ? undefined
        : msg.formulaBadValue(g, msg.describeValue(v), msg.neededShare),
    );
  });

  // Caps and ceiling amounts as formulas: of parameters only, a number ≥ 0 at typical values.
  // A pool's cap may also sum group columns and read the fiscal year before's results (0 here).
  const results = resultSources(scenario);
  const resultsAtZero: Record<string, Value> = { year: 0, fy: firstFy(scenario) };
  for (const id of results) for (const fn of RESULT_FUNCTIONS) resultsAtZero[resultKey(fn, id)] = 0;
  const checkAmount = (text: string, path: Path, pool = false) =>
    tryFormula(
      text,
      path,
      pool ? [...params, 'year', 'fy'] : [...params],
      rows.slice(0, 1),
      pool ? resultsAtZero : {},
      (v) =>
        typeof v === 'number' && Number.isFinite(v) && v >= 0
          ? undefined
          : msg.capFormulaBad(msg.describeValue(v)),
      false,
      pool ? { rowSymbols: columns, results } : {},
    );
  scenario.programs.forEach((program, i) => {
    program.pools.forEach((pool, j) => {
      const cap = decodeCap(pool);
      if (cap?.kind !== 'amount' || cap.formula === undefined) return;
      const amount = typeof pool.cap === 'object' ? ['amount'] : [];
      checkAmount(cap.formula, ['programs', i, 'pools', j, 'cap', ...amount], true);
    });
  });

  // A receipt clock's lead as a formula: of parameters, 0–366 days at typical values.
  scenario.programs.forEach((program, i) => {
    const lead = program.receipt_clock?.lead_days;
    if (typeof lead !== 'string') return;
    tryFormula(
      lead,
      ['programs', i, 'receipt_clock', 'lead_days'],
      [...params],
      rows.slice(0, 1),
      {},
      (v, g) =>
        typeof v === 'number' && v >= 0 && v <= 366
          ? undefined
          : msg.formulaBadValue(g, msg.describeValue(v), msg.neededLeadDays),
      false,
    );
  });

  // A stage's rate as a formula: of parameters, a share from 0 to 1 at typical values.
  scenario.programs.forEach((program, i) => {
    (program.stages ?? []).forEach((st, k) => {
      if (typeof st.rate !== 'string') return;
      tryFormula(
        st.rate,
        ['programs', i, 'stages', k, 'rate'],
        [...params],
        rows.slice(0, 1),
        {},
        (v, g) =>
          typeof v === 'number' && ((v >= 0 && v <= 1) || st.clamp === true)
            ? undefined
            : msg.formulaBadValue(g, msg.describeValue(v), msg.neededShare),
        false,
      );
    });
  });

  scenario.ceilings.forEach((ceiling, i) => {
    if (typeof ceiling.amount === 'string') checkAmount(ceiling.amount, ['ceilings', i, 'amount']);
    // a per-group limit as a formula: of group columns and parameters, a number ≥ 0 for every group
    // it applies to (the groups of its class; the others for the per_group rate)
    const classes = ceiling.per_group?.classes ?? [];
    const classOf = rows.map((row) =>
      classes.findIndex((cls) => {
        try {
          const v = compileFormula(cls.when, { symbols: base, rows: rowScopes }).evaluate(row as Scope);
          return v === true || (typeof v === 'number' && v !== 0);
        } catch {
          return false; // the class's own error says it
        }
      }),
    );
    const limits: [unknown, Path, number][] = [
      [ceiling.per_group?.amount, ['ceilings', i, 'per_group', 'amount'], -1],
      ...classes.map((cls, k): [unknown, Path, number] => [
        cls.amount,
        ['ceilings', i, 'per_group', 'classes', k, 'amount'],
        k,
      ]),
    ];
    for (const [text, path, k] of limits)
      if (typeof text === 'string')
        tryFormula(
          text,
          path,
          [...base, ...params],
          rows.filter((_, g) => classOf[g] === k),
          {},
          (v, g) =>
            typeof v === 'number' && Number.isFinite(v) && v >= 0
              ? undefined
              : msg.formulaBadValue(g, msg.describeValue(v), msg.neededCount),
          true,
          { noSeries: true },
        );
    (ceiling.per_group?.classes ?? []).forEach((cls, k) => {
      // Classes are fixed for the whole simulation: they read group columns only.
      tryFormula(
        cls.when,
        ['ceilings', i, 'per_group', 'classes', k, 'when'],
        base,
        rows,
        {},
        (v, g) =>
          typeof v === 'boolean' || typeof v === 'number'
            ? undefined
            : msg.eligibleNotBoolean(g, msg.describeValue(v), 'when'),
        true,
        { noSeries: true },
      );
    });
  });

  // Applications that carry several persons: a column of whole numbers ≥ 1, or weights ≥ 0 per group.
  scenario.programs.forEach((program, i) => {
    const size = program.units?.size;
    if (size === undefined) return;
    const path: Path = ['programs', i, 'units', 'size'];
    if (typeof size === 'string') {
      tryFormula(
        size,
        path,
        base,
        rows,
        {},
        (v, g) =>
          typeof v === 'number' && Number.isInteger(v) && v >= 1
            ? undefined
            : msg.unitsSizeBad(g, msg.describeValue(v)),
        true,
        { noSeries: true },
      );
      return;
    }
    if (size.weights.length !== size.values.length) {
      report(
        'semantic',
        [...path, 'weights'],
        msg.unitsWeightsLength(size.values.length, size.weights.length),
      );
      return;
    }
    const perWeight = size.weights.map((w, k) =>
      tryFormula(w, [...path, 'weights', k], base, rows, {}, numberAtLeast0, true, { noSeries: true }),
    );
    if (perWeight.some((m) => m === undefined)) return;
    for (const row of rows) {
      const sum = perWeight.reduce((a, m) => a + ((m?.get(row.id)?.[0] as number) ?? 0), 0);
      if (!(sum > 0)) {
        report('semantic', [...path, 'weights'], msg.unitsWeightsZero(row.id));
        return;
      }
    }
  });

  scenario.programs.forEach((program, i) => {
    const eligibleForProgram = new Set<string>();
    program.pools.forEach((pool, j) => {
      const path: Path = ['programs', i, 'pools', j];
      const eligible = eligibleGroups(pool, path);
      for (const g of eligible.groups) eligibleForProgram.add(g.id);
      if (eligible.known && eligible.groups.length === 0) {
        report('semantic', [...path, 'eligible'], msg.poolNobodyEligible(pool.id), { severity: 'warning' });
      }
      if (typeof pool.select === 'object' && pool.select.method === 'weighted-lottery') {
        tryFormula(
          pool.select.weight,
          [...path, 'select', 'weight'],
          [...base, ...params, ...attrs],
          eligible.groups,
          {},
          numberAtLeast0,
        );
      }
      if (pool.split) checkSplit(pool, path, eligible.groups);
    });
    (program.not_selected?.rules ?? []).forEach((rule, k) => {
      if (rule.when === undefined) return;
      tryFormula(rule.when, ['programs', i, 'not_selected', 'rules', k, 'when'], base, rows, {}, (v, g) =>
        typeof v === 'boolean' || typeof v === 'number'
          ? undefined
          : msg.eligibleNotBoolean(g, msg.describeValue(v), 'when'),
      );
    });
    const demand = program.demand;
    if (!demand) return;
    // by_group: each `when` a true/false formula of group columns and segment attributes; an entry
    // no group (or segment of a group) reaches is a slip
    const taken = new Set<string>();
    (demand.by_group ?? []).forEach((e, k) => {
      const path: Path = ['programs', i, 'demand', 'by_group', k, 'when'];
      const results = tryFormula(e.when, path, [...base, ...attrs], rows, {}, (v, g) =>
        typeof v === 'boolean' || typeof v === 'number'
          ? undefined
          : msg.eligibleNotBoolean(g, msg.describeValue(v), 'when'),
      );
      if (!results) return;
      // settled per segment (attribute combination) of each group, as the model does
      const f = compileFormula(e.when, { symbols: [...base, ...attrs] });
      let matched = 0;
      const mine: string[] = [];
      for (const r of rows) {
        for (let seg = 0; seg < 2 ** Math.min(attrs.length, 8); seg++) {
          const scope: Record<string, Value> = { ...r };
          attrs.forEach((a, bit) => {
            scope[a] = ((seg >> bit) & 1) === 1;
          });
          const v = f.evaluate(scope as Scope);
          if (!(v === true || (typeof v === 'number' && v !== 0))) continue;
          matched++;
          const key = `${r.id}#${seg}`;
          if (!taken.has(key)) mine.push(key);
        }
      }
      for (const key of mine) taken.add(key);
      if (mine.length === 0)
        report('semantic', path, msg.byGroupMatchesNone(matched > 0), { severity: 'warning' });
    });
    const key = demand.per_year !== undefined ? 'per_year' : 'per_month';
    const text = demand[key];
    if (text === undefined) return;
    const groups = rows.filter((r) => eligibleForProgram.has(r.id));
    tryFormula(
      text,
      ['programs', i, 'demand', key],
      [...base, ...params, 'year', 'fy', ...STEP_SYMBOLS],
      groups,
      {
        year: 0,
        fy: firstFy(scenario),
        month: Number(scenario.calendar.start.slice(5, 7)),
        today: dayNumber(scenario.calendar.start),
        days_open: 0,
      },
      // a demand that declares clamp: true is clamped to 0–2^24 in the runs, and counted
      demand.clamp === true ? (v, g) => (typeof v === 'number' ? undefined : demandCount(v, g)) : demandCount,
    );
  });

  function eligibleGroups(pool: Pool, path: Path): { groups: GroupRow[]; known: boolean } {
    if (pool.eligible === undefined) return { groups: rows, known: true };
    const results = tryFormula(
      pool.eligible,
      [...path, 'eligible'],
      [...base, ...params, ...attrs, 'year', 'fy'],
      rows,
      { year: 0, fy: firstFy(scenario) },
      (v, g) =>
        typeof v === 'boolean' || typeof v === 'number'
          ? undefined
          : msg.eligibleNotBoolean(g, msg.describeValue(v)),
    );
    if (!results) return { groups: rows, known: false };
    const symbols = checkFormula(pool.eligible, {
      symbols: [...base, ...params, ...attrs, 'year', 'fy'],
      rows: rowScopes,
      series,
    });
    // A rule that reads an uncertain parameter or the year can't be settled before running.
    const known = symbols.ok && !symbols.symbols.some((s) => uncertain.has(s) || s === 'year' || s === 'fy');
    if (!known) return { groups: rows, known };
    return {
      groups: rows.filter((r) =>
        (results.get(r.id) ?? []).some((v) => v === true || (typeof v === 'number' && v !== 0)),
      ),
      known,
    };
  }

  function checkSplit(pool: Pool, path: Path, groups: readonly GroupRow[]): void {
    const by = pool.split?.by ?? '';
    const within = pool.split?.within;
    if (within !== undefined) {
      if (!columns.includes(within))
        report(
          'bad_reference',
          [...path, 'split', 'within'],
          msg.unknownReference('column', within, msg.nearest(within, columns), columns),
        );
      else
        for (const g of groups)
          if (g[within] === undefined)
            report(
              'invalid_value',
              ['groups', 'rows', rowIndex.get(g) ?? 0, within],
              msg.splitValueMissing(within, g.id, pool.id),
            );
    }
    if (!columns.includes(by)) {
      tryFormula(by, [...path, 'split', 'by'], [...base, ...params], groups, {}, (v, g) =>
        typeof v === 'number' && Number.isFinite(v) && v >= 0
          ? undefined
          : msg.splitFormulaBad(g, msg.describeValue(v)),
      );
      return;
    }
    for (const g of groups) {
      const rowPath: Path = ['groups', 'rows', rowIndex.get(g) ?? 0, by];
      const v = g[by];
      if (v === undefined) report('invalid_value', rowPath, msg.splitValueMissing(by, g.id, pool.id));
      else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        report('invalid_value', rowPath, msg.splitValueBad(by, g.id, pool.id, msg.describeValue(v)));
      }
    }
  }

  return usage;
}
