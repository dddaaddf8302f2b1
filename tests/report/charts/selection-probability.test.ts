import { describe, expect, it } from 'vitest';
import { groupColorScale } from '../../../src/report/charts/common.js';
import { selectionProbability } from '../../../src/report/charts/selection-probability.js';
import { makeSummary, makeSummaryTwoPrograms } from '../../helpers/summary-fixture.js';
import { encodings, panels, values } from './spec-helpers.js';

describe('selectionProbability', () => {
  const summary = makeSummary();
  const spec = selectionProbability(summary);

  it('has one point per group: the program-level selection rate over the horizon', () => {
    const vs = values(panels(spec)[0]);
    expect(vs.map((v) => v.group)).toEqual(summary.groups.map((g) => g.id));
    const hn = summary.rows.find(
      (r) => r.pool === '' && r.group === 'HN' && r.period === '' && r.metric === 'selection_rate',
    );
    expect(vs.find((v) => v.group === 'HN')).toMatchObject({ p50: Number(hn?.stats.p50.toPrecision(6)) });
  });

  it('draws the 5th–95th percentile as a line and the median as a dot on a 0–100% axis', () => {
    const layer = panels(spec)[0]?.layer as { mark: { type: string } }[];
    expect(layer.map((l) => l.mark.type)).toEqual(['rule', 'point', 'text']);
    const x = encodings(spec, 'x').find((e) => e.field === 'p05');
    expect(x).toMatchObject({ scale: { domain: [0, 1] }, axis: { format: '.0%' } });
  });

  it('uses the same group colours as the other charts', () => {
    expect(encodings(spec, 'color').find((c) => c.field === 'group')?.scale).toEqual(
      groupColorScale(summary),
    );
  });

  it('draws one panel per program when there are several', () => {
    const ps = panels(selectionProbability(makeSummaryTwoPrograms()));
    expect(ps.map((p) => (p.title as { text: string }).text)).toEqual([
      'Temporary work visas',
      'Temporary work visas (split by encounters)',
    ]);
  });

  it('is null without per-group selection rates', () => {
    expect(
      selectionProbability({ ...summary, rows: summary.rows.filter((r) => r.metric !== 'selection_rate') }),
    ).toBeNull();
  });
});
