import { describe, expect, it } from 'vitest';
import { loadFontMetrics } from '../../src/report/font-metrics.js';
import { chartFontFiles } from '../../src/report/render.js';

describe('loadFontMetrics', () => {
  const [regularFile, boldFile] = chartFontFiles();
  const regular = loadFontMetrics(regularFile ?? '');
  const bold = loadFontMetrics(boldFile ?? '');

  it('reads advance widths from DejaVu Sans (2048 units per em)', () => {
    // DejaVu Sans: space 651 units, "M" 1767, "i" 569 (of 2048)
    expect(regular.width(' ', 2048)).toBe(651);
    expect(regular.width('M', 2048)).toBe(1767);
    expect(regular.width('i', 2048)).toBe(569);
  });

  it('adds up characters and scales with the font size', () => {
    const one = regular.width('Guatemala', 11);
    expect(regular.width('Guatemala', 22)).toBeCloseTo(2 * one, 10);
    expect(regular.width('GuatemalaGuatemala', 11)).toBeCloseTo(2 * one, 10);
    expect(regular.width('', 11)).toBe(0);
  });

  it('measures bold wider than regular, and both well under vega’s 0.8 em per character guess', () => {
    const text = 'Other nationals located in Mexico';
    expect(bold.width(text, 11)).toBeGreaterThan(regular.width(text, 11));
    expect(regular.width(text, 11)).toBeLessThan(0.7 * 0.8 * 11 * text.length);
  });

  it('measures the typographic characters the charts use', () => {
    for (const ch of ['–', '·', '’', '%', '…']) expect(regular.width(ch, 10)).toBeGreaterThan(0);
  });
});
