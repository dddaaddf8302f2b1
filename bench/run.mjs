#!/usr/bin/env node
// Fixed workloads (issue 6, DESIGN.md §5), run by `npm run bench` after a build:
//   simulate-10k   10,000 runs of us-300k-work-visas.yaml over 10 fiscal years, one thread (simulate)
//   stepwise-10k   the same, step by step instead of in blocks of steps (what blocks save)
//   threads-1/2    the same through the worker pool (src/parallel), 1 and 2 threads
//   memory-100k    100,000 runs of the same (peak memory, Accumulator bytes)
//   validate       `visasim validate` on a shipped scenario, whole process (the bundled bin), several times
//   samplers       each distribution sampler alone (bench/samplers.mjs)
// Each heavy workload runs in its own child process, so its peak RSS is its own. Times are wall and
// CPU (process.cpuUsage, all threads): on a shared machine the CPU time is the steadier figure.
// Options: --quick (a tenth of the runs, to try the script), --only NAME[,NAME], --json.
// Results with the machine they were measured on: bench/RESULTS.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { relative } from 'node:path';
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

if (want('validate')) {
  // Whole process, as a user runs it (the bundled bin; builds older than the bundle have only
  // cli/main.js); CPU time reported by a tiny exit hook.
  const bundled = new URL('bin/visasim.js', DIST);
  const bin = fileURLToPath(existsSync(bundled) ? bundled : new URL('cli/main.js', DIST));
  const hook = `data:text/javascript,process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('\\n@@bench '+JSON.stringify({cpu:(c.user+c.system)/1e6,rss:process.resourceUsage().maxRSS}))})`;
  const file = 'scenarios/us-300k-work-visas.yaml';
  const reps = quick ? 3 : 9;
  const walls = [];
  const cpuTimes = [];
  let rss = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, ['--import', hook, bin, 'validate', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    walls.push((performance.now() - t0) / 1000);
    if (p.status !== 0) throw new Error(`validate failed: ${p.stderr}`);
    const m = /@@bench (.*)/.exec(p.stderr);
    if (m) {
      const b = JSON.parse(m[1]);
      cpuTimes.push(b.cpu);
      rss = Math.max(rss, b.rss / 1024);
    }
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const baseline = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    baseline.push((performance.now() - t0) / 1000);
  }
  const r = {
    name: 'validate',
    file,
    bin,
    repetitions: reps,
    medianWall: median(walls),
    minWall: Math.min(...walls),
    medianCpu: median(cpuTimes),
    peakRssMB: rss,
    nodeAloneMedianWall: median(baseline),
  };
  results.push(r);
  log(
    `validate ${file} (${relative(ROOT, bin)}): median ${fmt(r.medianWall, 3)} s wall (min ${fmt(r.minWall, 3)}), ` +
      `${fmt(r.medianCpu, 3)} s CPU, ${fmt(rss, 0)} MB peak RSS, over ${reps} runs; ` +
      `\`node -e 0\` alone: ${fmt(r.nodeAloneMedianWall, 3)} s`,
  );
  log();
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
