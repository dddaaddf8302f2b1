import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { keptOffsets } from '../../model/cells.js';
import { compileModel } from '../../model/model.js';
import { finishRuns } from '../../pipeline.js';
import { lockOutput } from '../../report/output-dir.js';
import { mergePartials, type Partial, PartialError, parsePartial } from '../../report/partial.js';
import { ScenarioSchema } from '../../scenario/schema.js';
import { EXIT, UsageError } from '../errors.js';
import { parseKeepRuns } from '../keep-runs.js';
import { parseCharts } from '../options.js';
import { printChecks, printClamps, printHeadline, withInterrupt } from '../print.js';
import { writeRunOutputs } from './run.js';

interface MergeArgs {
  dirs: string[];
  out: string;
  charts?: string;
  keepRuns?: string;
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
      .option('keep-runs', {
        type: 'string',
        describe: "Also write every run's values: runs.csv, or runs.parquet with --keep-runs=parquet",
      })
      .option('quiet', { type: 'boolean' })
      .example(
        '$0 merge parts/* --out output/full',
        'combine every shard under parts/',
      ) as unknown as Argv<MergeArgs>,
  handler: async (args) => {
    // `merge --keep-runs parts/1 parts/2`: the option took the first folder as its value
    const keep = parseKeepRuns(args.keepRuns, (v) => existsSync(join(v, 'partial.json')));
    if (keep.positional !== undefined) args.dirs = [keep.positional, ...args.dirs];
    const charts = parseCharts(args.charts);
    const out = resolve(args.out);
    // --out must be writable (and ours alone) before the shards are read
    const lock = await lockOutput(out);
    let written = false;
    const result = await withInterrupt(async (signal) => {
      try {
        const parts: Partial[] = args.dirs.map((d) => readPartial(d));
        const resolved = parts[0]?.meta.manifest.scenario.resolved;
        const model = compileModel(ScenarioSchema.parse(resolved));
        const merged = mergePartials(
          parts,
          keptOffsets(model.cells),
          model.cells.rows.map((r) => r.metric),
        );
        const result = finishRuns(merged.manifest.scenario.resolved, merged.acc, merged.manifest);
        await writeRunOutputs(result, out, charts, keep.format, signal);
        written = true;
        return result;
      } finally {
        await lock.release(written);
      }
    });
    if (!args.quiet) {
      printHeadline(result.summary, out, charts !== 'none' && charts.includes('html'));
      printClamps(result.manifest);
    }
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
  for (const [file, max] of [
    [json, MAX_JSON_BYTES],
    [bin, MAX_F32_BYTES],
  ] as const) {
    const st = statSync(file);
    if (!st.isFile()) throw new PartialError(`${file} is not a regular file`);
    if (st.size > max)
      throw new PartialError(`${file} holds ${st.size} bytes, more than a shard can (${max})`);
  }
  return parsePartial(d, readFileSync(json, 'utf8'), new Uint8Array(readFileSync(bin)));
}

/** Bounds on what merge reads of a shard (a resolved scenario; a Float32Array's bytes). */
const MAX_JSON_BYTES = 256 * 2 ** 20;
const MAX_F32_BYTES = 2 ** 31 - 1;
