#!/usr/bin/env node
/**
 * The bin (dist/bin/visasim.js, scripts/bundle.mjs): runs the bundled command line beside it,
 * dist/bin/cli.cjs (src/cli/main.ts and everything it imports), through a V8 code cache
 * (src/cli/code-cache.ts).
 */
import { fileURLToPath } from 'node:url';
import { runBundle } from './code-cache.js';

// the bin sits beside the bundle, so its import() resolves vega and vega-lite as the bundle would
runBundle(fileURLToPath(new URL('./cli.cjs', import.meta.url)), (specifier) => import(specifier));
