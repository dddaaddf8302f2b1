import { describe, expect, it } from 'vitest';
import {
  checkFormula,
  compileFormula,
  dayNumber,
  evaluateBoolean,
  evaluateNumber,
  exportParsed,
  FormulaError,
  importParsed,
} from '../../src/formula/formula.js';

const known = { symbols: ['population', 'share', 'id', 'region', 'flag', 'year'] };
const scope = { population: 1000, share: 0.25, id: 'SV', region: 'Central America', flag: true, year: 2 };

describe('compileFormula', () => {
  it('evaluates arithmetic, comparisons, logic, conditionals and the allowed functions', () => {
    const cases: [string, unknown][] = [
      ['population * share', 250],
      ['(population + 200) / 4 - 1', 299],
      ['2 ^ 3 + 7 % 4', 11],
      ['-7 % 3', 2], // mod rounds down, like mathjs
      ['population > 999 and not flag', false],
      ['flag or year == 3', true],
      ['flag xor true', false],
      ['id == "SV" ? 1 : 0', 1],
      ['region != "Central America"', false],
      ['min(3, year, 9) + max(1, 4) + clamp(15, 0, 10)', 16],
      ['oneOf(id, "GT", "SV")', true],
      ['round(2.5) + floor(-0.5) + ceil(0.1) + abs(-2)', 5],
      ['date("1970-01-11")', 10],
      ['pow(2, 10) + sqrt(16) + log10(1000)', 1031],
    ];
    for (const [text, want] of cases) expect(compileFormula(text, known).evaluate(scope), text).toBe(want);
  });

  it('lists the symbols a formula reads, sorted, and takes plain numbers', () => {
    expect(compileFormula('share * population + share', known).symbols).toEqual(['population', 'share']);
    const n = compileFormula(42, known);
    expect(n.evaluate({})).toBe(42);
    expect(n.symbols).toEqual([]);
  });

  it('compares strings exactly instead of turning them into numbers', () => {
    expect(compileFormula('id == "1"', known).evaluate({ ...scope, id: '01' })).toBe(false);
  });

  it('refuses what would reach outside the sandbox, naming what is wrong', () => {
    const refused: [string, RegExp][] = [
      ['import("fs")', /function "import" is not allowed/],
      ['evaluate("1+1")', /function "evaluate" is not allowed/],
      ['x = 3', /an assignment is not allowed/],
      ['population; share', /more than one expression/],
      ['[1, 2]', /an array is not allowed/],
      ['population.length', /property or index access/],
      ['populaton * 2', /unknown symbol "populaton" \(did you mean "population"\?\)/],
      ['min()', /min takes 1 to 64 arguments, found 0/],
      ['2 +', /cannot parse formula/],
    ];
    for (const [text, message] of refused) {
      expect(() => compileFormula(text, known), text).toThrow(FormulaError);
      expect(() => compileFormula(text, known), text).toThrow(message);
    }
  });

  it('refuses names that every JavaScript object inherits, as functions and as symbols', () => {
    for (const name of ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']) {
      expect(() => compileFormula(`${name}(1)`, { symbols: ['x'] }), name).toThrow(FormulaError);
      expect(() => compileFormula(`${name}(1)`, { symbols: ['x'] }), name).toThrow(/is not allowed/);
      expect(() => compileFormula(`x + ${name}`, { symbols: ['x'] }), name).toThrow(/unknown symbol/);
    }
  });

  it('sums and counts over every group where rows are given, own() naming the group evaluated for', () => {
    const rows = [
      { id: 'NG', region: 'Africa', adm: 60000 },
      { id: 'EG', region: 'Africa', adm: 20000 },
      { id: 'NP', region: 'Asia', adm: 10000 },
    ];
    const known = { symbols: ['id', 'region', 'adm', 'k'], rows };
    const at = (text: string, row: (typeof rows)[number], extra = {}) =>
      compileFormula(text, known).evaluate({ ...row, ...extra });
    expect(at('total(adm)', rows[0] as (typeof rows)[number])).toBe(90000);
    expect(at('total(adm, region == "Africa")', rows[2] as (typeof rows)[number])).toBe(80000);
    // a two-level share: the region's share of all, times the country's share of its region
    const ng = at(
      'total(adm, region == own(region)) / total(adm) * adm / total(adm, region == own(region))',
      rows[0] as (typeof rows)[number],
    );
    expect(ng).toBeCloseTo(60000 / 90000, 12);
    expect(at('count(region == own(region))', rows[1] as (typeof rows)[number])).toBe(2);
    expect(at('count(adm > k)', rows[1] as (typeof rows)[number], { k: 15000 })).toBe(2); // parameters reach inside
    expect(compileFormula('total(adm, region == own(region))', known).symbols).toEqual(['adm', 'region']);
  });

  it('refuses sums over groups where a formula is not evaluated per group, and own() of a non-name', () => {
    expect(() => compileFormula('total(x)', { symbols: ['x'] })).toThrow(
      /only in formulas evaluated per group/,
    );
    expect(() => compileFormula('total(own(1))', { symbols: ['x'], rows: [] })).toThrow(
      /own takes the name of a column/,
    );
    expect(() => compileFormula('own(x)', { symbols: ['x'], rows: [] })).toThrow(/from inside total/);
    expect(() => compileFormula('total(x, x > 1, 3)', { symbols: ['x'], rows: [] })).toThrow(
      /found 3 arguments/,
    );
  });

  it('points at the unknown symbol in the text', () => {
    const got = checkFormula('2 * populaton', known);
    expect(got).toMatchObject({ ok: false, offset: 4 });
  });

  it('explains a value of the wrong kind at evaluation', () => {
    expect(() => evaluateNumber(compileFormula('id', known), scope)).toThrow(
      /should give a number, gave "SV"/,
    );
    expect(() => evaluateBoolean(compileFormula('region', known), scope)).toThrow(/should be true or false/);
    expect(() => compileFormula('share / 0 * 0', known).evaluate(scope)).toThrow(/not a number/);
    expect(evaluateNumber(compileFormula('flag', known), scope)).toBe(1);
  });
});

describe('parsed formulas handed to another thread', () => {
  it('compile from the exported trees to the same results and messages, without parsing again', () => {
    const texts = [
      'population * share + (id == "SV" ? 1 : 0)',
      'not flag or year >= 2',
      'clamp(-share, 0, 1)',
      'date("2024-02-29") - 1',
    ];
    for (const t of texts) compileFormula(t, known);
    const trees = exportParsed();
    // The trees are plain data: they survive structured cloning (postMessage, workerData) unchanged.
    const cloned = structuredClone(trees);
    expect(cloned).toEqual(trees);
    for (const t of texts) expect(cloned[t], t).toBeDefined();

    // A tree under a text's name is what compileFormula uses for that text: swap two and see.
    importParsed({ 'share + 1': cloned['clamp(-share, 0, 1)'] as NonNullable<(typeof cloned)[string]> });
    expect(compileFormula('share + 1', known).evaluate(scope)).toBe(0);
    importParsed({ 'share + 1': structuredClone(trees['not flag or year >= 2']) as never });
    expect(compileFormula('share + 1', known).evaluate(scope)).toBe(true);

    const notAllowed = 'foo.bar(2)';
    expect(() => compileFormula(notAllowed, { symbols: ['foo'] })).toThrow(
      /function "foo.bar" is not allowed/,
    );
    const fn = 'random(3)';
    const message = (() => {
      try {
        compileFormula(fn, known);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    importParsed({ 'random (3)': structuredClone(exportParsed()[fn]) as never });
    expect(() => compileFormula('random (3)', known)).toThrow(message as string);
  });
});

describe('dayNumber', () => {
  it('counts days since 1970-01-01 and refuses dates that do not exist', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(() => dayNumber('2023-02-30')).toThrow(FormulaError);
    expect(() => dayNumber('24-1-1')).toThrow(/not an ISO date/);
  });
});

describe('results of the fiscal year before, and column sums in a formula that is one number', () => {
  const known = {
    symbols: ['limit'],
    rowSymbols: ['population'],
    rows: [{ population: 10 }, { population: 30 }],
    results: ['family', 'fam'],
  };

  it('reads unused_before(id) and issued_before(id) from their scope keys, and records them', () => {
    const f = compileFormula('140000 + unused_before("family") + issued_before("fam") / 2', known);
    expect(f.symbols).toEqual(['issued_before:fam', 'unused_before:family']);
    expect(f.evaluate({ 'unused_before:family': 1000, 'issued_before:fam': 20 })).toBe(141010);
  });

  it('sums a column inside total but refuses it bare', () => {
    expect(compileFormula('limit + total(population)', known).evaluate({ limit: 1 })).toBe(41);
    expect(() => compileFormula('population * 2', known)).toThrow(
      /group column, and this formula is one number/,
    );
  });

  it('refuses an unknown id, an id not in quotes, and the functions where no result can be read', () => {
    expect(() => compileFormula('unused_before("famly")', known)).toThrow(/did you mean "family"/);
    expect(() => compileFormula('unused_before(family)', known)).toThrow(/in quotes/);
    expect(() => compileFormula('unused_before("family")', { symbols: [] })).toThrow(/only in a pool's cap/);
  });
});
