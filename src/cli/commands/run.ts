import { resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { runScenario } from '../../index.js';
import { buildReportFiles } from '../../report/build.js';
import { writeOutputs } from '../../report/write-atomic.js';
import { EXIT } from '../errors.js';
import { asStrings, parseCharts, parseRuns, parseSeed } from '../options.js';
import { printChecks, progressBar } from '../print.js';

interface RunArgs {
  file: string;
  runs?: string;
  seed?: string;
  out?: string;
  set?: string[];
  charts?: string;
  json?: boolean;
  quiet?: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <file>',
  describe: 'Simulate a scenario and write tables, charts and a report',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Scenario YAML file', demandOption: true })
      .option('runs', { type: 'string', describe: 'Monte Carlo runs (default: the scenario\'s simulation.runs)' })
      .option('seed', { type: 'string', describe: 'Seed (default: the scenario\'s simulation.seed)' })
      .option('out', { type: 'string', describe: 'Output folder (default: output/<scenario id>)' })
      .option('set', { type: 'string', array: true, describe: 'Override a value: PATH=VALUE (repeatable)' })
      .option('charts', { type: 'string', describe: 'svg,png,html or none', default: 'svg,png,html' })
      .option('json', { type: 'boolean', describe: 'Print summary.json to stdout' })
      .option('quiet', { type: 'boolean', describe: 'Print nothing but errors' })
      .example('$0 run scenarios/us-300k-work-visas.yaml', 'run with the scenario\'s own runs and seed')
      .example('$0 run scenarios/us-300k-work-visas.yaml --runs 200 --seed 7 --out /tmp/x', 'a quick run into /tmp/x')
      .example(
        '$0 run scenarios/us-300k-work-visas.yaml --set programs.work-visas.pools.central-america.split.by=encounters_fy2022',
        'split the Central American half by encounters instead of population',
      ) as unknown as Argv<RunArgs>,
  handler: async (args: ArgumentsCamelCase<RunArgs>) => {
    const runs = parseRuns(args.runs);
    const seed = parseSeed(args.seed);
    const charts = parseCharts(args.charts);
    const quiet = !!args.quiet || !!args.json;
    const bar = quiet ? undefined : progressBar();
    const result = await runScenario(args.file, {
      ...(runs !== undefined ? { runs } : {}),
      ...(seed !== undefined ? { seed } : {}),
      set: asStrings(args.set),
      onProgress: (done, total) => bar?.update(done, total),
    });
    bar?.stop();
    const out = resolve(args.out ?? `output/${result.scenario.id}`);
    const files = await buildReportFiles(result.summary, result.manifest, { charts, checks: result.checks });
    await writeOutputs(out, files);
    if (args.json) {
      const summary = files.find((f) => f.path === 'summary.json');
      process.stdout.write(String(summary?.data ?? ''));
    } else if (!quiet) {
      for (const w of result.warnings) process.stderr.write(`${w.file}:${w.line}:${w.col}: warning: ${w.message}\n`);
      process.stdout.write(`${result.summary.runs} runs of ${result.scenario.id} (seed ${result.summary.seed}) → ${out}\n`);
      for (const h of result.summary.headline) {
        process.stdout.write(`  ${h.label}: ${formatStat(h.stats.p50)} (90% of runs: ${formatStat(h.stats.p05)}–${formatStat(h.stats.p95)})\n`);
      }
      process.stdout.write(`  open ${out}/report.html\n`);
    }
    const failed = result.checks.filter((c) => !c.ok);
    if (!args.json) printChecks(result.checks, quiet);
    process.exitCode = failed.length ? EXIT.checks : EXIT.ok;
  },
};

function formatStat(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return Math.abs(x) < 1 && x !== 0 ? `${(x * 100).toFixed(1)}%` : Math.round(x).toLocaleString('en-US');
}
