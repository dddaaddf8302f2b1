import { describe, expect, it } from 'vitest';
import { daysToFill } from '../../../src/report/charts/days-to-fill.js';
import { makeSummary, makeSummaryNeverFilled } from '../../helpers/summary-fixture.js';
import { panels, texts, values } from './spec-helpers.js';

describe('daysToFill', () => {
  const summary = makeSummary();
  const spec = daysToFill(summary);

  it('shows days to fill only for pools and periods where the pool filled in some runs', () => {
    const days = values(panels(spec)[0]);
    expect(new Set(days.map((v) => v.pool))).toEqual(new Set(['Mexico']));
    expect(days.map((v) => v.period)).toEqual(summary.fiscalYears);
    expect(days[0]).toMatchObject({ runsFilled: 620, share: 0.62 });
  });

  it('shows the share of runs in which each pool filled, 0% included', () => {
    const shares = values(panels(spec)[1]);
    expect(shares).toHaveLength(2 * summary.fiscalYears.length);
    expect(shares.find((v) => v.pool === 'Central America')?.share).toBe(0);
    expect(shares.find((v) => v.pool === 'Mexico' && v.period === 'FY2025')?.share).toBe(1);
  });

  it('titles each panel in words', () => {
    expect(panels(spec).map((p) => (p.title as { text: string }).text)).toEqual([
      'Days from the start of the period until the cap was reached',
      'Share of runs in which the cap was reached at all',
    ]);
    expect(texts(spec).title).toBe('When each pool’s cap is reached');
  });

  it('is null when no pool ever fills', () => {
    expect(daysToFill(makeSummaryNeverFilled())).toBeNull();
  });
});
