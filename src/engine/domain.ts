/**
 * The domain of each number a formula gives the engine, checked as the run evaluates it (issue 16):
 * a share lies in [0, 1]; a demand is a count from 0 to 2^24 (the largest the Float32 outputs hold
 * exactly); a cap and a weight are finite and at least 0. Validation tries every formula at typical
 * values and at the edges of the parameters' ranges; a value out of domain that only some draw, year
 * or month gives is met here.
 *
 * A value out of its domain is never bent silently: it throws FormulaDomainError, plain data naming
 * the formula's site (its YAML path, model/formula-sites.ts), the value, the group and period — the
 * command line adds the run, the seed, the parameter draws and FILE:LINE:COL — unless the scenario
 * declares beside the formula that it clamps (`clamp: true`, shares and demand): then the value is
 * clamped to the domain and counted in a ClampTally (runs in which it clamped, values clamped), which
 * the manifest and the report show.
 */
import {
  type CompiledFormula,
  evaluateBoolean,
  evaluateNumber,
  FormulaError,
  type FormulaSite,
  type Scope,
} from '../formula/formula.js';
import { MAX_COUNT } from '../scenario/messages.js';

export type DomainKind = 'share' | 'demand' | 'cap' | 'weight' | 'rule' | 'lead';

export interface Domain {
  lo: number;
  hi: number;
  /** what the value must be, for messages */
  text: string;
}

export const DOMAINS: Record<DomainKind, Domain> = {
  share: { lo: 0, hi: 1, text: 'a share from 0 to 1' },
  demand: {
    lo: 0,
    hi: MAX_COUNT,
    text: `a number of applicants from 0 to ${MAX_COUNT.toLocaleString('en-US')} (2^24, the largest count the outputs hold exactly)`,
  },
  cap: { lo: 0, hi: Number.MAX_VALUE, text: 'a finite number of visas (0 or more)' },
  weight: { lo: 0, hi: Number.MAX_VALUE, text: 'a finite weight (0 or more)' },
  /** an eligibility rule: true or false (1 or 0) */
  rule: { lo: 0, hi: 1, text: 'true or false' },
  /** a receipt clock's lead (`receipt_clock.lead_days`) */
  lead: { lo: 0, hi: 366, text: 'a number of days from 0 to 366' },
};

/** What a FormulaDomainError carries: plain data, so it crosses a worker thread's boundary intact. */
export interface DomainDetail {
  /** the formula's YAML path (FormulaSite.path); empty when the formula has no site */
  path: (string | number)[];
  text: string;
  domain: DomainKind;
  value: number;
  /** the group it was evaluated for, when it is evaluated per group */
  group?: string;
  /** the fiscal year (FY2027) or month (2027-03) it was evaluated for, when it reads time */
  period?: string;
  /** added by stats/run-error.ts: the run, its seed and the parameters the formula reads, as drawn */
  run?: number;
  seed?: string;
  draws?: Record<string, number>;
  /** the formula's symbols, to pick the draws that led to the value */
  symbols: string[];
  /** what went wrong when the formula gave no number at all (NaN, a text), instead of the value */
  problem?: string;
}

export class FormulaDomainError extends Error {
  override name = 'FormulaDomainError';
  constructor(readonly detail: DomainDetail) {
    super(describeDomainError(detail));
  }
}

/** The error's text without a file position (the command line puts FILE:LINE:COL and the path first). */
export function describeDomainError(d: DomainDetail): string {
  const where = [
    d.run !== undefined ? `in run ${d.run}${d.seed !== undefined ? ` (seed ${d.seed})` : ''}` : '',
    d.group !== undefined ? `for group "${d.group}"` : '',
    d.period !== undefined ? `in ${d.period}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const draws = d.draws && Object.keys(d.draws).length ? drawsText(d.draws) : '';
  if (d.problem !== undefined)
    return `${where ? `${where}, ` : ''}${d.problem}${draws ? `; the parameters it reads were drawn as ${draws}` : ''}`;
  return `${where ? `${where}, ` : ''}"${d.text}" gives ${formatValue(d.value)}, where ${DOMAINS[d.domain].text} is needed${draws ? `; the parameters it reads were drawn as ${draws}` : ''}`;
}

function drawsText(draws: Record<string, number>): string {
  return Object.keys(draws)
    .sort()
    .map((k) => `${k} = ${formatValue(draws[k] as number)}`)
    .join(', ');
}

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-4)
    ? v.toPrecision(6).replace(/\.?0+e/, 'e')
    : String(Number(v.toPrecision(6)));
}

/** Per clamping formula: in how many runs it clamped and how many values it clamped. */
export interface ClampCount {
  path: (string | number)[];
  domain: DomainKind;
  runs: number;
  values: number;
}

/**
 * Counts the clamps of formulas declared with `clamp: true`, over the runs given to it (one thread's
 * chunk, a shard, a whole simulation); counts of several tallies add up (`merge`).
 */
export class ClampTally {
  private readonly counts = new Map<string, ClampCount>();
  /** the sites that clamped in the current run */
  private readonly thisRun = new Set<string>();

  /** A new run starts: each site counts once more only if it clamps again. */
  beginRun(): void {
    this.thisRun.clear();
  }

  note(site: FormulaSite, domain: DomainKind): void {
    const key = siteKey(site.path);
    let c = this.counts.get(key);
    if (!c) {
      c = { path: [...site.path], domain, runs: 0, values: 0 };
      this.counts.set(key, c);
    }
    c.values++;
    if (!this.thisRun.has(key)) {
      this.thisRun.add(key);
      c.runs++;
    }
  }

  /** Add another tally's counts (a worker's chunk, a shard). */
  merge(counts: readonly ClampCount[]): void {
    for (const x of counts) {
      const key = siteKey(x.path);
      const c = this.counts.get(key);
      if (c) {
        c.runs += x.runs;
        c.values += x.values;
      } else this.counts.set(key, { ...x, path: [...x.path] });
    }
  }

  /** The counts, in the order of their paths (the same whatever order the runs came in). */
  entries(): ClampCount[] {
    return [...this.counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, c]) => ({ ...c, path: [...c.path] }));
  }
}

const siteKey = (path: readonly (string | number)[]) => JSON.stringify(path);

/**
 * Formula `f` evaluated in `scope`, checked against its domain (`inDomain`). A formula that gives no
 * number at all here (NaN: `sqrt` of a negative draw; a text) is a FormulaDomainError too, at its site.
 */
export function evaluateIn(
  f: CompiledFormula,
  scope: Scope,
  kind: DomainKind,
  tally: ClampTally | undefined,
  group?: string,
  period?: string,
): number {
  let v: number;
  try {
    v = evaluateNumber(f, scope);
  } catch (e) {
    if (!(e instanceof FormulaError) || !f.site) throw e;
    throw new FormulaDomainError({
      ...detailOf(f, kind, Number.NaN, group, period),
      problem: e.message.replace(
        /^formula "(.*)" gave a value that is not a number$/,
        '"$1" gives NaN (not a number)',
      ),
    });
  }
  return inDomain(v, f, kind, tally, group, period);
}

/** A rule (a pool's `eligible`) evaluated in `scope`; one that fails here is an error at its site. */
export function evaluateRule(f: CompiledFormula, scope: Scope, group?: string, period?: string): boolean {
  try {
    return evaluateBoolean(f, scope);
  } catch (e) {
    if (!(e instanceof FormulaError) || !f.site) throw e;
    throw new FormulaDomainError({ ...detailOf(f, 'rule', Number.NaN, group, period), problem: e.message });
  }
}

function detailOf(
  f: CompiledFormula,
  kind: DomainKind,
  value: number,
  group: string | undefined,
  period: string | undefined,
): DomainDetail {
  return {
    path: f.site ? [...f.site.path] : [],
    text: f.text,
    domain: kind,
    value,
    ...(group !== undefined ? { group } : {}),
    ...(period !== undefined ? { period } : {}),
    symbols: [...f.symbols],
  };
}

/**
 * `v`, which formula `f` gave, checked against its domain: returned as it is when inside; clamped to
 * the domain and counted when the formula declares `clamp: true`; otherwise a FormulaDomainError.
 */
export function inDomain(
  v: number,
  f: CompiledFormula,
  kind: DomainKind,
  tally: ClampTally | undefined,
  /** the group and the period (FY2027, 2027-03) it was evaluated for, to name in the error */
  group?: string,
  period?: string,
): number {
  const d = DOMAINS[kind];
  if (v >= d.lo && v <= d.hi) return v;
  if (f.site?.clamp && !Number.isNaN(v)) {
    tally?.note(f.site, kind);
    return v < d.lo ? d.lo : d.hi;
  }
  throw new FormulaDomainError(detailOf(f, kind, v, group, period));
}
