import { describe, expect, it } from 'vitest';
import {
  ClampTally,
  type DOMAINS,
  describeDomainError,
  evaluateIn,
  evaluateRule,
  FormulaDomainError,
  inDomain,
} from '../../src/engine/domain.js';
import { sampleParameters } from '../../src/engine/parameters.js';
import { simulateRun } from '../../src/engine/run.js';
import { type CompiledFormula, compileFormula } from '../../src/formula/formula.js';
import { makeModel } from '../helpers/model.js';

const formula = (text: string, clamp?: boolean): CompiledFormula => {
  const f = compileFormula(text, { symbols: ['x'] });
  if (clamp !== undefined) f.site = { path: ['attributes', 0, 'share'], clamp };
  return f;
};

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('nothing thrown');
};

describe('inDomain', () => {
  it('passes values inside the domain through, ends included', () => {
    const f = formula('x', false);
    for (const v of [0, 0.5, 1]) expect(inDomain(v, f, 'share', undefined)).toBe(v);
    expect(inDomain(2 ** 24, f, 'demand', undefined)).toBe(2 ** 24);
    expect(inDomain(1e300, f, 'cap', undefined)).toBe(1e300);
  });

  it('throws a FormulaDomainError naming the site, value, group and period for a value outside', () => {
    const f = formula('x', false);
    const e = thrown(() => inDomain(-0.25, f, 'share', undefined, 'MX', 'FY2025'));
    expect(e).toBeInstanceOf(FormulaDomainError);
    const { detail } = e as FormulaDomainError;
    expect(detail).toMatchObject({
      path: ['attributes', 0, 'share'],
      text: 'x',
      domain: 'share',
      value: -0.25,
      group: 'MX',
      period: 'FY2025',
      symbols: ['x'],
    });
    expect((e as Error).message).toBe(
      'for group "MX", in FY2025, "x" gives -0.25, where a share from 0 to 1 is needed',
    );
  });

  it('refuses what each domain excludes: shares above 1, demand past 2^24, infinite caps and weights', () => {
    const f = formula('x', false);
    const bad: [number, keyof typeof DOMAINS][] = [
      [1.0000001, 'share'],
      [2 ** 24 + 1, 'demand'],
      [-1, 'demand'],
      [Number.POSITIVE_INFINITY, 'demand'],
      [Number.POSITIVE_INFINITY, 'cap'],
      [-0.5, 'weight'],
      [Number.NaN, 'share'],
    ];
    for (const [v, kind] of bad)
      expect(thrown(() => inDomain(v, f, kind, undefined))).toBeInstanceOf(FormulaDomainError);
  });

  it('clamps and counts a formula that declares clamp: true, and never throws for it', () => {
    const f = formula('x', true);
    const tally = new ClampTally();
    tally.beginRun();
    expect(inDomain(-3, f, 'share', tally)).toBe(0);
    expect(inDomain(7, f, 'share', tally)).toBe(1);
    expect(inDomain(0.5, f, 'share', tally)).toBe(0.5);
    tally.beginRun();
    tally.beginRun();
    expect(inDomain(Number.POSITIVE_INFINITY, f, 'share', tally)).toBe(1);
    expect(tally.entries()).toEqual([
      { path: ['attributes', 0, 'share'], domain: 'share', runs: 2, values: 3 },
    ]);
  });

  it('treats a formula without a site as undeclared: an error with an empty path', () => {
    const e = thrown(() => inDomain(-1, formula('x'), 'demand', undefined)) as FormulaDomainError;
    expect(e.detail.path).toEqual([]);
  });
});

describe('evaluateIn', () => {
  it('evaluates within the domain, and turns a formula that gives no number into an error at its site', () => {
    const f = compileFormula('sqrt(x)', { symbols: ['x'] });
    f.site = { path: ['programs', 0, 'demand', 'per_year'], clamp: true };
    expect(evaluateIn(f, { x: 16 }, 'demand', undefined)).toBe(4);
    const e = thrown(() => evaluateIn(f, { x: -1 }, 'demand', new ClampTally(), 'MX'));
    expect(e).toBeInstanceOf(FormulaDomainError);
    expect((e as FormulaDomainError).detail).toMatchObject({
      path: ['programs', 0, 'demand', 'per_year'],
      value: Number.NaN,
      group: 'MX',
    });
    // even clamp: true does not turn NaN into a number
    expect((e as Error).message).toBe('for group "MX", "sqrt(x)" gives NaN (not a number)');
  });
});

describe('evaluateRule', () => {
  it('evaluates a rule, and turns one that gives neither true nor false into an error at its site', () => {
    const f = compileFormula('x > 1 ? "yes" : true', { symbols: ['x'] });
    f.site = { path: ['programs', 0, 'pools', 0, 'eligible'], clamp: false };
    expect(evaluateRule(f, { x: 0 })).toBe(true);
    const e = thrown(() => evaluateRule(f, { x: 2 }, 'MX', 'FY2024')) as FormulaDomainError;
    expect(e).toBeInstanceOf(FormulaDomainError);
    expect(e.detail.path).toEqual(['programs', 0, 'pools', 0, 'eligible']);
    expect(e.message).toBe(
      'for group "MX", in FY2024, formula "x > 1 ? "yes" : true" should be true or false, gave "yes"',
    );
  });
});

describe('ClampTally', () => {
  it('adds up tallies of other runs (threads, shards) whatever their order, sorted by path', () => {
    const a = new ClampTally();
    const b = new ClampTally();
    const site = (k: number) => ({ path: ['programs', k, 'demand', 'per_year'], clamp: true });
    a.beginRun();
    a.note(site(1), 'demand');
    b.beginRun();
    b.note(site(0), 'demand');
    b.note(site(1), 'demand');
    const ab = new ClampTally();
    ab.merge(a.entries());
    ab.merge(b.entries());
    const ba = new ClampTally();
    ba.merge(b.entries());
    ba.merge(a.entries());
    expect(ab.entries()).toEqual(ba.entries());
    expect(ab.entries()).toEqual([
      { path: ['programs', 0, 'demand', 'per_year'], domain: 'demand', runs: 1, values: 1 },
      { path: ['programs', 1, 'demand', 'per_year'], domain: 'demand', runs: 2, values: 2 },
    ]);
  });
});

describe('describeDomainError', () => {
  it('names the run, seed and the parameter draws when they are known', () => {
    expect(
      describeDomainError({
        path: [],
        text: '1000 - d * year',
        domain: 'demand',
        value: -139.96912,
        group: 'MX',
        period: 'FY2026',
        run: 5,
        seed: '1',
        draws: { d: 569.98456 },
        symbols: ['d', 'year'],
      }),
    ).toBe(
      'in run 5 (seed 1), for group "MX", in FY2026, "1000 - d * year" gives -139.969, where a number of applicants from 0 to 16,777,216 (2^24, the largest count the outputs hold exactly) is needed; the parameters it reads were drawn as d = 569.985',
    );
  });
});

describe('the engine', () => {
  const declining = (clamp: boolean) =>
    makeModel({
      parameters: [{ id: 'decline', uniform: [100, 600] }],
      programs: [
        {
          id: 'prog',
          title: 'Program',
          demand: { per_year: '1000 - decline * year', noise: 'none', ...(clamp ? { clamp: true } : {}) },
          pools: [{ id: 'main', cap: 100000, select: 'lottery' }],
        },
      ],
      calendar: { start: '2023-10-01', years: 3 },
    });

  it('stops a run whose demand turns negative in a later year, where it used to read 0 silently', () => {
    const model = declining(false);
    const errors: FormulaDomainError[] = [];
    let negative = 0;
    for (let run = 0; run < 40; run++) {
      if ((sampleParameters(model, 's', run).decline as number) > 500) negative++;
      try {
        simulateRun(model, run, 's');
      } catch (e) {
        if (!(e instanceof FormulaDomainError)) throw e;
        errors.push(e);
      }
    }
    expect(negative).toBeGreaterThan(0);
    expect(errors.length).toBe(negative);
    expect(errors[0]?.detail).toMatchObject({
      path: ['programs', 0, 'demand', 'per_year'],
      domain: 'demand',
      period: 'FY2026',
    });
  });

  it('with clamp: true, gives each run what a demand of max(0, …) gives, and counts the runs it clamped', () => {
    const clamped = declining(true);
    const explicit = makeModel({
      parameters: [{ id: 'decline', uniform: [100, 600] }],
      programs: [
        {
          id: 'prog',
          title: 'Program',
          demand: { per_year: 'max(0, 1000 - decline * year)', noise: 'none' },
          pools: [{ id: 'main', cap: 100000, select: 'lottery' }],
        },
      ],
      calendar: { start: '2023-10-01', years: 3 },
    });
    const tally = new ClampTally();
    let negative = 0;
    for (let run = 0; run < 40; run++) {
      const a = simulateRun(clamped, run, 's', undefined, { tally });
      const b = simulateRun(explicit, run, 's');
      expect(a).toEqual(b);
      // the third fiscal year's (year 2) demand is negative when decline > 500
      if ((sampleParameters(clamped, 's', run).decline as number) > 500) negative++;
    }
    expect(negative).toBeGreaterThan(0);
    expect(tally.entries()).toEqual([
      { path: ['programs', 0, 'demand', 'per_year'], domain: 'demand', runs: negative, values: 3 * negative },
    ]);
  });

  it('stops a run whose receipt clock lead is drawn outside 0–366 days, at the lead’s site', () => {
    const model = makeModel({
      parameters: [{ id: 'lead', uniform: [300, 400] }],
      programs: [
        {
          id: 'prog',
          title: 'P',
          demand: { per_year: 'population', noise: 'none' },
          receipt_clock: { lead_days: 'lead' },
          pools: [{ id: 'main', cap: 1000, select: 'fcfs' }],
        },
      ],
    });
    const outcomes = Array.from({ length: 30 }, (_, run) => {
      const lead = sampleParameters(model, 's', run).lead as number;
      const e = (() => {
        try {
          simulateRun(model, run, 's');
          return undefined;
        } catch (x) {
          return x;
        }
      })();
      return { lead, e };
    });
    for (const { lead, e } of outcomes) {
      if (lead <= 366) expect(e).toBeUndefined();
      else {
        expect(e).toBeInstanceOf(FormulaDomainError);
        expect((e as FormulaDomainError).detail).toMatchObject({
          path: ['programs', 0, 'receipt_clock', 'lead_days'],
          domain: 'lead',
        });
      }
    }
    expect(outcomes.some((o) => o.lead > 366) && outcomes.some((o) => o.lead <= 366)).toBe(true);
  });
});
