/** `visasim compare A B` and `visasim sweep FILE --param PATH --values ...`. */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { compareScenarios } from '../../analysis/compare.js';
import { parseSweepValues, sweepScenario } from '../../analysis/sweep.js';
import { compareLead } from '../../report/compare/lead.js';
import { buildCompareFiles } from '../../report/compare.js';
import { lockOutput, type OutputLock } from '../../report/output-dir.js';
import { sweepLead } from '../../report/sweep/lead.js';
import { buildSweepFiles } from '../../report/sweep.js';
import { type OutputFile, writeOutputs } from '../../report/write-atomic.js';
import { UsageError } from '../errors.js';
import { withModification } from '../modified.js';
import { asStrings, globalOpts, parseCharts, parseRuns, parseSeed, parseThreads } from '../options.js';
import { printLead, progressBar, withInterrupt } from '../print.js';

interface Common {
  runs?: string;
  seed?: string;
  out?: string;
  set?: string[];
  charts?: string;
  threads?: string;
  quiet?: boolean;
  json?: boolean;
}

const common = (y: Argv) =>
  y
    .option('runs', {
      type: 'string',
      describe: "Monte Carlo runs (default: the scenario's simulation.runs)",
    })
    .option('seed', {
      type: 'string',
      describe: "Seed, the same for every run set (default: the scenario's)",
    })
    .option('out', { type: 'string', describe: 'Output folder' })
    .option('set', { type: 'string', array: true, describe: 'Override a value in every run set: PATH=VALUE' })
    .option('charts', { type: 'string', default: 'svg,png,html', describe: 'svg,png,html or none' })
    .option('threads', { type: 'string', describe: "Worker threads (default: the machine's cores)" })
    .option('quiet', { type: 'boolean', describe: 'Print nothing but errors' })
    .option('json', { type: 'boolean', describe: 'Print summary.json to stdout (and nothing else)' });

/**
 * Run `work` and write its files into `--out` (or the default folder it names) under the folder's
 * lock: taken before the work when --out is given, so an unwritable folder fails before simulating.
 */
async function withOutput<R>(
  given: string | undefined,
  work: (signal: AbortSignal) => Promise<R>,
  write: (result: R) => { out: string; files: Promise<OutputFile[]> },
): Promise<{ result: R; out: string; files: OutputFile[] }> {
  let lock: OutputLock | undefined = given !== undefined ? await lockOutput(resolve(given)) : undefined;
  let written = false;
  return withInterrupt(async (signal) => {
    try {
      const result = await work(signal);
      const { out, files: pending } = write(result);
      lock ??= await lockOutput(out);
      const files = await pending;
      await writeOutputs(out, files, { signal, listIn: 'manifest.json' });
      written = true;
      return { result, out, files };
    } finally {
      await lock?.release(written);
    }
  });
}

/**
 * What the command says when done: the report's lead on stderr (unless --quiet); then with --json
 * the summary.json just written, exactly; else `done` and, when report.html was written, where to
 * open it.
 */
function announce(
  args: Common,
  out: string,
  files: OutputFile[],
  charts: ReturnType<typeof parseCharts>,
  done: string,
  lead: readonly string[],
): void {
  if (!args.quiet) printLead(lead);
  if (args.json) {
    const summary = files.find((f) => f.path === 'summary.json');
    if (summary) process.stdout.write(summary.data);
    return;
  }
  if (args.quiet) return;
  const report = charts !== 'none' && charts.includes('html');
  process.stdout.write(`${done}\n${report ? `  open ${out}/report.html\n` : ''}`);
}

function runOptions(args: Common) {
  const runs = parseRuns(args.runs);
  const seed = parseSeed(args.seed);
  const threads = parseThreads(args.threads);
  return {
    ...(runs !== undefined ? { runs } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(threads !== undefined ? { threads } : {}),
    set: asStrings(args.set),
    ...globalOpts(args),
  };
}

export const compareCommand: CommandModule<object, Common & { a: string; b: string; change?: string }> = {
  command: 'compare <a> <b>',
  describe: 'Run two scenarios with the same seed (common random numbers) and show their differences',
  builder: (y: Argv) =>
    common(y)
      .positional('a', { type: 'string', demandOption: true, describe: 'The baseline scenario' })
      .positional('b', { type: 'string', demandOption: true, describe: 'The alternative' })
      .option('change', { type: 'string', describe: 'What B changes, in words, for the chart titles' })
      .example(
        '$0 compare scenarios/us-300k-work-visas.yaml scenarios/us-300k-by-encounters.yaml',
        'population split vs encounters split',
      ) as unknown as Argv<Common & { a: string; b: string; change?: string }>,
  handler: async (args) => {
    const charts = parseCharts(args.charts);
    const bar = args.quiet || args.json ? undefined : progressBar();
    const { result, out, files } = await withOutput(
      args.out,
      (signal) =>
        compareScenarios(args.a, args.b, {
          ...runOptions(args),
          signal,
          onProgress: (d, t) => bar?.update(d, t),
        }).finally(() => bar?.stop()),
      (result) => {
        const out = resolve(args.out ?? `output/compare-${result.a.scenario.id}-vs-${result.b.scenario.id}`);
        const set = asStrings(args.set);
        const manifest = {
          tool: 'visasim',
          command: 'compare',
          a: withModification(result.a.manifest, set),
          b: withModification(result.b.manifest, set),
        };
        const files = buildCompareFiles(result.comparison, manifest, {
          charts,
          ...(args.change ? { change: args.change } : {}),
        });
        return { out, files };
      },
    );
    announce(
      args,
      out,
      files,
      charts,
      `compared ${result.a.scenario.id} with ${result.b.scenario.id} over ${result.comparison.runs} runs (seed ${result.comparison.seed}) → ${out}`,
      compareLead(result.comparison),
    );
  },
};

export const sweepCommand: CommandModule<
  object,
  Common & { file: string; param: string; values: string; tornado?: boolean }
> = {
  command: 'sweep <file>',
  describe:
    'Run a scenario once per value of a parameter (same seed) and chart the results, with a tornado of the uncertain parameters',
  builder: (y: Argv) =>
    common(y)
      .positional('file', { type: 'string', demandOption: true })
      .option('param', { type: 'string', demandOption: true, describe: 'Path to vary, as for --set' })
      .option('values', { type: 'string', demandOption: true, describe: 'a,b,c or FROM:TO:STEP' })
      .option('tornado', {
        type: 'boolean',
        default: true,
        describe: 'Also fix each uncertain parameter at its 5th and 95th percentile (--no-tornado to skip)',
      })
      .example(
        '$0 sweep scenarios/us-300k-work-visas.yaml --param programs.work-visas.pools.mexico.cap --values 50000:150000:25000',
        'the Mexican half from 50,000 to 150,000',
      ) as unknown as Argv<Common & { file: string; param: string; values: string; tornado?: boolean }>,
  handler: async (args) => {
    const charts = parseCharts(args.charts);
    let values: string[];
    try {
      values = parseSweepValues(args.values);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { result, out, files } = await withOutput(
      args.out,
      (signal) =>
        sweepScenario(args.file, {
          ...runOptions(args),
          signal,
          param: args.param,
          values,
          tornado: args.tornado !== false,
        }),
      (result) => {
        const out = resolve(args.out ?? `output/sweep-${result.base.scenario.id}`);
        const manifest = {
          ...withModification(result.base.manifest, asStrings(args.set)),
          command: 'sweep',
          param: args.param,
          values,
        };
        return { out, files: buildSweepFiles(result.sweep, manifest, { charts }) };
      },
    );
    announce(
      args,
      out,
      files,
      charts,
      `swept ${args.param} over ${values.length} values, ${result.sweep.runs} runs each (seed ${result.sweep.seed}) → ${out}`,
      sweepLead(result.sweep),
    );
  },
};
