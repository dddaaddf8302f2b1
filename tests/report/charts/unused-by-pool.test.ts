import { describe, expect, it } from 'vitest';
import { poolColorScale, poolRefs } from '../../../src/report/charts/common.js';
import { unusedByPool } from '../../../src/report/charts/unused-by-pool.js';
import { makeSummary, makeSummaryMixedPeriods } from '../../helpers/summary-fixture.js';
import { encodings, panels, texts, values } from './spec-helpers.js';

const row = (s: ReturnType<typeof makeSummary>, pool: string, period: string) =>
  s.rows.find((r) => r.pool === pool && r.group === '' && r.period === period && r.metric === 'unused');

describe('unusedByPool', () => {
  const summary = makeSummary();
  const spec = unusedByPool(summary);

  it('shows every pool over the whole horizon, labelled with the median and the 90% range', () => {
    const vs = values(panels(spec)[0]);
    expect(vs.map((v) => v.pool)).toEqual(['Mexico', 'Central America']);
    expect(vs.every((v) => v.period === '')).toBe(true);
    const ca = row(summary, 'central-america', '')?.stats;
    expect(vs[1]).toMatchObject({
      p50: ca?.p50,
      p05: ca?.p05,
      p95: ca?.p95,
      cap: 750_000,
      capText: '750,000',
    });
    expect(vs[1]?.label).toMatch(/^[\d,]+ \([\d,]+–[\d,]+\)$/);
  });

  it('shows a pool whose cap is not per fiscal year (a total from December 15): the key finding', () => {
    const mixed = makeSummaryMixedPeriods();
    const s = unusedByPool(mixed);
    const vs = values(panels(s)[0]);
    expect(vs.map((v) => v.pool)).toEqual([
      'Statutory cap (66,000)',
      'Supplemental, nationals of El Salvador, Guatemala, Honduras and Haiti (20,000)',
    ]);
    expect(vs[0]?.label).toBe('0 in every run');
    expect(vs[1]).toMatchObject({ p50: 8_000, cap: 20_000 });
    // long pool names wrap onto several axis lines
    expect(String(vs[1]?.row)).toContain('\n');
    expect(encodings(s, 'y')[0]).toMatchObject({ axis: { labelExpr: "split(datum.value, '\\n')" } });
  });

  it('adds a per-period panel only where it says more: a pool with several periods leaves numbers unused', () => {
    expect(panels(unusedByPool(makeSummaryMixedPeriods()))).toHaveLength(1);
    const byYear = panels(spec)[1];
    expect((byYear?.title as { text: string } | undefined)?.text).toBe('Per fiscal year');
    const vs = values(byYear);
    expect(vs).toHaveLength(2 * summary.fiscalYears.length);
    expect(vs.find((v) => v.pool === 'Central America' && v.period === 'FY2025')).toMatchObject({
      p50: row(summary, 'central-america', 'FY2025')?.stats.p50,
      cap: 150_000,
    });
    expect(texts(spec).subtitle.join(' ')).toContain('below, per fiscal year');
  });

  it('colours pools with the fixed pool scale and groups the per-period bars side by side', () => {
    for (const c of encodings(spec, 'color').filter((e) => e.field !== undefined))
      expect(c).toMatchObject({ field: 'pool', scale: poolColorScale(poolRefs(summary)) });
    expect(encodings(spec, 'xOffset')[0]).toMatchObject({ field: 'pool' });
  });

  it('is null without whole-horizon rows per pool', () => {
    const rows = summary.rows.filter((r) => !(r.metric === 'unused' && r.period === ''));
    expect(unusedByPool({ ...summary, rows })).toBeNull();
  });
});

describe('unusedByPool tooltip', () => {
  it('says a pool without a cap of its own draws on a shared ceiling, never "null"', () => {
    const s = makeSummary();
    s.rows = s.rows.filter((r) => !(r.pool === 'mexico' && r.metric === 'cap'));
    const vs = values(panels(unusedByPool(s))[0]);
    const mexico = vs.find((v) => String(v.pool).startsWith('Mexico'));
    expect(mexico).toMatchObject({ cap: null, capText: 'none of its own (a shared ceiling)' });
  });
});

describe('unusedByPool: numbers passed on', () => {
  it('says that numbers passed on count as unused in their year and not over the horizon, only where a pool passed some', () => {
    const plain = texts(unusedByPool(makeSummary())).subtitle.join(' ');
    expect(plain).not.toContain('passed on');
    // Central America's yearly unused numbers all go on elsewhere (fall-down): none lapse over the horizon
    const s = makeSummary();
    s.rows = s.rows.map((r) =>
      r.pool === 'central-america' && r.metric === 'unused' && r.group === '' && r.period === ''
        ? { ...r, stats: { ...r.stats, mean: 0, p05: 0, p50: 0, p95: 0 } }
        : r,
    );
    const said = texts(unusedByPool(s)).subtitle.join(' ');
    expect(said).toContain(
      'Numbers a pool passed on to another pool or period (fall-down, spill, roll-over)',
    );
    expect(said).toContain('count as unused in its fiscal year below');
  });
});
