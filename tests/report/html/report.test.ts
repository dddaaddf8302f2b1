import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../../src/report/charts/index.js';
import { reportHtml } from '../../../src/report/html/index.js';
import { makeSummary, makeSummaryMixedPeriods } from '../../helpers/summary-fixture.js';

const manifest = {
  tool: 'visasim',
  version: '0.1.0',
  scenario: {
    id: 'us-300k-work-visas',
    file: 'scenarios/us-300k.yaml',
    sha256: 'f'.repeat(64),
    resolved: { id: 'x' },
  },
  seed: '2022',
  runs: 1000,
  rng: 'alea',
  timings: { loadMs: 12, simulateMs: 345, summarizeMs: 6 },
};

const CHECKS = [
  {
    ok: true,
    message: 'holds',
    check: { description: "Guatemala's share of 150,000 is 50,916", source: 'wpp-2022' },
  },
  {
    ok: false,
    message: 'max is 23,541, expected at most 0',
    check: { description: 'No visas go unused' },
  },
];

const count = (text: string, needle: string | RegExp) =>
  typeof needle === 'string' ? text.split(needle).length - 1 : (text.match(needle) ?? []).length;

describe('reportHtml', () => {
  const summary = makeSummary();
  const charts = buildCharts(summary);
  const html = reportHtml(summary, charts, manifest, {
    checks: CHECKS,
  });

  it('inlines vega, vega-lite and vega-embed and loads nothing from the network', () => {
    expect(html).toMatch(/<script data-library="vega">\n!function/);
    expect(html).toContain('<script data-library="vega-lite">');
    expect(html).toContain('<script data-library="vega-embed">');
    expect(html).toContain('.vegaEmbed=');
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/<link[^>]*\bhref=/i);
    expect(html).not.toMatch(/src="http/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?http/i);
    expect(html.length).toBeGreaterThan(700_000);
  });

  it('embeds each chart once, with its spec in a JSON script, export only, SVG renderer', () => {
    for (const { name, spec } of charts) {
      expect(count(html, `id="vis-${name}"`)).toBe(1);
      const m = new RegExp(`<script type="application/json" id="spec-${name}">(.*?)</script>`).exec(html);
      expect(JSON.parse(m?.[1] ?? 'null')).toEqual(spec);
    }
    expect(count(html, /<script type="application\/json"/g)).toBe(charts.length);
    expect(html).toContain('"actions":{"export":true,"source":false,"compiled":false,"editor":false}');
    expect(html).toContain('"renderer":"svg"');
    expect(html).toContain('document.body.dataset.rendered = state;');
    expect(html).toContain("done('1')");
  });

  it('never lets a script element end early', () => {
    const scripts = count(html, /<script[\s>]/g);
    expect(count(html, /<\/script/gi)).toBe(scripts);
    expect(html).not.toContain('<!--');
  });

  it('shows the scenario, its status, the headline figures with their ranges and the pool table', () => {
    expect(html).toContain('<h1>300,000 US temporary work visas for Mexico and Central America</h1>');
    expect(html).toContain('<span class="badge status-proposed">Status: proposed</span>');
    expect(html).toContain('Mexico&#39;s Interior Secretary said in June 2022');
    const issued = summary.headline[0];
    expect(html).toContain(`<th scope="row">${issued?.label}</th>`);
    expect(html).toContain('<td class="num">18.8%</td><td class="num">18.2% – 19.4%</td>');
    expect(html).toContain('<h2>Issued, cap and unused per pool</h2>');
    expect(html).toMatch(/<th scope="row">Central America<\/th><td class="num">750,000<\/td>/);
  });

  it('lists sources with links, assumptions marked as such, checks and the manifest without timings', () => {
    expect(html).toContain(
      '<a href="https://population.un.org/wpp/" rel="noopener noreferrer">World Population Prospects 2022</a>',
    );
    expect(count(html, '<span class="badge assumption">Assumption</span>')).toBe(2);
    expect(html).toContain('<code>take_up</code>: Between 30% and 60% of encountered migrants would apply');
    expect(html).toContain(
      '<li class="ok"><span class="badge">holds</span> Guatemala&#39;s share of 150,000 is 50,916 <a class="id" href="#source-wpp-2022">[wpp-2022]</a></li>',
    );
    expect(html).toContain(
      '<li class="failed"><span class="badge">fails</span> No visas go unused — max is 23,541, expected at most 0</li>',
    );
    expect(html).toMatch(/<details>\n<summary>Run details \(manifest\)<\/summary>/);
    expect(html).toContain(`<dd><code>${'f'.repeat(64)}</code></dd>`);
    expect(html).toContain('<dd><code>visasim 0.1.0</code></dd>');
    expect(html).not.toContain('simulateMs');
  });

  it('keeps charts whole when printed', () => {
    expect(html).toMatch(
      /@media print \{[\s\S]*figure\.chart[^{]*\{ break-inside: avoid; page-break-inside: avoid; \}/,
    );
  });

  it('escapes everything that comes from the scenario', () => {
    const evil = makeSummary();
    evil.scenario.title = 'Visas <script>alert(1)</script> & co';
    evil.scenario.description = '</script><img src=x onerror=alert(1)>';
    evil.scenario.sources = [{ id: 's', title: 'Bad "link"', url: 'javascript:alert(1)' }];
    const out = reportHtml(evil, buildCharts(evil), manifest);
    expect(out).not.toContain('<script>alert(1)</script>');
    expect(out).not.toContain('<img src=x');
    expect(out).not.toContain('javascript:alert');
    expect(out).toContain('<h1>Visas &#60;script&#62;alert(1)&#60;/script&#62; &#38; co</h1>');
    // the title also sits in every chart spec's subtitle, escaped for the JSON script element
    expect(count(out, /<\/script/gi)).toBe(count(out, /<script[\s>]/g));
    expect(out).toContain('Visas \\u003cscript>alert(1)\\u003c/script>');
  });

  it('is a plain page, marked rendered, when there are no charts', () => {
    const out = reportHtml(summary, [], manifest);
    expect(out).toContain('<body data-rendered="1">');
    expect(out).not.toContain('data-library');
  });

  it('gives the same bytes for the same inputs', () => {
    expect(
      reportHtml(
        makeSummary(),
        buildCharts(makeSummary()),
        { ...manifest, timings: { loadMs: 1 } },
        {
          checks: CHECKS,
        },
      ),
    ).toBe(html);
  });
});

describe('reportHtml pool table', () => {
  it('says when a value is the same in every run instead of repeating it as a range', () => {
    const summary = makeSummary();
    const html = reportHtml(summary, [], {});
    expect(html).toMatch(
      /<th scope="row">Mexico<\/th><td class="num">750,000<\/td><td class="num range">same in every run<\/td>/,
    );
  });
});

describe('reportHtml: when each cap is reached', () => {
  const html = reportHtml(makeSummaryMixedPeriods(), [], {});
  const table = html.slice(
    html.indexOf('<section id="caps">'),
    html.indexOf('</section>', html.indexOf('id="caps"')),
  );

  it('tables each pool and cap period with its dates, the median date and the 90% range of dates', () => {
    expect(table).toContain('<h2>When each cap is reached</h2>');
    expect(table).toContain(
      '<th scope="row">Statutory cap (66,000)</th><td>FY2023-H1<br><span class="range nowrap">Oct 1, 2022 – Mar 31, 2023</span></td><td class="num"><strong>Oct 27, 2022</strong></td>',
    );
    expect(table).toMatch(
      /<td class="num range">Oct 2\d – (Oct|Nov) \d+, 2022<\/td><td class="num">in every run<\/td>/,
    );
  });

  it('says so when a cap is not reached in any run, and gives the share when it is reached in some', () => {
    expect(table).toMatch(
      /Dec 15, 2022 – Sep 30, 2023<\/span><\/td><td class="num"><strong>–<\/strong><\/td><td class="num range">–<\/td><td class="num">not reached in any run<\/td>/,
    );
    expect(reportHtml(makeSummary(), [], {})).toContain('<td class="num">in 62% of runs</td>');
  });

  it('comes after the pool table', () => {
    expect(html.indexOf('id="caps"')).toBeGreaterThan(html.indexOf('id="pools"'));
  });

  it('names its clock, and with a receipt clock gives the receipt dates first, beside the start dates', () => {
    expect(table).toContain('not necessarily the date an agency announces');
    const s = makeSummaryMixedPeriods();
    for (const r of [...s.rows])
      if (r.metric === 'days_to_fill' && r.group === '')
        s.rows.push({ ...r, metric: 'days_to_fill_receipt', stats: { ...r.stats, p50: r.stats.p50 - 40 } });
    const withReceipt = reportHtml(s, [], {});
    // each clock's median and 90% range in one cell, so the table fits the page
    expect(withReceipt).toContain('<th scope="col" class="num">By receipt date</th>');
    expect(withReceipt).toContain('<th scope="col" class="num">By start date</th>');
    const caps = withReceipt.slice(withReceipt.indexOf('id="caps"'));
    expect(caps.slice(0, caps.indexOf('</section>'))).not.toContain('<td class="num range">');
    expect(withReceipt).toContain(
      'FY2023-H1<br><span class="range nowrap">Oct 1, 2022 – Mar 31, 2023</span></td><td class="num"><strong>Sep 17, 2022</strong><br><span class="range nowrap">',
    );
  });
});

describe('reportHtml: the controls of a run report', () => {
  const summary = makeSummary();
  const charts = buildCharts(summary);
  const resolved = {
    id: 'x',
    parameters: [{ id: 'take_up', uniform: [0.2, 0.6] }],
    programs: [{ id: 'p', pools: [{ id: 'mx', cap: 150000 }] }],
  };
  const live = { ...manifest, scenario: { ...manifest.scenario, resolved }, execution: { threads: 2 } };

  it('a manifest with a scenario to rerun gives the panel, the manifest, the worker and the page script', () => {
    const html = reportHtml(summary, charts, live);
    expect(html).toContain('<section id="controls"');
    // the panel heads <main>, so the page can redraw what follows it
    expect(html).toMatch(/<main>\n<section id="controls"/);
    expect(html).toContain('data-path="parameters.take_up.uniform.1" data-file="0.6"');
    expect(html).toContain('data-path="programs.p.pools.mx.cap" data-file="150000"');
    expect(count(html, '<script type="application/json" id="visasim-manifest">')).toBe(1);
    expect(count(html, '<script type="text/plain" id="visasim-worker">')).toBe(1);
    // the manifest the page carries leaves out how the run was executed, as the page's text does
    const carried = /<script type="application\/json" id="visasim-manifest">(.*?)<\/script>/s.exec(html)?.[1];
    expect(JSON.parse(carried ?? 'null')).toEqual({
      ...manifest,
      scenario: { ...manifest.scenario, resolved },
    });
    // nothing in the inlined code can close its script element
    const worker = /<script type="text\/plain" id="visasim-worker">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(worker.length).toBeGreaterThan(100_000);
    expect(worker).not.toMatch(/<\/script/i);
  });

  it('a manifest without one (a fixture, a comparison) has no controls, and the same inputs give the same bytes', () => {
    expect(reportHtml(summary, charts, manifest)).not.toContain('id="controls"');
    expect(reportHtml(summary, charts, live)).toBe(reportHtml(summary, charts, live));
  });
});
