/** Terminal output helpers: the progress bar and check results. */
import cliProgress from 'cli-progress';
import type { Summary } from '../core/types.js';
import { Interrupted } from '../parallel/pool.js';
import { clampLine, type Manifest } from '../pipeline.js';
import type { CheckResult } from '../stats/checks.js';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; nothing on a pipe. */
export function progressBar(): Progress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'runs {bar} {value}/{total} · {rate} runs/s · {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
    },
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
      if (done % 50 === 0 || done === total)
        bar.update(done, { rate: Math.round((done * 1000) / Math.max(1, Date.now() - t0)).toString() });
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
    stream.write(
      `  ${c.ok ? 'check ok' : 'CHECK FAILED'}: ${c.check.description}${c.ok ? '' : ` — ${c.message}`}\n`,
    );
  }
}

function formatStat(x: number, percent: boolean): string {
  if (!Number.isFinite(x)) return '–';
  return percent ? `${(x * 100).toFixed(1)}%` : Math.round(x).toLocaleString('en-US');
}

/** The run's headline figures (medians over the runs, with the 5th–95th percentile range). */
export function printHeadline(summary: Summary, out: string, report = true): void {
  process.stdout.write(`${summary.runs} runs of ${summary.scenario.id} (seed ${summary.seed}) → ${out}\n`);
  for (const h of summary.headline) {
    const pc = h.metric === 'selection_rate';
    process.stdout.write(
      `  ${h.label}: ${formatStat(h.stats.p50, pc)} (90% of runs: ${formatStat(h.stats.p05, pc)}–${formatStat(h.stats.p95, pc)})\n`,
    );
  }
  if (report) process.stdout.write(`  open ${out}/report.html\n`);
}

/** One line per formula that declares `clamp: true`: how often it clamped (manifest.json `clamped`). */
export function printClamps(manifest: Manifest): void {
  for (const note of manifest.clamped ?? []) process.stdout.write(`  ${clampLine(note, manifest.runs)}\n`);
}

/**
 * Run `work` so that Ctrl-C (or SIGTERM) stops it cleanly at any phase: the signal aborts (workers
 * stop; the writer removes its temporary files and renames nothing) and the work rejects with
 * Interrupted, which the error boundary reports with exit 130 once the caller's `finally` blocks
 * (the output lock) have run. A second Ctrl-C kills at once.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const onSignal = () => ac.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await work(ac.signal);
    // the signal came while the outputs were being renamed into place: they are complete
    if (ac.signal.aborted) throw new Interrupted('interrupted: the outputs had been written in full');
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
