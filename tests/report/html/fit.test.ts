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

describe('fitSpec: axis label limits', () => {
  it("on a phone, cuts an axis's own label limit (which overrides the config's) to 110 px; wider boxes keep it", () => {
    const spec = {
      vconcat: [
        {
          width: 400,
          mark: 'bar',
          encoding: {
            y: { field: 'g', type: 'nominal', axis: { labelLimit: 260, ticks: false } },
            x: { field: 'v', type: 'quantitative', axis: { labelLimit: 80 } },
          },
        },
      ],
    };
    type Enc = { vconcat: { encoding: { y: { axis: object }; x: { axis: object } } }[] };
    const phone = fitSpec(spec, 358, 0) as Enc;
    expect(phone.vconcat[0]?.encoding.y.axis).toEqual({ labelLimit: 110, ticks: false });
    expect(phone.vconcat[0]?.encoding.x.axis).toEqual({ labelLimit: 80 });
    const wide = fitSpec(spec, 900, 0) as Enc;
    expect(wide.vconcat[0]?.encoding.y.axis).toEqual({ labelLimit: 260, ticks: false });
  });
});

describe('fitSpec: long names on a phone', () => {
  const rows = [
    'Family-sponsored preferences (INA 203(a)):\nF1 — unmarried sons and daughters of citizens',
    'Short',
  ];
  const spec = {
    vconcat: [
      {
        width: 300,
        height: { step: 36 },
        data: { values: rows.map((row, i) => ({ row, v: i })) },
        encoding: {
          y: { field: 'row', sort: rows, axis: { labelExpr: "split(datum.value, '\\n')", labelLimit: 240 } },
        },
        layer: [
          {
            mark: 'bar',
            encoding: { x: { field: 'v' }, color: { field: 'row', legend: { title: 'Pool' } } },
          },
        ],
      },
    ],
  };
  type View = {
    height: { step: number };
    data: { values: { row: string }[] };
    encoding: { y: { sort: string[] } };
    layer: { encoding: { color: { legend: { labelExpr?: string; title: string } } } }[];
  };

  it('wraps multi-line row labels again to 110 px, the same in the data and the sort, and makes the rows tall enough', () => {
    const view = (fitSpec(spec, 358, 0) as { vconcat: View[] }).vconcat[0] as View;
    const label = view.data.values[0]?.row ?? '';
    expect(label.split('\n').length).toBeGreaterThan(3);
    expect(label.split('\n').every((l) => l.length <= 18)).toBe(true);
    expect(label.replace(/\n/g, ' ')).toBe(rows[0]?.replace(/\n/g, ' '));
    expect(view.encoding.y.sort).toEqual(view.data.values.map((r) => r.row));
    expect(view.height.step).toBe(10 + 13 * label.split('\n').length);
    // legends: "Program: pool" on two lines
    expect(view.layer[0]?.encoding.color.legend.labelExpr).toContain("indexof(datum.label, ': ')");
    expect(view.layer[0]?.encoding.color.legend.title).toBe('Pool');
  });

  it('leaves them alone in a wide box', () => {
    const view = (fitSpec(spec, 900, 0) as { vconcat: View[] }).vconcat[0] as View;
    expect(view.data.values[0]?.row).toBe(rows[0]);
    expect(view.height.step).toBe(36);
    expect(view.layer[0]?.encoding.color.legend.labelExpr).toBeUndefined();
  });
});
