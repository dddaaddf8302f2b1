import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { keptOffsets } from '../../model/cells.js';
import { compileModel } from '../../model/model.js';
import { finishRuns } from '../../pipeline.js';
import { lockOutput } from '../../report/output-dir.js';
import { mergePartials, type Partial, parsePartial } from '../../report/partial.js';
import { ScenarioSchema } from '../../scenario/schema.js';
import { EXIT, UsageError } from '../errors.js';
import { parseCharts } from '../options.js';
import { printChecks, printHeadline, withInterrupt } from '../print.js';
import { writeRunOutputs } from './run.js';

interface MergeArgs {
  dirs: string[];
  out: string;
  charts?: string;
  keepRuns?: boolean;
  quiet?: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'Combine the partial results of `run --shard I/N` into the outputs of the full run',
  builder: (y: Argv) =>
    y
      .positional('dirs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'Folders written by run --shard',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder' })
      .option('charts', { type: 'string', default: 'svg,png,html', describe: 'svg,png,html or none' })
      .option('keep-runs', { type: 'boolean', describe: "Also write runs.csv with every run's values" })
      .option('quiet', { type: 'boolean' })
      .example(
        '$0 merge parts/* --out output/full',
        'combine every shard under parts/',
      ) as unknown as Argv<MergeArgs>,
  handler: async (args) => {
    const charts = parseCharts(args.charts);
    const out = resolve(args.out);
    // --out must be writable (and ours alone) before the shards are read
    const lock = await lockOutput(out);
    let written = false;
    const result = await withInterrupt(async (signal) => {
      try {
        const parts: Partial[] = args.dirs.map((d) => readPartial(d));
        const resolved = parts[0]?.meta.manifest.scenario.resolved;
        const offsets = keptOffsets(compileModel(ScenarioSchema.parse(resolved)).cells);
        const merged = mergePartials(parts, offsets);
        const result = finishRuns(merged.manifest.scenario.resolved, merged.acc, merged.manifest);
        await writeRunOutputs(result, out, charts, !!args.keepRuns, signal);
        written = true;
        return result;
      } finally {
        await lock.release(written);
      }
    });
    if (!args.quiet) printHeadline(result.summary, out, charts !== 'none' && charts.includes('html'));
    printChecks(result.checks, !!args.quiet);
    process.exitCode = result.checks.some((c) => !c.ok) ? EXIT.checks : EXIT.ok;
  },
};

/** A shard's folder as a Partial; a missing, special, oversized or damaged file is a PartialError. */
function readPartial(d: string): Partial {
  const json = join(d, 'partial.json');
  const bin = join(d, 'partial.f32');
  if (!existsSync(json) || !existsSync(bin))
    throw new UsageError(
      `${d} holds no partial result (partial.json and partial.f32); write one with visasim run --shard I/N --out ${d}`,
    );
  return parsePartial(d, readFileSync(json, 'utf8'), new Uint8Array(readFileSync(bin)));
}
