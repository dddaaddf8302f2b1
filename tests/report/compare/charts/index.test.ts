import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompareSummary } from '../../../../src/core/types.js';
import { groupColorScale } from '../../../../src/report/charts/common.js';
import { COMPARE_CHARTS, compareCharts, compareLead } from '../../../../src/report/compare/index.js';
import { compileChart } from '../../../../src/report/render.js';
import { makeCompareSummary } from '../../../helpers/compare-fixture.js';
import { vegaLiteValidator } from '../../../helpers/vega-lite-schema.js';
import { encodings, panels, texts, values } from '../../charts/spec-helpers.js';

const CHANGE = 'the Central American half is split by encounters';

const chart = (cs: CompareSummary, name: string, change?: string) => {
  const c = compareCharts(cs, change ? { change } : {}).find((x) => x.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c.spec;
};

/** The comparison with a second program (a copy of the first under another id). */
function twoPrograms(cs: CompareSummary): CompareSummary {
  const program = { id: 'alt', title: 'Split by encounters', pools: [] };
  return {
    ...cs,
    a: { ...cs.a, programs: [...cs.a.programs, program] },
    b: { ...cs.b, programs: [...cs.b.programs, program] },
    rows: [...cs.rows, ...cs.rows.map((r) => ({ ...r, program: 'alt' }))],
  };
}

const row = (cs: CompareSummary, group: string, metric = 'issued', period = '') =>
  cs.rows.find((r) => r.pool === '' && r.group === group && r.period === period && r.metric === metric);

describe('compareCharts', () => {
  const cs = makeCompareSummary();
  const charts = compareCharts(cs, { change: CHANGE });
  let validate: ValidateFunction;

  beforeAll(() => {
    validate = vegaLiteValidator();
  });

  it('draws A and B side by side, the change per group and the change in the backlog', () => {
    expect(charts.map((c) => c.name)).toEqual([
      'compare-issued-by-group',
      'compare-change-by-group',
      'compare-backlog-change',
    ]);
    expect(COMPARE_CHARTS.map((c) => c.name)).toEqual(charts.map((c) => c.name));
  });

  it('emits specs that validate against the vega-lite JSON schema and compile without warnings', async () => {
    for (const { name, spec } of [...charts, ...compareCharts(cs)]) {
      const ok = validate(spec);
      expect({ name, errors: ok ? null : validate.errors?.slice(0, 5) }).toEqual({ name, errors: null });
      const { warnings } = await compileChart(spec);
      expect({ name, warnings }).toEqual({ name, warnings: [] });
    }
  });

  it('names both scenarios with their status, and both scenarios’ sources, runs and seed in the footer', () => {
    for (const { spec } of charts) {
      const t = texts(spec);
      expect(t.subtitle[0]).toBe(`A: ${cs.a.scenario.title} · status: proposed`);
      expect(t.subtitle[1]).toBe(`B: ${cs.b.scenario.title} · status: proposed`);
      const footer = t.footer.join(' ');
      expect(footer).toContain('World Population Prospects 2022');
      expect(footer).toContain('CBP Southwest Land Border Encounters');
      expect(t.footer.at(-1)).toBe(
        '1,000 runs of each scenario with the same random numbers, seed 2022 · made with visasim',
      );
    }
  });

  it('titles the change in words, with or without a description of the change', () => {
    expect(texts(chart(cs, 'compare-change-by-group', CHANGE)).title).toBe(`What changes if ${CHANGE}`);
    expect(texts(chart(cs, 'compare-change-by-group')).title).toBe(
      'What changes for each country from A to B',
    );
    expect(texts(chart(cs, 'compare-issued-by-group')).title).toBe('Who gets the visas in each scenario');
  });

  it('colours groups as the single-scenario charts do', () => {
    const scales = charts.flatMap((c) => encodings(c.spec, 'color').filter((e) => e.field === 'group'));
    expect(scales.length).toBe(2);
    for (const s of scales) expect(s.scale).toEqual(groupColorScale(cs.a));
  });

  it('shows A and B per group with the median and 5th–95th percentile, A pale and B solid', () => {
    const spec = chart(cs, 'compare-issued-by-group');
    const hn = values(panels(spec)[0]).filter((v) => v.group === 'HN');
    const r = row(cs, 'HN');
    expect(hn).toMatchObject([
      { side: 'A', p05: r?.a.p05, p50: r?.a.p50, p95: r?.a.p95 },
      { side: 'B', p05: r?.b.p05, p50: r?.b.p50, p95: r?.b.p95 },
    ]);
    const opacity = encodings(spec, 'opacity')[0];
    expect(opacity).toMatchObject({ field: 'side', scale: { domain: ['A', 'B'], range: [0.4, 1] } });
    expect(encodings(spec, 'yOffset')[0]).toMatchObject({ field: 'side' });
  });

  it('shows the per-run change B − A with its band, a zero line and signed labels, gains on top', () => {
    const spec = chart(cs, 'compare-change-by-group');
    const vs = values(panels(spec)[0]);
    const hn = vs.find((v) => v.group === 'HN');
    const r = row(cs, 'HN');
    expect(hn).toMatchObject({ p05: r?.diff.p05, p50: r?.diff.p50, p95: r?.diff.p95, label: '+75,452' });
    expect(vs.find((v) => v.group === 'CR')?.label).toBe('−44,685');
    expect(vs.find((v) => v.group === 'MX')?.label).toBe('no change');
    const sort = encodings(spec, 'y')[0]?.sort as string[];
    expect(sort[0]).toBe('Honduras');
    expect(sort.at(-1)).toBe('Costa Rica');
    expect(encodings(spec, 'x').some((e) => e.datum === 0)).toBe(true);
  });

  it('shows the change in the backlog per fiscal year as a fan around zero', () => {
    const spec = chart(cs, 'compare-backlog-change');
    const vs = values(panels(spec)[0]);
    expect(vs.map((v) => v.period)).toEqual(cs.a.fiscalYears);
    const r = row(cs, '', 'backlog', 'FY2028');
    expect(vs.at(-1)).toMatchObject({
      p05: r?.diff.p05,
      p25: r?.diff.p25,
      p50: r?.diff.p50,
      p95: r?.diff.p95,
    });
    expect(encodings(spec, 'y').some((e) => e.datum === 0)).toBe(true);
  });

  it('draws one panel per program when there are several, with valid specs', async () => {
    const two = twoPrograms(makeCompareSummary());
    const specs = compareCharts(two);
    expect(specs.map((c) => c.name)).toEqual(charts.map((c) => c.name));
    expect(panels(specs[0]?.spec ?? null)).toHaveLength(2);
    expect(panels(specs[1]?.spec ?? null)).toHaveLength(2);
    expect(encodings(specs[2]?.spec, 'color')[0]?.legend).not.toBeNull();
    for (const { name, spec } of specs) {
      expect({ name, valid: validate(spec) }).toEqual({ name, valid: true });
      const { warnings } = await compileChart(spec);
      expect({ name, warnings }).toEqual({ name, warnings: [] });
    }
    expect(compareLead(two).filter((l) => l.startsWith('Split by encounters: Compared with A'))).toHaveLength(
      1,
    );
  });

  it('leaves out a chart with nothing to show', () => {
    const noBacklog = { ...cs, rows: cs.rows.filter((r) => r.metric !== 'backlog') };
    expect(compareCharts(noBacklog).map((c) => c.name)).toEqual([
      'compare-issued-by-group',
      'compare-change-by-group',
    ]);
    const noGroups = { ...cs, rows: cs.rows.filter((r) => r.group === '') };
    expect(compareCharts(noGroups).map((c) => c.name)).toEqual(['compare-backlog-change']);
    expect(compareCharts({ ...cs, rows: [] })).toEqual([]);
  });

  it('matches the reviewed golden specs', async () => {
    for (const { name, spec } of charts) {
      await expect(`${JSON.stringify(spec, null, 2)}\n`).toMatchFileSnapshot(
        `../../../golden/report/${name}.vl.json`,
      );
    }
  });
});
