/**
 * What report.html carries besides the content: the inlined browser libraries, the embed script, the
 * style sheet, and the escaping that keeps scenario text and inlined code from breaking out of their
 * elements.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { wrap } from './charts/format.js';
import { chartDataCsv, standaloneChartPage } from './html/downloads.js';
import { jsonForScript } from './html/escape.js';
import { fitSpec } from './html/fit.js';

/** vega-embed options: export only (the editor and source views would need the network). */
export const EMBED_OPTIONS = {
  actions: { export: true, source: false, compiled: false, editor: false },
  renderer: 'svg',
};

export { escapeHtml, escapeInlineScript, jsonForScript } from './html/escape.js';

/** The minified browser builds, read from the installed packages. */
export function readBrowserLibraries(): { name: string; code: string }[] {
  const req = createRequire(import.meta.url);
  // The packages export only their ES entry points; the UMD builds sit beside them in build/.
  const builds: [string, string][] = [
    ['vega', 'vega.min.js'],
    ['vega-lite', 'vega-lite.min.js'],
    ['vega-embed', 'vega-embed.min.js'],
  ];
  return builds.map(([pkg, file]) => ({
    name: pkg,
    code: readFileSync(join(dirname(req.resolve(pkg)), file), 'utf8'),
  }));
}

export const REPORT_CSS = `
:root { color-scheme: light; --ink: #222; --muted: #555; --line: #ddd; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: var(--ink); background: #fff; margin: 0; line-height: 1.5; }
header, main { max-width: 960px; margin: 0 auto; padding: 0 24px; }
html, body { overflow-wrap: break-word; }
header { padding-top: 28px; }
.kicker { color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 12px; margin: 0; }
h1 { font-size: 28px; line-height: 1.25; margin: 4px 0 10px; }
h2 { font-size: 20px; margin: 36px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 0 0 8px; }
.badge { display: inline-block; border-radius: 3px; padding: 1px 8px; font-size: 12px; font-weight: bold; text-transform: uppercase; letter-spacing: .04em; background: #eee; color: #333; vertical-align: 1px; }
.status-proposed { background: #fdebd0; color: #7a4100; }
.status-announced { background: #d6eaf8; color: #0b4a75; }
.status-implemented { background: #d5f5e3; color: #0e5c2f; }
.status-hypothetical { background: #ebdef0; color: #5b2c6f; }
.badge.assumption { background: #fff3c4; color: #6b5300; }
.description { font-size: 16px; max-width: 46em; }
.lead { font-size: 17px; max-width: 46em; background: #f3f7fa; border-left: 4px solid var(--accent); padding: 10px 14px; margin: 16px 0 0; }
.lead p { margin: 0 0 6px; }
.lead p:last-child, .lead ul:last-child { margin-bottom: 0; }
.lead ul { margin: 0 0 6px; padding-left: 22px; }
.lead .num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.kicker code { text-transform: none; letter-spacing: 0; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table.figures th.wrap, table.figures th.num.wrap { white-space: normal; }
dl.scenarios { display: grid; grid-template-columns: max-content 1fr; gap: 8px 14px; margin: 8px 0 12px; }
dl.scenarios dt { font-weight: bold; font-size: 20px; line-height: 1.2; }
dl.scenarios dd { margin: 0; }
dl.scenarios .description { color: var(--muted); font-size: 14px; }
table.figures { border-collapse: collapse; width: 100%; font-size: 14px; }
table.figures th, table.figures td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
table.figures thead th { border-bottom: 2px solid #999; font-weight: bold; }
table.figures td.num, table.figures th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.range { color: var(--muted); }
.nowrap { white-space: nowrap; }
.note { color: var(--muted); font-size: 13px; }
figure.chart { margin: 0 0 32px; break-inside: avoid; page-break-inside: avoid; max-width: 100%; }
.vis { min-height: 120px; width: 100%; }
.vis.vega-embed { display: block; }
.vis svg.marks { max-width: 100%; height: auto; }
.downloads { font-size: 13px; color: var(--muted); margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.downloads button { font: inherit; color: #0a5a8c; background: #fff; border: 1px solid #9bb8cc; border-radius: 3px; padding: 2px 8px; cursor: pointer; }
@media print { .downloads { display: none; } }
figure.chart figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
.group-table h3 { font-size: 16px; margin: 0 0 4px; }
.status-modified { background: #fadbd8; color: #922b21; }
.range-of { color: var(--muted); }
a { color: #0a5a8c; }
ul.checks, ul.assumptions { padding-left: 0; list-style: none; }
ul.checks li, ul.assumptions li { margin: 6px 0; }
li.ok .badge { background: #d5f5e3; color: #0e5c2f; }
li.failed .badge { background: #fadbd8; color: #922b21; }
.id { color: var(--muted); font-size: 12px; }
dl.manifest { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 13px; }
dl.manifest dt { color: var(--muted); }
dl.manifest dd { margin: 0; word-break: break-all; }
pre { font-size: 12px; background: #f6f6f6; padding: 12px; overflow-x: auto; max-height: 480px; }
footer { max-width: 960px; margin: 40px auto 24px; padding: 0 24px; color: var(--muted); font-size: 12px; }
@media (max-width: 600px) {
  header, main, footer { padding: 0 14px; }
  h1 { font-size: 23px; }
  .lead { font-size: 16px; }
  dl.manifest, dl.scenarios { grid-template-columns: 1fr; }
  table.figures th[scope="row"] { min-width: 10em; }
}
@media print {
  header, main, footer { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure.chart, table.figures tr { break-inside: avoid; page-break-inside: avoid; }
  .vega-embed .vega-actions, .vega-embed summary { display: none !important; }
  details { display: block; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 11px; color: var(--muted); word-break: break-all; }
}
`;

/**
 * The script that embeds every chart, fitted to its box (html/fit.ts): drawn once, drawn again
 * narrower when it came out wider than the box, and again when the window's width changes. It marks
 * the body rendered ("1") or failed ("error") after the first drawing of every chart.
 * `window.visasimCharts.redraw(names)` draws the named charts again from their spec elements (the
 * interactive report, after a rerun).
 */
export function embedScript(names: readonly string[]): string {
  return `(function () {
  var names = ${jsonForScript(names)};
  var options = ${jsonForScript(EMBED_OPTIONS)};
  var fitSpec = ${fitSpec.toString()};
  var wrapLine = ${wrap.toString()};
  var views = {};
  function done(state) { document.body.dataset.rendered = state; }
  // the width a chart may take: its box's, less the box's padding
  function inner(el) {
    var cs = window.getComputedStyle(el);
    return Math.max(200, Math.floor(el.clientWidth - parseFloat(cs.paddingLeft || '0') - parseFloat(cs.paddingRight || '0')));
  }
  if (typeof vegaEmbed !== 'function') { done('error'); return; }
  function draw(name) {
    var el = document.getElementById('vis-' + name);
    var spec = JSON.parse(document.getElementById('spec-' + name).textContent);
    var avail = inner(el);
    var show = function (cut) {
      if (views[name]) views[name].finalize();
      return vegaEmbed(el, fitSpec(spec, avail, cut, wrapLine), options).then(function (r) {
        views[name] = r;
        // vega-embed's menu button has an icon and no words
        var summary = el.querySelector('details > summary');
        if (summary) summary.setAttribute('aria-label', 'Download this chart (SVG or PNG)');
        return r;
      });
    };
    el.dataset.width = String(avail);
    // draw, then narrow by what overflows, at most four times more (labels beside a plot move with it)
    var fit = function (cut, tries) {
      return show(cut).then(function () {
        // the embed's menu button takes a padding of its own once drawn: fit to what is left
        var room = inner(el);
        if (room < avail) {
          avail = room;
          el.dataset.width = String(avail);
          return fit(cut, tries);
        }
        var svg = el.querySelector('svg.marks');
        var over = (svg ? Number(svg.getAttribute('width')) : 0) - avail;
        return over > 0 && tries > 0 ? fit(cut + over, tries - 1) : undefined;
      });
    };
    return fit(0, 4);
  }
  Promise.all(names.map(draw)).then(function () { done('1'); }, function (err) {
    done('error');
    if (window.console) console.error(err);
  });
  // the interactive report (src/report/interactive/) draws new specs after a rerun
  window.visasimCharts = {
    redraw: function (list) {
      Object.keys(views).forEach(function (name) { views[name].finalize(); });
      views = {};
      names = list;
      return Promise.all(names.map(draw)).then(function () {}, function (err) {
        if (window.console) console.error(err);
      });
    },
  };
  var chartDataCsv = ${chartDataCsv.toString()};
  var standaloneChartPage = ${standaloneChartPage.toString()};
  function save(url, file) {
    var a = document.createElement('a');
    a.href = url;
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function blobUrl(text, type) { return URL.createObjectURL(new Blob([text], { type: type })); }
  // the buttons under each chart: PNG, SVG, its data as CSV, and the chart alone as a page
  document.addEventListener('click', function (e) {
    var b = e.target && e.target.closest ? e.target.closest('button[data-get]') : null;
    if (!b) return;
    var name = b.getAttribute('data-chart');
    var get = b.getAttribute('data-get');
    var specText = document.getElementById('spec-' + name).textContent;
    if (get === 'png' || get === 'svg') {
      if (views[name]) views[name].view.toImageURL(get, get === 'png' ? 2 : 1).then(function (url) { save(url, name + '.' + get); });
    } else if (get === 'csv') {
      save(blobUrl(chartDataCsv(JSON.parse(specText)), 'text/csv'), name + '.csv');
    } else {
      var libs = Array.prototype.map.call(document.querySelectorAll('script[data-library]'), function (s) { return s.textContent; });
      var title = (document.getElementById('caption-' + name).querySelector('strong') || {}).textContent || name;
      var url = blobUrl(standaloneChartPage(title, specText, libs), 'text/html');
      if (get === 'html') save(url, name + '.html');
      else window.open(url, '_blank', 'noopener');
    }
  });
  var timer;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      names.forEach(function (name) {
        var el = document.getElementById('vis-' + name);
        if (Math.abs(inner(el) - Number(el.dataset.width)) > 24) draw(name);
      });
    }, 200);
  });
})();`;
}
