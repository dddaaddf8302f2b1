/**
 * Numbers and words as the charts show them: d3 format strings for what vega draws, and the same
 * conventions (thousands separators, the minus sign, short title lines) for text built here.
 */

export const NUMBER_FORMAT = ',.0f';
export const PERCENT_FORMAT = '.0%';
/** Shares in tooltips, one decimal: "62.0%". */
export const SHARE_TOOLTIP_FORMAT = '.1%';
/** A change, always signed: "+1,200", "−300". */
export const SIGNED_FORMAT = '+,.0f';

/** Axis labels of a change: "+40,000", "0", "−40,000". */
export const SIGNED_AXIS = { format: NUMBER_FORMAT, labelExpr: "(datum.value > 0 ? '+' : '') + datum.label" };

/** Thousands separators for text that is not drawn by vega (subtitles, footers): 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  const whole = Math.round(Math.abs(n));
  const sign = n < 0 && whole !== 0 ? '-' : ''; // -0.4 is "0", not "-0"
  return sign + String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "+12,345" / "−40,000" / "0", with the minus sign the charts use. */
export function signedCount(x: number): string {
  const r = Math.round(x);
  if (r === 0) return '0';
  return `${r > 0 ? '+' : '−'}${formatCount(Math.abs(r))}`;
}

/** "1,000 runs" / "1 run" */
export function countRuns(runs: number): string {
  return `${formatCount(runs)} ${runs === 1 ? 'run' : 'runs'}`;
}

/** Data values in specs: integers stay as they are, others keep 6 significant digits, so specs are
 * small and stable. */
export function round6(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(6));
}

/** Split text into lines of at most `width` characters at spaces (longer words stay whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A chart title: one line, or lines of at most about 64 characters at the title's size. */
export function titleLines(text: string): string | string[] {
  const lines = wrap(text, 64);
  return lines.length === 1 ? (lines[0] ?? '') : lines;
}

/**
 * Axis labels that may run over several lines: a data value holds the lines joined by "\n" (see
 * `wrappedLabel`) and the axis splits it again. Long pool names then fit beside the bars.
 */
export const MULTILINE_LABELS = { labelExpr: "split(datum.value, '\\n')", labelLineHeight: 13 } as const;

/** A label wrapped for `MULTILINE_LABELS`: "Supplemental, returning workers …" → "Supplemental,\nreturning …". */
export function wrappedLabel(label: string, width: number): string {
  return wrap(label, width).join('\n');
}
