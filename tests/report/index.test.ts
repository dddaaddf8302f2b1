import { describe, expect, it } from 'vitest';
import {
  buildCharts,
  buildCompareFiles,
  buildReportFiles,
  buildSweepFiles,
  compareCharts,
  compareCsv,
  compareReportHtml,
  quantilesCsv,
  renderPng,
  renderSvg,
  reportHtml,
  summaryJson,
  sweepCharts,
  sweepCsv,
  sweepReportHtml,
  writeOutputs,
} from '../../src/report/index.js';

describe('report stage entry point', () => {
  it('exports the functions the CLI calls', () => {
    const api = {
      quantilesCsv,
      summaryJson,
      buildCharts,
      renderSvg,
      renderPng,
      reportHtml,
      writeOutputs,
      buildReportFiles,
      compareCharts,
      compareCsv,
      compareReportHtml,
      buildCompareFiles,
      sweepCharts,
      sweepCsv,
      sweepReportHtml,
      buildSweepFiles,
    };
    for (const [name, fn] of Object.entries(api))
      expect({ name, type: typeof fn }).toEqual({ name, type: 'function' });
  });
});
