/**
 * report.html in a real browser: Debian's chromium driven by playwright-core (TOOLCHAIN.md §4). The
 * single-scenario, comparison and sweep reports are built from the fixtures, and the run report of
 * every shipped scenario from a short run, written to a temporary directory and opened from file:
 * with one browser launch, at 390 px (a phone) and 1280 px. Each page must render every chart as an
 * SVG with marks, log no errors, request nothing but file: URLs, never scroll sideways, and give
 * axe-core no violations. Screenshots land in tests/artifacts/ (git-ignored) for a person to look at.
 *
 * Skipped, with the reason in its name, only when no chromium binary is installed; CI installs one.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/pipeline.js';
import { buildReportFiles } from '../../src/report/build.js';
import { buildCompareFiles } from '../../src/report/compare.js';
import { buildSweepFiles } from '../../src/report/sweep.js';
import { ROOT } from '../helpers/cli.js';
import { makeCompareSummary } from '../helpers/compare-fixture.js';
import { makeSummary } from '../helpers/summary-fixture.js';
import { makeSweepSummary } from '../helpers/sweep-fixture.js';

/** `command -v chromium`, then the usual Debian paths. */
function findChromium(): string | undefined {
  const names = ['chromium', 'chromium-browser'];
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs) for (const name of names) if (existsSync(join(dir, name))) return join(dir, name);
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

const CHROMIUM = findChromium();
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const manifest = { tool: 'visasim', version: '0.1.0', seed: '2022', runs: 1000 };
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** A phone and a laptop. */
const WIDTHS = [390, 1280] as const;
const SHIPPED = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

interface PageReport {
  /** the charts the build wrote specs for */
  expected: string[];
  rendered: string | null;
  errors: string[];
  requests: string[];
  charts: { id: string; svgs: number; marks: number }[];
  /** per viewport width: how far the page scrolls sideways (0 is none) */
  overflow: Record<number, number>;
  /** per viewport width: axe-core's violations, as "rule: first target" */
  violations: Record<number, string[]>;
}

// In CI (CI=true) a missing browser is a failure: the page must have been tried in one.
if (!CHROMIUM && process.env.CI === 'true') {
  it("finds a chromium binary (CI=true: .ci/run installs Debian's chromium)", () => {
    throw new Error(
      'no chromium binary on PATH or in /usr/bin, and CI=true forbids skipping the browser tests',
    );
  });
}

describe.skipIf(!CHROMIUM)(
  CHROMIUM
    ? 'report.html in headless Chromium'
    : 'report.html in headless Chromium (SKIPPED: no chromium binary on PATH or in /usr/bin; `apt-get install chromium` to run it)',
  () => {
    let dir = '';
    let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
    const results = new Map<string, PageReport>();
    const downloads: {
      csv?: { file: string; text: string };
      html?: { file: string; text: string };
      aloneSvgs?: number;
    } = {};

    const pages: [string, () => Promise<{ path: string; data: string | Uint8Array }[]>][] = [
      ['report', () => buildReportFiles(makeSummary(), manifest, { charts: ['html'] })],
      ['compare-report', () => buildCompareFiles(makeCompareSummary(), manifest, { charts: ['html'] })],
      ['sweep-report', () => buildSweepFiles(makeSweepSummary(), manifest, { charts: ['html'] })],
      // every shipped scenario's own report, from a short run
      ...SHIPPED.map((file): [string, () => Promise<{ path: string; data: string | Uint8Array }[]>] => [
        file.replace(/\.yaml$/, ''),
        async () => {
          const r = await runScenario(join(ROOT, 'scenarios', file), {
            runs: 20,
            seed: 'browser',
            threads: 1,
          });
          return buildReportFiles(r.summary, r.manifest, { charts: ['html'], checks: r.checks });
        },
      ]),
    ];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'visasim-browser-'));
      mkdirSync(ARTIFACTS, { recursive: true });
      // one launch for all pages; a fresh, empty profile
      context = await chromium.launchPersistentContext(join(dir, 'profile'), {
        executablePath: CHROMIUM as string,
        headless: true,
        args: ARGS,
        viewport: { width: 1000, height: 800 },
      });
      for (const [name, build] of pages) {
        const files = await build();
        const html = files.find((f) => f.path === 'report.html');
        if (!html) throw new Error(`${name}: no report.html`);
        const expected = files
          .map((f) => /^charts\/(.+)\.vl\.json$/.exec(f.path)?.[1])
          .filter((c): c is string => c !== undefined);
        const file = join(dir, `${name}.html`);
        writeFileSync(file, html.data);

        const page = await context.newPage();
        const report: PageReport = {
          expected,
          rendered: null,
          errors: [],
          requests: [],
          charts: [],
          overflow: {},
          violations: {},
        };
        page.on('console', (m) => {
          if (m.type() === 'error') report.errors.push(`console: ${m.text()}`);
        });
        page.on('pageerror', (e) => report.errors.push(`page: ${e.message}`));
        page.on('request', (r) => report.requests.push(r.url()));
        await page.goto(`file://${file}`);
        await page.waitForSelector('body[data-rendered]', { timeout: 30_000 });
        report.rendered = await page.getAttribute('body', 'data-rendered');
        report.charts = await page.$$eval('.vis', (nodes) =>
          nodes.map((n) => ({
            id: n.id,
            // vega's own SVG (the action menu adds an icon SVG beside it)
            svgs: n.querySelectorAll('svg.marks').length,
            // data marks only (bars, rules, areas, lines, symbols), not axes or titles
            marks: n.querySelectorAll('g.role-mark > path, g.role-mark > line').length,
          })),
        );
        await page.addScriptTag({ path: AXE });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          // the charts redraw for the new width (after the resize handler's 200 ms pause)
          await page.waitForTimeout(600);
          // (strings: the test's types have no DOM)
          await page.waitForFunction(
            "[...document.querySelectorAll('.vis')].every((n) => n.querySelector('svg.marks'))",
          );
          report.overflow[width] = await page.evaluate<number>(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          );
          report.violations[width] = await page.evaluate<string[]>(
            "axe.run(document).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes[0].target.join(' ')))",
          );
          await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
        }
        if (name === 'report') {
          // the buttons under a chart: its data as CSV, and the chart alone as an offline page
          const take = async (get: string) => {
            const [download] = await Promise.all([
              page.waitForEvent('download'),
              page.click(`button[data-chart="issued-by-group"][data-get="${get}"]`),
            ]);
            return { file: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
          };
          downloads.csv = await take('csv');
          const alone = await take('html');
          downloads.html = alone;
          const file = join(dir, alone.file);
          writeFileSync(file, alone.text);
          const single = await context.newPage();
          single.on('pageerror', (e) => report.errors.push(`alone: ${e.message}`));
          await single.goto(`file://${file}`);
          await single.waitForSelector('body[data-rendered="1"]', { timeout: 30_000 });
          downloads.aloneSvgs = await single.locator('svg.marks').count();
          await single.close();
        }
        await page.close();
        results.set(name, report);
      }
    }, 600_000);

    afterAll(async () => {
      await context?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    for (const [name] of pages) {
      it(`${name}: renders every chart as an SVG with marks`, () => {
        const r = results.get(name);
        expect(r?.rendered).toBe('1');
        expect(r?.charts.map((c) => c.id)).toEqual(r?.expected.map((c) => `vis-${c}`));
        expect(r?.charts.length).toBeGreaterThan(0);
        for (const c of r?.charts ?? []) {
          expect({ id: c.id, svgs: c.svgs }).toEqual({ id: c.id, svgs: 1 });
          expect({ id: c.id, hasMarks: c.marks > 0 }).toEqual({ id: c.id, hasMarks: true });
        }
      });

      it(`${name}: never scrolls sideways at 390 or 1280 px, and axe-core finds no violations`, () => {
        const r = results.get(name);
        expect(r?.overflow).toEqual({ 390: 0, 1280: 0 });
        expect(r?.violations).toEqual({ 390: [], 1280: [] });
      });

      it(`${name}: logs no errors and loads nothing but the file itself`, () => {
        const r = results.get(name);
        expect(r?.errors).toEqual([]);
        expect(r?.requests.length).toBeGreaterThan(0);
        expect(r?.requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      });
    }

    it("downloads a chart's data as CSV and the chart alone as an offline page that renders", () => {
      expect(downloads.csv?.file).toBe('issued-by-group.csv');
      expect(downloads.csv?.text.split('\n')[0]).toMatch(
        /^pool,poolLabel,poolCap,group,groupName,p05,p50,p95/,
      );
      expect(downloads.csv?.text).toContain(',MX,Mexico,');
      expect(downloads.html?.file).toBe('issued-by-group.html');
      expect(downloads.aloneSvgs).toBe(1);
    });

    it('saves a screenshot of each report at both widths', () => {
      for (const [name] of pages)
        for (const width of WIDTHS) expect(existsSync(join(ARTIFACTS, `${name}-${width}.png`))).toBe(true);
    });
  },
);
