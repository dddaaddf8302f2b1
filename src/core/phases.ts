/**
 * Where a command's time goes, phase by phase (`visasim run --timings`, `npm run bench`): a log of
 * wall-clock durations that the pipeline, the worker pool, the report builder and the CLI add to,
 * and the split of a simulation into start-up, warm-up and steady state.
 *
 * Nothing here reads a clock: callers pass durations they measured (the engine never sees a log).
 */

/** A thread's share of a simulation: what it did, in the order it did it. */
export interface ThreadProfile {
  /** ms from asking for the thread to its code being loaded (0 for the main thread) */
  startMs: number;
  /** ms the thread spent compiling the model (0 for the main thread, which compiled it before) */
  compileMs: number;
  /** consecutive slices of its runs: how many runs, and the ms they took, in order */
  slices: { runs: number; ms: number }[];
}

/** A simulation's profile, filled by the worker pool when asked for one. */
export interface SimulateProfile {
  threads: ThreadProfile[];
  /** ms the main thread spent storing the threads' results (0 in-process: it is in the slices) */
  storeMs: number;
}

/** A thread's time split into its phases (ms), see `splitThread`. */
export interface ThreadSplit {
  startMs: number;
  compileMs: number;
  /** the time its runs took beyond `runs × steadyMsPerRun`: the engine being compiled by V8 */
  warmupMs: number;
  /** `runs × steadyMsPerRun` */
  steadyMs: number;
  /** the median ms a run of the later half of its slices (by runs) */
  steadyMsPerRun: number;
  runs: number;
}

/**
 * A thread's phases: its steady state is the median cost of a run over the slices that hold the
 * second half of its runs (a thread has compiled its hot code by then); what its runs took beyond
 * that is warm-up. A thread with one slice has no warm-up of its own to tell apart.
 */
export function splitThread(t: ThreadProfile): ThreadSplit {
  const runs = t.slices.reduce((s, x) => s + x.runs, 0);
  const total = t.slices.reduce((s, x) => s + x.ms, 0);
  const late: number[] = [];
  let seen = 0;
  for (const s of t.slices) {
    seen += s.runs;
    if (seen > runs / 2 && s.runs > 0) late.push(s.ms / s.runs);
  }
  late.sort((a, b) => a - b);
  const m = late.length >> 1;
  const perRun =
    late.length === 0
      ? 0
      : late.length % 2
        ? (late[m] as number)
        : ((late[m - 1] as number) + (late[m] as number)) / 2;
  const steady = Math.min(total, perRun * runs);
  return {
    startMs: t.startMs,
    compileMs: t.compileMs,
    warmupMs: total - steady,
    steadyMs: steady,
    steadyMsPerRun: perRun,
    runs,
  };
}

/** One measured phase; `parts` break it down (e.g. a simulation per thread). */
export interface Phase {
  name: string;
  ms: number;
  /** what it covers, in a few words */
  what: string;
  parts?: Phase[];
}

/** The phases of one command, in the order they were added. */
export class PhaseLog {
  readonly phases: Phase[] = [];

  add(name: string, ms: number, what: string, parts?: Phase[]): void {
    this.phases.push({ name, ms, what, ...(parts ? { parts } : {}) });
  }
}

/**
 * The simulation phase broken down: per thread its start, compile, warm-up, steady state and the
 * rest of the wall time (waiting for the main thread, messages), and the main thread's storing.
 */
export function simulateParts(profile: SimulateProfile, wallMs: number): Phase[] {
  const parts: Phase[] = [];
  const splits = profile.threads.map(splitThread);
  const n = splits.length || 1;
  const mean = (f: (s: ThreadSplit) => number) => splits.reduce((a, s) => a + f(s), 0) / n;
  const perRun = mean((s) => s.steadyMsPerRun);
  const each = splits.length > 1 ? ' (mean of the threads)' : '';
  // the main thread compiled the model before the simulation and has no thread to start
  if (splits.some((s) => s.startMs > 0 || s.compileMs > 0)) {
    parts.push({ name: 'start', ms: mean((s) => s.startMs), what: `a thread and its code${each}` });
    parts.push({ name: 'compile', ms: mean((s) => s.compileMs), what: `the model, in the thread${each}` });
  }
  parts.push({
    name: 'warm-up',
    ms: mean((s) => s.warmupMs),
    what: `runs' time beyond the steady state${each}`,
  });
  parts.push({
    name: 'steady state',
    ms: mean((s) => s.steadyMs),
    what: `${Math.round(mean((s) => s.runs)).toLocaleString('en-US')} runs × ${perRun.toFixed(3)} ms${each}`,
  });
  const busy = mean((s) => s.startMs + s.compileMs + s.warmupMs + s.steadyMs);
  parts.push({
    name: 'other',
    ms: Math.max(0, wallMs - busy),
    what: 'waiting, messages, the last thread to finish',
  });
  if (profile.storeMs > 0)
    parts.push({
      name: 'storing (main thread)',
      ms: profile.storeMs,
      what: "the threads' results, beside their runs",
    });
  return parts;
}

/** The log as a table, one line a phase and part, ms right-aligned. */
export function formatPhases(log: PhaseLog, title = 'timings'): string {
  const rows: [string, string, string][] = [];
  const walk = (ps: Phase[], indent: string) => {
    for (const p of ps) {
      rows.push([`${indent}${p.name}`, Math.round(p.ms).toLocaleString('en-US'), p.what]);
      if (p.parts) walk(p.parts, `${indent}  `);
    }
  };
  walk(log.phases, '  ');
  const total = log.phases.reduce((s, p) => s + p.ms, 0);
  rows.push([
    '  total',
    Math.round(total).toLocaleString('en-US'),
    'the phases above; the process exits after',
  ]);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return `${title} (ms, wall clock):\n${rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`).join('\n')}\n`;
}
