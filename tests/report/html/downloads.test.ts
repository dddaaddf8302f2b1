import { describe, expect, it } from 'vitest';
import { chartDataCsv, standaloneChartPage } from '../../../src/report/html/downloads.js';

describe('chartDataCsv', () => {
  it('writes every data row of every view under the union of the fields, quoting where CSV needs it', () => {
    const spec = {
      vconcat: [
        { data: { values: [{ group: 'MX', p50: 3 }] }, layer: [] },
        { data: { values: [{ group: 'GT', p50: 1.5, note: 'a, "b"', cap: null, list: [1, 2] }] } },
      ],
    };
    expect(chartDataCsv(spec)).toBe('group,p50,note,cap,list\nMX,3,,,\nGT,1.5,"a, ""b""",,"[1,2]"\n');
  });
});

describe('standaloneChartPage', () => {
  it('is one offline page with the title, the spec and the libraries, and nothing that closes a script early', () => {
    const page = standaloneChartPage('Who <gets> it', '{"a":1}', ['var lib = 1;']);
    expect(page).toContain('<title>Who &#60;gets&#62; it</title>');
    expect(page).toContain('<script type="application/json" id="spec">{"a":1}</script>');
    expect(page).toContain('<script>var lib = 1;</script>');
    expect(page).toContain("vegaEmbed('#vis'");
    expect(page).not.toMatch(/https?:/);
  });
});
