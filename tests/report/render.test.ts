import { beforeAll, describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/charts/index.js';
import {
  compileChart,
  preloadChartRenderer,
  renderPng,
  renderPngAsync,
  renderSvg,
} from '../../src/report/render.js';
import { makeSummary } from '../helpers/summary-fixture.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderSvg and renderPng', () => {
  const charts = buildCharts(makeSummary());
  const chart = (name: string) => {
    const c = charts.find((x) => x.name === name);
    if (!c) throw new Error(`no chart ${name}`);
    return c.spec;
  };

  const svgs = new Map<string, string>();
  beforeAll(async () => {
    for (const { name, spec } of charts) svgs.set(name, await renderSvg(spec));
  });

  it('renders the title, labels and marks into SVG', () => {
    const svg = svgs.get('issued-by-group') ?? '';
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Who gets the visas: issued by country and pool');
    expect(svg).toContain('status: proposed');
    expect(svg).toContain('Guatemala');
    expect(svg).toContain('Other nationals located in Mexico'); // not cut short with "…"
    expect(svg).toContain('Sources: US to give temporary work visas');
    expect(svg).toContain('1,000 runs, seed 2022');
    expect(svg).toMatch(/role="graphics-symbol"/);
    expect(svg).toContain('font-family="DejaVu Sans');
    expect(svg).not.toContain('…');
  });

  it('keeps every chart about 700 px wide, with nothing cut short', () => {
    for (const [name, svg] of svgs) {
      const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
      expect({ name, width: width > 600 && width <= 760 }).toEqual({ name, width: true });
      expect({ name, ellipsis: svg.includes('…') }).toEqual({ name, ellipsis: false });
    }
  });

  it('compiles to vega with no warnings', async () => {
    const { vega, warnings } = await compileChart(chart('backlog-over-time'));
    expect(warnings).toEqual([]);
    expect(vega).toHaveProperty('marks');
  });

  it('writes a PNG, byte-identical from one render to the next', async () => {
    const svg = svgs.get('backlog-over-time') ?? '';
    expect(await renderSvg(chart('backlog-over-time'))).toBe(svg);
    const a = renderPng(svg);
    const b = renderPng(svg);
    expect(a.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(a.equals(b)).toBe(true);
    // zoom 2: IHDR width is twice the SVG width
    const svgWidth = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
    expect(a.readUInt32BE(16)).toBe(Math.round(2 * svgWidth));
  });

  it('renders the same PNG bytes off the main thread, several charts at once', async () => {
    const all = [...svgs.values()];
    const async = await Promise.all(all.map((svg) => renderPngAsync(svg)));
    all.forEach((svg, i) => {
      expect(async[i]?.equals(renderPng(svg))).toBe(true);
    });
  });

  it('preloads vega without changing what it draws', async () => {
    preloadChartRenderer();
    preloadChartRenderer();
    for (const { name, spec } of charts) expect(await renderSvg(spec)).toBe(svgs.get(name));
  });
});
