import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleParameters } from '../src/engine/parameters.js';
import { type ClampNote, clampLine, runScenario, shardRange } from '../src/pipeline.js';
import { ScenarioError } from '../src/scenario/issues.js';
import { ROOT } from './helpers/cli.js';
import { scratch } from './scenario/helpers.js';

describe('runScenario', () => {
  it('warns (not errors) when no applicant is ever eligible for a pool', async () => {
    const r = await runScenario(join(ROOT, 'tests/fixtures/warnings/nobody-eligible.yaml'), {
      runs: 3,
      threads: 1,
    });
    const w = r.warnings.find((x) => x.message.includes('no applicant was eligible'));
    expect(w).toMatchObject({
      severity: 'warning',
      line: 11,
      col: 9,
      path: ['programs', 'p', 'pools', 'reserved'],
    });
  });

  it('records what was run in the manifest', async () => {
    const r = await runScenario(join(ROOT, 'scenarios/us-300k-work-visas.yaml'), {
      runs: 2,
      seed: 'm',
      threads: 1,
    });
    expect(r.manifest).toMatchObject({ tool: 'visasim', seed: 'm', runs: 2, rng: 'seedrandom.alea' });
    expect(r.manifest.scenario.files[0]).toContain('us-300k-work-visas.yaml');
    expect(r.inputs.some((f) => f.endsWith('central-america.csv'))).toBe(true);
  });
});

describe('runScenario with perRun: false', () => {
  it.each(['h2b-fy2023-supplemental.yaml', 'us-300k-work-visas.yaml'])(
    '%s: the same summary, checks and daily tables, with cells kept as counts',
    async (name) => {
      const file = join(ROOT, 'scenarios', name);
      const opts = { runs: 300, seed: 'p', threads: 1 };
      const all = await runScenario(file, opts);
      const counted = await runScenario(file, { ...opts, perRun: false });
      expect(all.acc.perRun).toBe(true);
      expect(counted.acc.perRun).toBe(false);
      expect(counted.acc.counted.counts).toBeGreaterThan(0);
      expect(counted.acc.bytes).toBeLessThan(all.acc.bytes);
      expect(JSON.stringify(counted.summary)).toBe(JSON.stringify(all.summary));
      expect(JSON.stringify(counted.checks)).toBe(JSON.stringify(all.checks));
      expect(counted.checks.length).toBeGreaterThan(0);
      expect(counted.warnings).toEqual(all.warnings);
    },
  );
});

describe('shardRange', () => {
  it('cuts runs into contiguous slices that cover them exactly once', () => {
    const slices = [1, 2, 3].map((index) => shardRange(10, { index, count: 3 }));
    expect(slices).toEqual([
      { first: 0, count: 3 },
      { first: 3, count: 3 },
      { first: 6, count: 4 },
    ]);
    expect(shardRange(10)).toEqual({ first: 0, count: 10 });
  });
});

describe('prepareScenario', () => {
  it('refuses a check that names a period no pool has, with a suggestion', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { prepareScenario } = await import('../src/pipeline.js');
    const dir = mkdtempSync(join(tmpdir(), 'visasim-prep-'));
    const text = readFileSync(join(ROOT, 'scenarios/us-300k-work-visas.yaml'), 'utf8')
      .replace('period: FY2024\n    equals: 52965', 'period: FY2042\n    equals: 52965')
      .replace('from: data/', `from: ${join(ROOT, 'scenarios/data')}/`);
    writeFileSync(join(dir, 's.yaml'), text);
    await expect(prepareScenario(join(dir, 's.yaml'))).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          code: 'bad_reference',
          message: expect.stringContaining(
            'no period "FY2042" in pool central-america; did you mean "FY2024"?',
          ),
        }),
      ],
    });
  });

  it('reads the periods of a ceiling for a check that names one', async () => {
    const { prepareScenario } = await import('../src/pipeline.js');
    const file = join(ROOT, 'scenarios/us-preference-system-fy2024.yaml');
    // its checks read the ceiling per-country in FY2024 and FY2025: accepted
    await expect(prepareScenario(file)).resolves.toBeDefined();
    await expect(
      prepareScenario(file, { set: ['checks.per-country-limit.period=FY2042'] }),
    ).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          message: expect.stringContaining('no period "FY2042" in ceiling per-country; did you mean'),
        }),
      ],
    });
  });
});

describe('checks over ranges and unlike periods', () => {
  it('refuses a range that names no period, one that ends before it starts, and every_period across unlike pools', async () => {
    const { prepareScenario } = await import('../src/pipeline.js');
    const file = join(ROOT, 'scenarios/h2b-fy2023-supplemental.yaml');
    const messages = async (set: string[]) => {
      try {
        await prepareScenario(file, { set });
        return [];
      } catch (e) {
        return (e as { issues: { message: string }[] }).issues.map((i) => i.message);
      }
    };
    expect(await messages(['checks.statutory-cap.periods={from: FY2023-H1, to: FY2023-H2}'])).toEqual([]);
    expect((await messages(['checks.statutory-cap.periods={from: FY2042, to: FY2023-H2}']))[0]).toMatch(
      /no period "FY2042"/,
    );
    expect((await messages(['checks.statutory-cap.periods={from: FY2023-H2, to: FY2023-H1}']))[0]).toMatch(
      /ends \(FY2023-H1\) before it starts/,
    );
    expect(
      (
        await messages([
          'checks.statutory-cap.pools=[statutory, country]',
          'checks.statutory-cap.every_period=true',
        ])
      )[0],
    ).toMatch(/count in different periods.*periods: \{ from, to \}/);
  });

  it('lets every_period add the months of pools in force one after the other', async () => {
    const { prepareScenario } = await import('../src/pipeline.js');
    const file = join(ROOT, 'scenarios/chnv-parole-2023.yaml');
    const { scenario } = await prepareScenario(file);
    const check = scenario.checks.find((c) => c.id === 'monthly-cap-pool');
    expect(check).toMatchObject({
      every_period: true,
      pools: ['venezuela-in-order', 'cuba-haiti-nicaragua-in-order', 'venezuela', 'cuba-haiti-nicaragua'],
    });
  });
});

describe('values out of a formula’s domain at run time (issue 16)', () => {
  const declining = (clamp: string) => `id: declining
title: Demand that falls below zero in some runs
status: hypothetical
calendar: { start: 2023-10-01, years: 3 }
simulation: { runs: 60, seed: 1 }
parameters:
  - { id: decline, uniform: [100, 600], assumption: true }
groups:
  rows: [{ id: MX, name: Mexico }]
programs:
  - id: p
    title: p
    demand:
      per_year: 1000 - decline * year${clamp}
    pools:
      - { id: a, cap: 1000 }
`;

  it("are an input error at the formula's line and path, naming the run, seed, value and draws", async () => {
    const s = await scratch();
    try {
      const file = await s.write({ 'declining.yaml': declining('') });
      const err = await runScenario(file, { threads: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ScenarioError);
      const [issue] = (err as ScenarioError).issues;
      expect(issue).toMatchObject({ file, line: 14, col: 17, code: 'formula' });
      expect(issue?.path).toEqual(['programs', 'p', 'demand', 'per_year']);
      expect(issue?.message).toMatch(
        /^in run \d+ \(seed 1\), for group "MX", in FY2026, "1000 - decline \* year" gives -\d+(\.\d+)?, where a number of applicants from 0 to 16,777,216 .* is needed; the parameters it reads were drawn as decline = 5\d\d/,
      );
      expect(issue?.hint).toContain('clamp: true');
    } finally {
      await s.remove();
    }
  });

  it('with clamp: true, are clamped and counted in the manifest: the formula, its place and the runs', async () => {
    const s = await scratch();
    try {
      const file = await s.write({ 'declining.yaml': declining('\n      clamp: true') });
      const r = await runScenario(file, { threads: 1 });
      let negative = 0;
      for (let run = 0; run < 60; run++)
        if ((sampleParameters(r.model, '1', run).decline as number) > 500) negative++;
      expect(negative).toBeGreaterThan(0);
      expect(r.manifest.clamped).toEqual([
        {
          path: 'programs.p.demand.per_year',
          at: `${file}:14:17`,
          domain: 'demand',
          range: [0, 2 ** 24],
          runs: negative,
          values: negative,
        },
      ]);
      expect(clampLine(r.manifest.clamped?.[0] as ClampNote, 60)).toBe(
        `demand clamped to [0, 16,777,216] in ${negative} of 60 runs (${negative} value${negative === 1 ? '' : 's'}) at ${file}:14:17 (programs.p.demand.per_year)`,
      );
    } finally {
      await s.remove();
    }
  });

  it('leave the manifest of a scenario without clamp: true as it was (no clamped key)', async () => {
    const r = await runScenario(join(ROOT, 'scenarios/us-300k-work-visas.yaml'), { runs: 2, threads: 1 });
    expect(r.manifest).not.toHaveProperty('clamped');
  });
});
