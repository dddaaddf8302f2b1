import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SweepSummary } from '../../../../src/core/types.js';
import { compileChart } from '../../../../src/report/render.js';
import { sweepCharts } from '../../../../src/report/sweep/index.js';
import { makeSweepSummary, makeSweepSummaryOrdinal } from '../../../helpers/sweep-fixture.js';
import { vegaLiteValidator } from '../../../helpers/vega-lite-schema.js';
import { encodings, panels, texts, values } from '../../charts/spec-helpers.js';

const chart = (ss: SweepSummary, name: string) => {
  const c = sweepCharts(ss).find((x) => x.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c.spec;
};

const marks = (spec: unknown) =>
  ((panels(spec as never)[0]?.layer ?? []) as { mark: { type: string } }[]).map((l) => l.mark.type);

describe('sweepCharts', () => {
  const ss = makeSweepSummary();
  const charts = sweepCharts(ss);
  let validate: ValidateFunction;

  beforeAll(() => {
    validate = vegaLiteValidator();
  });

  it('charts every headline figure that moves, then the tornado', () => {
    // the number of applicants does not depend on the Mexico cap: no chart for it
    expect(charts.map((c) => c.name)).toEqual([
      'sweep-issued',
      'sweep-unused',
      'sweep-backlog',
      'sweep-selection-rate',
      'tornado',
    ]);
    expect(sweepCharts(makeSweepSummaryOrdinal()).map((c) => c.name)).toEqual([
      'sweep-issued',
      'sweep-unused',
      'sweep-selection-rate',
    ]);
  });

  it('emits specs that validate against the vega-lite JSON schema and compile without warnings', async () => {
    const noBase = { ...ss, base: undefined };
    for (const { name, spec } of [
      ...charts,
      ...sweepCharts(makeSweepSummaryOrdinal()),
      ...sweepCharts(noBase),
    ]) {
      const ok = validate(spec);
      expect({ name, errors: ok ? null : validate.errors?.slice(0, 5) }).toEqual({ name, errors: null });
      const { warnings } = await compileChart(spec);
      expect({ name, warnings }).toEqual({ name, warnings: [] });
    }
  });

  it('gives every chart a title in words, the scenario status, sources and runs/seed', () => {
    for (const { spec } of charts) {
      const t = texts(spec);
      expect([t.title].flat().join(' ')).toMatch(/^[A-Z][a-z]/);
      expect(t.subtitle[0]).toContain('status: proposed');
      expect(t.footer.join(' ')).toContain('Sources: US to give temporary work visas');
      expect(t.footer.at(-1)).toBe('1,000 runs at each setting, seed 2022 · made with visasim');
    }
    expect([texts(chart(ss, 'sweep-issued')).title].flat().join(' ')).toBe(
      "Visas issued, FY2024–FY2028, as the mexico pool's cap goes from 100,000 to 200,000",
    );
  });

  it('draws a numeric sweep as a fan on a numeric axis with a tick at every value', () => {
    const spec = chart(ss, 'sweep-backlog');
    expect(marks(spec)).toEqual(['area', 'area', 'line']);
    const x = encodings(spec, 'x')[0];
    expect(x).toMatchObject({
      field: 'x',
      type: 'quantitative',
      axis: { values: [100_000, 125_000, 150_000, 175_000, 200_000] },
    });
    expect(x?.title).toBe("the mexico pool's cap (programs.work-visas.pools.mexico.cap.amount)");
    const vs = values(panels(spec)[0]);
    const h = ss.points[1]?.headline.find((x) => x.metric === 'backlog')?.stats;
    expect(vs[1]).toMatchObject({
      x: 125_000,
      p05: h?.p05,
      p25: h?.p25,
      p50: h?.p50,
      p75: h?.p75,
      p95: h?.p95,
    });
    expect(encodings(spec, 'y')[0]).toMatchObject({ title: 'applicants waiting', axis: { format: ',.0f' } });
    expect(encodings(chart(ss, 'sweep-selection-rate'), 'y')[0]).toMatchObject({ axis: { format: '.0%' } });
  });

  it('draws values that are not numbers as dots with bars, in the order given', () => {
    const spec = chart(makeSweepSummaryOrdinal(), 'sweep-unused');
    expect(marks(spec)).toEqual(['rule', 'rule', 'point']);
    expect(encodings(spec, 'x')[0]).toMatchObject({
      field: 'value',
      type: 'ordinal',
      sort: ['population_2020', 'encounters_fy2022', 'equal'],
    });
  });

  it('draws the tornado widest bar on top, from the base median, with the values used as labels', () => {
    const spec = chart(ss, 'tornado');
    expect([texts(spec).title].flat().join(' ')).toBe(
      'Which uncertain assumption moves the visas issued most',
    );
    expect(encodings(spec, 'y')[0]?.sort).toEqual(['interest', 'take_up', 'growth', 'in_mexico_share']);
    const vs = values(panels(spec)[0]);
    expect(vs.filter((v) => v.parameter === 'interest')).toMatchObject([
      {
        end: 'parameter at its low end',
        used: 0.0014,
        usedText: 'low: 0.0014',
        p50: 1_262_000,
        from: 1_350_000,
        right: false,
      },
      {
        end: 'parameter at its high end',
        used: 0.0052,
        usedText: 'high: 0.0052',
        p50: 1_371_000,
        right: true,
      },
    ]);
    // a parameter that lowers the figure: its high end is the left bar
    expect(
      vs.find((v) => v.parameter === 'in_mexico_share' && v.end === 'parameter at its high end')?.right,
    ).toBe(false);
    expect(encodings(spec, 'x').some((e) => e.datum === 1_350_000)).toBe(true);
    expect(texts(spec).subtitle.join(' ')).toContain(
      'Black line: the median with every parameter drawn (1,350,000).',
    );
  });

  it('draws the tornado as plain ranges when there is no base median', () => {
    const spec = chart({ ...ss, base: undefined }, 'tornado');
    expect(encodings(spec, 'x').some((e) => e.datum !== undefined)).toBe(false);
    expect(encodings(spec, 'color')[0]).toEqual({ value: '#999999' });
  });

  it('draws one series per program when there are several, with valid specs', async () => {
    const two: SweepSummary = {
      ...ss,
      points: ss.points.map((p) => ({
        ...p,
        headline: [
          ...p.headline,
          ...p.headline.map((h) => ({ ...h, key: h.key.replace('work-visas', 'alt'), program: 'alt' })),
        ],
      })),
    };
    for (const make of [() => two, () => ({ ...two, points: two.points.map(({ x: _x, ...p }) => p) })]) {
      for (const { name, spec } of sweepCharts(make())) {
        expect({ name, valid: validate(spec) }).toEqual({ name, valid: true });
        const { warnings } = await compileChart(spec);
        expect({ name, warnings }).toEqual({ name, warnings: [] });
      }
    }
    const spec = chart(two, 'sweep-issued');
    expect(encodings(spec, 'color')[0]).toMatchObject({
      field: 'program',
      scale: { domain: ['work-visas', 'alt'] },
    });
    expect([texts(spec).title].flat().join(' ')).toMatch(/^Visas issued, as the mexico pool's cap/);
  });

  it('has nothing to chart without points or tornado', () => {
    expect(sweepCharts({ ...ss, points: [], tornado: [] })).toEqual([]);
    expect(sweepCharts({ ...ss, points: [] }).map((c) => c.name)).toEqual(['tornado']);
  });

  it('matches the reviewed golden specs', async () => {
    for (const { name, spec } of charts) {
      await expect(`${JSON.stringify(spec, null, 2)}\n`).toMatchFileSnapshot(
        `../../../golden/report/${name}.vl.json`,
      );
    }
  });
});
