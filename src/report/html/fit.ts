/**
 * Charts that fill their container in report.html. Vega-lite's `width: "container"` works only for a
 * single or layered view, and every chart here is a vertical concatenation of panels, so the page
 * does what "container" does itself: it reads the width of the chart's box, narrows each panel by
 * as much as the chart overflows it, wraps the titles, subtitles and footer to the width, and limits
 * axis labels on a phone. The static SVG and PNG files keep their fixed widths: this runs only in
 * the page (the embed script carries its source, so it must not refer to anything outside itself).
 */

import { wrap } from '../charts/format.js';

/**
 * The spec to draw in a box `avail` pixels wide, after a first drawing came out `cut` pixels too wide
 * (0 before any drawing). Returns a new spec; the one given is not changed. The page passes
 * `wrapLine` (format.ts's `wrap`, whose source it carries too).
 * @example fitSpec(spec, 358, 0) // titles wrapped to 358 px; fitSpec(spec, 358, 375) // panels narrowed too
 */
export function fitSpec(
  spec: unknown,
  avail: number,
  cut: number,
  wrapLine: (text: string, width: number) => string[] = wrap,
): unknown {
  type Obj = Record<string, unknown>;
  const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
  const s = JSON.parse(JSON.stringify(spec)) as Obj;
  /** Lines rewrapped for text of about `px` pixels a character. */
  const rewrap = (text: unknown, px: number): unknown => {
    if (typeof text !== 'string' && !Array.isArray(text)) return text;
    const max = Math.max(16, Math.floor((avail - 8) / px));
    const lines = ([] as unknown[]).concat(text).flatMap((l) => wrapLine(String(l), max));
    return lines.length === 1 && !Array.isArray(text) ? lines[0] : lines;
  };
  const title = s.title;
  if (isObj(title)) {
    title.text = rewrap(title.text, 10.5);
    if (title.subtitle !== undefined) title.subtitle = rewrap(title.subtitle, 7.4);
  }
  const body = Array.isArray(s.vconcat) ? s.vconcat[0] : undefined;
  if (isObj(body) && isObj(body.title)) body.title.text = rewrap(body.title.text, 6.2);
  // panel titles (a pool's name and its cap) and subtitles
  const panels = (v: unknown): void => {
    if (!isObj(v) || !Array.isArray(v.vconcat)) return;
    for (const p of v.vconcat) {
      if (isObj(p) && isObj(p.title) && p !== body) {
        // on a phone, from the chart's left edge, not the plot's (after the axis labels), so the
        // wrapped lines fit
        if (avail < 560) p.title.frame = 'bounds';
        p.title.text = rewrap(p.title.text, 9.2);
        if (p.title.subtitle !== undefined) p.title.subtitle = rewrap(p.title.subtitle, 7.8);
      }
      panels(p);
    }
  };
  panels(s);
  /** f on every object of the spec below v (v included), parents first; data left out. */
  const eachObject = (v: unknown, f: (o: Obj) => void): void => {
    if (Array.isArray(v)) for (const x of v) eachObject(x, f);
    else if (isObj(v)) {
      f(v);
      for (const [k, x] of Object.entries(v)) if (k !== 'data' && k !== 'datasets') eachObject(x, f);
    }
  };
  if (cut > 0) {
    // narrow every view with a width of its own (a unit or layer spec), never below a third of it
    eachObject(s.vconcat ?? s, (v) => {
      if (typeof v.width !== 'number' || !('layer' in v || 'mark' in v)) return;
      const before: number = v.width;
      const after = Math.max(Math.round(before / 4), Math.round(before - cut));
      v.width = after;
      // text placed in pixels beside the plot (a column of labels at width + 10) moves with it
      const moved = before - after;
      for (const l of Array.isArray(v.layer) ? v.layer : []) {
        const x = isObj(l) && isObj(l.encoding) ? l.encoding.x : undefined;
        if (isObj(x) && typeof x.value === 'number' && x.value >= before) {
          x.value -= moved;
          // and is cut short with an ellipsis on a phone, where a long label would widen the
          // chart past its box (the axis labels, up to 110 px, sit left of the plot): the
          // figures are in the tooltips and tables
          if (avail < 560 && isObj(l)) {
            // less what the plot, at its narrowest, could not take of the overflow
            const room = Math.max(140, Math.round(avail - 130 - x.value - Math.max(0, cut - moved)));
            l.mark = isObj(l.mark) ? { ...l.mark, limit: room } : { type: l.mark, limit: room };
          }
        }
      }
    });
  }
  if (avail < 560) {
    const again = (t: unknown): unknown =>
      typeof t === 'string' ? wrapLine(t.replace(/\n/g, ' '), 18).join('\n') : t;
    // legend entries named "Program: pool" on two lines, so that entries of one program, cut at the
    // legend's label limit, still differ
    const twoLines =
      "indexof(datum.label, ': ') > 0 ? [substring(datum.label, 0, indexof(datum.label, ': ') + 1), substring(datum.label, indexof(datum.label, ': ') + 2)] : datum.label";
    eachObject(s, (v) => {
      // axis labels: at most 110 px on a phone, also where a chart's own axis allows more (the
      // config's limit below is only a default, which an axis of the spec overrides)
      if (isObj(v.axis) && typeof v.axis.labelLimit === 'number' && v.axis.labelLimit > 110)
        v.axis = { ...v.axis, labelLimit: 110 };
      const enc = isObj(v.encoding) ? v.encoding : undefined;
      if (!enc) return;
      // multi-line row labels (a view whose y axis splits its labels at "\n", with its rows in its
      // own data): wrapped again to what 110 px hold, and the rows made tall enough for their lines
      const y = isObj(enc.y) ? enc.y : undefined;
      const axis = y && isObj(y.axis) ? y.axis : undefined;
      const data = isObj(v.data) && Array.isArray(v.data.values) ? v.data.values : undefined;
      if (y && axis && typeof axis.labelExpr === 'string' && axis.labelExpr.includes('split(') && data) {
        const field = String(y.field);
        let lines = 1;
        for (const row of data)
          if (isObj(row)) {
            row[field] = again(row[field]);
            lines = Math.max(lines, String(row[field]).split('\n').length);
          }
        if (Array.isArray(y.sort)) y.sort = y.sort.map(again);
        if (isObj(v.height) && typeof v.height.step === 'number')
          v.height = { ...v.height, step: Math.max(v.height.step, 10 + 13 * lines) };
      }
      for (const channel of ['color', 'fill', 'stroke']) {
        const c = enc[channel];
        if (!isObj(c) || c.legend === null || typeof c.field !== 'string') continue;
        const legend = isObj(c.legend) ? c.legend : {};
        if (legend.labelExpr === undefined)
          enc[channel] = { ...c, legend: { ...legend, labelExpr: twoLines } };
      }
    });
    const config = isObj(s.config) ? s.config : {};
    config.axis = { ...(isObj(config.axis) ? config.axis : {}), labelLimit: 110 };
    config.legend = { ...(isObj(config.legend) ? config.legend : {}), labelLimit: Math.max(80, avail - 80) };
    s.config = config;
  }
  return s;
}
