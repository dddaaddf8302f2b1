/**
 * The mathjs of the bundled command line: scripts/bundle.mjs puts this module in place of
 * `mathjs.ts`. It makes an instance holding only the expression parser and what the parser depends
 * on, from mathjs's ES modules, which esbuild trims to those: `visasim validate` starts ≈ 0.05 s
 * sooner than with the single-file build. Unbundled, mathjs's ES modules take ≈ 1 s to load, so
 * source and tsc's output keep `mathjs.ts`. Both parse every formula to the same tree
 * (tests/model/mathjs-parse-only.test.ts).
 */
import { create, parseDependencies } from 'mathjs';
import type { MathjsParser } from './mathjs.js';

let cached: MathjsParser | undefined;

export function mathjs(): MathjsParser {
  // mathjs's types mark every *Dependencies export optional
  if (!parseDependencies) throw new Error('this mathjs has no parseDependencies');
  cached ??= create({ parseDependencies });
  return cached;
}
