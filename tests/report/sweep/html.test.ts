import { describe, expect, it } from 'vitest';
import { sweepCharts, sweepLead, sweepReportHtml } from '../../../src/report/sweep/index.js';
import { makeSweepSummary } from '../../helpers/sweep-fixture.js';

const manifest = { tool: 'visasim', version: '0.1.0', seed: '2022', runs: 1000 };

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
