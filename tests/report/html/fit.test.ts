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
