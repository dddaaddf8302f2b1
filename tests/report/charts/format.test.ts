/**
 * Numbers and words as the charts show them: the d3 format strings vega draws with (checked with
 * vega's own formatter), counts with thousands separators, signed changes with the typographic
 * minus, rounding of data values, and the wrapping of titles and axis labels.
 */

import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import {
  countRuns,
  formatCount,
  MULTILINE_LABELS,
  NUMBER_FORMAT,
  PERCENT_FORMAT,
  round6,
  SHARE_TOOLTIP_FORMAT,
  SIGNED_AXIS,
  SIGNED_FORMAT,
  signedCount,
  titleLines,
  wrap,
  wrappedLabel,
} from '../../../src/report/charts/format.js';
import { fc, test } from '../../helpers/prop.js';

/** vega's number formatting (its typings do not declare `defaultLocale`, which it exports). */
const locale = (vega as unknown as { defaultLocale(): { format(spec: string): (x: number) => string } })
  .defaultLocale;

/** How vega renders a number with a d3 format string. */
const vegaFormat = (spec: string, x: number): string => locale().format(spec)(x);

describe('the d3 formats vega draws with', () => {
  it('counts with thousands separators and no decimals', () => {
    expect(vegaFormat(NUMBER_FORMAT, 1_234_567.4)).toBe('1,234,567');
    expect(vegaFormat(NUMBER_FORMAT, 999)).toBe('999');
    expect(vegaFormat(NUMBER_FORMAT, -40_000)).toBe('−40,000');
  });

  it('percentages: whole on axes, one decimal in tooltips', () => {
    expect(vegaFormat(PERCENT_FORMAT, 0.62)).toBe('62%');
    expect(vegaFormat(PERCENT_FORMAT, 1)).toBe('100%');
    expect(vegaFormat(SHARE_TOOLTIP_FORMAT, 0.62)).toBe('62.0%');
    expect(vegaFormat(SHARE_TOOLTIP_FORMAT, 0.0049)).toBe('0.5%');
  });

  it('changes always signed, with the typographic minus', () => {
    expect(vegaFormat(SIGNED_FORMAT, 1200)).toBe('+1,200');
    expect(vegaFormat(SIGNED_FORMAT, -300)).toBe('−300');
  });

  it('signed axis labels add a plus to positive values only, from the plain count format', () => {
    expect(SIGNED_AXIS.format).toBe(NUMBER_FORMAT);
    expect(SIGNED_AXIS.labelExpr).toBe("(datum.value > 0 ? '+' : '') + datum.label");
    expect(MULTILINE_LABELS.labelExpr).toBe("split(datum.value, '\\n')");
  });
});

describe('formatCount', () => {
  it('puts a comma between every three digits', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(1_000_000_000_000)).toBe('1,000,000,000,000');
  });

  it('rounds to a whole number, halves away from zero', () => {
    expect(formatCount(1234.4)).toBe('1,234');
    expect(formatCount(999.5)).toBe('1,000');
    expect(formatCount(0.4)).toBe('0');
    expect(formatCount(-2.5)).toBe('-3');
  });

  it('writes negative counts with a hyphen-minus (unlike vega and signedCount)', () => {
    expect(formatCount(-1_234_567)).toBe('-1,234,567');
    expect(formatCount(-999)).toBe('-999');
  });

  it('passes NaN and infinities through as text', () => {
    expect(formatCount(Number.NaN)).toBe('NaN');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatCount(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });

  it('writes a negative number that rounds to zero as "0"', () => {
    expect(formatCount(-0.4)).toBe('0');
  });

  test.prop([fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })])(
    'agrees with the count format vega draws, for whole numbers ≥ 0',
    (n) => {
      expect(formatCount(n)).toBe(vegaFormat(NUMBER_FORMAT, n));
    },
  );

  test.prop([fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })])(
    'reads back to the same number once the commas are removed',
    (n) => {
      const text = formatCount(n);
      expect(Number(text.replaceAll(',', ''))).toBe(n);
      expect(text).toMatch(/^-?\d{1,3}(,\d{3})*$/);
    },
  );
});

describe('signedCount', () => {
  it('signs a change with + or the typographic minus, and writes no change as a bare 0', () => {
    expect(signedCount(12_345)).toBe('+12,345');
    expect(signedCount(-40_000)).toBe('−40,000');
    expect(signedCount(0)).toBe('0');
    expect(signedCount(-0)).toBe('0');
  });

  it('rounds first, so a change that rounds to nothing has no sign', () => {
    expect(signedCount(0.4)).toBe('0');
    expect(signedCount(-0.4)).toBe('0');
    expect(signedCount(1234.6)).toBe('+1,235');
    expect(signedCount(-1234.6)).toBe('−1,235');
    // Math.round: halves go up, so +0.5 is a change and −0.5 is not
    expect(signedCount(0.5)).toBe('+1');
    expect(signedCount(-0.5)).toBe('0');
  });

  test.prop([fc.integer({ min: -1e12, max: 1e12 }).filter((n) => n !== 0)])(
    'agrees with the signed format vega draws for any non-zero whole number',
    (n) => {
      expect(signedCount(n)).toBe(vegaFormat(SIGNED_FORMAT, n));
    },
  );
});

describe('countRuns', () => {
  it('says run for one and runs otherwise, with separators', () => {
    expect(countRuns(1)).toBe('1 run');
    expect(countRuns(0)).toBe('0 runs');
    expect(countRuns(2)).toBe('2 runs');
    expect(countRuns(10_000)).toBe('10,000 runs');
  });
});

describe('round6', () => {
  it('leaves whole numbers alone, however large', () => {
    expect(round6(1_234_567_890)).toBe(1_234_567_890);
    expect(round6(-42)).toBe(-42);
    expect(round6(0)).toBe(0);
  });

  it('keeps six significant digits of other numbers, small, large or negative', () => {
    expect(round6(1 / 3)).toBe(0.333333);
    expect(round6(123_456.789)).toBe(123_457);
    expect(round6(-0.000123456789)).toBe(-0.000123457);
    expect(round6(0.1 + 0.2)).toBe(0.3);
    expect(round6(2.5e-12)).toBe(2.5e-12);
  });

  it('keeps NaN and infinities', () => {
    expect(round6(Number.NaN)).toBeNaN();
    expect(round6(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])(
    'is stable: rounding twice changes nothing',
    (x) => {
      expect(round6(round6(x))).toBe(round6(x));
    },
  );
});

describe('wrap, titleLines and wrappedLabel', () => {
  it('breaks at spaces into lines of at most `width` characters', () => {
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    // a line of exactly `width` characters fits
    expect(wrap('abcde fghij', 11)).toEqual(['abcde fghij']);
    expect(wrap('abcde fghij', 10)).toEqual(['abcde', 'fghij']);
  });

  it('keeps a word longer than the width whole on its own line', () => {
    expect(wrap('a supercalifragilistic b', 5)).toEqual(['a', 'supercalifragilistic', 'b']);
  });

  it('collapses runs of white space and returns no lines for blank text', () => {
    expect(wrap('  a \n\t b  ', 80)).toEqual(['a b']);
    expect(wrap('   ', 10)).toEqual([]);
  });

  test.prop([
    fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { maxLength: 20 }),
    fc.integer({ min: 1, max: 40 }),
  ])('keeps every word in order and overfills a line only with a single long word', (words, width) => {
    const lines = wrap(words.join(' '), width);
    expect(lines.join(' ')).toBe(words.join(' '));
    for (const l of lines) if (l.length > width) expect(l).not.toContain(' ');
  });

  it('gives a short title as one string and a long one as lines of at most 64 characters', () => {
    expect(titleLines('Visas issued per country')).toBe('Visas issued per country');
    const long =
      'Which uncertain assumption moves the number of visas issued over the five fiscal years most, and by how much';
    const lines = titleLines(long);
    expect(Array.isArray(lines)).toBe(true);
    expect((lines as string[]).join(' ')).toBe(long);
    for (const l of lines as string[]) expect(l.length).toBeLessThanOrEqual(64);
  });

  it('joins the lines of a wrapped label with newlines for the multi-line axis', () => {
    expect(wrappedLabel('Supplemental, returning workers', 14)).toBe('Supplemental,\nreturning\nworkers');
    expect(wrappedLabel('Mexico', 14)).toBe('Mexico');
  });
});
