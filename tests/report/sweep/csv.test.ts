import { describe, expect, it } from 'vitest';
import {
  SWEEP_CSV_HEADER,
  sweepCsv,
  TORNADO_CSV_HEADER,
  tornadoCsv,
} from '../../../src/report/sweep/index.js';
import { makeSweepSummary, makeSweepSummaryOrdinal } from '../../helpers/sweep-fixture.js';

describe('sweepCsv and tornadoCsv', () => {
  const ss = makeSweepSummary();

  it('writes sweep.csv: one line per value and headline figure', () => {
    const lines = sweepCsv(ss).trimEnd().split('\n');
    expect(lines[0]).toBe(SWEEP_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + 5 * 5);
    expect(lines[1]).toMatch(
      /^programs\.work-visas\.pools\.mexico\.cap\.amount,100000,100000,work-visas\.applicants,"People who applied, FY2024–FY2028",work-visas,,applicants,1000,/,
    );
    const ord = sweepCsv(makeSweepSummaryOrdinal()).split('\n')[1];
    expect(ord).toMatch(
      /^programs\.work-visas\.pools\.central-america\.split\.by,population_2020,,work-visas/,
    );
  });

  it('writes tornado.csv widest swing first, and nothing without a tornado', () => {
    const lines = tornadoCsv(ss).trimEnd().split('\n');
    expect(lines[0]).toBe(TORNADO_CSV_HEADER.join(','));
    expect(lines[1]).toMatch(
      /^work-visas\.issued,interest,0\.0014,0\.0052,1350000,\d+,1262000,\d+,\d+,1371000,\d+$/,
    );
    expect(lines.map((l) => l.split(',')[1])).toEqual([
      'parameter',
      'interest',
      'take_up',
      'growth',
      'in_mexico_share',
    ]);
    expect(tornadoCsv(makeSweepSummaryOrdinal())).toBe('');
  });
});
