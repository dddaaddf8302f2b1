import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/core/types.js';
import { ALL_KEY, summaryJson } from '../../src/report/summary-json.js';
import { makeSummary } from '../helpers/summary-fixture.js';

type Json = Record<string, unknown>;
const parse = (text: string) => JSON.parse(text) as Json;
const obj = (v: unknown) => v as Json;

describe('summaryJson', () => {
  const summary = makeSummary();
  const text = summaryJson(summary);
  const doc = parse(text);
  const program = obj(obj(doc.programs)['work-visas']);
  const pools = obj(program.pools);

  it('is 2-space JSON with a trailing newline', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(`${JSON.stringify(doc, null, 2)}\n`).toBe(text);
  });

  it('carries the scenario, runs, seed, fiscal years, groups and headline figures', () => {
    expect(Object.keys(doc)).toEqual([
      'scenario',
      'runs',
      'seed',
      'fiscalYears',
      'groups',
      'headline',
      'programs',
    ]);
    expect(obj(doc.scenario).title).toBe(summary.scenario.title);
    expect(obj(doc.scenario).status).toBe('proposed');
    expect(doc.runs).toBe(1000);
    expect(doc.seed).toBe('2022');
    expect(doc.fiscalYears).toEqual(summary.fiscalYears);
    expect(doc.headline).toHaveLength(summary.headline.length);
    expect(obj((doc.headline as unknown[])[0]).stats).toEqual(summary.headline[0]?.stats);
  });

  it('nests results by program → pool → group → period → metric, with "_all" for the totals', () => {
    expect(ALL_KEY).toBe('_all');
    expect(Object.keys(pools)).toEqual(['_all', 'mexico', 'central-america']);
    const mexico = obj(pools.mexico);
    expect(mexico.title).toBe('Mexico');
    expect(mexico.periods).toEqual(summary.fiscalYears);
    expect(Object.keys(obj(mexico.groups))).toEqual(['_all', 'MX', 'OTH']);
    const mx = obj(obj(mexico.groups).MX);
    expect(Object.keys(mx)).toEqual(['_all', 'FY2024', 'FY2025', 'FY2026', 'FY2027', 'FY2028']);
    const row = summary.rows.find(
      (r) => r.pool === 'mexico' && r.group === 'MX' && r.period === '' && r.metric === 'issued',
    );
    expect(obj(mx._all).issued).toEqual(row?.stats);
    expect(Object.keys(obj(obj(mexico.groups)._all).FY2024 as Json)).toEqual(
      METRICS.filter((m) =>
        summary.rows.some(
          (r) => r.pool === 'mexico' && r.group === '' && r.period === 'FY2024' && r.metric === m,
        ),
      ),
    );
  });

  it('holds every row exactly once', () => {
    let leaves = 0;
    for (const pool of Object.values(pools)) {
      for (const periods of Object.values(obj(obj(pool).groups))) {
        for (const metrics of Object.values(obj(periods))) leaves += Object.keys(obj(metrics)).length;
      }
    }
    expect(leaves).toBe(summary.rows.length);
  });

  it('writes statistics with no value (a pool that never filled) as null', () => {
    const ca = obj(obj(obj(pools['central-america']).groups)._all);
    expect(obj(obj(ca.FY2024).days_to_fill)).toMatchObject({ n: 0, mean: null, p50: null });
  });

  it('orders pools, groups and metrics itself; periods follow the (time-ordered) rows', () => {
    const rank = (m: string) => METRICS.indexOf(m as (typeof METRICS)[number]);
    const reordered = [...summary.rows].sort(
      (a, b) =>
        (a.group < b.group ? 1 : a.group > b.group ? -1 : 0) ||
        (a.pool < b.pool ? 1 : a.pool > b.pool ? -1 : 0) ||
        rank(b.metric) - rank(a.metric),
    );
    expect(summaryJson({ ...summary, rows: reordered })).toBe(text);
  });
});
