/**
 * The bundled command line parses formulas with a parse-only mathjs instance made from mathjs's ES
 * modules (src/model/mathjs-parse-only.ts); source and tsc's output load the single-file build
 * (src/model/mathjs.ts). Both must give the same tree, or the same error, for any text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, visit } from 'yaml';
import { mathjs as singleFile } from '../../src/formula/mathjs.js';
import { mathjs as parseOnly } from '../../src/formula/mathjs-parse-only.js';
import { ROOT } from '../helpers/cli.js';
import { fc, test } from '../helpers/prop.js';

/** The tree as JSON, or the error's message and position. */
function outcome(parse: (text: string) => unknown, text: string): unknown {
  try {
    return JSON.stringify(parse(text));
  } catch (e) {
    const err = e as Error & { char?: number };
    return { name: err.name, message: err.message, char: err.char };
  }
}
const same = (text: string) =>
  expect(outcome((t) => parseOnly().parse(t), text)).toEqual(outcome((t) => singleFile().parse(t), text));

/** Every string scalar in the YAML files under `dir`: the formulas of scenarios and fixtures, and more. */
function yamlStrings(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.ya?ml$/.test(e.name)) continue;
    for (const doc of parseAllDocuments(readFileSync(join(e.parentPath, e.name), 'utf8'))) {
      visit(doc, {
        Scalar(_, node) {
          if (typeof node.value === 'string') out.push(node.value);
        },
      });
    }
  }
  return out;
}

describe('the parse-only mathjs', () => {
  it('parses every string of the shipped scenarios and test fixtures like the single-file build', () => {
    const texts = [...yamlStrings(join(ROOT, 'scenarios')), ...yamlStrings(join(ROOT, 'tests/fixtures'))];
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) same(text);
  });

  it('gives the same trees and errors for formula-like texts', () => {
    for (const text of [
      'min(demand, 0.5 * cap) + max(0, backlog - 10)',
      'year >= 2025 and not (country == "MX" or share > 1e-3)',
      'a ? b : c',
      '2 x + 3(4)',
      '-x^2 ^ -3!',
      'f(a, b',
      'x +',
      '"unterminated',
      '1 +* 2',
      'cap mod 7',
      '5 cm + 2 inch',
      'a[1]',
      '[1, 2; 3, 4]',
      'x = 3',
      'f(x) = x^2',
      '{a: 1}',
      '50%',
      '',
    ])
      same(text);
  });

  test.prop([fc.string({ unit: fc.constantFrom(...'abxy019.()+-*/^%!<>=?:,;[]{} "\'e_'), maxLength: 24 })])(
    'agrees with the single-file build on any text of formula characters',
    (text) => {
      same(text);
    },
  );
});
