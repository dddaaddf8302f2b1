import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../../src/report/charts/index.js';
import { referenceBeside } from '../../../src/report/charts/reference-beside.js';
import { makeSummary, makeSummaryWithReference } from '../../helpers/summary-fixture.js';
import { panels, texts } from './spec-helpers.js';

const bracero = makeSummaryWithReference;

type Layer = { data: { values: Record<string, unknown>[] }; mark: { type: string } };

describe('referenceBeside', () => {
  it('is absent without reference series (and so from the chart list)', () => {
    expect(referenceBeside(makeSummary())).toBeNull();
    expect(buildCharts(makeSummary()).map((c) => c.name)).not.toContain('reference-beside');
    expect(buildCharts(bracero()).map((c) => c.name)).toContain('reference-beside');
  });

  it('draws the observed values on one axis of years beside the simulated median and band per fiscal year', () => {
    const summary = bracero();
    const layers = panels(referenceBeside(summary))[0]?.layer as Layer[];
    expect(layers.map((l) => l.mark.type)).toEqual(['line', 'area', 'line']);
    expect(layers[0]?.data.values.map((v) => [v.x, v.value])).toEqual([
      [1942, 4203],
      [1943, 52098],
    ]);
    const simulated = layers[2]?.data.values ?? [];
    expect(simulated.map((v) => v.period)).toEqual(summary.fiscalYears);
    expect(simulated[0]?.x).toBe(Number(summary.fiscalYears[0]?.slice(2)));
    const row = summary.rows.find(
      (r) => r.pool === '' && r.group === '' && r.metric === 'issued' && r.period === summary.fiscalYears[0],
    );
    expect(simulated[0]).toMatchObject({ p05: row?.stats.p05, p50: row?.stats.p50, p95: row?.stats.p95 });
    expect(texts(referenceBeside(summary)).title).toBe('Bracero contracts, 1942–1964 beside the results');
  });

  it('draws only the reference when nothing is named beside it; months sit between the years', () => {
    const spec = referenceBeside(
      bracero({ beside: undefined, kind: 'month', points: [{ column: 'v', period: '2024-07', value: 1 }] }),
    );
    const layers = panels(spec)[0]?.layer as Layer[];
    expect(layers.length).toBe(1);
    expect(layers[0]?.data.values[0]?.x).toBe(2024.5);
  });
});
