/**
 * The option parsers shared by the commands: which spellings of --runs, --seed, --threads, --shard,
 * --charts and repeated --set values are accepted, what they turn into, and the exact usage error
 * (a UsageError, exit 2) for everything else.
 */

import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import {
  asStrings,
  parseCharts,
  parseMaxMemory,
  parseRuns,
  parseSeed,
  parseShard,
  parseThreads,
  refuseRepeated,
  threadsWarning,
} from '../../src/cli/options.js';
import { MAX_RUNS } from '../../src/scenario/schema.js';
import { fc, test } from '../helpers/prop.js';

/** The message of the UsageError `f` throws; fails if it returns or throws anything else. */
function usage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError, but nothing was thrown');
}

describe('parseRuns', () => {
  it('leaves an absent option absent, so the scenario value applies', () => {
    expect(parseRuns(undefined)).toBeUndefined();
  });

  it('accepts whole numbers given as text or as numbers, with surrounding blanks and leading zeros', () => {
    expect(parseRuns('1')).toBe(1);
    expect(parseRuns(250)).toBe(250);
    expect(parseRuns(' 12 ')).toBe(12);
    expect(parseRuns('007')).toBe(7);
    expect(parseRuns(String(MAX_RUNS))).toBe(MAX_RUNS);
  });

  it('refuses zero, signs, fractions, exponents, words and empty text with the same message', () => {
    const cases: [unknown, string][] = [
      ['0', '0'],
      ['000', '000'],
      ['-3', '-3'],
      ['+3', '+3'],
      ['1.5', '1.5'],
      [2.5, '2.5'],
      ['1e3', '1e3'],
      ['ten', 'ten'],
      ['', ''],
      ['  ', ''],
      [Number.NaN, 'NaN'],
      [true, 'true'],
      [['5', '6'], '5,6'], // the option given twice
    ];
    for (const [input, shown] of cases) {
      expect(
        usage(() => parseRuns(input)),
        String(input),
      ).toBe(`--runs must be a whole number of at least 1, got "${shown}"`);
    }
  });

  it('refuses more than MAX_RUNS, naming the limit with thousands separators', () => {
    expect(usage(() => parseRuns(MAX_RUNS + 1))).toBe('--runs must be at most 10,000,000, got 10000001');
    expect(usage(() => parseRuns('99999999999999999999999'))).toBe(
      '--runs must be at most 10,000,000, got 99999999999999999999999',
    );
  });

  test.prop([fc.integer({ min: 1, max: MAX_RUNS })])('reads back every allowed count', (n) => {
    expect(parseRuns(String(n))).toBe(n);
    expect(parseRuns(n)).toBe(n);
  });
});

describe('parseSeed', () => {
  it('leaves an absent option absent and turns numbers into text', () => {
    expect(parseSeed(undefined)).toBeUndefined();
    expect(parseSeed(42)).toBe('42');
    expect(parseSeed(0)).toBe('0');
  });

  it('keeps the seed exactly as given: any text names a different set of streams', () => {
    expect(parseSeed('abc')).toBe('abc');
    expect(parseSeed(' abc ')).toBe(' abc ');
    expect(parseSeed('01')).toBe('01');
  });

  it('refuses an empty seed', () => {
    expect(usage(() => parseSeed(''))).toBe('--seed must not be empty');
  });
});

describe('parseCharts', () => {
  it('defaults to every format when the option is absent', () => {
    expect(parseCharts(undefined)).toEqual(['svg', 'png', 'html']);
    expect(parseCharts(null)).toEqual(['svg', 'png', 'html']);
  });

  it('reads "none" and comma-separated formats in the order given, blanks trimmed', () => {
    expect(parseCharts('none')).toBe('none');
    expect(parseCharts(' none ')).toBe('none'); // spaces around it, as around the formats
    expect(parseCharts('png')).toEqual(['png']);
    expect(parseCharts('html, svg')).toEqual(['html', 'svg']);
    expect(parseCharts(' svg ,png')).toEqual(['svg', 'png']);
  });

  it('names the first part it does not know', () => {
    const cases: [string, string][] = [
      ['jpg', 'jpg'],
      ['SVG', 'SVG'],
      ['svg,pdf,png', 'pdf'],
      ['svg,', ''],
      ['', ''],
      ['none,svg', 'none'],
      ['svg;png', 'svg;png'],
    ];
    for (const [input, part] of cases) {
      expect(
        usage(() => parseCharts(input)),
        input,
      ).toBe(`--charts takes svg, png, html (comma-separated) or none, got "${part}"`);
    }
  });
});

describe('parseThreads', () => {
  it('leaves an absent option absent', () => {
    expect(parseThreads(undefined)).toBeUndefined();
  });

  it('accepts 1 to 256 as text or number', () => {
    expect(parseThreads('1')).toBe(1);
    expect(parseThreads(8)).toBe(8);
    expect(parseThreads(' 256 ')).toBe(256);
  });

  it('refuses anything outside 1..256 or not a whole number', () => {
    for (const [input, shown] of [
      ['0', '0'],
      ['257', '257'],
      ['-1', '-1'],
      ['2.5', '2.5'],
      ['auto', 'auto'],
      ['', ''],
    ] as const) {
      expect(
        usage(() => parseThreads(input)),
        input,
      ).toBe(`--threads must be a whole number from 1 to 256, got "${shown}"`);
    }
  });

  test.prop([fc.integer({ min: -1000, max: 1000 })])('accepts an integer exactly when 1 ≤ n ≤ 256', (n) => {
    if (n >= 1 && n <= 256) expect(parseThreads(n)).toBe(n);
    else expect(() => parseThreads(n)).toThrow(UsageError);
  });
});

describe('parseShard', () => {
  it('leaves an absent option absent', () => {
    expect(parseShard(undefined)).toBeUndefined();
  });

  it('reads I/N, 1-based, including the first and the last shard', () => {
    expect(parseShard('3/10')).toEqual({ index: 3, count: 10 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('10/10')).toEqual({ index: 10, count: 10 });
    expect(parseShard(' 01/4 ')).toEqual({ index: 1, count: 4 });
  });

  it('refuses a shard outside 1..N, a zero count, and anything not of the form I/N', () => {
    for (const input of [
      '0/10',
      '11/10',
      '1/0',
      '0/0',
      '3',
      '3/',
      '/3',
      '3/10/2',
      '-1/3',
      'a/b',
      '3 / 10',
      '3:10',
      '1.5/3',
      '',
    ]) {
      expect(
        usage(() => parseShard(input)),
        input,
      ).toBe(`--shard must be I/N with 1 ≤ I ≤ N, e.g. 3/10, got "${input.trim()}"`);
    }
  });

  test.prop([fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 })])(
    'accepts i/n exactly when 1 ≤ i ≤ n',
    (n, i) => {
      if (i >= 1 && i <= n) expect(parseShard(`${i}/${n}`)).toEqual({ index: i, count: n });
      else expect(() => parseShard(`${i}/${n}`)).toThrow(UsageError);
    },
  );
});

describe('asStrings (repeatable options such as --set)', () => {
  it('gives no values for an absent option, one for a single value, all of a repeated one', () => {
    expect(asStrings(undefined)).toEqual([]);
    expect(asStrings('simulation.runs=10')).toEqual(['simulation.runs=10']);
    expect(asStrings(['a=1', 'b=2'])).toEqual(['a=1', 'b=2']);
  });

  it('turns non-text values into text, keeping order', () => {
    expect(asStrings(5)).toEqual(['5']);
    expect(asStrings([1, true, 'x'])).toEqual(['1', 'true', 'x']);
    expect(asStrings('')).toEqual(['']);
  });
});

describe('refuseRepeated (issue 16)', () => {
  it('reports an option given twice as repeated, not as a bad value "4,5"', () => {
    expect(usage(() => refuseRepeated({ _: ['run'], runs: ['4', '5'] }))).toBe(
      '--runs is given 2 times ("4", "5"); give it once',
    );
    expect(usage(() => refuseRepeated({ out: ['a', 'b'] }))).toBe(
      '--out is given 2 times ("a", "b"); give it once',
    );
    // yargs keeps both spellings of a dashed option: named once, as typed
    expect(usage(() => refuseRepeated({ 'keep-runs': [true, true], keepRuns: [true, true] }))).toBe(
      '--keep-runs is given 2 times ("true", "true"); give it once',
    );
  });

  it('lets the repeatable options (--set, file lists) and single values through', () => {
    expect(() =>
      refuseRepeated({ _: ['run'], $0: 'visasim', set: ['a=1', 'b=2'], files: ['a', 'b'], runs: '4' }),
    ).not.toThrow();
  });
});

describe('--max-memory and --threads beyond the cores (issue 16)', () => {
  it('reads a size, or refuses it as usage', () => {
    expect(parseMaxMemory(undefined)).toBeUndefined();
    expect(parseMaxMemory('16G')).toBe(16 * 1024 ** 3);
    expect(usage(() => parseMaxMemory('lots'))).toBe(
      '--max-memory takes a size such as 512M, 8G or 8GiB, got "lots"',
    );
  });

  it('warns of threads beyond the cores, which only cost memory', () => {
    expect(threadsWarning(undefined, 2)).toBeUndefined();
    expect(threadsWarning(2, 2)).toBeUndefined();
    expect(threadsWarning(256, 2)).toBe(
      "visasim: warning: --threads 256 is more than this machine's 2 cores; using 2",
    );
  });
});
