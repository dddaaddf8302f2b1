/**
 * The page's pipeline (rerun.ts) against the command line's (pipeline.ts): the same scenario, --set
 * overrides, seed and runs give the same quantiles.csv, byte for byte, and the same scenario hash.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withModification } from '../../../src/cli/modified.js';
import { type RunResult, runScenario } from '../../../src/pipeline.js';
import { buildCharts } from '../../../src/report/charts/index.js';
import {
  applySets,
  PAGE_RUNS,
  pageModification,
  pageRuns,
  RerunError,
  rerun,
  SET_BY_PAGE,
} from '../../../src/report/interactive/rerun.js';
import { quantilesCsv } from '../../../src/report/quantiles-csv.js';
import { ROOT } from '../../helpers/cli.js';

const FILE = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
const RUNS = 60;

describe('rerun: the report page pipeline', () => {
  let base: RunResult;
  beforeAll(async () => {
    base = await runScenario(FILE, { runs: RUNS, seed: '7', threads: 1 });
  });

  it('without sets gives the file run itself: the same quantiles.csv and scenario hash', () => {
    const r = rerun({ manifest: base.manifest, sets: [] });
    expect(r.summary.runs).toBe(RUNS);
    expect(r.csv).toBe(quantilesCsv(base.summary));
    expect((r.manifest.scenario as { sha256: string }).sha256).toBe(base.manifest.scenario.sha256);
    expect(r.parts.header).not.toContain('(modified)');
  });

  for (const sets of [
    ['programs.work-visas.cap=400000', 'programs.work-visas.pools.mexico.cap.amount=250000'],
    ['parameters.take_up.uniform.1=0.9', 'parameters.growth.normal.sd=0.1'],
    [
      'programs.work-visas.pools.central-america.split.by=encounters_fy2022',
      'programs.work-visas.pools.central-america.split.method=sainte-lague',
    ],
  ])
    it(`--set ${sets.join(' --set ')}: the same quantiles.csv, byte for byte, as visasim run`, async () => {
      const cli = await runScenario(FILE, { runs: RUNS, seed: '7', threads: 1, set: sets });
      const page = rerun({ manifest: base.manifest, sets });
      expect(page.csv).toBe(quantilesCsv(cli.summary));
      expect(page.csv).not.toBe(quantilesCsv(base.summary));
      const manifest = withModification(cli.manifest, sets);
      expect((page.manifest.scenario as { sha256: string }).sha256).toBe(manifest.scenario.sha256);
      // marked as modified, as --set marks it, with the page as the setter
      expect(page.parts.title).toContain('(modified)');
      const changes = pageModification(base.manifest, sets)?.changes;
      expect(changes?.map((c) => `${c.path}=${c.value}`)).toEqual(sets);
      expect(changes?.every((c) => c.by === SET_BY_PAGE)).toBe(true);
      expect(page.parts.sections.join('')).toContain('What was changed');
      // the same vega-lite specs as the command line's charts
      expect(page.charts).toEqual(buildCharts(cli.summary));
    });

  it('raising a cap raises the issued median', () => {
    const before = rerun({ manifest: base.manifest, sets: [] });
    const after = rerun({
      manifest: base.manifest,
      sets: ['programs.work-visas.cap=400000', 'programs.work-visas.pools.mexico.cap.amount=250000'],
    });
    const issued = (r: typeof before) =>
      r.summary.rows.find(
        (x) =>
          x.program === 'work-visas' &&
          x.pool === '' &&
          x.group === '' &&
          x.period === '' &&
          x.metric === 'issued',
      )?.stats.p50 ?? 0;
    expect(issued(after)).toBeGreaterThan(issued(before));
  });

  it('values the scenario refuses give a RerunError that says why, and nothing is run', () => {
    expect(() =>
      rerun({ manifest: base.manifest, sets: ['programs.work-visas.pools.mexico.cap.amount=250000'] }),
    ).toThrow(/more than the program's cap/);
    expect(() => rerun({ manifest: base.manifest, sets: ['parameters.nope.value=1'] })).toThrow(RerunError);
    expect(() => rerun({ manifest: { scenario: {} }, sets: [] })).toThrow(/no scenario/);
    expect(() => applySets({}, ['no-equals-sign'])).toThrow(RerunError);
  });

  it('runs 1,000 times, or the file run count when smaller', () => {
    expect(pageRuns({ runs: 20 })).toBe(20);
    expect(pageRuns({ runs: 5000 })).toBe(PAGE_RUNS);
    expect(pageRuns({})).toBe(PAGE_RUNS);
  });
});
