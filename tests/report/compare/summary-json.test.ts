import { describe, expect, it } from 'vitest';
import type { CompareSummary } from '../../../src/core/types.js';
import { compareSummaryJson } from '../../../src/report/compare/index.js';
import { makeCompareSummary } from '../../helpers/compare-fixture.js';

const row = (cs: CompareSummary, group: string, metric = 'issued', period = '') =>
  cs.rows.find((r) => r.pool === '' && r.group === group && r.period === period && r.metric === metric);

describe('compareSummaryJson', () => {
  const cs = makeCompareSummary();

  it('summarises both scenarios, the headline figures with their change, and every cell', () => {
    const doc = JSON.parse(compareSummaryJson(cs));
    expect(doc.a.id).toBe('us-300k-work-visas');
    expect(doc.b.id).toBe('us-300k-by-encounters');
    expect(doc.commonRandomNumbers).toBe(true);
    const issued = doc.headline.find((h: { key: string }) => h.key === 'issued_total');
    expect(issued.diff.p50).toBe(row(cs, '')?.diff.p50);
    expect(issued.a.p50).toBe(cs.a.headline[0]?.stats.p50);
    expect(doc.rows).toHaveLength(cs.rows.length);
    expect(compareSummaryJson(makeCompareSummary())).toBe(compareSummaryJson(cs));
  });
});
