import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { formatPhases, PhaseLog } from '../../core/phases.js';
import { Interrupted } from '../../parallel/pool.js';
import { type RunResult, runScenario } from '../../pipeline.js';
import { buildReportFiles } from '../../report/build.js';
import { startChartThread } from '../../report/chart-thread.js';
import { runLead } from '../../report/lead.js';
import { manifestModification } from '../../report/modified.js';
import { lockOutput, type OutputLock } from '../../report/output-dir.js';
import { partialFiles } from '../../report/partial.js';
import { preloadChartRenderer } from '../../report/render.js';
import { runsCsvChunks } from '../../report/runs-csv.js';
import { runsParquetChunks } from '../../report/runs-parquet.js';
import { summaryJson } from '../../report/summary-json.js';
import { type OutputFile, type StreamedFile, writeOutputs } from '../../report/write-atomic.js';
import { formatIssue } from '../../scenario/issues.js';
import { EXIT, reportError, reportFileError, UsageError } from '../errors.js';
import { type KeepRuns, parseKeepRuns } from '../keep-runs.js';
import { withModification } from '../modified.js';
import {
  asStrings,
  globalOpts,
  parseCharts,
  parseRuns,
  parseSeed,
  parseShard,
  parseThreads,
  threadsWarning,
} from '../options.js';
import { printChecks, printClamps, printHeadline, printLead, progressBar, withInterrupt } from '../print.js';
import { watchAndRun } from '../watch.js';

interface RunArgs {
  file?: string;
  runs?: string;
  seed?: string;
  out?: string;
  set?: string[];
  charts?: string;
  threads?: string;
  shard?: string;
  keepRuns?: string;
  watch?: boolean;
  json?: boolean;
  quiet?: boolean;
  timings?: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [file]',
  describe: 'Simulate a scenario and write tables, charts and a report',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Scenario YAML file' })
      .option('runs', {
        type: 'string',
        describe: "Monte Carlo runs (default: the scenario's simulation.runs)",
      })
      .option('seed', { type: 'string', describe: "Seed (default: the scenario's simulation.seed)" })
      .option('out', { type: 'string', describe: 'Output folder (default: output/<scenario id>)' })
      .option('set', { type: 'string', array: true, describe: 'Override a value: PATH=VALUE (repeatable)' })
      .option('charts', { type: 'string', describe: 'svg,png,html or none', default: 'svg,png,html' })
      .option('threads', {
        type: 'string',
        describe: "Worker threads (default: the machine's cores, at most one per 1,500 runs)",
      })
      .option('shard', {
        type: 'string',
        describe: 'Run only slice I of N of the runs (I/N) and write a mergeable partial result',
      })
      .option('keep-runs', {
        type: 'string',
        describe: "Also write every run's values: runs.csv, or runs.parquet with --keep-runs=parquet",
      })
      .option('watch', {
        type: 'boolean',
        describe: 'Run again and rewrite the outputs whenever the scenario or its data change',
      })
      .option('json', { type: 'boolean', describe: 'Print summary.json to stdout' })
      .option('quiet', { type: 'boolean', describe: 'Print nothing but errors' })
      .option('timings', {
        type: 'boolean',
        describe:
          'Print where the time went to stderr: start-up, load, compile, simulate (per thread), summarize, charts, write',
      })
      .example('$0 run scenarios/us-300k-work-visas.yaml', "run with the scenario's own runs and seed")
      .example(
        '$0 run scenarios/us-300k-work-visas.yaml --runs 200 --seed 7 --out /tmp/x',
        'a quick run into /tmp/x',
      )
      .example(
        '$0 run scenarios/us-300k-work-visas.yaml --set programs.work-visas.pools.central-america.split.by=encounters_fy2022',
        'split the Central American half by encounters instead of population',
      )
      .example(
        '$0 run scenarios/us-300k-work-visas.yaml --runs 100000 --shard 3/10 --out parts/3',
        'the third of ten shards; combine them with visasim merge',
      ) as unknown as Argv<RunArgs>,
  handler: async (args: ArgumentsCamelCase<RunArgs>) => {
    // `run --keep-runs FILE`: the option took the file as its value
    const keep = parseKeepRuns(args.keepRuns, () => args.file === undefined);
    if (keep.positional !== undefined) args.file = keep.positional;
    const file = args.file;
    if (file === undefined) throw new UsageError('run needs a scenario FILE: visasim run FILE');
    const a = { ...args, file, keepRuns: keep.format };
    if (a.shard && a.keepRuns)
      throw new UsageError(
        '--keep-runs and --shard do not go together: a shard already keeps every run; write runs.csv when combining the shards, with visasim merge DIR... --out DIR --keep-runs',
      );
    if (a.watch) {
      if (a.shard) throw new UsageError('--watch and --shard do not go together');
      return watch(a);
    }
    await runOnce(a);
  },
};

/** --watch runs again in the same process: only its first run has a start-up to report */
let started = false;

async function runOnce(args: ArgumentsCamelCase<RunArgs> & { file: string }): Promise<RunResult> {
  const phases = args.timings ? new PhaseLog() : undefined;
  if (phases && !started) phases.add('start-up', performance.now(), 'Node, the bundle and the command line');
  started = true;
  const runs = parseRuns(args.runs);
  const seed = parseSeed(args.seed);
  const charts = parseCharts(args.charts);
  const threads = parseThreads(args.threads);
  const shard = parseShard(args.shard);
  const quiet = !!args.quiet || !!args.json;
  const tooMany = threadsWarning(threads);
  if (tooMany && !args.quiet) process.stderr.write(`${tooMany}\n`);
  const outFor = (id: string) =>
    resolve(args.out ?? `output/${id}${shard ? `/shard-${shard.index}-of-${shard.count}` : ''}`);
  const drawsCharts = !shard && charts !== 'none' && (charts.includes('svg') || charts.includes('png'));
  // vega loads on the chart thread while the scenario is read and simulated (kept by --watch)
  const chartThread = drawsCharts ? startChartThread() : undefined;
  let lock: OutputLock | undefined;
  let written = false;
  const result = await withInterrupt(async (signal) => {
    try {
      const bar = quiet ? undefined : progressBar();
      const result = await runScenario(args.file, {
        ...(runs !== undefined ? { runs } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(threads !== undefined ? { threads } : {}),
        ...(shard ? { shard } : {}),
        // every run's values only where they are written (runs.csv, runs.parquet, a shard's file)
        perRun: !!shard || !!args.keepRuns,
        set: asStrings(args.set),
        ...globalOpts(args),
        signal,
        ...(phases ? { phases } : {}),
        onProgress: (done, total) => bar?.update(done, total),
        // --out must be writable (and ours alone) before any run is simulated
        beforeSimulate: async (scenario) => {
          lock = await lockOutput(outFor(scenario.id));
          // without a chart thread, vega's imports overlap the simulation when it runs on worker threads
          if (drawsCharts && !chartThread) preloadChartRenderer();
        },
      }).finally(() => bar?.stop());
      result.manifest = withModification(result.manifest, asStrings(args.set));
      const out = outFor(result.scenario.id);
      if (shard) {
        const t0 = performance.now();
        await writeOutputs(out, partialFiles(result.acc, result.manifest, result.firstRun), {
          signal,
          listIn: 'partial.json',
        });
        phases?.add('write', performance.now() - t0, 'the shard file, atomically');
      } else {
        await writeRunOutputs(result, out, charts, args.keepRuns as KeepRuns | undefined, signal, phases);
      }
      written = true;
      return result;
    } finally {
      await lock?.release(written);
    }
  });
  const out = outFor(result.scenario.id);
  if (shard) {
    if (!quiet)
      process.stdout.write(
        `shard ${shard.index}/${shard.count}: runs ${result.firstRun}–${result.firstRun + result.acc.runs - 1} of ${result.manifest.runs} → ${out}\n  combine the shards with: visasim merge DIR... --out DIR\n`,
      );
    return result;
  }
  // the lead goes to stderr, so that stdout stays the headline or the JSON; --quiet silences it
  if (!args.quiet) printLead(runLead(result.summary, manifestModification(result.manifest)));
  if (args.json) {
    process.stdout.write(summaryJson(result.summary));
  } else if (!quiet) {
    for (const w of result.warnings) process.stderr.write(`${formatIssue(w)}\n`);
    printHeadline(result.summary, out, charts !== 'none' && charts.includes('html'));
    printClamps(result.manifest);
  }
  if (!args.json) printChecks(result.checks, quiet);
  if (phases) process.stderr.write(formatPhases(phases));
  process.exitCode = result.checks.some((c) => !c.ok) ? EXIT.checks : EXIT.ok;
  return result;
}

/**
 * --watch: run, then run again whenever an input changes (src/cli/watch.ts). Input errors are
 * printed and the watch goes on; Ctrl-C during a run exits 130, between runs it ends the watch.
 */
async function watch(args: ArgumentsCamelCase<RunArgs> & { file: string }): Promise<void> {
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    await watchAndRun({
      file: args.file,
      signal: stop.signal,
      log: (line) => process.stderr.write(`${line}\n`),
      run: async () => {
        process.removeListener('SIGINT', onSigint); // during a run, Ctrl-C interrupts it (exit 130)
        try {
          return (await runOnce(args)).inputs;
        } catch (e) {
          if (e instanceof Interrupted) process.exit(reportError(e, false));
          reportFileError(e); // an input error is printed and the watch goes on; an internal one is thrown
          return undefined;
        } finally {
          process.once('SIGINT', onSigint);
        }
      },
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** Everything `run` (and `merge`) writes into the output folder. */
export async function writeRunOutputs(
  result: Pick<RunResult, 'summary' | 'manifest' | 'checks' | 'model' | 'acc'>,
  out: string,
  charts: ReturnType<typeof parseCharts>,
  keepRuns: KeepRuns | undefined,
  signal?: AbortSignal,
  phases?: PhaseLog,
): Promise<void> {
  const files: (OutputFile | StreamedFile)[] = await buildReportFiles(result.summary, result.manifest, {
    charts,
    checks: result.checks,
    ...(phases ? { phases } : {}),
  });
  const t0 = performance.now();
  // streamed into its temporary file: past ~15,000 runs of a large scenario it outgrows any string
  const rows = result.model.cells.rows;
  if (keepRuns === 'csv') files.push({ path: 'runs.csv', data: () => runsCsvChunks(rows, result.acc, 0) });
  if (keepRuns === 'parquet')
    files.push({
      path: 'runs.parquet',
      data: () => runsParquetChunks(rows, result.acc, 0, `visasim ${result.manifest.version}`),
    });
  await writeOutputs(out, files, { listIn: 'manifest.json', ...(signal ? { signal } : {}) });
  phases?.add(
    'write',
    performance.now() - t0,
    `${files.length} files, atomically${keepRuns ? ` (runs.${keepRuns} streamed)` : ''}`,
  );
}
