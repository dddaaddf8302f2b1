import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFormula, dayNumber, evaluateNumber, FormulaError } from '../../src/formula/formula.js';
import {
  boundValue,
  ordinalOfNumber,
  periodLabel,
  periodOrdinal,
  rangeText,
  referencePoints,
  seriesTable,
  valueAt,
} from '../../src/formula/series.js';

const bracero = seriesTable({
  id: 'bracero',
  rows: [
    { year: 1955, contracts: 398650 },
    { year: 1956, contracts: 445197 },
    { year: 1957, contracts: 436049 },
  ],
  reference: true,
});
const arrivals = seriesTable({
  id: 'arrivals',
  by: 'group',
  rows: [
    { fiscal_year: 'FY2024', MX: 1000, GT: 500 },
    { fiscal_year: 'FY2025', MX: 1100, GT: 550 },
  ],
});
const monthly = seriesTable({
  id: 'monthly',
  rows: [
    { month: '2023-12', low: 1, high: 10 },
    { month: '2024-01', low: 2, high: 20 },
  ],
});
const projection = seriesTable({
  id: 'projection',
  rows: [
    { year: 2024, need: 7 },
    { year: 2025, need: 8 },
  ],
});
const series = new Map([bracero, arrivals, monthly, projection].map((t) => [t.id, t]));

describe('periods', () => {
  it('periodOrdinal and periodLabel read and write each kind, and refuse other text', () => {
    expect(periodOrdinal('year', 1942)).toBe(1942);
    expect(periodOrdinal('fiscal_year', 'FY2024')).toBe(2024);
    expect(periodOrdinal('month', '2024-01')).toBe(2024 * 12);
    expect(periodOrdinal('fiscal_year', '2024')).toBeUndefined();
    expect(periodOrdinal('month', '2024-13')).toBeUndefined();
    expect(periodOrdinal('year', 'FY1942')).toBeUndefined();
    expect(periodLabel('month', 2024 * 12 + 11)).toBe('2024-12');
    expect(periodLabel('fiscal_year', 2024)).toBe('FY2024');
  });

  it('a label read back is the same label (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('year', 'fiscal_year', 'month' as const),
        fc.integer({ min: 1000 * 12, max: 9999 * 12 + 11 }),
        (kind, n) => {
          const ord = kind === 'month' ? n : Math.floor(n / 12);
          expect(periodOrdinal(kind, periodLabel(kind, ord))).toBe(ord);
        },
      ),
    );
  });

  it('a day number stands for its month in a month table, a year elsewhere', () => {
    expect(ordinalOfNumber('month', dayNumber('2024-01-31'))).toBe(2024 * 12);
    expect(ordinalOfNumber('year', 1956)).toBe(1956);
  });

  it('tables know their range and values', () => {
    expect(rangeText(bracero)).toBe('1955–1957');
    expect(valueAt(bracero, 'contracts', 1956)).toBe(445197);
    expect(valueAt(bracero, 'contracts', 1958)).toBeUndefined();
    expect(valueAt(bracero, 'constructor', 1956)).toBeUndefined();
    expect(referencePoints(arrivals).slice(0, 2)).toEqual([
      { column: 'MX', period: 'FY2024', value: 1000 },
      { column: 'MX', period: 'FY2025', value: 1100 },
    ]);
  });
});

describe('series(…) in formulas', () => {
  const demand = { symbols: ['id', 'fy', 'today', 'month', 'year'], series };
  it('reads the step’s fiscal year and the group’s column by default', () => {
    const f = compileFormula('series("arrivals")', demand);
    expect(evaluateNumber(f, { id: 'GT', fy: 2025 })).toBe(550);
    expect(f.symbols).toEqual(['fy', 'id']);
    expect(f.lookups?.[0]?.table.id).toBe('arrivals');
  });

  it('reads a named column, another period, a month table by the step’s date', () => {
    expect(evaluateNumber(compileFormula('series("arrivals", "MX", fy - 1)', demand), { fy: 2025 })).toBe(
      1000,
    );
    const m = compileFormula('series("monthly", "high")', demand);
    expect(m.symbols).toContain('today');
    expect(evaluateNumber(m, { today: dayNumber('2024-01-15') })).toBe(20);
    expect(
      evaluateNumber(compileFormula('series("projection")', demand), { today: dayNumber('2025-03-01') }),
    ).toBe(8);
  });

  it('a value outside the table is an error that names the series and its range', () => {
    const f = compileFormula('series("arrivals", "MX", fy + 1)', demand);
    expect(() => evaluateNumber(f, { fy: 2025 })).toThrow(
      'series "arrivals" has no value for FY2026; its table covers FY2024–FY2025',
    );
  });

  it('refuses references, unknown series and columns, stray period symbols and missing context', () => {
    const err = (text: string, known: Parameters<typeof compileFormula>[1] = demand) => {
      try {
        compileFormula(text, known);
      } catch (e) {
        expect(e).toBeInstanceOf(FormulaError);
        return (e as FormulaError).message;
      }
      return 'compiled';
    };
    expect(err('series("bracero", 1956)')).toMatch(/is a reference/);
    expect(err('series("arrival")')).toMatch(/no series "arrival" \(did you mean "arrivals"\?\)/);
    expect(err('series("arrivals", "BZ")')).toMatch(/has no column "BZ"/);
    expect(err('series("monthly")')).toMatch(/has the columns low, high: name one/);
    expect(err('series("arrivals", "MX", take_up)', { symbols: ['take_up', 'fy'], series })).toMatch(
      /may read only fy/,
    );
    expect(err('series("arrivals", "MX")', { symbols: ['year'], series })).toMatch(/no fiscal year/);
    expect(err('series("arrivals")', { symbols: ['fy'], series })).toMatch(/not evaluated per group/);
    expect(err('series("projection")', { symbols: ['fy'], series })).toMatch(/no step date/);
    expect(err('series(arrivals)')).toMatch(/series\("id"\)/);
    expect(err('series("arrivals")', { symbols: ['id', 'fy'] })).toMatch(/cannot be read here/);
    expect(err('series("arrivals", "MX")', { symbols: ['fy'], series: new Map() })).toMatch(
      /no series "arrivals"/,
    );
  });
});

describe('boundValue', () => {
  it('gives a statistic, a period’s value, or the value at the period checked', () => {
    expect(boundValue(bracero, { series: 'bracero', stat: 'max' })).toBe(445197);
    expect(boundValue(bracero, { series: 'bracero', stat: 'min' })).toBe(398650);
    expect(boundValue(bracero, { series: 'bracero', stat: 'median' })).toBe(436049);
    expect(boundValue(bracero, { series: 'bracero', stat: 'sum' })).toBe(1279896);
    expect(boundValue(bracero, { series: 'bracero', period: 1956 })).toBe(445197);
    expect(boundValue(arrivals, { series: 'arrivals', column: 'GT' }, 'FY2025')).toBe(550);
    expect(boundValue(arrivals, { series: 'arrivals' }, 'FY2025')).toBeUndefined(); // which column?
    expect(boundValue(bracero, { series: 'bracero' }, 'FY1956')).toBeUndefined(); // unlike labels
    expect(boundValue(projection, { series: 'projection', stat: 'median' })).toBe(7.5);
  });
});
