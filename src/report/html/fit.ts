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
  if (cut > 0) {
    // narrow every view with a width of its own (a unit or layer spec), never below a third of it
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isObj(v)) {
        if (typeof v.width === 'number' && ('layer' in v || 'mark' in v)) {
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
        }
        for (const [k, x] of Object.entries(v)) if (k !== 'data' && k !== 'datasets') walk(x);
      }
    };
    walk(s.vconcat ?? s);
  }
  if (avail < 560) {
    const config = isObj(s.config) ? s.config : {};
    config.axis = { ...(isObj(config.axis) ? config.axis : {}), labelLimit: 110 };
    config.legend = { ...(isObj(config.legend) ? config.legend : {}), labelLimit: Math.max(80, avail - 80) };
    s.config = config;
  }
  return s;
}
