/**
 * The sentences of the scenario stage: the "did you mean" helper (`nearest`), how names and found
 * values are listed and quoted, and the wording of the messages whose text depends on their
 * arguments (plurals, periods, sizes, suggestions).
 */

import { describe, expect, it } from 'vitest';
import * as msg from '../../src/scenario/messages.js';
import { fc, test } from '../helpers/prop.js';

describe('nearest', () => {
  it('suggests the candidate one edit away from a short name', () => {
    expect(msg.nearest('runz', ['seed', 'runs'])).toBe('runs');
    expect(msg.nearest('isued', ['applicants', 'issued', 'unused'])).toBe('issued');
  });

  it('suggests nothing when no candidate is close, or there are none', () => {
    expect(msg.nearest('zzzzzz', ['start', 'years', 'step', 'fiscal_year_start'])).toBeUndefined();
    expect(msg.nearest('runs', [])).toBeUndefined();
  });

  it('allows one edit per three letters, at least 1 and at most 3', () => {
    // 5 letters: one edit
    expect(msg.nearest('abcde', ['abcxx'])).toBeUndefined();
    expect(msg.nearest('abcde', ['abcdx'])).toBe('abcdx');
    // 6 letters: two edits
    expect(msg.nearest('abcdef', ['abcdxx'])).toBe('abcdxx');
    expect(msg.nearest('abcdef', ['abcxxx'])).toBeUndefined();
    // 2 letters: still one edit
    expect(msg.nearest('ab', ['ax'])).toBe('ax');
    // 30 letters: at most three edits however long the name
    const long = 'a'.repeat(30);
    expect(msg.nearest(long, [`${'a'.repeat(27)}bbb`])).toBe(`${'a'.repeat(27)}bbb`);
    expect(msg.nearest(long, [`${'a'.repeat(26)}bbbb`])).toBeUndefined();
  });

  it('always counts a difference of case only, however long the name', () => {
    expect(msg.nearest('NOTE-2022-ANNOUNCEMENT', ['note-2022-announcement'])).toBe('note-2022-announcement');
    expect(msg.nearest('x', ['X'])).toBe('X');
  });

  it('always counts a swap of two neighbouring letters, which is two edits for Levenshtein', () => {
    expect(msg.nearest('fcsf', ['fcfs', 'lottery'])).toBe('fcfs');
    expect(msg.nearest('ab', ['ba'])).toBe('ba');
    // a swap of letters that are not neighbours is not a transposition
    expect(msg.nearest('abcd', ['dbca'])).toBeUndefined();
  });

  it('prefers a case-only difference to a one-letter typo', () => {
    expect(msg.nearest('Runs', ['run', 'runs'])).toBe('runs');
    expect(msg.nearest('Runs', ['runs', 'Run'])).toBe('runs');
  });

  it('breaks ties by the order of the candidates', () => {
    expect(msg.nearest('cat', ['bat', 'cap'])).toBe('bat');
    expect(msg.nearest('cat', ['cap', 'bat'])).toBe('cap');
  });

  it('never suggests the name itself', () => {
    expect(msg.nearest('runs', ['runs'])).toBeUndefined();
    expect(msg.nearest('runs', ['runs', 'rung'])).toBe('rung');
  });

  test.prop([fc.string({ maxLength: 12 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 })])(
    'returns one of the candidates other than the name, or nothing',
    (name, candidates) => {
      const s = msg.nearest(name, candidates);
      if (s !== undefined) {
        expect(candidates).toContain(s);
        expect(s).not.toBe(name);
      }
    },
  );

  test.prop([fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/)])('finds a name typed in upper case', (name) => {
    expect(msg.nearest(name.toUpperCase(), ['unrelated-long-name', name])).toBe(name);
  });
});

describe('listNames', () => {
  it('joins names with commas, numbers as text, and says (none) for an empty list', () => {
    expect(msg.listNames(['MX', 'GT', 7])).toBe('MX, GT, 7');
    expect(msg.listNames([])).toBe('(none)');
  });

  it('lists at most 20 names, then says how many there are in all', () => {
    const names = Array.from({ length: 21 }, (_, i) => `g${i + 1}`);
    expect(msg.listNames(names.slice(0, 20))).toBe(names.slice(0, 20).join(', '));
    expect(msg.listNames(names)).toBe(`${names.slice(0, 20).join(', ')}, … (21 in all)`);
  });
});

describe('describeValue', () => {
  it('says what was found in words, strings quoted', () => {
    expect(msg.describeValue(undefined)).toBe('nothing');
    expect(msg.describeValue(null)).toBe('an empty value');
    expect(msg.describeValue('20k')).toBe('"20k"');
    expect(msg.describeValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(msg.describeValue('')).toBe('""');
    expect(msg.describeValue(1.5)).toBe('1.5');
    expect(msg.describeValue(-0.25)).toBe('-0.25');
    expect(msg.describeValue(Number.NaN)).toBe('NaN');
    expect(msg.describeValue(false)).toBe('false');
    expect(msg.describeValue({ a: 1 })).toBe('a map');
  });

  it('counts the items of a list', () => {
    expect(msg.describeValue([])).toBe('an empty list');
    expect(msg.describeValue([1])).toBe('a list of 1 item');
    expect(msg.describeValue([1, [2], {}])).toBe('a list of 3 items');
  });

  it('shortens strings longer than 60 characters to 57 and an ellipsis', () => {
    const sixty = 'x'.repeat(60);
    expect(msg.describeValue(sixty)).toBe(`"${sixty}"`);
    expect(msg.describeValue(`${sixty}y`)).toBe(`"${'x'.repeat(57)}"…`);
  });
});

describe('messages with suggestions and quoted names', () => {
  it('unknownKey: a suggestion wins over the list of valid keys', () => {
    expect(msg.unknownKey('runz', 'runs', ['runs', 'seed'])).toBe('unknown key "runz"; did you mean "runs"?');
    expect(msg.unknownKey('zz', undefined, ['runs', 'seed'])).toBe(
      'unknown key "zz"; valid keys here: runs, seed',
    );
    expect(msg.unknownKey('zz')).toBe('unknown key "zz"');
  });

  it('quotes names as JSON strings, so quotes and backslashes in them are escaped', () => {
    expect(msg.unknownKey('a"b\\c')).toBe('unknown key "a\\"b\\\\c"');
    expect(msg.duplicateKey('id', 4)).toBe(
      'duplicate key "id" (first defined on line 4); a key may appear once in a map',
    );
  });

  it('unknownReference and noItemWithId: the suggestion, then every known id', () => {
    expect(msg.unknownReference('group', 'GTM', 'GT', ['MX', 'GT'])).toBe(
      'unknown group "GTM"; did you mean "GT"? (groups: MX, GT)',
    );
    expect(msg.unknownReference('source', 'x', undefined, [])).toBe('unknown source "x" (sources: (none))');
    expect(msg.noItemWithId('programs', 'work', 'work-visas', ['work-visas'])).toBe(
      'no item with id "work" in programs; did you mean "work-visas"? (ids: work-visas)',
    );
  });

  it('notOneOf quotes every allowed value, numbers too', () => {
    expect(msg.notOneOf(['month', 'day'], '"mnth"', 'month')).toBe(
      'expected one of "month", "day", found "mnth"; did you mean "month"?',
    );
    expect(msg.notOneOf([1, 2], '3')).toBe('expected one of "1", "2", found 3');
  });
});

describe('messages whose words depend on numbers', () => {
  it('singular and plural', () => {
    expect(msg.choiceWeightsLength(1, 1)).toBe('choice has 1 value but 1 weight');
    expect(msg.choiceWeightsLength(3, 0)).toBe('choice has 3 values but 0 weights');
    expect(msg.setIndexRange(1, 1)).toBe('index 1 is past the end of a list of 1 item');
    expect(msg.setIndexRange(5, 2)).toBe('index 5 is past the end of a list of 2 items');
  });

  it("names the period of the pools' caps in words", () => {
    expect(msg.poolCapsExceedProgram(320000, 300000, 'fiscal-year')).toBe(
      "the pools' caps add up to 320000 per fiscal year, more than the program's cap of 300000",
    );
    expect(msg.poolCapsExceedProgram(11, 10, 'half')).toMatch(/ 11 per half, /);
    expect(msg.poolCapsExceedProgram(11, 10, 'month')).toMatch(/ 11 per month, /);
    expect(msg.poolCapsExceedProgram(11, 10, 'total')).toMatch(/ 11 in total, /);
  });

  it('gives file sizes in MB with one decimal and the limit as is', () => {
    expect(msg.fileTooLarge('a.yaml', 3 * 1048576 + 104858, 2 * 1048576, 'scenario')).toBe(
      'a.yaml is 3.1 MB; scenario files may be at most 2 MB',
    );
    expect(msg.fileTooLarge('g.csv', 52428800, 50 * 1048576, 'data')).toBe(
      'g.csv is 50.0 MB; data files may be at most 50 MB',
    );
  });

  it('suggests the first of the month for a fiscal year start, and a real day for 02-29', () => {
    expect(msg.fiscalYearMidMonth('04-15')).toMatch(/found "04-15"; use "04-01"$/);
    expect(msg.notCalendarDay('02-29')).toBe('"02-29" is not a day in every year; use 02-28 or 03-01');
    expect(msg.notCalendarDay('06-31')).toBe('"06-31" is not a day of the year');
  });

  it('parameterOneOf lists what it found, or none', () => {
    expect(msg.parameterOneOf(['value', 'beta'])).toMatch(/; found value, beta$/);
    expect(msg.parameterOneOf([])).toMatch(/; found none$/);
  });
});

describe('message style', () => {
  it('lower-cases the first letter of a YAML parser message', () => {
    expect(msg.yamlSyntax('Unexpected end of input')).toBe('YAML syntax: unexpected end of input');
  });

  it('joins chains and loops with arrows', () => {
    expect(msg.extendsCycle(['a.yaml', 'b.yaml', 'a.yaml'])).toBe(
      'extends makes a cycle: a.yaml → b.yaml → a.yaml',
    );
    expect(msg.spillLoop(['a', 'b', 'a'])).toBe('unused numbers spill in a loop: a → b → a');
  });

  it('starts messages lower-case (or with a quote or a name) and ends them without a period', () => {
    const samples = [
      msg.capOrTranches(true),
      msg.capOrTranches(false),
      msg.rollWithoutTranches(),
      msg.capDatesNeedTotal(),
      msg.limitOneOf(true),
      msg.limitOneOf(false),
      msg.demandOneOf(true),
      msg.demandOneOf(false),
      msg.profileZero(),
      msg.checkNeedsBound(),
      msg.noGroups(),
      msg.choiceWeightsZero(),
      msg.choiceMixedTypes(),
      msg.uniformOrder(2, 1),
      msg.triangularOrder(3, 1, 2),
      msg.lognormalMean(0),
      msg.mixSharesSum(0.9),
      msg.tranchesOverlap('h1', 'h2'),
      msg.dateOrder('2024-01-02', '2024-01-01'),
      msg.notSelectedOverOne(0.6, 0.5),
      msg.windowWraps('09-01', '10-31', '10-01'),
      msg.emptyDocument(),
      msg.tabIndent(),
      msg.setSyntax(),
    ];
    for (const m of samples) {
      expect(m).toMatch(/^[a-z"]/);
      expect(m).not.toMatch(/\.$/);
    }
  });
});
