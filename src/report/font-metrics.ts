/**
 * Text widths from the DejaVu TTF files, for laying out charts in Node. Without a canvas, vega guesses
 * a width of 0.8 × font size per character, about 35% too wide for DejaVu Sans: labels get cut short
 * with "…" and titles push the chart wider than it is. Reading the advance widths from the same
 * font files resvg draws with makes the SVG layout match the PNG (kerning is ignored).
 *
 * Only the tables needed are read: head (units per em), hhea and hmtx (advance widths) and a
 * format 4 cmap (Unicode BMP → glyph).
 */
import { readFileSync } from 'node:fs';

export interface FontMetrics {
  /** width in pixels of `text` at `fontSize` pixels */
  width(text: string, fontSize: number): number;
}

function tables(buf: Buffer): Map<string, number> {
  const count = buf.readUInt16BE(4);
  const out = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const rec = 12 + 16 * i;
    out.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  return out;
}

function need(map: Map<string, number>, tag: string, file: string): number {
  const offset = map.get(tag);
  if (offset === undefined) throw new Error(`${file}: no '${tag}' table`);
  return offset;
}

/** Glyph lookup from the first Unicode BMP cmap subtable in format 4. */
function cmapLookup(buf: Buffer, cmap: number, file: string): (code: number) => number {
  const count = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const sub = cmap + buf.readUInt32BE(rec + 4);
    const unicodeBmp = (platform === 3 && encoding === 1) || (platform === 0 && encoding <= 3);
    if (!unicodeBmp || buf.readUInt16BE(sub) !== 4) continue;
    const segCount = buf.readUInt16BE(sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + 2 * segCount + 2;
    const deltas = starts + 2 * segCount;
    const rangeOffsets = deltas + 2 * segCount;
    return (code) => {
      if (code > 0xffff) return 0;
      for (let s = 0; s < segCount; s++) {
        if (code > buf.readUInt16BE(ends + 2 * s)) continue;
        const start = buf.readUInt16BE(starts + 2 * s);
        if (code < start) return 0;
        const delta = buf.readInt16BE(deltas + 2 * s);
        const ro = buf.readUInt16BE(rangeOffsets + 2 * s);
        if (ro === 0) return (code + delta) & 0xffff;
        const glyph = buf.readUInt16BE(rangeOffsets + 2 * s + ro + 2 * (code - start));
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
      return 0;
    };
  }
  throw new Error(`${file}: no Unicode format 4 cmap`);
}

/** Metrics of one TTF file. */
export function loadFontMetrics(file: string): FontMetrics {
  const buf = readFileSync(file);
  const t = tables(buf);
  const unitsPerEm = buf.readUInt16BE(need(t, 'head', file) + 18);
  const numberOfHMetrics = buf.readUInt16BE(need(t, 'hhea', file) + 34);
  const hmtx = need(t, 'hmtx', file);
  const glyphOf = cmapLookup(buf, need(t, 'cmap', file), file);
  const advanceOf = (glyph: number) => buf.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));
  const cache = new Map<number, number>();
  const advance = (code: number): number => {
    let a = cache.get(code);
    if (a === undefined) {
      a = advanceOf(glyphOf(code)) / unitsPerEm;
      cache.set(code, a);
    }
    return a;
  };
  return {
    width(text, fontSize) {
      let em = 0;
      for (const ch of text) em += advance(ch.codePointAt(0) ?? 0);
      return em * fontSize;
    },
  };
}
