/**
 * Chart rendering in Node: vega-lite spec → SVG (vega View, renderer 'none') → PNG (resvg with the
 * DejaVu TTFs shipped in dejavu-fonts-ttf and no system fonts), so the same spec gives the same bytes
 * on every machine (TOOLCHAIN.md §3). vega and vega-lite are imported on first use: importing this
 * module costs nothing until a chart is drawn.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as ResvgModule from '@resvg/resvg-js';
import type { VegaLiteSpec } from './charts/common.js';
import { loadFontMetrics } from './font-metrics.js';

/** The font the charts ask for; the PNG renderer has exactly this family and nothing else. */
export const CHART_FONT = 'DejaVu Sans';

/** The two TTF files used for chart text (regular and bold). */
export function chartFontFiles(): string[] {
  const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
  const dir = join(dirname(pkg), 'ttf');
  return [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')];
}

export interface CompiledChart {
  /** the vega spec vega-lite produced */
  vega: object;
  /** vega-lite warnings (a spec under test should have none) */
  warnings: string[];
}

/** Compile a vega-lite spec to vega, collecting warnings instead of printing them. */
export async function compileChart(spec: VegaLiteSpec): Promise<CompiledChart> {
  const vl = await import('vega-lite');
  const warnings: string[] = [];
  const collect = (...args: readonly unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  const logger = {
    level: () => logger,
    getLevel: () => 0,
    warn: collect,
    info: () => logger,
    debug: () => logger,
    error: (...args: readonly unknown[]) => {
      throw new Error(args.map(String).join(' '));
    },
  };
  const compiled = vl.compile(spec, { config: { font: CHART_FONT }, logger: logger as never });
  return { vega: compiled.spec, warnings };
}

interface TextItem {
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
  limit?: number | null;
}
type WidthFn = (item: TextItem, text?: unknown) => number;

let metricsInstalled = false;

/**
 * Make vega measure text with the DejaVu metrics (see font-metrics.ts). vega supports replacing
 * `textMetrics.width` for exactly this (vl-convert does the same); it is process-wide, and only
 * headless rendering uses it: browsers measure with their canvas.
 */
function installTextMetrics(vega: object): void {
  if (metricsInstalled) return;
  const tm = (vega as { textMetrics?: { width: WidthFn } }).textMetrics;
  if (!tm) return;
  const [regularFile, boldFile] = chartFontFiles();
  if (!regularFile || !boldFile) return;
  const regular = loadFontMetrics(regularFile);
  const bold = loadFontMetrics(boldFile);
  tm.width = (item, text) => {
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const str = text == null ? '' : String(text).trim();
    const w = item.fontWeight === 'bold' || item.fontWeight === 'bolder' || Number(item.fontWeight) >= 600;
    const width = (w ? bold : regular).width(str, size);
    // text longer than its limit is drawn cut short with "…", so it is at most `limit` wide
    return item.limit != null && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
  metricsInstalled = true;
}

/**
 * SVG text of a vega-lite spec.
 * @example const svg = await renderSvg(buildCharts(summary)[0].spec)
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, { vega: compiled }] = await Promise.all([import('vega'), compileChart(spec)]);
  installTextMetrics(vega);
  const view = new vega.View(vega.parse(compiled as never), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** resvg's options: twice the SVG's size, white background, DejaVu Sans and no system font. */
function pngOptions(): ResvgModule.ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: chartFontFiles(),
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
  };
}

// required on first use (a native addon), so importing the report stage stays cheap
const resvg = () => createRequire(import.meta.url)('@resvg/resvg-js') as typeof ResvgModule;

/**
 * PNG bytes of an SVG at twice its size, with text in DejaVu Sans whatever fonts the machine has.
 * @example writeFileSync('chart.png', renderPng(svg))
 */
export function renderPng(svg: string): Buffer {
  const { Resvg } = resvg();
  return new Resvg(svg, pngOptions()).render().asPng();
}

/**
 * `renderPng` off the main thread: resvg lays the text out and draws the image on libuv's thread
 * pool, so several charts render at once while the main thread builds the next SVG. The same bytes
 * as `renderPng` (the same options, the same code; tests/report/render.test.ts).
 */
export async function renderPngAsync(svg: string): Promise<Buffer> {
  const image = await resvg().renderAsync(svg, pngOptions());
  return image.asPng();
}

/**
 * Start loading vega, vega-lite and the chart font metrics without waiting: called when a run that
 * draws charts starts simulating, so the ≈ 0.25 s of imports overlap the simulation (whose work is on
 * worker threads) instead of following it. A failure here is left to the real import to report.
 */
export function preloadChartRenderer(): void {
  void Promise.all([import('vega'), import('vega-lite')]).then(
    ([vega]) => installTextMetrics(vega),
    () => undefined,
  );
}
