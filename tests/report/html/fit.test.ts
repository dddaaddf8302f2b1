import { describe, expect, it } from 'vitest';
import { fitSpec } from '../../../src/report/html/fit.js';

const spec = {
  title: { text: 'Who gets the visas: issued by country and pool', subtitle: ['a '.repeat(60).trim()] },
  config: { axis: { labelFontSize: 11 } },
  vconcat: [
    {
      title: { text: ['Sources: one; two'] },
      vconcat: [
        { title: { text: 'A long panel title that would not fit on a phone at all' }, width: 440, layer: [] },
        { width: 620, mark: { type: 'bar', width: 5 } },
      ],
    },
  ],
};

describe('fitSpec', () => {
  it('leaves a wide box alone, and never changes the spec given', () => {
    const copy = JSON.parse(JSON.stringify(spec));
    expect(fitSpec(spec, 1200, 0)).toEqual(spec);
    expect(spec).toEqual(copy);
  });

  it('on a phone, starts panel titles at the chart’s edge and cuts labels beside a plot to the room left', () => {
    const panelSpec = {
      title: { text: 'Central American half (150,000)' },
      width: 340,
      layer: [{ mark: 'bar' }, { mark: { type: 'text', align: 'left' }, encoding: { x: { value: 350 } } }],
    };
    const beside = { vconcat: [{ title: { text: 'Sources: one' }, vconcat: [panelSpec] }] };
    type Panel = {
      title: { frame?: string };
      width: number;
      layer: { mark: unknown; encoding?: { x: { value: number } } }[];
    };
    const panelOf = (v: unknown) => (v as { vconcat: { vconcat: Panel[] }[] }).vconcat[0]?.vconcat[0];
    const panel = panelOf(fitSpec(beside, 362, 300));
    expect(panel?.title.frame).toBe('bounds');
    // the plot narrows to a quarter (85), its labels move with it (350 − 255 = 95) and are cut at
    // what is left (362 − 130 − 95, less the 45 px of overflow the plot could not take), never below 140 px
    expect(panel?.width).toBe(85);
    expect(panel?.layer[1]?.encoding?.x.value).toBe(95);
    expect(panel?.layer[1]?.mark).toEqual({ type: 'text', align: 'left', limit: 140 });
    expect(panel?.layer[0]?.mark).toBe('bar');
    expect(panelOf(fitSpec(beside, 1200, 0))?.title.frame).toBeUndefined();
  });

  it('wraps titles to a phone, narrows views by the overflow (not marks) and limits labels', () => {
    const fitted = fitSpec(spec, 358, 300) as typeof spec & { config: { axis: { labelLimit: number } } };
    expect(Array.isArray(fitted.title.subtitle)).toBe(true);
    expect(fitted.title.subtitle.length).toBeGreaterThan(1);
    const panels = (fitted.vconcat[0] as { vconcat: { width: number; title?: { text: unknown } }[] }).vconcat;
    expect(panels.map((p) => p.width)).toEqual([140, 320]);
    expect(Array.isArray(panels[0]?.title?.text)).toBe(true);
    expect((panels[1] as unknown as { mark: { width: number } }).mark.width).toBe(5);
    expect(fitted.config.axis.labelLimit).toBe(110);
  });
});
