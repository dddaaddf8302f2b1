import { describe, expect, it } from 'vitest';
import {
  assumptionsSection,
  figuresTable,
  headCell,
  section,
  sourcesSection,
  valueCells,
} from '../../../src/report/html/index.js';
import { clampsSection, manifestSection, stableManifest } from '../../../src/report/html/sections.js';
import { stats } from '../../helpers/summary-fixture.js';

describe('report sections', () => {
  it('builds a titled section and a table of figures, escaping what it is given', () => {
    expect(section('caps', 'When <each> cap', '<p>x</p>')).toBe(
      '<section id="caps">\n<h2>When &#60;each&#62; cap</h2>\n<p>x</p>\n</section>',
    );
    expect(figuresTable([headCell('Pool'), headCell('Cap', 'num')], ['<tr><td>a</td></tr>'])).toContain(
      '<thead><tr><th scope="col">Pool</th><th scope="col" class="num">Cap</th></tr></thead>',
    );
  });

  it('gives a median and its range as two cells, or dashes for a cell without a value', () => {
    expect(valueCells('issued', stats('k', 1000, 0))).toBe(
      '<td class="num">1,000</td><td class="num range">same in every run</td>',
    );
    expect(valueCells('issued', undefined)).toBe('<td class="num">–</td><td class="num range">–</td>');
  });

  it('does not repeat "Assumption." beside the Assumption badge, and sets `code` as code', () => {
    const html = assumptionsSection([
      { id: 'petition_share', text: 'Assumption. Some applications are not certified.' },
      { id: 'april_share', text: 'Assumption, tied to `programs.h2b.demand.profile`. Start dates bunch.' },
      { id: 'other', text: 'Assumptions differ.' },
    ]);
    expect(html).toContain('<code>petition_share</code>: Some applications are not certified.</li>');
    expect(html).toContain(
      '<code>april_share</code>: Tied to <code>programs.h2b.demand.profile</code>. Start dates bunch.</li>',
    );
    expect(html).toContain('<code>other</code>: Assumptions differ.</li>');
  });

  it('links only http(s) sources', () => {
    const html = sourcesSection([
      { id: 'a', title: 'A', url: 'https://example.org/a' },
      { id: 'b', title: 'B', url: 'javascript:alert(1)' },
    ]);
    expect(html).toContain('<a href="https://example.org/a" rel="noopener noreferrer">A</a>');
    expect(html).not.toContain('javascript:');
  });

  it('leaves how a run was executed out of the manifest shown, at any depth', () => {
    const execution = { threads: 2, node: 'v20', timings: { simulate: 1.234 } };
    const manifest = {
      tool: 'visasim',
      command: 'compare',
      a: { seed: '3', runs: 20, execution, scenario: { sha256: 'aa' } },
      b: { seed: '3', runs: 20, execution: { ...execution, threads: 4 }, list: [{ timings: 9, keep: 1 }] },
      timings: { total: 3 },
    };
    expect(stableManifest(manifest)).toEqual({
      tool: 'visasim',
      command: 'compare',
      a: { seed: '3', runs: 20, scenario: { sha256: 'aa' } },
      b: { seed: '3', runs: 20, list: [{ keep: 1 }] },
    });
    const html = manifestSection({ seed: '3', runs: 20 }, manifest);
    expect(html).not.toMatch(/&#34;threads&#34;|&#34;timings&#34;|1\.234/);
    expect(html).toContain('&#34;sha256&#34;: &#34;aa&#34;');
  });
});

describe('clampsSection', () => {
  it('lists each formula that declares clamp: true with its runs and place, and is empty without one', () => {
    const manifest = {
      runs: 1000,
      clamped: [
        {
          path: 'attributes.<skilled>.share',
          at: 'scenarios/x.yaml:12:9',
          domain: 'share',
          range: [0, 1],
          runs: 37,
          values: 52,
        },
      ],
    };
    const html = clampsSection(manifest);
    expect(html).toContain('<section id="clamped"');
    expect(html).toContain(
      '<li>share clamped to [0, 1] in 37 of 1,000 runs (52 values) at scenarios/x.yaml:12:9 (attributes.&#60;skilled&#62;.share)</li>',
    );
    expect(clampsSection({ runs: 1000 })).toBe('');
    expect(clampsSection({ runs: 1000, clamped: [] })).toBe('');
  });
});
