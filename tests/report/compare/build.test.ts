import { describe, expect, it } from 'vitest';
import { buildCompareFiles, compareCsv } from '../../../src/report/compare/index.js';
import { makeCompareSummary } from '../../helpers/compare-fixture.js';

const manifest = { tool: 'visasim', version: '0.1.0', seed: '2022', runs: 1000, timings: { totalMs: 5 } };

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
