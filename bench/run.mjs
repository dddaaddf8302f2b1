#!/usr/bin/env node
// Fixed workloads (issue 6, DESIGN.md §5), run by `npm run bench` after a build:
//   simulate-10k   10,000 runs of us-300k-work-visas.yaml over 10 fiscal years, one thread (simulate)
//   stepwise-10k   the same, step by step instead of in blocks of steps (what blocks save)
//   threads-1/2    the same through the worker pool (src/parallel), 1 and 2 threads
//   memory-100k    100,000 runs of the same (peak memory, Accumulator bytes)
//   samplers       each distribution sampler alone (bench/samplers.mjs)
// and every target of issue 13 as a user meets it: a whole process started through an installed bin
// (node_modules/.bin/visasim, a symlink to dist/bin/visasim.js made in a temporary folder, as npm
// makes it), several times, median wall and CPU beside the target (PROCESS_WORKLOADS below):
//   run-10k, run-100k, h2b-fy2023-10k, chnv-10k, default-run, watch, validate, and a 10,000-run
//   figure for each scenario of the statutory and time issues.
// Each heavy workload runs in its own child process, so its peak RSS is its own. Times are wall and
// CPU (process.cpuUsage, all threads): on a shared machine the CPU time is the steadier figure.
// Options: --quick (a tenth of the runs, to try the script), --only NAME[,NAME], --json, --reps N (at
// most N repetitions of each whole-process workload).
// Results with the machine they were measured on: bench/RESULTS.md.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path, { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// VISASIM_BENCH_DIST=<dir> measures another build (e.g. an older commit's dist) the same way.
const DIST = new URL(`${process.env.VISASIM_BENCH_DIST ?? `${ROOT}dist`}/`, 'file:///');
const dist = (p) => new URL(p, DIST).href;
const SCENARIO = `${ROOT}scenarios/us-300k-work-visas.yaml`;
const YEARS = 10;
const SEED = 'bench';
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const scale = quick ? 0.1 : 1;

const hasParallel = existsSync(new URL('parallel/pool.js', DIST));

/** name → child workload (runs in its own process) */
const WORKLOADS = {
  'simulate-10k': { runs: 10_000, threads: 0, what: '10,000 runs, 10 FY, accumulate() on the main thread' },
  'stepwise-10k': {
    runs: 10_000,
    threads: 0,
    stepwise: true,
    what: 'simulate-10k going step by step (no blocks of steps): what blocks save',
  },
  'threads-1': { runs: 10_000, threads: 1, what: '10,000 runs, 10 FY, worker pool, 1 thread' },
  'threads-2': { runs: 10_000, threads: 2, what: '10,000 runs, 10 FY, worker pool, 2 threads' },
  'memory-100k': { runs: 100_000, threads: hasParallel ? 2 : 0, what: '100,000 runs, 10 FY (memory)' },
};

// ---------------------------------------------------------------------------------------------
// Child: one simulation workload; prints one JSON line.
if (args[0] === '--child') {
  const name = args[1];
  const w = WORKLOADS[name];
  const runs = Math.round(w.runs * scale);
  const { loadScenario } = await import(dist('scenario/index.js'));
  const { compileModel } = await import(dist('model/model.js'));
  // builds before the RunSink (an older dist under VISASIM_BENCH_DIST) return the Accumulator from simulate()
  const accumulate =
    (await import(dist('stats/accumulate.js'))).accumulate ??
    (await import(dist('engine/simulate.js'))).simulate;
  const { summarize } = await import(dist('stats/summarize.js'));
  const t0 = performance.now();
  const { scenario } = await loadScenario(SCENARIO, { set: [`calendar.years=${YEARS}`] });
  const model = compileModel(scenario);
  const setup = (performance.now() - t0) / 1000;
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  let acc;
  if (w.threads === 0) acc = accumulate(model, { runs, seed: SEED, stepwise: !!w.stepwise });
  else {
    const { simulateParallel } = await import(dist('parallel/pool.js'));
    acc = await simulateParallel(scenario, model, { runs, seed: SEED, threads: w.threads });
  }
  const wall = (performance.now() - w0) / 1000;
  const c1 = process.cpuUsage(c0);
  const s0 = performance.now();
  const summary = summarize(model, acc, { runs, seed: SEED });
  const summarizeWall = (performance.now() - s0) / 1000;
  const c2 = process.cpuUsage(c0);
  const cpu = (c1.user + c1.system) / 1e6;
  console.log(
    JSON.stringify({
      name,
      runs,
      threads: w.threads,
      setup,
      wall,
      cpu,
      summarizeWall,
      summarizeCpu: (c2.user + c2.system) / 1e6 - cpu,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      accBytes: acc.bytes,
      rows: summary.rows.length,
      steps: model.calendar.steps.length,
      cells: model.cells.size,
    }),
  );
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Parent.
const only = option('--only')?.split(',');
const want = (name) => !only || only.includes(name);
const json = flag('--json');
const log = (s = '') => {
  if (!json) console.log(s);
};

const R = await import(dist('random/index.js'));
const cpus = os.cpus();
const machine = {
  cpu: `${cpus[0]?.model ?? '?'} × ${cpus.length}`,
  availableParallelism: os.availableParallelism(),
  memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(2)),
};
log('# visasim benchmarks');
log();
if (process.env.VISASIM_BENCH_DIST) log(`build: ${fileURLToPath(DIST)}`);
log(`machine: ${machine.cpu}; ${machine.memoryGiB} GiB; ${machine.platform}; Node ${machine.node}`);
log(
  `load average at start: ${machine.loadAverageAtStart.join(' ')}${quick ? '   (--quick: a tenth of the runs)' : ''}`,
);
log(`RNG: ${R.RNG_ALGORITHM}`);
for (const [k, v] of Object.entries(R.SAMPLER_ALGORITHMS ?? {})) log(`  ${k.padEnd(34)} ${v}`);
log();

const results = [];
const fmt = (x, d = 2) => (x === undefined ? '-' : x.toFixed(d));
const table = [];
for (const [name, w] of Object.entries(WORKLOADS)) {
  if (!want(name)) continue;
  if (w.threads > 0 && !hasParallel) {
    log(`${name}: skipped (no dist/parallel/pool.js in this build)`);
    continue;
  }
  const outp = execFileSync(process.execPath, [self, '--child', name, ...(quick ? ['--quick'] : [])], {
    encoding: 'utf8',
    cwd: ROOT,
    maxBuffer: 1 << 24,
  });
  const r = JSON.parse(outp.trim().split('\n').pop());
  r.what = w.what;
  results.push(r);
  table.push([
    name,
    String(r.runs),
    fmt(r.wall),
    fmt(r.cpu),
    Math.round(r.runs / r.wall).toString(),
    fmt((r.cpu / r.runs) * 1000, 3),
    `${fmt(r.summarizeWall)} / ${fmt(r.summarizeCpu)}`,
    fmt(r.peakRssMB, 0),
    fmt(r.accBytes / 2 ** 20, 1),
  ]);
}
if (table.length) {
  const head = [
    'workload',
    'runs',
    'wall s',
    'cpu s',
    'runs/s',
    'cpu ms/run',
    'summarize wall/cpu s',
    'peak RSS MB',
    'acc MiB',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  log(head.map((h, i) => h.padStart(widths[i])).join('  '));
  for (const row of table) log(row.map((c, i) => c.padStart(widths[i])).join('  '));
  log('(simulation only: loading and compiling the scenario are excluded; summarize is timed apart)');
  log();
}

// ---------------------------------------------------------------------------------------------
// Whole processes through the installed bin, beside issue 13's targets.
const S300K = 'scenarios/us-300k-work-visas.yaml';
const none = ['--charts', 'none'];
/** name → the command line after `visasim`, its target (wall s, peak RSS MB) and repetitions */
const PROCESS_WORKLOADS = {
  'run-10k': {
    args: ['run', S300K, '--set', `calendar.years=${YEARS}`, '--runs', '10000', ...none],
    target: { wall: 0.5 },
    what: '300k × 10 FY × 10,000 runs, --charts none',
  },
  'run-100k': {
    args: ['run', S300K, '--set', `calendar.years=${YEARS}`, '--runs', '100000', ...none],
    target: { wall: 3, rssMB: 400 },
    reps: 3,
    what: '300k × 10 FY × 100,000 runs, --charts none',
  },
  'h2b-fy2023-10k': {
    args: ['run', 'scenarios/h2b-fy2023-supplemental.yaml', '--runs', '10000', ...none],
    target: { wall: 0.6 },
    what: 'H-2B FY2023 × 10,000 runs',
  },
  'chnv-10k': {
    args: ['run', 'scenarios/chnv-parole-2023.yaml', '--runs', '10000', ...none],
    target: { wall: 1.0 },
    what: 'CHNV × 10,000 runs',
  },
  'default-run': {
    args: ['run', S300K],
    target: { wall: 1.0 },
    what: 'the default run of the 300k scenario (1,000 runs, charts and report)',
  },
  // the scenarios of the statutory and time issues: the speed-up the issue asks of H-2B and CHNV
  // (≈ 10× this build's CPU time) asked of them too; the reasons in bench/RESULTS.md
  'us-preference-10k': {
    args: ['run', 'scenarios/us-preference-system-fy2024.yaml', '--runs', '10000', ...none],
    target: { wall: 60 },
    reps: 1,
    what: 'US preference system FY2024 × 10,000 runs (≈ 10 ms of CPU a run warm)',
  },
  'dv2025-10k': {
    args: ['run', 'scenarios/diversity-visa-dv2025.yaml', '--runs', '10000', ...none],
    target: { wall: 0.4 },
    what: 'Diversity Visa DV-2025 × 10,000 runs',
  },
  'h2b-fy2018-10k': {
    args: ['run', 'scenarios/h2b-fy2018-second-half.yaml', '--runs', '10000', ...none],
    target: { wall: 1.3 },
    what: 'H-2B FY2018 second half × 10,000 runs',
  },
  'eb2-backlog-10k': {
    args: ['run', 'scenarios/eb2-backlog-india-china-row.yaml', '--runs', '10000', ...none],
    target: { wall: 2.0 },
    what: 'EB-2 backlog India/China/RoW × 10,000 runs',
  },
  watch: {
    watch: true,
    target: { wall: 0.5 },
    what: '--watch: from saving the 300k scenario to the rewritten report (1,000 runs)',
  },
  validate: {
    args: ['validate', S300K],
    target: { wall: 0.3 },
    reps: 9,
    what: '`visasim validate` of the 300k scenario',
  },
};

const processNames = Object.keys(PROCESS_WORKLOADS).filter(want);
if (processNames.length) {
  const bundled = new URL('bin/visasim.js', DIST);
  const target = fileURLToPath(existsSync(bundled) ? bundled : new URL('cli/main.js', DIST));
  // an installed bin, as `npm install` makes it: node_modules/.bin/visasim → the package's bin file
  const tmp = mkdtempSync(join(os.tmpdir(), 'visasim-bench-'));
  const bin = join(tmp, 'node_modules/.bin/visasim');
  mkdirSync(dirname(bin), { recursive: true });
  symlinkSync(target, bin);
  // the bin's `#!/usr/bin/env node` finds this node first; the hook reports the CPU time of the
  // whole process (all threads) and its peak RSS when the main thread exits
  const hookCode = `import{isMainThread}from'node:worker_threads';if(isMainThread)process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('\\n@@bench '+JSON.stringify({cpu:(c.user+c.system)/1e6,rss:process.resourceUsage().maxRSS}))})`;
  // encoded: NODE_OPTIONS splits at spaces
  const hook = `data:text/javascript,${encodeURIComponent(hookCode)}`;
  const env = {
    ...process.env,
    PATH: `${dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${hook}`.trim(),
  };
  const median = (a) => {
    const b = [...a].sort((x, y) => x - y);
    const m = b.length >> 1;
    return b.length % 2 ? b[m] : (b[m - 1] + b[m]) / 2;
  };
  const parseHook = (stderr) => {
    const m = [...stderr.matchAll(/@@bench (.*)/g)].pop();
    return m ? JSON.parse(m[1]) : { cpu: Number.NaN, rss: 0 };
  };
  const readPhases = (out) => {
    try {
      return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).execution?.timings;
    } catch {
      return undefined;
    }
  };

  // `run --timings` (src/core/phases.ts) in builds that have it: each phase's ms on stderr
  const timings = existsSync(new URL('core/phases.js', DIST)) ? ['--timings'] : [];
  /** The `--timings` table as { 'simulate/warm-up': ms, ... }; the exit after it is wall − total. */
  const parseTimings = (stderr) => {
    const at = stderr.lastIndexOf('timings (ms, wall clock):');
    if (at < 0) return undefined;
    const out = {};
    let parent = '';
    for (const line of stderr.slice(at).split('\n').slice(1)) {
      const m = /^( {2,})(\S.*?) {2,}([\d,]+) {2}/.exec(line);
      if (!m) break;
      const name = m[1].length > 2 ? `${parent}/${m[2]}` : m[2];
      if (m[1].length === 2) parent = m[2];
      out[name] = Number(m[3].replaceAll(',', ''));
    }
    return out;
  };

  /** One process; wall from spawn to exit. */
  const once = (args, out) => {
    rmSync(out, { recursive: true, force: true });
    const t0 = performance.now();
    const p = spawnSync(bin, [...args, ...(args[0] === 'run' ? ['--out', out, '--quiet', ...timings] : [])], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const wall = (performance.now() - t0) / 1000;
    if (p.status !== 0 && p.status !== 3)
      throw new Error(`visasim ${args.join(' ')} failed (${p.status}): ${p.stderr}`);
    const h = parseHook(p.stderr);
    return {
      wall,
      cpu: h.cpu,
      rssMB: h.rss / 1024,
      phases: args[0] === 'run' ? readPhases(out) : undefined,
      timings: args[0] === 'run' ? parseTimings(p.stderr) : undefined,
    };
  };

  /** --watch: start, wait for the first run, then save the scenario `reps` times and time each rerun. */
  const watchTimes = async (reps) => {
    const dir = join(tmp, 'watch');
    mkdirSync(join(dir, 'data'), { recursive: true });
    cpSync(join(ROOT, 'scenarios/data'), join(dir, 'data'), { recursive: true });
    const file = join(dir, 'scenario.yaml');
    const text = readFileSync(join(ROOT, S300K), 'utf8');
    writeFileSync(file, text);
    const child = spawn(bin, ['run', file, '--watch', '--out', join(dir, 'out'), '--quiet'], {
      cwd: ROOT,
      env: { ...env, NODE_OPTIONS: process.env.NODE_OPTIONS ?? '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    let waiting;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      err += d;
      if (waiting && /watching \d+ files? for changes/.test(err)) {
        err = '';
        const w = waiting;
        waiting = undefined;
        w();
      }
    });
    const ready = () =>
      new Promise((res, rej) => {
        waiting = res;
        child.once('exit', (code) => rej(new Error(`watch exited (${code}): ${err}`)));
      });
    await ready(); // the first run
    const times = [];
    for (let i = 0; i < reps; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const next = ready();
      const t0 = performance.now();
      writeFileSync(file, `${text}\n# edit ${i}\n`);
      await next;
      times.push((performance.now() - t0) / 1000);
    }
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    return times;
  };

  // the bin's code cache (src/cli/code-cache.ts) is written by the first process of each command
  // after a build; a user's next command finds it: prime it for the commands timed below
  once(['validate', S300K], join(tmp, 'prime'));
  once(['run', S300K, '--runs', '400', '--threads', '2', '--charts', 'none'], join(tmp, 'prime'));
  log(
    '(the code caches of the bin and of its worker threads primed by one untimed validate and one untimed run)',
  );

  const rows = [];
  for (const name of processNames) {
    const w = PROCESS_WORKLOADS[name];
    const asked = Number(option('--reps'));
    const reps =
      asked > 0
        ? Math.min(asked, w.reps ?? 5)
        : quick
          ? Math.max(2, Math.ceil((w.reps ?? 5) / 2))
          : (w.reps ?? 5);
    let r;
    if (w.watch) {
      const walls = await watchTimes(reps);
      r = {
        name,
        what: w.what,
        repetitions: reps,
        medianWall: median(walls),
        minWall: Math.min(...walls),
        target: w.target,
      };
    } else {
      const args = quick
        ? w.args.map((a, i) => (w.args[i - 1] === '--runs' ? String(Math.round(+a * 0.1)) : a))
        : w.args;
      const runs = [];
      for (let i = 0; i < reps; i++) runs.push(once(args, join(tmp, `out-${name}`)));
      const phases = runs.map((x) => x.phases).filter(Boolean);
      const timed = runs.filter((x) => x.timings);
      r = {
        name,
        what: w.what,
        command: `visasim ${args.join(' ')}`,
        repetitions: reps,
        medianWall: median(runs.map((x) => x.wall)),
        minWall: Math.min(...runs.map((x) => x.wall)),
        medianCpu: median(runs.map((x) => x.cpu)),
        peakRssMB: Math.max(...runs.map((x) => x.rssMB)),
        target: w.target,
        ...(phases.length
          ? {
              medianPhasesMs: {
                load: median(phases.map((p) => p.loadMs)),
                simulate: median(phases.map((p) => p.simulateMs)),
                summarize: median(phases.map((p) => p.summarizeMs)),
              },
            }
          : {}),
        ...(timed.length ? { medianTimingsMs: medianTimings(timed) } : {}),
      };
    }
    results.push(r);
    // each result as soon as it is known (a session on a loaded machine can be cut short)
    process.stderr.write(`@@result ${JSON.stringify(r)}\n`);
    const ratio = r.medianWall / r.target.wall;
    const rssRatio = r.target.rssMB ? r.peakRssMB / r.target.rssMB : undefined;
    rows.push([
      name,
      fmt(r.medianWall, 3),
      fmt(r.minWall, 3),
      fmt(r.medianCpu, 2),
      fmt(r.peakRssMB, 0),
      r.medianPhasesMs
        ? `${r.medianPhasesMs.load}/${r.medianPhasesMs.simulate}/${r.medianPhasesMs.summarize}`
        : '-',
      `≤ ${r.target.wall} s${r.target.rssMB ? `, ≤ ${r.target.rssMB} MB` : ''}`,
      `${fmt(ratio)}×${rssRatio ? ` / ${fmt(rssRatio)}×` : ''}`,
      String(reps),
    ]);
  }
  rmSync(tmp, { recursive: true, force: true });
  const head = [
    'process',
    'wall s (median)',
    'min',
    'cpu s',
    'peak RSS MB',
    'load/sim/summ ms',
    'target',
    'ratio',
    'reps',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  log(`whole processes through ${relative(ROOT, target)} as an installed bin (node_modules/.bin/visasim):`);
  log(head.map((h, i) => h.padStart(widths[i])).join('  '));
  for (const row of rows) log(row.map((c, i) => c.padStart(widths[i])).join('  '));
  log(
    '(ratio = median wall / target: ≤ 1.00 meets it; cpu = user + system of all threads; load/sim/summ from manifest.json)',
  );
  const timedRows = results.filter((r) => r.medianTimingsMs);
  if (timedRows.length) {
    log();
    log('where the wall time goes (median ms of the repetitions, from `visasim run --timings`):');
    phaseTable(timedRows);
  }
  const base = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    base.push((performance.now() - t0) / 1000);
  }
  log(`\`node -e 0\` alone: ${fmt(median(base), 3)} s`);
  log();
}

/**
 * The median of each phase over repetitions, plus `exit`: the wall time after the last phase (the
 * process and its threads ending), and `wall`.
 */
function medianTimings(runs) {
  const mid = (a) => {
    const b = [...a].sort((x, y) => x - y);
    const m = b.length >> 1;
    return b.length % 2 ? b[m] : (b[m - 1] + b[m]) / 2;
  };
  const names = [...new Set(runs.flatMap((x) => Object.keys(x.timings)))];
  const out = {};
  for (const n of names) out[n] = mid(runs.map((x) => x.timings[n] ?? 0));
  out.exit = mid(runs.map((x) => Math.max(0, x.wall * 1000 - (x.timings.total ?? 0))));
  out.wall = mid(runs.map((x) => x.wall * 1000));
  return out;
}

/**
 * One row a workload, in the phases issue 13 names: start-up; compile (reading and validating the
 * scenario, compiling the model, and each worker thread's start and compile); warm-up and steady
 * state of the engine (per thread, the mean of the threads); other (waiting, the last thread);
 * summarise (summaries, checks, tables); charts (specs, the page, waiting for the drawings); write;
 * exit. The main thread's storing runs beside the threads and is shown apart.
 */
function phaseTable(rows) {
  const cols = [
    ['start-up', (t) => t['start-up']],
    ['compile', (t) => t.load + t.compile + (t['simulate/start'] ?? 0) + (t['simulate/compile'] ?? 0)],
    ['warm-up', (t) => t['simulate/warm-up']],
    ['steady', (t) => t['simulate/steady state']],
    ['other', (t) => t['simulate/other']],
    ['summarise', (t) => t.summarize + (t.tables ?? 0)],
    ['charts', (t) => (t['chart specs'] ?? 0) + (t['report page'] ?? 0) + (t.charts ?? 0)],
    ['write', (t) => t.write],
    ['exit', (t) => t.exit],
    ['wall', (t) => t.wall],
    ['(storing)', (t) => t['simulate/storing (main thread)'] ?? 0],
  ];
  const table = rows.map((r) => [
    r.name,
    ...cols.map(([, f]) => {
      const v = f(r.medianTimingsMs);
      return Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '-';
    }),
  ]);
  const head = ['process', ...cols.map(([n]) => n)];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  log(head.map((h, i) => h.padStart(widths[i])).join('  '));
  for (const row of table) log(row.map((c, i) => c.padStart(widths[i])).join('  '));
  log(
    '(warm-up and steady are per thread; their sum with start-up, compile, other, summarise, charts, write and exit is the wall time; storing runs beside the threads)',
  );
}

if (want('samplers')) {
  const outp = execFileSync(process.execPath, [fileURLToPath(new URL('./samplers.mjs', import.meta.url))], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  results.push({ name: 'samplers', text: outp });
  log('samplers alone (CPU time, 1e6 draws or fewer each, one child process per case):');
  log(outp.trimEnd());
  log();
}

machine.loadAverageAtEnd = os.loadavg().map((x) => +x.toFixed(2));
log(`load average at end: ${machine.loadAverageAtEnd.join(' ')}`);
if (json)
  console.log(
    JSON.stringify({ machine, rng: R.RNG_ALGORITHM, samplers: R.SAMPLER_ALGORITHMS, results }, null, 2),
  );
