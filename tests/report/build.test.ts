import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/core/types.js';
import { buildReportFiles, manifestJson } from '../../src/report/build.js';
import { quantilesCsv } from '../../src/report/quantiles-csv.js';
import { summaryJson } from '../../src/report/summary-json.js';
import { makeSummary } from '../helpers/summary-fixture.js';

const manifest = {
  tool: 'visasim',
  version: '0.1.0',
  seed: '2022',
  runs: 1000,
  scenario: { sha256: 'ab'.repeat(32) },
};

/** The fixture cut down to its backlog rows: one chart, so rendering stays quick. */
function backlogOnly(): Summary {
  const s = makeSummary();
  return { ...s, rows: s.rows.filter((r) => r.metric === 'backlog') };
}

const paths = (files: { path: string }[]) => files.map((f) => f.path);

describe('buildReportFiles', () => {
  it("writes the tables and manifest only for charts: 'none'", async () => {
    const summary = makeSummary();
    const files = await buildReportFiles(summary, manifest, { charts: 'none' });
    expect(paths(files)).toEqual(['quantiles.csv', 'summary.json', 'manifest.json']);
    expect(files[0]?.data).toBe(quantilesCsv(summary));
    expect(files[1]?.data).toBe(summaryJson(summary));
    expect(files[2]?.data).toBe(`${JSON.stringify(manifest, null, 2)}\n`);
    expect(manifestJson(manifest)).toBe(files[2]?.data);
  });

  it('writes vega-lite specs for every chart whatever formats are asked for', async () => {
    const files = await buildReportFiles(makeSummary(), manifest, { charts: [] });
    expect(paths(files)).toEqual([
      'quantiles.csv',
      'summary.json',
      'manifest.json',
      'charts/issued-by-group.vl.json',
      'charts/selection-probability.vl.json',
      'charts/unused-by-pool.vl.json',
      'charts/days-to-fill.vl.json',
      'charts/backlog-over-time.vl.json',
    ]);
    const spec = JSON.parse(String(files[3]?.data)) as { title: { text: string } };
    expect(spec.title.text).toBe('Who gets the visas: issued by country and pool');
  });

  it('renders SVG, PNG and the HTML report as asked', async () => {
    const files = await buildReportFiles(backlogOnly(), manifest, { charts: ['svg', 'png', 'html'] });
    expect(paths(files)).toEqual([
      'quantiles.csv',
      'summary.json',
      'manifest.json',
      'charts/backlog-over-time.vl.json',
      'charts/backlog-over-time.svg',
      'charts/backlog-over-time.png',
      'report.html',
    ]);
    const png = files[5]?.data;
    expect(png).toBeInstanceOf(Uint8Array);
    expect(
      Buffer.from(png as Uint8Array)
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
    expect(String(files[4]?.data)).toContain('How large the backlog grows');
    expect(String(files[6]?.data)).toContain('id="vis-backlog-over-time"');
  });

  it('renders only the formats asked for', async () => {
    const files = await buildReportFiles(backlogOnly(), manifest, { charts: ['html'] });
    expect(paths(files).filter((p) => p.startsWith('charts/'))).toEqual(['charts/backlog-over-time.vl.json']);
    expect(paths(files)).toContain('report.html');
  });

  it('still writes the tables and a report when there is nothing to chart', async () => {
    const files = await buildReportFiles({ ...makeSummary(), rows: [] }, manifest, {
      charts: ['svg', 'png', 'html'],
    });
    expect(paths(files)).toEqual(['quantiles.csv', 'summary.json', 'manifest.json', 'report.html']);
    expect(files[0]?.data).toBe('program,pool,group,period,metric,mean,sd,min,p05,p25,p50,p75,p95,max\n');
  });

  it('passes the scenario checks to the report', async () => {
    const files = await buildReportFiles(backlogOnly(), manifest, {
      charts: ['html'],
      checks: [{ ok: false, message: 'the backlog stays under 1,000' }],
    });
    expect(String(files.find((f) => f.path === 'report.html')?.data)).toContain(
      'the backlog stays under 1,000',
    );
  });

  it('gives byte-identical files for the same summary and manifest', async () => {
    // PNG bytes from the same SVG are compared in render.test.ts
    const a = await buildReportFiles(backlogOnly(), manifest, { charts: ['svg', 'html'] });
    const b = await buildReportFiles(backlogOnly(), manifest, { charts: ['svg', 'html'] });
    expect(paths(a)).toEqual(paths(b));
    a.forEach((f, i) => {
      const other = b[i]?.data;
      expect(Buffer.from(f.data).equals(Buffer.from(other ?? ''))).toBe(true);
    });
  });
});
