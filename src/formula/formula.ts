/**
 * Formulas in scenario files: mathjs syntax, parsed once, checked against a whitelist, compiled to a
 * closure. In: the formula text and the names it may use. Out: `CompiledFormula.evaluate(scope)`.
 *
 * Allowed: numbers, strings, true/false, symbols the scenario defines, + - * / ^ % (mod), comparisons,
 * and/or/not/xor, `c ? a : b`, parentheses and the functions in `FUNCTIONS`. Everything else —
 * assignments, blocks, arrays, property access, units, and any other function (import, evaluate,
 * parse, createUnit, random, ...) — is refused when the formula is checked, so a scenario can never
 * reach outside the sandbox. `==` and `!=` compare strings, numbers and booleans exactly (mathjs
 * would try to turn strings into numbers). Dates are ISO strings in the file and day numbers
 * (days since 1970-01-01) inside formulas: `date("2022-10-12")`.
 */
import type { MathNode } from 'mathjs';
import { nearest } from '../core/names.js';
import { mathjs } from './mathjs.js';
import { ordinalOfNumber, periodLabel, rangeText, type SeriesTable, valueAt } from './series.js';

export type Value = number | string | boolean;
export type Scope = Readonly<Record<string, Value>>;

/**
 * Where a formula of the model was written (model/formula-sites.ts): its YAML path in the scenario,
 * as validation names it, which the command line turns into FILE:LINE:COL, and whether the scenario
 * declared that the formula clamps (`clamp: true`) values out of its domain. Plain data, so the
 * engine can report a value out of domain without knowing any file.
 */
export interface FormulaSite {
  readonly path: readonly (string | number)[];
  readonly clamp: boolean;
}

export interface CompiledFormula {
  readonly text: string;
  /** symbols the formula reads, sorted */
  readonly symbols: readonly string[];
  /** the series lookups it makes (`series("id", …)`), for validation to check their periods */
  readonly lookups?: readonly SeriesLookup[];
  evaluate(scope: Scope): Value;
  /** where the scenario wrote it; set by compileModel for the formulas the engine evaluates */
  site?: FormulaSite;
}

/** One `series(…)` call of a formula. */
export interface SeriesLookup {
  table: SeriesTable;
  /** the column read; undefined: the column of the group the formula is evaluated for (its id) */
  column?: string;
  /** the period given as an argument (of time symbols only); undefined: the step's own period */
  period?: (scope: Scope) => Value;
  /** where the call starts in the formula text */
  offset?: number;
}

/** Symbols the period argument of series(…) may read, so validation can work it out at every step. */
export const SERIES_PERIOD_SYMBOLS = ['fy', 'year', 'today', 'month'] as const;

/**
 * The period ordinal a lookup asks for in `scope` (which holds fy, and today where the formula reads
 * the step): its argument, or the step's fiscal year, calendar year or month.
 */
export function lookupOrdinal(l: SeriesLookup, scope: Scope): number {
  const kind = l.table.kind;
  if (l.period) return ordinalOfNumber(kind, num(l.period(scope), 'series'));
  if (kind === 'fiscal_year') return num(scope.fy as Value, 'series');
  const month = ordinalOfNumber('month', num(scope.today as Value, 'series'));
  return kind === 'month' ? month : Math.floor(month / 12);
}

export class FormulaError extends Error {
  constructor(
    message: string,
    /** 0-based character offset in the formula text, when known */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}

const DAY_MS = 86_400_000;

/** ISO date (YYYY-MM-DD) → days since 1970-01-01. */
export function dayNumber(iso: string): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(t) || !new Date(t).toISOString().startsWith(iso))
    throw new FormulaError(`"${iso}" is not an ISO date (YYYY-MM-DD)`);
  return Math.round(t / DAY_MS);
}

const num = (v: Value, fn: string): number => {
  if (typeof v !== 'number') throw new FormulaError(`${fn} expects a number, found ${JSON.stringify(v)}`);
  return v;
};

/** The functions an analyst may call, with the number of arguments they take ([min, max]). */
const FUNCTIONS: Record<string, { args: [number, number]; fn: (...a: Value[]) => Value; help: string }> = {
  abs: { args: [1, 1], fn: (x) => Math.abs(num(x, 'abs')), help: 'absolute value' },
  ceil: { args: [1, 1], fn: (x) => Math.ceil(num(x, 'ceil')), help: 'round up' },
  floor: { args: [1, 1], fn: (x) => Math.floor(num(x, 'floor')), help: 'round down' },
  round: { args: [1, 1], fn: (x) => Math.round(num(x, 'round')), help: 'round to nearest' },
  sqrt: { args: [1, 1], fn: (x) => Math.sqrt(num(x, 'sqrt')), help: 'square root' },
  exp: { args: [1, 1], fn: (x) => Math.exp(num(x, 'exp')), help: 'e to the power x' },
  log: { args: [1, 1], fn: (x) => Math.log(num(x, 'log')), help: 'natural logarithm' },
  log10: { args: [1, 1], fn: (x) => Math.log10(num(x, 'log10')), help: 'base-10 logarithm' },
  pow: { args: [2, 2], fn: (x, y) => num(x, 'pow') ** num(y, 'pow'), help: 'x to the power y' },
  min: { args: [1, 64], fn: (...xs) => Math.min(...xs.map((x) => num(x, 'min'))), help: 'smallest argument' },
  max: { args: [1, 64], fn: (...xs) => Math.max(...xs.map((x) => num(x, 'max'))), help: 'largest argument' },
  clamp: {
    args: [3, 3],
    fn: (x, lo, hi) => Math.min(num(hi, 'clamp'), Math.max(num(lo, 'clamp'), num(x, 'clamp'))),
    help: 'clamp(x, low, high)',
  },
  oneOf: {
    args: [2, 64],
    fn: (x, ...options) => options.some((o) => o === x),
    help: 'oneOf(id, "SV", "GT") is true when the first value equals any of the others',
  },
  date: {
    args: [1, 1],
    fn: (s) => {
      if (typeof s !== 'string') throw new FormulaError('date expects an ISO date string');
      return dayNumber(s);
    },
    help: 'date("2022-10-12") as a day number, to compare with date parameters',
  },
};

export const FORMULA_FUNCTIONS: readonly string[] = [
  ...Object.keys(FUNCTIONS),
  'total',
  'count',
  'own',
  'series',
].sort();

type Compiled = (scope: Scope) => Value;

const ARITH: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
  mod: (a, b) => a - b * Math.floor(a / b),
};
const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  smaller: (a, b) => a < b,
  smallerEq: (a, b) => a <= b,
  larger: (a, b) => a > b,
  largerEq: (a, b) => a >= b,
};

const truthy = (v: Value, op: string): boolean => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  throw new FormulaError(`"${op}" expects true/false, found ${JSON.stringify(v)}`);
};

interface Known {
  symbols: readonly string[];
  /**
   * every group's row, where a formula is evaluated per group: then `total(x)`, `total(x, cond)`,
   * `count(cond)` and `own(column)` may sum over groups
   */
  rows?: readonly Scope[];
  /**
   * symbols known only inside total(…) and count(…): the group columns of a formula that is not
   * evaluated per group (a pool's cap: `0.07 * total(population)`)
   */
  rowSymbols?: readonly string[];
  /**
   * ids whose results of the fiscal year before may be read: `unused_before(id)`,
   * `issued_before(id)` (a pool's cap: `140000 + unused_before("family")`)
   */
  results?: readonly string[];
  /** the scenario's series by id, for `series("id", …)` (reference series are refused) */
  series?: ReadonlyMap<string, SeriesTable>;
}

/**
 * What a demand formula may read of the step it is evaluated for: `month` (1–12, the calendar
 * month), `today` (the step's first day, a day number as `date("2023-01-06")` gives) and `days_open` (days
 * since the program's demand opened — its `from`, or the calendar's start — 0 before).
 */
export const STEP_SYMBOLS = ['month', 'today', 'days_open'] as const;

/** Results of the fiscal year before that a formula may read (Known.results). */
export const RESULT_FUNCTIONS = ['unused_before', 'issued_before'] as const;

/** The scope key under which a formula finds `metric` of `id` in the fiscal year before. */
export function resultKey(fn: (typeof RESULT_FUNCTIONS)[number], id: string): string {
  return `${fn}:${id}`;
}

/** Aggregates over groups: allowed only where `Known.rows` is given. */
const AGGREGATES: Record<string, { args: [number, number]; help: string }> = {
  total: {
    args: [1, 2],
    help: 'total(x) sums x over every group; total(x, cond) over the groups where cond holds',
  },
  count: { args: [1, 1], help: 'count(cond): how many groups cond holds for' },
  own: {
    args: [1, 1],
    help: 'own(column): inside total or count, the column of the group the formula is evaluated for (total(admissions, region == own(region)))',
  },
};
/** where the scope of a row inside an aggregate keeps the scope of the group the formula is for */
const OWN = '\u0000own';

/**
 * A parsed formula as plain data: the parts of mathjs's node tree that `compileFormula` reads. Plain
 * so it can be sent to worker threads, which then compile formulas without loading mathjs
 * (`exportParsed`, `importParsed`).
 */
export interface FormulaNode {
  type: string;
  value?: unknown;
  name?: string;
  op?: string;
  /** OperatorNode: the operation's name (add, equal, ...); FunctionNode: the called function */
  fn?: string | FormulaNode;
  /** FunctionNode: the called expression as written, for messages */
  fnText?: string;
  args?: FormulaNode[];
  content?: FormulaNode;
  condition?: FormulaNode;
  trueExpr?: FormulaNode;
  falseExpr?: FormulaNode;
}

function plain(n: MathNode): FormulaNode {
  const m = n as unknown as Record<string, unknown>;
  const out: FormulaNode = { type: n.type };
  if ('value' in m) out.value = m.value;
  if (typeof m.name === 'string') out.name = m.name;
  if (typeof m.op === 'string') out.op = m.op;
  if (typeof m.fn === 'string') out.fn = m.fn;
  else if (m.fn && typeof m.fn === 'object') {
    out.fn = plain(m.fn as MathNode);
    out.fnText = (m.fn as MathNode).toString();
  }
  if (Array.isArray(m.args)) out.args = (m.args as MathNode[]).map(plain);
  for (const k of ['content', 'condition', 'trueExpr', 'falseExpr'] as const) {
    if (m[k] && typeof m[k] === 'object') out[k] = plain(m[k] as MathNode);
  }
  return out;
}

/** Formula text → its parsed tree, for every formula parsed so far in this thread. */
const parsed = new Map<string, FormulaNode>();

/** The trees of the formulas parsed so far, to hand to another thread (`importParsed`). */
export function exportParsed(): Record<string, FormulaNode> {
  return Object.fromEntries(parsed);
}

/** Trees parsed by another thread: formulas with these texts are not parsed again here. */
export function importParsed(trees: Record<string, FormulaNode>): void {
  for (const [text, tree] of Object.entries(trees)) parsed.set(text, tree);
}

function parseText(text: string): FormulaNode {
  const known = parsed.get(text);
  if (known) return known;
  let tree: FormulaNode;
  try {
    tree = plain(mathjs().parse(text));
  } catch (e) {
    const err = e as Error & { char?: number };
    const msg = err.message.replace(/\s*\(char \d+\)$/, '');
    throw new FormulaError(
      `cannot parse formula: ${msg}`,
      typeof err.char === 'number' ? Math.max(0, err.char - 1) : undefined,
    );
  }
  parsed.set(text, tree);
  return tree;
}

/** Compile a formula (or a plain number) into a closure; throws FormulaError naming what is wrong. */
export function compileFormula(text: string | number, known: Known): CompiledFormula {
  if (typeof text === 'number') {
    return { text: String(text), symbols: [], evaluate: () => text };
  }
  const node = parseText(text);
  const used = new Set<string>();
  const knownSet = new Set(known.symbols);
  const nodeOffset = (n: FormulaNode): number | undefined => {
    const name = n.name;
    if (!name) return undefined;
    const i = text.search(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
    return i >= 0 ? i : undefined;
  };

  /** how many total(…) or count(…) the node being built is inside */
  let depth = 0;
  const buildAggregate = (name: string, args: FormulaNode[], fnNode: FormulaNode): Compiled => {
    const spec = AGGREGATES[name] as (typeof AGGREGATES)[string];
    const rows = known.rows;
    if (!rows)
      throw new FormulaError(
        `${name}(…) reads every group's row, so it is allowed only in formulas evaluated per group (demand, attribute shares, eligibility, split and lottery weights)`,
        nodeOffset(fnNode),
      );
    if (args.length < spec.args[0] || args.length > spec.args[1])
      throw new FormulaError(`${spec.help}; found ${args.length} arguments`, nodeOffset(fnNode));
    if (name === 'own') {
      if (depth === 0)
        throw new FormulaError(
          'own(column) names the group a formula is for from inside total(…) or count(…); outside them, write the column itself',
          nodeOffset(fnNode),
        );
      const arg = args[0] as FormulaNode;
      const col = arg.type === 'SymbolNode' ? (arg.name as string) : '';
      if (!col)
        throw new FormulaError('own takes the name of a column, e.g. own(region)', nodeOffset(fnNode));
      build(arg); // checks that the name is known, and records it
      return (s) => {
        const outer = (s as Record<string, unknown>)[OWN] as Scope | undefined;
        const v = (outer ?? s)[col];
        if (v === undefined) throw new FormulaError(`"${col}" has no value here`);
        return v;
      };
    }
    depth++;
    const parts = args.map(build);
    depth--;
    const [x, cond] = parts as [Compiled, Compiled | undefined];
    return (s) => {
      const outer = ((s as Record<string, unknown>)[OWN] as Scope | undefined) ?? s;
      let acc = 0;
      for (const row of rows) {
        const rs = { ...s, ...row, [OWN]: outer } as unknown as Scope;
        if (name === 'count') {
          if (truthy(x(rs), 'count')) acc++;
        } else if (!cond || truthy(cond(rs), 'total')) acc += num(x(rs), 'total');
      }
      return acc;
    };
  };

  const lookups: SeriesLookup[] = [];
  const buildSeries = (args: FormulaNode[], fnNode: FormulaNode): Compiled => {
    const at = nodeOffset(fnNode);
    const usage =
      'series("id") reads a series in the step\'s period; series("id", "column") a named column; a period may follow, e.g. series("id", fy - 1)';
    const idArg = args[0];
    const id = idArg?.type === 'ConstantNode' ? idArg.value : undefined;
    if (args.length < 1 || args.length > 3 || typeof id !== 'string')
      throw new FormulaError(`${usage}; found ${args.length} arguments`, at);
    const tables = known.series;
    if (!tables)
      throw new FormulaError(
        'series(…) cannot be read here: this value is fixed before the simulation runs (derived columns, application sizes, per-group classes)',
        at,
      );
    const table = tables.get(id);
    if (!table || table.reference) {
      const usable = [...tables.values()].filter((t) => !t.reference).map((t) => t.id);
      const near = nearest(id, usable);
      throw new FormulaError(
        table
          ? `series "${id}" is a reference (observed values drawn beside the results): the simulation cannot read it; drop \`reference: true\` to use it in formulas`
          : `no series "${id}"${near ? ` (did you mean "${near}"?)` : ''}; series: ${usable.join(', ') || '(none)'}`,
        at,
      );
    }
    const colArg =
      args[1]?.type === 'ConstantNode' && typeof args[1].value === 'string' ? args[1] : undefined;
    const periodArg = colArg ? args[2] : args[1];
    if (colArg && args.length > 3) throw new FormulaError(usage, at);
    if (!colArg && args.length > 2) throw new FormulaError(usage, at);
    let column = colArg ? (colArg.value as string) : undefined;
    if (column !== undefined && !table.columns.includes(column)) {
      const near = nearest(column, table.columns);
      throw new FormulaError(
        `series "${id}" has no column "${column}"${near ? ` (did you mean "${near}"?)` : ''}; its columns: ${table.columns.join(', ')}`,
        at,
      );
    }
    if (column === undefined && !table.byGroup) {
      if (table.columns.length !== 1)
        throw new FormulaError(
          `series "${id}" has the columns ${table.columns.join(', ')}: name one, e.g. series("${id}", "${table.columns[0]}")`,
          at,
        );
      column = table.columns[0] as string;
    }
    if (column === undefined) {
      if (!knownSet.has('id'))
        throw new FormulaError(
          `series "${id}" has a column per group, and this formula is not evaluated per group: name the group, e.g. series("${id}", "${table.columns[0]}")`,
          at,
        );
      used.add('id');
    }
    let period: Compiled | undefined;
    if (periodArg) {
      const stray = symbolsOf(periodArg).find(
        (x) => !(SERIES_PERIOD_SYMBOLS as readonly string[]).includes(x) || !knownSet.has(x),
      );
      if (stray !== undefined)
        throw new FormulaError(
          `the period of series("${id}", …) may read only ${SERIES_PERIOD_SYMBOLS.filter((x) => knownSet.has(x)).join(', ') || 'numbers'}, so that validation can check it lies in the table (found "${stray}")`,
          at,
        );
      period = build(periodArg);
    } else {
      const needs = table.kind === 'fiscal_year' ? 'fy' : 'today';
      if (!knownSet.has(needs))
        throw new FormulaError(
          `series "${id}" is by ${table.kind === 'fiscal_year' ? 'fiscal year' : table.kind === 'year' ? 'calendar year' : 'month'}, and this formula has no ${needs === 'fy' ? 'fiscal year' : 'step date (only demand formulas read it)'}: give the period, e.g. series("${id}", ${table.kind === 'month' ? 'date("2024-01-01")' : periodLabel('year', table.first)})`,
          at,
        );
      used.add(needs);
    }
    const lookup: SeriesLookup = {
      table,
      ...(column !== undefined ? { column } : {}),
      ...(period ? { period } : {}),
      ...(at !== undefined ? { offset: at } : {}),
    };
    lookups.push(lookup);
    const fixed = column;
    return (s) => {
      const col = fixed ?? String(s.id);
      const ord = lookupOrdinal(lookup, s);
      const v = valueAt(table, col, ord);
      if (v !== undefined) return v;
      if (!Object.hasOwn(table.values, col))
        throw new FormulaError(`series "${id}" has no column for group "${col}"`);
      throw new FormulaError(
        `series "${id}" has no value for ${periodLabel(table.kind, ord)}; its table covers ${rangeText(table)}`,
      );
    };
  };

  const build = (n: FormulaNode): Compiled => {
    switch (n.type) {
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') {
          throw new FormulaError(`unsupported constant ${JSON.stringify(v)}`);
        }
        return () => v;
      }
      case 'ParenthesisNode':
        return build(n.content as FormulaNode);
      case 'SymbolNode': {
        const name = n.name as string;
        if (name === 'true' || name === 'false') {
          const b = name === 'true';
          return () => b;
        }
        if (!knownSet.has(name) && depth === 0 && known.rowSymbols?.includes(name))
          throw new FormulaError(
            `"${name}" is a group column, and this formula is one number for all groups: sum it over them, e.g. total(${name}) or total(${name}, region == "…")`,
            nodeOffset(n),
          );
        if (!knownSet.has(name) && !(depth > 0 && known.rowSymbols?.includes(name))) {
          const defined = [
            ...knownSet,
            ...(known.rowSymbols ?? []).map((c) => `${c} (inside total or count)`),
          ].sort();
          const near = nearest(name, defined);
          throw new FormulaError(
            `unknown symbol "${name}"${near ? ` (did you mean "${near}"?)` : ''}; defined: ${defined.join(', ') || '(none)'}`,
            nodeOffset(n),
          );
        }
        used.add(name);
        return (scope) => {
          const v = scope[name];
          if (v === undefined) throw new FormulaError(`"${name}" has no value here`);
          return v;
        };
      }
      case 'ConditionalNode': {
        const cond = build(n.condition as FormulaNode);
        const a = build(n.trueExpr as FormulaNode);
        const b = build(n.falseExpr as FormulaNode);
        return (s) => (truthy(cond(s), '?') ? a(s) : b(s));
      }
      case 'FunctionNode': {
        const f = { fn: n.fn as FormulaNode, args: n.args ?? [] };
        const name = f.fn.type === 'SymbolNode' ? (f.fn.name as string) : '';
        if (Object.hasOwn(AGGREGATES, name)) return buildAggregate(name, f.args, f.fn);
        if (name === 'series') return buildSeries(f.args, f.fn);
        if ((RESULT_FUNCTIONS as readonly string[]).includes(name)) {
          const arg = f.args[0];
          const id = f.args.length === 1 && arg?.type === 'ConstantNode' ? arg.value : undefined;
          if (!known.results)
            throw new FormulaError(
              `${name}(…) reads a result of the fiscal year before, so it is allowed only in a pool's cap`,
              nodeOffset(f.fn),
            );
          if (typeof id !== 'string')
            throw new FormulaError(
              `${name} takes the id of a program, pool or ceiling in quotes, e.g. ${name}("family")`,
              nodeOffset(f.fn),
            );
          if (!known.results.includes(id)) {
            const near = nearest(id, [...known.results]);
            throw new FormulaError(
              `${name}("${id}"): "${id}" is not a program, a fiscal-year pool or a fiscal-year ceiling with an amount${near ? ` (did you mean "${near}"?)` : ''}; the fiscal year before can be read of: ${[...known.results].join(', ') || '(none)'}`,
              nodeOffset(f.fn),
            );
          }
          const key = resultKey(name as (typeof RESULT_FUNCTIONS)[number], id);
          used.add(key);
          return (scope) => {
            const v = scope[key];
            if (v === undefined) throw new FormulaError(`${name}("${id}") has no value here`);
            return v;
          };
        }
        // own names only: "constructor" or "toString" are not functions of a formula
        const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
        if (!spec) {
          throw new FormulaError(
            `function "${name || n.fnText}" is not allowed; allowed functions: ${FORMULA_FUNCTIONS.join(', ')}`,
            nodeOffset(f.fn),
          );
        }
        if (f.args.length < spec.args[0] || f.args.length > spec.args[1]) {
          throw new FormulaError(
            `${name} takes ${spec.args[0] === spec.args[1] ? spec.args[0] : `${spec.args[0]} to ${spec.args[1]}`} arguments, found ${f.args.length}`,
          );
        }
        const args = f.args.map(build);
        const fn = spec.fn;
        if (name === 'date' && f.args[0]?.type === 'ConstantNode') {
          const d = fn(args[0]?.({}) as Value);
          return () => d;
        }
        return (s) => fn(...args.map((a) => a(s)));
      }
      case 'OperatorNode': {
        const o = { fn: n.fn as string, op: n.op as string, args: n.args ?? [] };
        const args = o.args.map(build);
        const [a, b] = args;
        if (args.length === 1 && a) {
          if (o.fn === 'unaryMinus') return (s) => -num(a(s), '-');
          if (o.fn === 'unaryPlus') return (s) => num(a(s), '+');
          if (o.fn === 'not') return (s) => !truthy(a(s), 'not');
        }
        if (args.length === 2 && a && b) {
          const arith = Object.hasOwn(ARITH, o.fn) ? ARITH[o.fn] : undefined;
          if (arith) {
            // one closure per operator, so that V8 sees one operation at each site (faster than
            // calling `arith`, which every operator shares); the same arithmetic, in the same order
            const op = o.op;
            if (o.fn === 'add') return (s) => num(a(s), op) + num(b(s), op);
            if (o.fn === 'subtract') return (s) => num(a(s), op) - num(b(s), op);
            if (o.fn === 'multiply') return (s) => num(a(s), op) * num(b(s), op);
            if (o.fn === 'divide') return (s) => num(a(s), op) / num(b(s), op);
            if (o.fn === 'pow') return (s) => num(a(s), op) ** num(b(s), op);
            return (s) => arith(num(a(s), op), num(b(s), op));
          }
          const cmp = Object.hasOwn(COMPARE, o.fn) ? COMPARE[o.fn] : undefined;
          if (cmp) return (s) => cmp(num(a(s), o.op), num(b(s), o.op));
          if (o.fn === 'equal') return (s) => a(s) === b(s);
          if (o.fn === 'unequal') return (s) => a(s) !== b(s);
          if (o.fn === 'and') return (s) => truthy(a(s), 'and') && truthy(b(s), 'and');
          if (o.fn === 'or') return (s) => truthy(a(s), 'or') || truthy(b(s), 'or');
          if (o.fn === 'xor') return (s) => truthy(a(s), 'xor') !== truthy(b(s), 'xor');
        }
        throw new FormulaError(`operator "${o.op}" is not allowed`);
      }
      default:
        throw new FormulaError(
          `${describeNode(n.type)} is not allowed in a formula (only arithmetic, comparisons, logic, "? :" and the functions ${FORMULA_FUNCTIONS.join(', ')})`,
        );
    }
  };

  const fn = build(node);
  return {
    text,
    symbols: [...used].sort(),
    ...(lookups.length ? { lookups } : {}),
    evaluate: (scope) => {
      const v = fn(scope);
      if (typeof v === 'number' && Number.isNaN(v))
        throw new FormulaError(`formula "${text}" gave a value that is not a number`);
      return v;
    },
  };
}

/** The symbols a node reads (function names left out). */
function symbolsOf(n: FormulaNode): string[] {
  const out: string[] = [];
  const walk = (m: FormulaNode | undefined) => {
    if (!m) return;
    if (m.type === 'SymbolNode' && m.name !== 'true' && m.name !== 'false') out.push(m.name as string);
    for (const a of m.args ?? []) walk(a);
    walk(m.content);
    walk(m.condition);
    walk(m.trueExpr);
    walk(m.falseExpr);
  };
  walk(n);
  return out;
}

function describeNode(type: string): string {
  switch (type) {
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      return 'an assignment';
    case 'BlockNode':
      return 'more than one expression (";" or a new line)';
    case 'AccessorNode':
      return 'property or index access';
    case 'ArrayNode':
      return 'an array';
    case 'ObjectNode':
      return 'an object';
    case 'RangeNode':
      return 'a range';
    default:
      return `a ${type}`;
  }
}

/** Validation-time check: parses and whitelists without evaluating. */
export function checkFormula(
  text: string | number,
  known: Known,
): { ok: true; symbols: string[] } | { ok: false; message: string; offset?: number } {
  try {
    return { ok: true, symbols: [...compileFormula(text, known).symbols] };
  } catch (e) {
    if (e instanceof FormulaError)
      return e.offset === undefined
        ? { ok: false, message: e.message }
        : { ok: false, message: e.message, offset: e.offset };
    throw e;
  }
}

/** Evaluate to a number, or explain what came out instead. */
export function evaluateNumber(f: CompiledFormula, scope: Scope): number {
  const v = f.evaluate(scope);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number')
    throw new FormulaError(`formula "${f.text}" should give a number, gave ${JSON.stringify(v)}`);
  return v;
}

/** Evaluate to true/false. */
export function evaluateBoolean(f: CompiledFormula, scope: Scope): boolean {
  const v = f.evaluate(scope);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  throw new FormulaError(`formula "${f.text}" should be true or false, gave ${JSON.stringify(v)}`);
}
