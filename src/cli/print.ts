/** Terminal output helpers: the progress bar and check results. */
import cliProgress from 'cli-progress';
import type { CheckResult } from '../stats/checks.js';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; nothing on a pipe. */
export function progressBar(): Progress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'runs {bar} {value}/{total} · {rate} runs/s · {eta_formatted} left', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const t0 = Date.now();
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0, { rate: '0' });
        started = true;
      }
      if (done % 50 === 0 || done === total) bar.update(done, { rate: Math.round((done * 1000) / Math.max(1, Date.now() - t0)).toString() });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function printChecks(checks: CheckResult[], quiet: boolean): void {
  for (const c of checks) {
    if (c.ok && quiet) continue;
    const stream = c.ok ? process.stdout : process.stderr;
    stream.write(`  ${c.ok ? 'check ok' : 'CHECK FAILED'}: ${c.check.description}${c.ok ? '' : ` — ${c.message}`}\n`);
  }
}
