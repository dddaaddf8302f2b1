import { describe, expect, it } from 'vitest';
import { type CellStats, METRICS, type Metric } from '../../src/core/types.js';
import { formatValue, isShare, rangeText } from '../../src/report/cell-text.js';
import { fc, test } from '../helpers/prop.js';

const cell = (p05: number, p95: number): CellStats => ({
  n: 100,
  mean: (p05 + p95) / 2,
  sd: 1,
  min: p05,
  p05,
  p25: p05,
  p50: (p05 + p95) / 2,
  p75: p95,
  p95,
  max: p95,
});

describe('isShare', () => {
  it('is true for exactly selection_rate, filled and final_day_accepted', () => {
    expect(METRICS.filter(isShare)).toEqual(['selection_rate', 'filled', 'final_day_accepted']);
  });
});

describe('formatValue', () => {
  it('writes counts rounded, with thousands separators', () => {
    expect(formatValue('issued', 0)).toBe('0');
    expect(formatValue('issued', 999)).toBe('999');
    expect(formatValue('issued', 1000)).toBe('1,000');
    expect(formatValue('applicants', 1_234_567.6)).toBe('1,234,568');
    expect(formatValue('unused', 149_999.5)).toBe('150,000');
    expect(formatValue('backlog', -12_345)).toBe('-12,345');
  });

  it('never writes "-0" for a small negative count', () => {
    expect(formatValue('issued', -0.4)).toBe('0');
    expect(formatValue('issued', -0)).toBe('0');
  });

  it('writes shares as percentages with one decimal', () => {
    expect(formatValue('selection_rate', 0.5)).toBe('50.0%');
    expect(formatValue('selection_rate', 0.12345)).toBe('12.3%');
    expect(formatValue('filled', 1)).toBe('100.0%');
    expect(formatValue('filled', 0)).toBe('0.0%');
    expect(formatValue('selection_rate', 0.0004)).toBe('0.0%');
  });

  it('writes days with their unit, rounded to whole days', () => {
    expect(formatValue('days_to_fill', 42.4)).toBe('42 days');
    expect(formatValue('days_to_fill', 1365)).toBe('1,365 days');
  });

  it('writes a dash for values that are not finite, whatever the metric', () => {
    for (const m of ['issued', 'selection_rate', 'days_to_fill'] as Metric[]) {
      expect(formatValue(m, Number.NaN)).toBe('–');
      expect(formatValue(m, Number.POSITIVE_INFINITY)).toBe('–');
      expect(formatValue(m, Number.NEGATIVE_INFINITY)).toBe('–');
    }
  });

  test.prop([
    fc.constantFrom(
      ...METRICS.filter((m) => !isShare(m) && m !== 'days_to_fill' && m !== 'days_to_fill_receipt'),
    ),
    fc.integer({ min: 0, max: 1e12 }),
  ])('a count reads back as the same number once its separators are removed', (metric, n) => {
    const text = formatValue(metric, n);
    expect(text).toMatch(/^\d{1,3}(,\d{3})*$/);
    expect(Number(text.replaceAll(',', ''))).toBe(n);
  });
});

describe('rangeText', () => {
  it('writes the 5th–95th range in the metric’s own format', () => {
    expect(rangeText('issued', cell(1200, 35_000))).toBe('1,200 – 35,000');
    expect(rangeText('selection_rate', cell(0.25, 0.5))).toBe('25.0% – 50.0%');
    expect(rangeText('days_to_fill', cell(10, 200))).toBe('10 days – 200 days');
  });

  it('says "same in every run" when the 5th and 95th percentiles are equal', () => {
    expect(rangeText('issued', cell(150_000, 150_000))).toBe('same in every run');
    expect(rangeText('filled', cell(1, 1))).toBe('same in every run');
  });

  it('writes a range whose ends round to the same text as a range, not as "same"', () => {
    expect(rangeText('issued', cell(10.2, 10.4))).toBe('10 – 10');
  });

  it('writes a single dash for a cell without values (NaN percentiles)', () => {
    expect(rangeText('days_to_fill', cell(Number.NaN, Number.NaN))).toBe('–');
  });
});
