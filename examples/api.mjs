// Load a scenario, run it, read a quantile, write the report — with visasim as a library.
// Run it with: node examples/api.mjs [OUTPUT_DIR]      (docs/API.md; tests/examples.test.ts runs it)
import { fileURLToPath } from 'node:url';
import {
  accumulate,
  buildReportFiles,
  compileModel,
  loadScenario,
  runScenario,
  summarize,
  writeOutputs,
} from 'visasim';

// A shipped scenario, found through the package (any scenario file's path will do).
const file = fileURLToPath(import.meta.resolve('visasim/scenarios/us-300k-work-visas.yaml'));
const out = process.argv[2] ?? 'output/api-example';

// 1. One call: load, validate, compile, simulate on every core, summarize, evaluate the checks.
const result = await runScenario(file, { runs: 200, seed: '1' });

// 2. Read a quantile: a Guatemalan applicant's chance of a visa in FY2024, over the 200 runs (a row
//    of quantiles.csv; an empty pool, group or period would be the total over them).
const chance = (rows) =>
  rows.find(
    (r) =>
      r.program === 'work-visas' &&
      r.pool === 'central-america' &&
      r.group === 'GT' &&
      r.period === 'FY2024' &&
      r.metric === 'selection_rate',
  ).stats;
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const gt = chance(result.summary.rows);
console.log(
  `Guatemala, FY2024: a ${pct(gt.p50)} chance of a visa (median; 90% of runs ${pct(gt.p05)}–${pct(gt.p95)})`,
);
console.log(`checks: ${result.checks.filter((c) => c.ok).length} of ${result.checks.length} hold`);

// 3. Write quantiles.csv, summary.json, manifest.json, the charts and report.html, atomically.
const files = await buildReportFiles(result.summary, result.manifest, {
  charts: ['svg', 'html'],
  checks: result.checks,
});
await writeOutputs(out, files);
console.log(`wrote ${files.map((f) => f.path).join(', ')} to ${out}`);

// The same stages one by one, in this thread: the same seed gives the same numbers.
const { scenario } = await loadScenario(file);
const model = compileModel(scenario);
const acc = accumulate(model, { runs: 200, seed: '1' });
const again = chance(summarize(model, acc, { runs: 200, seed: '1' }).rows);
console.log(`stage by stage, one thread: ${again.p50 === gt.p50 ? 'the same median' : 'a DIFFERENT median'}`);
