import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileChart } from '../../src/report/render.js';
import {
  buildSweepFiles,
  SWEEP_CSV_HEADER,
  sweepCharts,
  sweepCsv,
  sweepLead,
  sweepParamLabel,
  sweepReportHtml,
  sweepSummaryJson,
  TORNADO_CSV_HEADER,
  tornadoCsv,
} from '../../src/report/sweep.js';
import type { SweepSummary } from '../../src/stats/types.js';
import { makeSweepSummary, makeSweepSummaryOrdinal } from '../helpers/sweep-fixture.js';
import { vegaLiteValidator } from '../helpers/vega-lite-schema.js';
import { encodings, panels, texts, values } from './charts/spec-helpers.js';

const manifest = { tool: 'visasim', version: '0.1.0', seed: '2022', runs: 1000 };

const chart = (ss: SweepSummary, name: string) => {
  const c = sweepCharts(ss).find((x) => x.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c.spec;
};

const marks = (spec: unknown) =>
  ((panels(spec as never)[0]?.layer ?? []) as { mark: { type: string } }[]).map((l) => l.mark.type);

describe('sweepParamLabel', () => {
  it('says in words what a parameter path sets', () => {
    expect(sweepParamLabel('programs.work-visas.pools.mexico.cap.amount')).toBe("the mexico pool's cap");
    expect(sweepParamLabel('parameters.take_up')).toBe('take_up');
    expect(sweepParamLabel('programs.work-visas.cap')).toBe('the work-visas cap');
    expect(sweepParamLabel('simulation.runs')).toBe('simulation.runs');
  });
});

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
        `../golden/report/${name}.vl.json`,
      );
    }
  });
});

describe('sweep tables', () => {
  const ss = makeSweepSummary();

  it('writes sweep.csv: one line per value and headline figure', () => {
    const lines = sweepCsv(ss).trimEnd().split('\n');
    expect(lines[0]).toBe(SWEEP_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + 5 * 5);
    expect(lines[1]).toMatch(
      /^programs\.work-visas\.pools\.mexico\.cap\.amount,100000,100000,work-visas\.applicants,"People who applied, FY2024–FY2028",work-visas,,applicants,1000,/,
    );
    const ord = sweepCsv(makeSweepSummaryOrdinal()).split('\n')[1];
    expect(ord).toMatch(
      /^programs\.work-visas\.pools\.central-america\.split\.by,population_2020,,work-visas/,
    );
  });

  it('writes tornado.csv widest swing first, and nothing without a tornado', () => {
    const lines = tornadoCsv(ss).trimEnd().split('\n');
    expect(lines[0]).toBe(TORNADO_CSV_HEADER.join(','));
    expect(lines[1]).toMatch(
      /^work-visas\.issued,interest,0\.0014,0\.0052,1350000,\d+,1262000,\d+,\d+,1371000,\d+$/,
    );
    expect(lines.map((l) => l.split(',')[1])).toEqual([
      'parameter',
      'interest',
      'take_up',
      'growth',
      'in_mexico_share',
    ]);
    expect(tornadoCsv(makeSweepSummaryOrdinal())).toBe('');
  });

  it('writes summary.json with every point and the tornado', () => {
    const doc = JSON.parse(sweepSummaryJson(ss));
    expect(doc.param).toBe(ss.param);
    expect(doc.points).toHaveLength(5);
    expect(doc.points[0].headline[1].stats.p50).toBe(ss.points[0]?.headline[1]?.stats.p50);
    expect(doc.tornado[0].parameter).toBe('take_up');
    expect(doc.base.p50).toBe(1_350_000);
    expect(JSON.parse(sweepSummaryJson(makeSweepSummaryOrdinal())).points[0]).not.toHaveProperty('x');
  });
});

describe('sweepReportHtml', () => {
  const ss = makeSweepSummary();
  const html = sweepReportHtml(ss, sweepCharts(ss), manifest);

  it('leads with what the sweep shows, in words', () => {
    const lead = sweepLead(ss);
    expect(lead[0]).toBe(
      "The scenario was run at 5 values of the mexico pool's cap (100,000; 125,000; 150,000; 175,000; 200,000), each with 1,000 runs and the same seed.",
    );
    expect(lead[1]).toMatch(
      /^From 100,000 to 200,000 \(medians\): Visas issued, FY2024–FY2028: 1,104,000 → 1,546,000; /,
    );
    expect(lead[2]).toBe('The same at every value: People who applied, FY2024–FY2028.');
    expect(lead[3]).toBe(
      'Of the uncertain parameters, interest moves “Visas issued, FY2024–FY2028” most: 1,262,000 with interest at 0.0014, 1,371,000 at 0.0052.',
    );
    expect(html).toContain('<div class="lead">');
    expect(html).toContain(
      '<li>Visas issued, FY2024–FY2028: <span class="num">1,104,000</span> → <strong class="num">1,546,000</strong></li>',
    );
  });

  it('tables the figures that move at each value, and the tornado', () => {
    expect(html).toContain('<h2>Headline figures at each value</h2>');
    expect(html).toContain('<th scope="col" class="num wrap">Visas issued, FY2024–FY2028</th>');
    expect(html).not.toContain('<th scope="col" class="num wrap">People who applied');
    expect(html).toMatch(
      /<th scope="row" class="num">125,000<\/th><td class="num">1,229,000<br><span class="range">/,
    );
    expect(html).toContain('<h2>Which uncertain parameter matters most</h2>');
    expect(html).toContain(
      '<tr><th scope="row"><code>interest</code></th><td class="num">0.0014</td><td class="num">1,262,000</td><td class="num">0.0052</td><td class="num">1,371,000</td></tr>',
    );
  });

  it('embeds every chart, lists sources and assumptions and the manifest', () => {
    for (const c of sweepCharts(ss)) expect(html).toContain(`id="vis-${c.name}"`);
    expect(html).toContain('World Population Prospects 2022');
    expect(html).toContain('<span class="badge assumption">Assumption</span> <code>take_up</code>');
    expect(html).toContain('<summary>Run details (manifest)</summary>');
  });
});

describe('buildSweepFiles', () => {
  it('writes sweep.csv, tornado.csv, summary.json, manifest.json, chart specs and the report', async () => {
    const ss = makeSweepSummary();
    const files = await buildSweepFiles(ss, manifest, { charts: ['html'] });
    expect(files.map((f) => f.path)).toEqual([
      'sweep.csv',
      'tornado.csv',
      'summary.json',
      'manifest.json',
      'charts/sweep-issued.vl.json',
      'charts/sweep-unused.vl.json',
      'charts/sweep-backlog.vl.json',
      'charts/sweep-selection-rate.vl.json',
      'charts/tornado.vl.json',
      'report.html',
    ]);
    const plain = await buildSweepFiles(makeSweepSummaryOrdinal(), manifest, { charts: 'none' });
    expect(plain.map((f) => f.path)).toEqual(['sweep.csv', 'summary.json', 'manifest.json']);
  });

  it('renders SVG and PNG when asked, with the label given', async () => {
    const ss = { ...makeSweepSummary(), points: [] };
    const files = await buildSweepFiles(ss, manifest, {
      charts: ['svg', 'png'],
      paramLabel: 'the Mexico cap',
    });
    expect(files.map((f) => f.path)).toEqual([
      'sweep.csv',
      'tornado.csv',
      'summary.json',
      'manifest.json',
      'charts/tornado.vl.json',
      'charts/tornado.svg',
      'charts/tornado.png',
    ]);
    expect(String(files[5]?.data)).toContain('Which uncertain assumption moves the visas issued most');
    expect(String(files[5]?.data)).not.toContain('…');
    const labelled = sweepCharts(makeSweepSummary(), { paramLabel: 'the Mexico cap' })[0]?.spec;
    expect([texts(labelled ?? null).title].flat().join(' ')).toBe(
      'Visas issued, FY2024–FY2028, as the Mexico cap goes from 100,000 to 200,000',
    );
  });
});
