/**
 * The one place that loads mathjs. Only its expression parser is used: formulas are parsed by
 * mathjs, checked against a whitelist and compiled by `formula.ts` into plain closures, so no
 * mathjs function (import, createUnit, evaluate, parse, random, ...) can ever run from a scenario.
 *
 * The single-file browser build is loaded instead of the ESM package: it starts in ~70 ms rather
 * than ~900 ms (TOOLCHAIN.md §7), which keeps `visasim validate` fast. The bundled command line
 * uses `mathjs-parse-only.ts` instead (scripts/bundle.mjs).
 */
import { createRequire } from 'node:module';
import type { MathNode } from 'mathjs';

export interface MathjsParser {
  parse(text: string): MathNode;
}

let cached: MathjsParser | undefined;

export function mathjs(): MathjsParser {
  cached ??= createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathjsParser;
  return cached;
}
