import { describe, expect, it } from 'vitest';
import { groupColorScale } from '../../../src/report/charts/common.js';
import { issuedByGroup } from '../../../src/report/charts/issued-by-group.js';
import { makeSummary, makeSummaryTwoPrograms } from '../../helpers/summary-fixture.js';
import { allValues, encodings, panels, texts, values } from './spec-helpers.js';

describe('issuedByGroup', () => {
  const summary = makeSummary();
  const spec = issuedByGroup(summary);

  it('draws one panel per pool, titled with the pool and its cap', () => {
    const ps = panels(spec);
    expect(ps.map((p) => p.title)).toMatchObject([
      { text: 'Mexico', subtitle: 'cap 150,000 a year · 750,000 over FY2024–FY2028' },
      { text: 'Central America', subtitle: 'cap 150,000 a year · 750,000 over FY2024–FY2028' },
    ]);
    expect(values(ps[0]).map((v) => v.group)).toEqual(['MX', 'OTH']);
    expect(values(ps[1]).map((v) => v.group)).toEqual(['GT', 'HN', 'SV', 'NI', 'CR', 'PA', 'BZ']);
  });

  it('shows a Cap line in the tooltip only for a pool split by group (never "Cap: null")', () => {
    const titles = (panel: unknown) =>
      (encodings(panel, 'tooltip')[0] as unknown as { title: string }[]).map((t) => t.title);
    const [mexico, ca] = panels(spec);
    expect(titles(mexico)).not.toContain('Cap');
    expect(titles(ca)).toContain('Cap');
  });

  it('gives each pool its own x scale when the pools differ in size by more than 3 times', () => {
    const resolveOf = (s: unknown) =>
      (s as { vconcat: { resolve: { scale: { x: string } } }[] }).vconcat[0]?.resolve.scale.x;
    expect(resolveOf(spec)).toBe('shared');
    const small = {
      ...summary,
      rows: summary.rows.map((r) =>
        r.pool === 'central-america' && r.metric === 'issued'
          ? {
              ...r,
              stats: { ...r.stats, p05: r.stats.p05 / 20, p50: r.stats.p50 / 20, p95: r.stats.p95 / 20 },
            }
          : r,
      ),
    };
    const independent = issuedByGroup(small);
    expect(resolveOf(independent)).toBe('independent');
    expect(texts(independent).subtitle.join(' ')).toContain('Each pool has its own scale');
  });

  it('takes issued over the whole horizon per pool × group, with the median and 5th–95th percentile', () => {
    const gt = allValues(spec).find((v) => v.group === 'GT');
    const row = summary.rows.find(
      (r) => r.pool === 'central-america' && r.group === 'GT' && r.period === '' && r.metric === 'issued',
    );
    expect(gt).toMatchObject({
      groupName: 'Guatemala',
      p50: row?.stats.p50,
      p05: row?.stats.p05,
      p95: row?.stats.p95,
    });
  });

  it("shows a group's cap where the pool is split, and none where it is not", () => {
    const vs = allValues(spec);
    expect(vs.find((v) => v.group === 'GT')?.cap).toBe(5 * 50_916);
    expect(vs.find((v) => v.group === 'MX')?.cap).toBeNull();
    const markTypes = (i: number) =>
      ((panels(spec)[i]?.layer ?? []) as { mark: { type: string } }[]).map((l) => l.mark.type);
    expect(markTypes(0)).toEqual(['bar', 'rule']);
    const caLayers = markTypes(1);
    expect(caLayers).toEqual(['bar', 'rule', 'tick']);
    expect(texts(spec).subtitle.join(' ')).toContain('Black tick');
  });

  it('colours bars by group with the fixed scale and puts the groups with most visas on top', () => {
    const colors = encodings(spec, 'color').filter((c) => c.field === 'group');
    expect(colors.length).toBeGreaterThan(0);
    for (const c of colors) expect(c.scale).toEqual(groupColorScale(summary));
    const sort = encodings(spec, 'y')[0]?.sort as string[];
    expect(sort.indexOf('Guatemala')).toBeLessThan(sort.indexOf('Belize'));
  });

  it('labels the axis in visas with thousands separators and has a tooltip', () => {
    const x = encodings(spec, 'x').find((e) => e.field === 'p50');
    expect(x?.axis).toMatchObject({ format: ',.0f' });
    expect(encodings(spec, 'tooltip').length).toBeGreaterThan(0);
    const lastX = encodings(panels(spec)[1], 'x').find((e) => e.field === 'p50');
    expect(lastX?.title).toBe('visas issued, FY2024–FY2028');
  });

  it('leaves out a group that never got a visa from a pool, and says so', () => {
    const s = makeSummary();
    s.rows = s.rows.map((r) =>
      r.pool === 'mexico' && r.group === 'OTH' && r.period === '' && r.metric === 'issued'
        ? {
            ...r,
            stats: { ...r.stats, mean: 0, sd: 0, min: 0, p05: 0, p25: 0, p50: 0, p75: 0, p95: 0, max: 0 },
          }
        : r,
    );
    const out = issuedByGroup(s);
    expect(values(panels(out)[0]).map((v) => v.group)).toEqual(['MX']);
    expect(texts(out).subtitle.join(' ')).toContain('never got a visa from a pool');
    expect(texts(spec).subtitle.join(' ')).not.toContain('never got a visa');
  });

  it('keeps pools of different programs apart', () => {
    const ps = panels(issuedByGroup(makeSummaryTwoPrograms()));
    expect(ps).toHaveLength(4);
    expect((ps[2]?.title as { text: string } | undefined)?.text).toMatch(
      /^Temporary work visas \(split by encounters\): Mexico/,
    );
  });

  it('is null without per-group issued rows', () => {
    expect(issuedByGroup({ ...summary, rows: summary.rows.filter((r) => r.group === '') })).toBeNull();
  });
});
