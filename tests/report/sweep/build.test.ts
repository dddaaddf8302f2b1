import { describe, expect, it } from 'vitest';
import { buildSweepFiles, sweepCharts } from '../../../src/report/sweep/index.js';
import { makeSweepSummary, makeSweepSummaryOrdinal } from '../../helpers/sweep-fixture.js';
import { texts } from '../charts/spec-helpers.js';

const manifest = { tool: 'visasim', version: '0.1.0', seed: '2022', runs: 1000 };

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
