/**
 * The one reading of the scenario shapes that have several spellings in YAML: a pool's cap (a bare
 * number, `{ amount, per, from, until }`, or tranches) and a parameter (a fixed value, one of six
 * distributions, or a choice). Every later stage (validation of numbers, trying formulas, the model,
 * explain, the engine's sampler) reads the decoded form and never the YAML shape again.
 *
 * It lives beside the schema, below the model, because validation needs it too. Call it on a shape
 * that has passed the schema: it assumes the keys the schema guarantees.
 */
import { dayNumber } from '../formula/formula.js';
import type { Parameter, Pool, Scenario } from './schema.js';

/** A window of start dates within each fiscal year, MM-DD to MM-DD inclusive. */
export interface Window {
  from: string;
  to: string;
}

export type CapPer = 'fiscal-year' | 'half' | 'month' | 'total';

/** A pool's own numbers: an amount per period, or one per tranche of each fiscal year. */
export type CapSpec =
  | {
      kind: 'amount';
      /** the number of visas; NaN when it is a formula (`formula`), known only per run */
      amount: number;
      formula?: string;
      per: CapPer;
      /** per: total only — first day the numbers can be used, and the day they expire (ISO) */
      from?: string;
      until?: string;
      /** source ids cited on the cap */
      source: string[];
    }
  | { kind: 'tranches'; tranches: { id: string; amount: number; window: Window }[]; source: string[] };

const ids = (s: string | string[] | undefined): string[] =>
  s === undefined ? [] : Array.isArray(s) ? s : [s];

/** The pool's cap, or undefined when it gives neither `cap` nor `tranches` (validation refuses that). */
export function decodeCap(pool: Pool): CapSpec | undefined {
  if (pool.tranches)
    return {
      kind: 'tranches',
      tranches: pool.tranches.map((t) => ({ id: t.id, amount: t.cap, window: t.window })),
      source: [],
    };
  const cap = pool.cap;
  if (cap === undefined) return undefined;
  if (typeof cap === 'number') return { kind: 'amount', amount: cap, per: 'fiscal-year', source: [] };
  if (typeof cap === 'string')
    return { kind: 'amount', amount: Number.NaN, formula: cap, per: 'fiscal-year', source: [] };
  return {
    kind: 'amount',
    amount: typeof cap.amount === 'number' ? cap.amount : Number.NaN,
    ...(typeof cap.amount === 'string' ? { formula: cap.amount } : {}),
    per: cap.per,
    ...(cap.from !== undefined ? { from: cap.from } : {}),
    ...(cap.until !== undefined ? { until: cap.until } : {}),
    source: ids(cap.source),
  };
}

/** Numbers per fiscal year and the period they are counted in (tranches: the sum, per fiscal year). */
export function capPerPeriod(cap: CapSpec): { amount: number; per: CapPer } {
  return cap.kind === 'tranches'
    ? { amount: cap.tranches.reduce((s, t) => s + t.amount, 0), per: 'fiscal-year' }
    : { amount: cap.amount, per: cap.per };
}

/** A parameter's value or distribution; dates are day numbers (days since 1970-01-01). */
export type Distribution =
  /** `date`: the file gave ISO dates, so the value reads back as a date */
  | { kind: 'fixed'; value: number; date: boolean }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; mean: number; sd: number }
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'beta'; a: number; b: number }
  | { kind: 'choice'; values: number[]; weights: number[]; date: boolean };

const num = (v: number | string) => (typeof v === 'number' ? v : dayNumber(v));

/**
 * A parameter's distribution. A choice of one value is fixed. A parameter that gives none (refused by
 * validation) decodes as fixed at 0, so that trying formulas on an invalid file can go on.
 */
export function decodeParameter(p: Parameter): Distribution {
  if (p.value !== undefined) return { kind: 'fixed', value: num(p.value), date: typeof p.value === 'string' };
  if (p.normal) return { kind: 'normal', mean: p.normal.mean, sd: p.normal.sd };
  if (p.lognormal) return { kind: 'lognormal', mean: p.lognormal.mean, sd: p.lognormal.sd };
  if (p.uniform) return { kind: 'uniform', low: p.uniform[0], high: p.uniform[1] };
  if (p.triangular)
    return { kind: 'triangular', min: p.triangular[0], mode: p.triangular[1], max: p.triangular[2] };
  if (p.beta) return { kind: 'beta', a: p.beta.a, b: p.beta.b };
  if (p.choice) {
    const values = p.choice.values.map(num);
    const date = typeof p.choice.values[0] === 'string';
    if (values.length === 1) return { kind: 'fixed', value: values[0] as number, date };
    return { kind: 'choice', values, weights: p.choice.weights ?? values.map(() => 1), date };
  }
  return { kind: 'fixed', value: 0, date: false };
}

/** A typical value, for trying formulas before any run: the mean, mode or middle, or the first choice. */
export function typicalValue(d: Distribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'normal':
    case 'lognormal':
      return d.mean;
    case 'uniform':
      return (d.low + d.high) / 2;
    case 'triangular':
      return d.mode;
    case 'beta':
      return d.a / (d.a + d.b);
    case 'choice':
      return d.values[0] as number;
  }
}

/**
 * The values an uncertain parameter reaches at its edges, where validation tries every formula that
 * reads it: the bounds of a bounded distribution, the 0.1% and 99.9% quantiles of an unbounded one
 * (normal: mean ± 3.09 sd; lognormal: the same on the log scale), every value of a choice. A fixed
 * value has none beyond its own.
 */
export function extremeValues(d: Distribution): number[] {
  const z = 3.0902; // the standard normal's 99.9% quantile
  switch (d.kind) {
    case 'fixed':
      return [];
    case 'normal':
      return [d.mean - z * d.sd, d.mean + z * d.sd];
    case 'lognormal': {
      if (!(d.mean > 0)) return [];
      const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const mu = Math.log(d.mean) - s2 / 2;
      return [Math.exp(mu - z * Math.sqrt(s2)), Math.exp(mu + z * Math.sqrt(s2))];
    }
    case 'uniform':
      return [d.low, d.high];
    case 'triangular':
      return [d.min, d.max];
    case 'beta': {
      const m = d.a / (d.a + d.b);
      const sd = Math.sqrt((d.a * d.b) / ((d.a + d.b) ** 2 * (d.a + d.b + 1)));
      return [Math.max(0, m - z * sd), Math.min(1, m + z * sd)];
    }
    case 'choice':
      return [...d.values];
  }
}

/**
 * What a cap may read the fiscal year before of: the programs, and the pools whose cap is per
 * fiscal year (their periods are the fiscal years).
 */
export function resultSources(scenario: Scenario): string[] {
  return [
    ...scenario.programs.flatMap((program) => [
      program.id,
      ...program.pools
        .filter((pool) => {
          const cap = decodeCap(pool);
          return cap?.kind === 'amount' && cap.per === 'fiscal-year';
        })
        .map((pool) => pool.id),
    ]),
    // a ceiling per fiscal year with an amount: its issued and unused (one without an amount has no unused)
    ...scenario.ceilings.filter((c) => c.per === 'fiscal-year' && c.amount !== undefined).map((c) => c.id),
  ];
}

/** A pool's `opens_after`, in one shape: the pool, a tranche (or half) of it, and the lag in days. */
export function decodeOpensAfter(pool: Pool): { pool: string; tranche?: string; lag: number } | undefined {
  const o = pool.opens_after;
  if (o === undefined) return undefined;
  if (typeof o === 'string') return { pool: o, lag: 0 };
  return { pool: o.pool, ...(o.tranche !== undefined ? { tranche: o.tranche } : {}), lag: o.lag_days };
}
