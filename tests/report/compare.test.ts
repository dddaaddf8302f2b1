import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupColorScale } from '../../src/report/charts/common.js';
import {
  buildCompareFiles,
  COMPARE_CHARTS,
  COMPARE_CSV_HEADER,
  compareCharts,
  compareCsv,
  compareLead,
  compareReportHtml,
  compareSummaryJson,
} from '../../src/report/compare.js';
import { compileChart } from '../../src/report/render.js';
import type { CompareSummary } from '../../src/stats/types.js';
import { makeCompareSummary } from '../helpers/compare-fixture.js';
import { vegaLiteValidator } from '../helpers/vega-lite-schema.js';
import { encodings, panels, texts, values } from './charts/spec-helpers.js';

const manifest = { tool: 'visasim', version: '0.1.0', seed: '2022', runs: 1000, timings: { totalMs: 5 } };
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
        `../golden/report/${name}.vl.json`,
      );
    }
  });
});

describe('compareCsv and compareSummaryJson', () => {
  const cs = makeCompareSummary();

  it('writes one line per compared cell, medians of A and B first, then the change', () => {
    const lines = compareCsv(cs).trimEnd().split('\n');
    expect(lines[0]).toBe(COMPARE_CSV_HEADER.join(','));
    expect(
      lines[0]?.startsWith(
        'program,pool,group,period,metric,a_p50,b_p50,diff_mean,diff_p05,diff_p50,diff_p95,',
      ),
    ).toBe(true);
    expect(lines).toHaveLength(cs.rows.length + 1);
    const r = row(cs, 'HN');
    const hn = lines.find((l) => l.startsWith('work-visas,,HN,,issued,'))?.split(',');
    expect(hn?.slice(5, 11)).toEqual(
      [r?.a.p50, r?.b.p50, r?.diff.mean, r?.diff.p05, r?.diff.p50, r?.diff.p95].map((x) =>
        String(Number((x as number).toPrecision(6))),
      ),
    );
    expect(compareCsv(cs).endsWith('\n')).toBe(true);
  });

  it('leaves empty what no run had (days to fill of a pool that never fills)', () => {
    const line = compareCsv(cs)
      .split('\n')
      .find((l) => l.startsWith('work-visas,central-america,,FY2024,days_to_fill,'));
    const empty = (n: number) => Array<string>(n).fill('');
    // 11 statistics empty, the change's run count, A's mean, p05, p95 and run count, then B's
    expect(line?.split(',').slice(5)).toEqual([...empty(11), '0', ...empty(3), '0', ...empty(3), '0']);
  });

  it('summarises both scenarios, the headline figures with their change, and every cell', () => {
    const doc = JSON.parse(compareSummaryJson(cs));
    expect(doc.a.id).toBe('us-300k-work-visas');
    expect(doc.b.id).toBe('us-300k-by-encounters');
    expect(doc.commonRandomNumbers).toBe(true);
    const issued = doc.headline.find((h: { key: string }) => h.key === 'issued_total');
    expect(issued.diff.p50).toBe(row(cs, '')?.diff.p50);
    expect(issued.a.p50).toBe(cs.a.headline[0]?.stats.p50);
    expect(doc.rows).toHaveLength(cs.rows.length);
    expect(compareSummaryJson(makeCompareSummary())).toBe(compareSummaryJson(cs));
  });
});

describe('compareReportHtml', () => {
  const cs = makeCompareSummary();
  const charts = compareCharts(cs, { change: CHANGE });
  const html = compareReportHtml(cs, charts, manifest, { change: CHANGE });

  it('leads with what B changes, in words', () => {
    const lead = compareLead(cs);
    expect(lead[0]).toMatch(
      /^Compared with A, B issues 52,779 more visas over FY2024–FY2028 \(in 90% of runs between [\d,]+ and [\d,]+ more\)\.$/,
    );
    expect(lead[1]).toBe(
      'More go to Honduras (75,452 more), Nicaragua (65,852 more), El Salvador (3,950 more); fewer to Costa Rica (44,685 fewer), Panama (32,224 fewer), Guatemala (10,677 fewer).',
    );
    expect(lead.join(' ')).toMatch(/B leaves 52,779 fewer visas unused/);
    expect(lead.join(' ')).toMatch(
      /At the end of FY2028, [\d,]+ fewer applicants are still waiting .*could go either way/,
    );
    expect(html).toContain(`<h1>What changes if ${CHANGE}</h1>`);
    expect(html).toContain('<p class="lead">Compared with A, B issues 52,779 more visas');
  });

  it('names both scenarios with their status and description', () => {
    expect(html).toContain(`<dt>A</dt><dd><strong>${cs.a.scenario.title}</strong>`);
    expect(html).toContain(`<dt>B</dt><dd><strong>${cs.b.scenario.title}</strong>`);
    expect(html.split('<span class="badge status-proposed">Status: proposed</span>')).toHaveLength(3);
    expect(html).toContain('1,000 runs of each scenario with the same random numbers, seed 2022');
  });

  it('tables the headline figures and every country, A, B and the change with its range', () => {
    expect(html).toContain('<h2>Headline figures</h2>');
    expect(html).toMatch(
      /<th scope="row">Visas issued over FY2024–FY2028<\/th><td class="num">[\d,]+<\/td><td class="num">[\d,]+<\/td><td class="num"><strong>\+52,779<\/strong><\/td>/,
    );
    expect(html).toMatch(
      /<strong>\+0\.7 percentage points<\/strong><\/td><td class="num range">\+0\.\d to \+0\.\d percentage points/,
    );
    expect(html).toContain('<h2>Visas issued per country</h2>');
    expect(html).toMatch(
      /<th scope="row">Honduras<\/th>(<td[^>]*>[^<]*<\/td>){4}<td class="num"><strong>\+75,452<\/strong>/,
    );
    expect(html).toContain(
      '<td class="num"><strong>0</strong></td><td class="num range">same in every run</td>',
    );
  });

  it('embeds every chart and lists the sources and assumptions of both, tagged', () => {
    for (const c of charts) expect(html).toContain(`id="vis-${c.name}"`);
    expect(html).toMatch(/\[lopez-tijuana-2022\]<\/span> <span class="badge">A and B<\/span>/);
    expect(html).toMatch(/\[wpp-2022\]<\/span> <span class="badge">A<\/span>/);
    expect(html).toMatch(/\[cbp-fy2022\]<\/span> <span class="badge">B<\/span>/);
    expect(html).toContain(
      '<span class="badge assumption">Assumption</span> <span class="badge">A and B</span> <code>take_up</code>',
    );
    expect(html).toContain('<span class="badge">B</span> <code>encounters_share</code>');
    expect(html).not.toContain('totalMs');
  });

  it('escapes everything that comes from the scenarios', () => {
    const evil = makeCompareSummary();
    evil.b.scenario.title = '<script>alert(1)</script>';
    const out = compareReportHtml(evil, compareCharts(evil), manifest);
    expect(out).not.toContain('<script>alert(1)</script>');
    expect(out.match(/<\/script/gi)?.length).toBe(out.match(/<script[\s>]/g)?.length);
  });
});

describe('buildCompareFiles', () => {
  it('writes diff.csv, summary.json, manifest.json, chart specs and the report', async () => {
    const cs = makeCompareSummary();
    const files = await buildCompareFiles(cs, manifest, { charts: ['html'] });
    expect(files.map((f) => f.path)).toEqual([
      'diff.csv',
      'summary.json',
      'manifest.json',
      'charts/compare-issued-by-group.vl.json',
      'charts/compare-change-by-group.vl.json',
      'charts/compare-backlog-change.vl.json',
      'report.html',
    ]);
    expect(files[0]?.data).toBe(compareCsv(cs));
    const none = await buildCompareFiles(cs, manifest, { charts: 'none' });
    expect(none.map((f) => f.path)).toEqual(['diff.csv', 'summary.json', 'manifest.json']);
  });

  it('renders SVG and PNG when asked', async () => {
    const cs = makeCompareSummary();
    const files = await buildCompareFiles(
      { ...cs, rows: cs.rows.filter((r) => r.metric === 'backlog') },
      manifest,
      { charts: ['svg', 'png'] },
    );
    expect(files.map((f) => f.path)).toEqual([
      'diff.csv',
      'summary.json',
      'manifest.json',
      'charts/compare-backlog-change.vl.json',
      'charts/compare-backlog-change.svg',
      'charts/compare-backlog-change.png',
    ]);
    expect(String(files[4]?.data)).toContain('How the line of waiting applicants changes from A to B');
    expect(String(files[4]?.data)).not.toContain('…');
  });
});
