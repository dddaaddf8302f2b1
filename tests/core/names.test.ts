/** nearest: the "did you mean" of every stage (edit distance, case, neighbouring swaps). */
import { describe, expect, it } from 'vitest';
import { nearest } from '../../src/core/names.js';
import { fc, test } from '../helpers/prop.js';

describe('nearest', () => {
  it('suggests the candidate one edit away from a short name', () => {
    expect(nearest('runz', ['seed', 'runs'])).toBe('runs');
    expect(nearest('isued', ['applicants', 'issued', 'unused'])).toBe('issued');
  });

  it('suggests nothing when no candidate is close, or there are none', () => {
    expect(nearest('zzzzzz', ['start', 'years', 'step', 'fiscal_year_start'])).toBeUndefined();
    expect(nearest('runs', [])).toBeUndefined();
  });

  it('allows one edit per three letters, at least 1 and at most 3', () => {
    // 5 letters: one edit
    expect(nearest('abcde', ['abcxx'])).toBeUndefined();
    expect(nearest('abcde', ['abcdx'])).toBe('abcdx');
    // 6 letters: two edits
    expect(nearest('abcdef', ['abcdxx'])).toBe('abcdxx');
    expect(nearest('abcdef', ['abcxxx'])).toBeUndefined();
    // 2 letters: still one edit
    expect(nearest('ab', ['ax'])).toBe('ax');
    // 30 letters: at most three edits however long the name
    const long = 'a'.repeat(30);
    expect(nearest(long, [`${'a'.repeat(27)}bbb`])).toBe(`${'a'.repeat(27)}bbb`);
    expect(nearest(long, [`${'a'.repeat(26)}bbbb`])).toBeUndefined();
  });

  it('always counts a difference of case only, however long the name', () => {
    expect(nearest('NOTE-2022-ANNOUNCEMENT', ['note-2022-announcement'])).toBe('note-2022-announcement');
    expect(nearest('x', ['X'])).toBe('X');
  });

  it('always counts a swap of two neighbouring letters, which is two edits for Levenshtein', () => {
    expect(nearest('fcsf', ['fcfs', 'lottery'])).toBe('fcfs');
    expect(nearest('ab', ['ba'])).toBe('ba');
    // a swap of letters that are not neighbours is not a transposition
    expect(nearest('abcd', ['dbca'])).toBeUndefined();
  });

  it('prefers a case-only difference to a one-letter typo', () => {
    expect(nearest('Runs', ['run', 'runs'])).toBe('runs');
    expect(nearest('Runs', ['runs', 'Run'])).toBe('runs');
  });

  it('breaks ties by the order of the candidates', () => {
    expect(nearest('cat', ['bat', 'cap'])).toBe('bat');
    expect(nearest('cat', ['cap', 'bat'])).toBe('cap');
  });

  it('never suggests the name itself', () => {
    expect(nearest('runs', ['runs'])).toBeUndefined();
    expect(nearest('runs', ['runs', 'rung'])).toBe('rung');
  });

  test.prop([fc.string({ maxLength: 12 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 })])(
    'returns one of the candidates other than the name, or nothing',
    (name, candidates) => {
      const s = nearest(name, candidates);
      if (s !== undefined) {
        expect(candidates).toContain(s);
        expect(s).not.toBe(name);
      }
    },
  );

  test.prop([fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/)])('finds a name typed in upper case', (name) => {
    expect(nearest(name.toUpperCase(), ['unrelated-long-name', name])).toBe(name);
  });
});
