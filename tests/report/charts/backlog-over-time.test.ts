import { describe, expect, it } from 'vitest';
import { backlogOverTime } from '../../../src/report/charts/backlog-over-time.js';
import { makeSummary, makeSummaryTwoPrograms } from '../../helpers/summary-fixture.js';
import { encodings, panels, texts, values } from './spec-helpers.js';

describe('backlogOverTime', () => {
  const summary = makeSummary();
  const spec = backlogOverTime(summary);

  it('takes the program-level backlog for each fiscal year', () => {
    const vs = values(panels(spec)[0]);
    expect(vs.map((v) => v.period)).toEqual(summary.fiscalYears);
    const last = summary.rows.find(
      (r) => r.pool === '' && r.group === '' && r.period === 'FY2028' && r.metric === 'backlog',
    );
    expect(vs.at(-1)).toMatchObject({ p05: last?.stats.p05, p25: last?.stats.p25, p50: last?.stats.p50 });
  });

  it('is a fan chart: 90% band, 50% band, median line', () => {
    const layer = panels(spec)[0]?.layer as {
      mark: { type: string; opacity?: number };
      encoding: Record<string, { field?: string }>;
    }[];
    expect(layer.map((l) => l.mark.type)).toEqual(['area', 'area', 'line']);
    expect([layer[0]?.encoding.y?.field, layer[0]?.encoding.y2?.field]).toEqual(['p05', 'p95']);
    expect([layer[1]?.encoding.y?.field, layer[1]?.encoding.y2?.field]).toEqual(['p25', 'p75']);
    expect(layer[2]?.encoding.y?.field).toBe('p50');
    expect(texts(spec).subtitle.join(' ')).toMatch(/middle 50% of runs.*90% of runs/);
  });

  it('labels axes with units', () => {
    expect(encodings(spec, 'x')[0]).toMatchObject({ title: 'fiscal year', sort: summary.fiscalYears });
    expect(encodings(spec, 'y')[0]).toMatchObject({
      title: 'applicants waiting (backlog)',
      axis: { format: ',.0f' },
    });
  });

  it('shows a legend only when there are several programs', () => {
    expect(encodings(spec, 'color')[0]?.legend).toBeNull();
    const two = backlogOverTime(makeSummaryTwoPrograms());
    expect(encodings(two, 'color')[0]?.legend).toMatchObject({ orient: 'top' });
    expect(new Set(values(panels(two)[0]).map((v) => v.program)).size).toBe(2);
  });

  it('is null without fiscal-year backlog rows', () => {
    expect(
      backlogOverTime({ ...summary, rows: summary.rows.filter((r) => r.metric !== 'backlog') }),
    ).toBeNull();
    expect(backlogOverTime({ ...summary, fiscalYears: [] })).toBeNull();
  });
});
