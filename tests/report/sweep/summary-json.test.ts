import { describe, expect, it } from 'vitest';
import { sweepSummaryJson } from '../../../src/report/sweep/index.js';
import { makeSweepSummary, makeSweepSummaryOrdinal } from '../../helpers/sweep-fixture.js';

describe('sweepSummaryJson', () => {
  const ss = makeSweepSummary();

  it('writes summary.json with every point and the tornado', () => {
    const doc = JSON.parse(sweepSummaryJson(ss));
    expect(doc.param).toBe(ss.param);
    expect(doc.points).toHaveLength(5);
    expect(doc.points[0].headline[1].stats.p50).toBe(ss.points[0]?.headline[1]?.stats.p50);
    expect(doc.tornado[0].parameter).toBe('take_up');
    expect(doc.base.p50).toBe(1_350_000);
    expect(JSON.parse(sweepSummaryJson(makeSweepSummaryOrdinal())).points[0]).not.toHaveProperty('x');
  });
});
