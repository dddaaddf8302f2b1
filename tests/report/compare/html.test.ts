import { describe, expect, it } from 'vitest';
import { compareCharts, compareLead, compareReportHtml } from '../../../src/report/compare/index.js';
import { makeCompareSummary } from '../../helpers/compare-fixture.js';

const manifest = { tool: 'visasim', version: '0.1.0', seed: '2022', runs: 1000, timings: { totalMs: 5 } };
const CHANGE = 'the Central American half is split by encounters';

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
    expect(html).toContain('<div class="lead" id="lead">\n<p>Compared with A, B issues 52,779 more visas');
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
