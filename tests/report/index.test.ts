import { describe, expect, it } from 'vitest';
import {
  buildCharts,
  buildReportFiles,
  quantilesCsv,
  renderPng,
  renderSvg,
  reportHtml,
  summaryJson,
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
    };
    for (const [name, fn] of Object.entries(api))
      expect({ name, type: typeof fn }).toEqual({ name, type: 'function' });
  });
});
