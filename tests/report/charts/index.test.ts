import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupColorScale } from '../../../src/report/charts/common.js';
import { buildCharts, CHARTS } from '../../../src/report/charts/index.js';
import { compileChart } from '../../../src/report/render.js';
import {
  makeSummary,
  makeSummaryNeverFilled,
  makeSummaryTwoPrograms,
  makeSummaryWithReference,
} from '../../helpers/summary-fixture.js';
import { vegaLiteValidator } from '../../helpers/vega-lite-schema.js';
import { encodings, texts } from './spec-helpers.js';

const schemaValidator = vegaLiteValidator;

describe('buildCharts', () => {
  const summary = makeSummary();
  const charts = buildCharts(summary);
  let validate: ValidateFunction;

  beforeAll(() => {
    validate = schemaValidator();
  });

  it('builds every chart in reading order', () => {
    expect(charts.map((c) => c.name)).toEqual([
      'issued-by-group',
      'selection-probability',
      'unused-by-pool',
      'days-to-fill',
      'backlog-over-time',
    ]);
    // and the backlog's final action dates and waits, for a program with a backlog at the start, the
    // stages after selection, the shared ceilings and the reference series (reference-beside.test.ts)
    expect(CHARTS.map((c) => c.name)).toEqual([
      ...charts.map((c) => c.name),
      'final-action-dates',
      'wait-by-filing-year',
      'stages',
      'ceilings',
      'reference-beside',
    ]);
  });

  it('leaves out a chart with nothing to show', () => {
    expect(buildCharts(makeSummaryNeverFilled()).map((c) => c.name)).not.toContain('days-to-fill');
  });

  it('rejects a broken spec (the validator is strict)', () => {
    expect(validate({ mark: 'bar', encoding: { x: { field: 'a', type: 'nominal', colour: 'red' } } })).toBe(
      false,
    );
  });

  for (const [label, make] of [
    ['one program', makeSummary],
    ['two programs', makeSummaryTwoPrograms],
    ['a reference series', () => makeSummaryWithReference()],
  ] as const) {
    it(`emits specs that validate against the vega-lite JSON schema (${label})`, () => {
      for (const { name, spec } of buildCharts(make())) {
        const ok = validate(spec);
        expect({ name, errors: ok ? null : validate.errors?.slice(0, 5) }).toEqual({ name, errors: null });
      }
    });

    it(`emits specs that compile without vega-lite warnings (${label})`, async () => {
      for (const { name, spec } of buildCharts(make())) {
        const { warnings } = await compileChart(spec);
        expect({ name, warnings }).toEqual({ name, warnings: [] });
      }
    });
  }

  it('gives every chart a title in words, the scenario status, sources and runs/seed', () => {
    for (const { spec } of charts) {
      const t = texts(spec);
      expect(t.title).toMatch(/^[A-Z][a-z]/);
      expect(t.subtitle[0]).toContain('status: proposed');
      expect(t.footer.join(' ')).toContain('Sources: ');
      expect(t.footer.at(-1)).toContain('1,000 runs, seed 2022');
    }
  });

  it('colours a group the same way in every chart', () => {
    const scales = charts.flatMap((c) => encodings(c.spec, 'color').filter((e) => e.field === 'group'));
    expect(scales.length).toBeGreaterThanOrEqual(2);
    for (const s of scales) expect(s.scale).toEqual(groupColorScale(summary));
  });

  it('puts tooltips on the marks', () => {
    for (const { spec } of charts) expect(encodings(spec, 'tooltip').length).toBeGreaterThan(0);
  });

  it('matches the reviewed golden specs', async () => {
    for (const { name, spec } of charts) {
      await expect(`${JSON.stringify(spec, null, 2)}\n`).toMatchFileSnapshot(
        `../../golden/report/${name}.vl.json`,
      );
    }
  });
});
