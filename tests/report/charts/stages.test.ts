import { describe, expect, it } from 'vitest';
import type { QuantileRow } from '../../../src/core/types.js';
import { stagesChart } from '../../../src/report/charts/stages.js';
import { makeSummary } from '../../helpers/summary-fixture.js';
import { encodings, panels, texts, values } from './spec-helpers.js';

describe('stagesChart', () => {
  it('has nothing to show without stages', () => {
    expect(stagesChart(makeSummary())).toBeNull();
  });

  it('puts those selected beside those who reached each stage, per fiscal year', () => {
    const s = makeSummary();
    const [fy] = s.fiscalYears as [string];
    const stats = (m: number) => ({
      n: 1000,
      mean: m,
      sd: 1,
      min: m,
      p05: m,
      p25: m,
      p50: m,
      p75: m,
      p95: m,
      max: m,
    });
    s.rows.push({
      program: 'work-visas',
      pool: 'stage:arrived',
      group: '',
      period: fy,
      metric: 'reached',
      stats: stats(900),
    } as QuantileRow);
    const spec = stagesChart(s);
    const vs = values(panels(spec)[0]);
    const issued = s.rows.find(
      (r) =>
        r.program === 'work-visas' &&
        r.pool === '' &&
        r.group === '' &&
        r.period === fy &&
        r.metric === 'issued',
    );
    expect(vs.filter((v) => v.period === fy).map((v) => [v.period, v.step, v.p50])).toEqual([
      [fy, 'selected', issued?.stats.p50],
      [fy, 'arrived', 900],
    ]);
    // every year's selected, the stage only where it has rows
    expect(vs.filter((v) => v.step === 'selected')).toHaveLength(s.fiscalYears.length);
    expect(encodings(spec, 'color')[0]).toMatchObject({ sort: ['selected', 'arrived'] });
    expect(texts(spec).subtitle.join(' ')).toMatch(/after the horizon is not counted/);
  });
});
