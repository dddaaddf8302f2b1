/**
 * report.html in a real browser: Debian's chromium driven by playwright-core (TOOLCHAIN.md §4). The
 * single-scenario, comparison and sweep reports are built from the fixtures, and the run report of
 * every shipped scenario from a short run, written to a temporary directory and opened from file:
 * with one browser launch, at 390 px (a phone) and 1280 px. Each page must render every chart as an
 * SVG with marks, log no errors, request nothing but file: URLs (and the blob: URLs it makes itself),
 * never scroll sideways, and give axe-core no violations. A run report's controls must rerun the scenario when one is moved; the
 * 300k report's are tried in depth below. Screenshots land in tests/artifacts/ (git-ignored) for a
 * person to look at.
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
import { ROOT, visasim } from '../helpers/cli.js';
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
  /** a run report's controls: the value moved and the status line after its rerun */
  rerun?: { set: string; status: string; drawn: string | null };
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof chromium.launchPersistentContext>>['newPage']>>;

/**
 * Move one control of a run report and wait for its rerun: the last number of the first parameter
 * (raised halfway to its slider's top: the top of a range, so it stays a range, and a share stays a
 * share), else the first cap (lowered by a tenth, under any program cap). Returns the --set it stands for and the status line after it.
 */
async function moveOneControl(page: Page): Promise<NonNullable<PageReport['rerun']>> {
  const pick = await page.evaluate<{ id: string; path: string; value: string } | null>(`(() => {
    const boxes = [...document.querySelectorAll('#controls input.exact')];
    const param = boxes.filter((b) => b.dataset.path.startsWith('parameters.'));
    const first = param.length ? param.filter((b) => b.closest('fieldset') === param[0].closest('fieldset')).pop() : null;
    const box = first || boxes[0];
    if (!box) return null;
    const v = Number(box.dataset.file);
    const max = Number(document.getElementById(box.dataset.pair).max);
    const next = first ? (max > v ? (v + max) / 2 : v * 0.95) : Math.floor(v * 0.9);
    return { id: box.id, path: box.dataset.path, value: String(Number(next.toPrecision(6))) };
  })()`);
  if (!pick) return { set: '', status: 'no number control', drawn: null };
  await page.fill(`#${pick.id}`, pick.value);
  await page.press(`#${pick.id}`, 'Enter');
  await page.waitForFunction(
    "document.body.dataset.rerun === '1' || document.getElementById('controls-status').classList.contains('error')",
    null,
    { timeout: 120_000 },
  );
  return {
    set: `${pick.path}=${pick.value}`,
    status: (await page.textContent('#controls-status')) ?? '',
    drawn: (await page.getAttribute('body', 'data-rerun')) ?? null,
  };
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
        // a run report's controls, unfolded so that axe-core and the overflow check see them
        await page.evaluate(
          "document.getElementById('controls-list') && (document.getElementById('controls-list').open = true)",
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
        if ((await page.locator('#controls').count()) > 0) report.rerun = await moveOneControl(page);
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
        // blob: URLs are made in the page: the worker's code, a download
        expect(r?.requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:'))).toEqual([]);
      });
    }

    for (const [name] of pages.filter(([n]) => SHIPPED.includes(`${n}.yaml`)))
      it(`${name}: has controls, and a moved control reruns the scenario in the page`, () => {
        const r = results.get(name);
        expect(r?.rerun?.set).toMatch(/^[a-z_].*=/);
        expect({ set: r?.rerun?.set, drawn: r?.rerun?.drawn }).toEqual({ set: r?.rerun?.set, drawn: '1' });
        expect(r?.rerun?.status).toMatch(/^Showing the scenario with 1 changed value: \d+ runs in/);
      });

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

/**
 * The controls of the 300k report (issue 14, item 4), on the scenario's own 1,000 runs: raising the
 * caps reruns the scenario and raises the issued median in the lead; the URL keeps the view; the
 * page's quantiles.csv is byte-identical to `visasim run --set … `; reset returns to the file's values.
 * The time of each rerun in the worker goes to tests/artifacts/interactive-timing.json.
 */
describe.skipIf(!CHROMIUM)('the 300k report reruns in the page', () => {
  const FILE = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
  const SETS = ['programs.work-visas.cap=400000', 'programs.work-visas.pools.mexico.cap.amount=250000'];
  let dir = '';
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  let page: Page;
  let file = '';
  const errors: string[] = [];
  const issued = (lead: string) =>
    Number(/a median of ([\d,]+) visas are issued/.exec(lead)?.[1]?.replace(/,/g, '') ?? Number.NaN);
  const lead = async () => (await page.textContent('#lead')) ?? '';
  const rerunDone = (n: number) =>
    page.waitForFunction(`document.body.dataset.rerun === '${n}'`, null, { timeout: 120_000 });
  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    p.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  };
  let original = '';
  /** the first two reruns' times (ms in the worker), after the page's warm-up */
  const first: { totalMs: number; simulateMs: number }[] = [];
  /** the warm-up's time in the worker; a rerun asked by a link as the page opens, before it */
  let warmUpMs = 0;
  let atLoad: { totalMs: number; simulateMs: number } | undefined;
  const timeOf = async () => ({
    totalMs: Number(await page.getAttribute('body', 'data-rerun-ms')),
    simulateMs: Number(await page.getAttribute('body', 'data-rerun-simulate-ms')),
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'visasim-interactive-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const r = await runScenario(FILE, {});
    const files = await buildReportFiles(r.summary, r.manifest, { charts: ['html'], checks: r.checks });
    file = join(dir, 'report.html');
    writeFileSync(file, files.find((f) => f.path === 'report.html')?.data ?? '');
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM as string,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    watch(page);
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-rendered="1"]', { timeout: 60_000 });
    original = await lead();
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('warms its worker once the charts are drawn, before any control is touched', async () => {
    await page.waitForSelector('body[data-warm]', { timeout: 120_000 });
    warmUpMs = Number(await page.getAttribute('body', 'data-warm'));
    expect(warmUpMs).toBeGreaterThan(0);
    // nothing was rerun: the page still shows the file's values
    expect(await page.getAttribute('body', 'data-rerun')).toBeNull();
    expect(await lead()).toBe(original);
  });

  it('raising the caps reruns the scenario and raises the issued median in the lead', async () => {
    await page.click('#controls-list > summary');
    await page.fill('#controls [data-path="programs.work-visas.cap"].exact', '400000');
    await page.press('#controls [data-path="programs.work-visas.cap"].exact', 'Enter');
    await rerunDone(1);
    first.push(await timeOf());
    // the slider moves with the box
    expect(await page.inputValue('#controls input[type=range][data-path="programs.work-visas.cap"]')).toBe(
      '400000',
    );
    const mexico = '#controls input[type=range][data-path="programs.work-visas.pools.mexico.cap.amount"]';
    await page.evaluate(
      `(() => { const s = document.querySelector(${JSON.stringify(mexico)}); s.value = '250000'; s.dispatchEvent(new Event('input', { bubbles: true })); })()`,
    );
    await rerunDone(2);
    first.push(await timeOf());
    const now = await lead();
    expect(issued(original)).toBe(1_500_000);
    expect(issued(now)).toBeGreaterThan(issued(original));
    expect(issued(now)).toBeLessThanOrEqual(5 * 400_000);
    expect(now).toMatch(/^\s*Modified: this run changes 2 values/);
    expect(await page.textContent('h1')).toContain('(modified)');
    expect(await page.textContent('#changes')).toContain('programs.work-visas.pools.mexico.cap.amount');
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#set=${SETS.join('&set=')}`);
    // every chart drawn again
    expect(await page.locator('.vis svg.marks').count()).toBe(await page.locator('.vis').count());
  });

  it("the page's quantiles.csv is byte-identical to visasim run --set with the same seed and runs", async () => {
    const out = join(dir, 'cli');
    const cli = visasim([
      'run',
      FILE,
      ...SETS.flatMap((s) => ['--set', s]),
      '--runs',
      '1000',
      '--seed',
      '2022',
      '--out',
      out,
      '--charts',
      'none',
      '--quiet',
    ]);
    // exit 3: the scenario's checks pin the published 300,000, which the caps no longer give
    expect(cli.code).toBe(3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#controls-csv')]);
    expect(download.suggestedFilename()).toBe('quantiles.csv');
    const fromPage = readFileSync(await download.path());
    expect(fromPage.equals(readFileSync(join(out, 'quantiles.csv')))).toBe(true);
  });

  it('a link reproduces the view, with no axe-core violations and no sideways scroll', async () => {
    const shown = await lead();
    const again = await context?.newPage();
    if (!again) throw new Error('no page');
    watch(again);
    const before = page;
    page = again;
    await page.goto(before.url());
    await page.waitForSelector('body[data-rendered="1"]', { timeout: 60_000 });
    await rerunDone(1);
    atLoad = await timeOf();
    expect(await lead()).toBe(shown);
    expect(
      await page.inputValue('#controls [data-path="programs.work-visas.pools.mexico.cap.amount"].exact'),
    ).toBe('250000');
    expect(await page.evaluate<boolean>("document.getElementById('controls-list').open")).toBe(true);
    await page.addScriptTag({ path: AXE });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(600);
      await page.waitForFunction(
        "[...document.querySelectorAll('.vis')].every((n) => n.querySelector('svg.marks'))",
      );
      expect(
        await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        ),
      ).toBe(0);
      expect(
        await page.evaluate<string[]>(
          "axe.run(document).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes[0].target.join(' ')))",
        ),
      ).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `us-300k-interactive-${width}.png`), fullPage: true });
    }
    await before.close();
  });

  it("reset returns to the file's values, its own view and address", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('#controls-reset');
    await page.waitForFunction(
      "document.getElementById('controls-status').textContent === \"Showing the scenario file's values.\"",
    );
    expect(await lead()).toBe(original);
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.textContent('h1')).not.toContain('(modified)');
    expect(await page.inputValue('#controls [data-path="programs.work-visas.cap"].exact')).toBe('300000');
    expect(await page.locator('#changes').count()).toBe(0);
    expect(await page.isDisabled('#controls-reset')).toBe(true);
  });

  it('times 1,000 runs in the worker (tests/artifacts/interactive-timing.json), and logs no errors', async () => {
    const box = '#controls [data-path="parameters.take_up.uniform.1"].exact';
    const times: { totalMs: number; simulateMs: number }[] = [];
    for (let i = 1; i <= 5; i++) {
      const drawn = Number(await page.getAttribute('body', 'data-rerun'));
      await page.fill(box, String(0.6 + i / 100));
      await page.press(box, 'Enter');
      await rerunDone(drawn + 1);
      times.push(await timeOf());
    }
    writeFileSync(
      join(ARTIFACTS, 'interactive-timing.json'),
      `${JSON.stringify({ scenario: 'us-300k-work-visas', runs: 1000, warmUpMs, first, later: times, linkAtLoad: atLoad }, null, 2)}\n`,
    );
    expect(times.every((t) => t.totalMs > 0 && t.simulateMs > 0 && t.simulateMs <= t.totalMs)).toBe(true);
    expect(errors).toEqual([]);
  });
});
