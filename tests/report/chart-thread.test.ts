/**
 * The chart thread (src/report/chart-thread.ts, chart-worker.ts): the charts it draws are byte for
 * byte those drawn on the main thread, it warms up without being asked, and a thread that fails
 * leaves the charts to the main thread. It runs from tsc's output (dist/report, built by
 * `npm test`): from source there is no thread.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startChartThread as fromSource } from '../../src/report/chart-thread.js';
import { buildCharts } from '../../src/report/charts/index.js';
import { ROOT } from '../helpers/cli.js';
import { makeSummary } from '../helpers/summary-fixture.js';

type ChartFiles = typeof import('../../src/report/build.js').chartFiles;
type ThreadModule = typeof import('../../src/report/chart-thread.js');

const dist = (p: string) => pathToFileURL(join(ROOT, 'dist', p)).href;

describe('the chart thread', () => {
  it('is not started from source, nor when VISASIM_CHART_THREAD=0', async () => {
    expect(fromSource()).toBeUndefined();
    const built: ThreadModule = await import(dist('report/chart-thread.js'));
    expect(built.startChartThread({ VISASIM_CHART_THREAD: '0' })).toBeUndefined();
  });

  const charts = buildCharts(makeSummary()).slice(0, 3);
  let stop: (() => Promise<void>) | undefined;
  afterAll(() => stop?.());

  it('draws the same SVG and PNG bytes as the main thread, in the same order', async () => {
    expect(existsSync(join(ROOT, 'dist/report/chart-worker.js'))).toBe(true);
    const built: ThreadModule = await import(dist('report/chart-thread.js'));
    const { chartFiles }: { chartFiles: ChartFiles } = await import(dist('report/build.js'));
    const formats = new Set(['svg', 'png'] as const);
    const thread = built.startChartThread({});
    expect(thread).toBeDefined();
    stop = () => thread?.stop() ?? Promise.resolve();
    expect(built.chartThread()).toBe(thread);
    const drawn = await chartFiles(charts, formats);
    await thread?.stop();
    expect(built.chartThread()).toBeUndefined(); // ended: the main thread draws
    const main = await chartFiles(charts, formats);
    expect(drawn.map((f) => f.path)).toEqual(main.map((f) => f.path));
    expect(drawn.map((f) => f.path)).toContain('charts/issued-by-group.png');
    for (const [i, f] of drawn.entries()) {
      const other = main[i]?.data;
      expect(
        typeof f.data === 'string'
          ? f.data === other
          : Buffer.from(f.data as Uint8Array).equals(other as Buffer),
        f.path,
      ).toBe(true);
    }
  });

  it('never keeps a process alive when idle (a run that fails before its charts exits)', () => {
    const script = `import(${JSON.stringify(dist('report/chart-thread.js'))}).then((m) => { if (!m.startChartThread({})) process.exit(5); });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    expect(r.signal).toBeNull(); // not killed by the timeout
    expect(r.status).toBe(0);
  });

  it('leaves the charts to the main thread when it fails', async () => {
    const built: ThreadModule = await import(dist('report/chart-thread.js'));
    const { chartFiles }: { chartFiles: ChartFiles } = await import(dist('report/build.js'));
    const thread = built.startChartThread({});
    expect(thread).toBeDefined();
    const drawing = chartFiles(charts.slice(0, 1), new Set(['svg', 'png'] as const));
    await thread?.stop(); // the thread ends with the chart asked for
    const files = await drawing;
    expect(files.map((f) => f.path)).toEqual([
      'charts/issued-by-group.vl.json',
      'charts/issued-by-group.svg',
      'charts/issued-by-group.png',
    ]);
  });
});
