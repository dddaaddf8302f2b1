/**
 * The sweep over scenarios/: every shipped scenario validates with no warnings, explains, runs a few
 * seeded runs, satisfies its own checks, emits charts that are valid vega-lite, and matches its small
 * golden outputs (tests/golden/<id>/; review their diffs like code — `npx vitest run -u` rewrites them).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { explainModel } from '../src/model/explain.js';
import { compileModel } from '../src/model/model.js';
import { buildCharts } from '../src/report/charts/index.js';
import { quantilesCsv } from '../src/report/quantiles-csv.js';
import { summaryJson } from '../src/report/summary-json.js';
import { loadScenario } from '../src/scenario/index.js';
import { accumulate } from '../src/stats/accumulate.js';
import { evaluateChecks } from '../src/stats/checks.js';
import { summarize } from '../src/stats/summarize.js';
import { ROOT } from './helpers/cli.js';
import { vegaLiteValidator } from './helpers/vega-lite-schema.js';

const files = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const RUNS = 8;
const SEED = 'golden';

let validateSpec: ValidateFunction;
beforeAll(() => {
  validateSpec = vegaLiteValidator();
});

describe.each(files)('shipped scenario %s', (file) => {
  it('validates, explains, runs, holds its checks and emits valid charts', async () => {
    const { scenario, warnings } = await loadScenario(join(ROOT, 'scenarios', file));
    expect(warnings.map((w) => w.message)).toEqual([]);
    const model = compileModel(scenario);
    const text = explainModel(scenario, model);
    expect(text).toContain(scenario.title);
    expect(scenario.sources.length).toBeGreaterThan(0);
    expect(scenario.checks.length).toBeGreaterThan(0);

    const acc = accumulate(model, { runs: RUNS, seed: SEED });
    const summary = summarize(model, acc, { runs: RUNS, seed: SEED });
    const failed = evaluateChecks(model, acc, scenario.checks).filter((c) => !c.ok);
    expect(failed.map((c) => `${c.check.description}: ${c.message}`)).toEqual([]);

    const charts = buildCharts(summary);
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const c of charts) {
      const ok = validateSpec(c.spec);
      expect(validateSpec.errors ?? [], `${c.name}`).toEqual([]);
      expect(ok).toBe(true);
    }

    await expect(quantilesCsv(summary)).toMatchFileSnapshot(`golden/${scenario.id}/quantiles.csv`);
    await expect(summaryJson(summary)).toMatchFileSnapshot(`golden/${scenario.id}/summary.json`);
  });
});
