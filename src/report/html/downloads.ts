/**
 * What a reader can take away from each chart of report.html: the chart as PNG or SVG (drawn by
 * vega in the page), its data as CSV, and the chart alone as an offline page to embed in a story.
 * The functions here run in the page (the embed script carries their source, so they must not refer
 * to anything outside themselves) and in Node's tests.
 */

/**
 * Every row the chart draws, as CSV: the rows of each `data.values` in the spec, in order, under the
 * union of their fields (first seen first). Fields holding lists or objects are written as JSON.
 * @example chartDataCsv({ data: { values: [{ group: 'MX', p50: 3 }] } }) // 'group,p50\nMX,3\n'
 */
export function chartDataCsv(spec: unknown): string {
  const rows: Record<string, unknown>[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const data = o.data as { values?: unknown } | undefined;
      if (data && Array.isArray(data.values))
        for (const r of data.values) if (r && typeof r === 'object') rows.push(r as Record<string, unknown>);
      for (const [k, x] of Object.entries(o)) if (k !== 'data') walk(x);
    }
  };
  walk(spec);
  const fields: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!fields.includes(k)) fields.push(k);
  const cell = (x: unknown): string => {
    if (x === null || x === undefined) return '';
    const text = typeof x === 'object' ? JSON.stringify(x) : String(x);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [fields.join(','), ...rows.map((r) => fields.map((f) => cell(r[f])).join(','))].join('\n') + '\n';
}

/**
 * One chart alone as an offline page: its title, the chart, and the libraries it needs, inlined.
 * `libraries` are the scripts' code; `specJson` the spec as JSON safe for a script element.
 */
export function standaloneChartPage(title: string, specJson: string, libraries: readonly string[]): string {
  const escapeText = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  // the page is built inside report.html's own script: no literal script tag may appear in it
  const lt = String.fromCharCode(60);
  const open = `${lt}script`;
  const close = `${lt}/script>`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(title)}</title>`,
    '<style>body{margin:0;padding:12px;font-family:"DejaVu Sans",Verdana,Arial,sans-serif}#vis svg{max-width:100%;height:auto}</style>',
    '</head><body>',
    `<div id="vis" role="figure" aria-label="${escapeText(title)}"></div>`,
    `${open} type="application/json" id="spec">${specJson}${close}`,
    ...libraries.map((code) => `${open}>${code}${close}`),
    `${open}>vegaEmbed('#vis', JSON.parse(document.getElementById('spec').textContent), { actions: { export: true, source: false, compiled: false, editor: false }, renderer: 'svg' }).then(function () { document.body.dataset.rendered = '1'; });${close}`,
    '</body></html>',
    '',
  ].join('\n');
}
