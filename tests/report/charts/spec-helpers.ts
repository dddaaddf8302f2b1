/** Small readers for the chart specs under test (not a test file). */
import type { VegaLiteSpec } from '../../../src/report/charts/common.js';

export type Json = Record<string, unknown>;

/** The chart's panels: the frame is `{ title, vconcat: [{ title: footer, vconcat: panels }] }`. */
export function panels(spec: VegaLiteSpec | null): Json[] {
  if (!spec) throw new Error('expected a chart, got null');
  const body = (spec as unknown as { vconcat: { vconcat: Json[] }[] }).vconcat[0];
  return body?.vconcat ?? [];
}

export function values(panel: Json | undefined): Json[] {
  return ((panel?.data as { values: Json[] } | undefined)?.values ?? []) as Json[];
}

export function allValues(spec: VegaLiteSpec | null): Json[] {
  return panels(spec).flatMap((p) => values(p));
}

/** Title, subtitle lines and footer lines of a chart. */
export function texts(spec: VegaLiteSpec | null): { title: string; subtitle: string[]; footer: string[] } {
  if (!spec) throw new Error('expected a chart, got null');
  const title = spec.title as { text: string; subtitle: string[] };
  const body = (spec as unknown as { vconcat: { title: { text: string[] } }[] }).vconcat[0];
  const footer = body?.title.text ?? [];
  return { title: title.text, subtitle: title.subtitle, footer };
}

/** Every encoding of `channel` anywhere in the spec (layers, panels). */
export function encodings(spec: unknown, channel: string): Json[] {
  const out: Json[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      const enc = o.encoding as Json | undefined;
      const value = enc?.[channel];
      if (value && typeof value === 'object') out.push(value as Json);
      for (const child of Object.values(o)) walk(child);
    }
  };
  walk(spec);
  return out;
}
