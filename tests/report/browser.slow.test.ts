/**
 * report.html in a real browser: Debian's chromium driven by playwright-core (TOOLCHAIN.md §4). The
 * single-scenario, comparison and sweep reports are built from the fixtures, written to a temporary
 * directory and opened from file: with one browser launch. Each page must render every chart as an
 * SVG with marks, log no errors and request nothing but file: URLs. Screenshots land in
 * tests/artifacts/ (git-ignored) for a person to look at.
 *
 * Skipped, with the reason in its name, only when no chromium binary is installed; CI installs one.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportFiles } from '../../src/report/build.js';
import { buildCompareFiles } from '../../src/report/compare.js';
import { buildSweepFiles } from '../../src/report/sweep.js';
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

interface PageReport {
  /** the charts the build wrote specs for */
  expected: string[];
  rendered: string | null;
  errors: string[];
  requests: string[];
  charts: { id: string; svgs: number; marks: number }[];
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

    const pages: [string, () => Promise<{ path: string; data: string | Uint8Array }[]>][] = [
      ['report', () => buildReportFiles(makeSummary(), manifest, { charts: ['html'] })],
      ['compare-report', () => buildCompareFiles(makeCompareSummary(), manifest, { charts: ['html'] })],
      ['sweep-report', () => buildSweepFiles(makeSweepSummary(), manifest, { charts: ['html'] })],
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
        const report: PageReport = { expected, rendered: null, errors: [], requests: [], charts: [] };
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
        await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
        await page.close();
        results.set(name, report);
      }
    }, 120_000);

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

      it(`${name}: logs no errors and loads nothing but the file itself`, () => {
        const r = results.get(name);
        expect(r?.errors).toEqual([]);
        expect(r?.requests.length).toBeGreaterThan(0);
        expect(r?.requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      });
    }

    it('saves a screenshot of the report', () => {
      expect(existsSync(join(ARTIFACTS, 'report.png'))).toBe(true);
    });
  },
);
