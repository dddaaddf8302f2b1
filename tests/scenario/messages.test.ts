/**
 * The sentences of the scenario stage ("did you mean" is tested in tests/core/names.test.ts): how
 * names and found values are listed and quoted, and the wording of the messages whose text depends on their
 * arguments (plurals, periods, sizes, suggestions).
 */

import { describe, expect, it } from 'vitest';
import * as msg from '../../src/scenario/messages.js';

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
