/** The small commands: validate, schema, list, check, init, explain. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { explainModel } from '../../model/explain.js';
import { packageRoot } from '../../paths.js';
import { prepareScenario, runScenario } from '../../pipeline.js';
import { writeOutputs } from '../../report/write-atomic.js';
import { formatIssue } from '../../scenario/issues.js';
import { loadDocument } from '../../scenario/load.js';
import { scenarioJsonSchema } from '../../scenario/schema.js';
import { EXIT, isInternal, reportFileError, UsageError } from '../errors.js';
import {
  type CheckCommandJson,
  type CheckFileJson,
  checkJson,
  errorIssues,
  explainJson,
  issueJson,
  jsonText,
  type ListJson,
  type ValidateJson,
} from '../json.js';
import { asStrings, globalOpts, parseRuns, parseSeed } from '../options.js';
import { printChecks } from '../print.js';
import { starterScenario } from '../template.js';

export const validateCommand: CommandModule<object, { files: string[]; json?: boolean }> = {
  command: 'validate <files..>',
  describe: 'Check scenario files; print "ok FILE" or every problem found',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true })
      .option('json', { type: 'boolean', describe: 'Print the result of every file as JSON on stdout' })
      .example('$0 validate scenarios/*.yaml', 'check every shipped scenario') as unknown as Argv<{
      files: string[];
      json?: boolean;
    }>,
  handler: async (args) => {
    let code: number = EXIT.ok;
    const results: ValidateJson['files'] = [];
    for (const file of args.files) {
      try {
        const { warnings } = await prepareScenario(file, globalOpts(args));
        if (args.json) results.push({ file, ok: true, issues: warnings.map(issueJson) });
        else {
          for (const w of warnings) process.stderr.write(`${formatIssue(w)}\n`);
          process.stdout.write(`ok ${file}\n`);
        }
      } catch (e) {
        if (args.json) {
          if (isInternal(e)) throw e;
          results.push({ file, ok: false, issues: errorIssues(e, file) });
          code = Math.max(code, EXIT.input);
        } else code = Math.max(code, reportFileError(e));
      }
    }
    if (args.json)
      process.stdout.write(jsonText({ ok: code === EXIT.ok, files: results } satisfies ValidateJson));
    process.exitCode = code;
  },
};

export const schemaCommand: CommandModule = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editors)',
  handler: () => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  },
};

/** The shipped scenarios, read with their `extends` resolved (a file may inherit its status). */
export async function shippedScenarios(): Promise<
  { file: string; id: string; title: string; status: string }[]
> {
  const dir = join(packageRoot(), 'scenarios');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  return Promise.all(
    files.map(async (f) => {
      const file = join(dir, f);
      const doc = (await loadDocument(file)).raw;
      return {
        file,
        id: String(doc.id ?? f),
        title: String(doc.title ?? ''),
        status: String(doc.status ?? ''),
      };
    }),
  );
}

export const listCommand: CommandModule<object, { json?: boolean }> = {
  command: 'list',
  describe: 'List the shipped scenarios with their titles and status',
  builder: (y: Argv) =>
    y.option('json', {
      type: 'boolean',
      describe: 'Print them as JSON on stdout (with absolute file paths)',
    }) as unknown as Argv<{ json?: boolean }>,
  handler: async (args) => {
    const rows = await shippedScenarios();
    if (args.json) {
      const scenarios = rows.map((r) => ({ id: r.id, title: r.title, status: r.status, file: r.file }));
      process.stdout.write(jsonText({ scenarios } satisfies ListJson));
      return;
    }
    const w = Math.max(...rows.map((r) => r.id.length), 2);
    for (const r of rows) {
      process.stdout.write(
        `${r.id.padEnd(w)}  ${r.status.padEnd(12)}  ${r.title}\n    ${relative(process.cwd(), r.file)}\n`,
      );
    }
  },
};

interface CheckArgs {
  files: string[];
  runs?: string;
  seed?: string;
  set?: string[];
  json?: boolean;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check <files..>',
  describe: 'Run scenarios and evaluate their own checks (exit 3 when one fails)',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true })
      .option('runs', { type: 'string', describe: 'Runs per scenario (default 100)' })
      .option('seed', { type: 'string', describe: "Seed (default: the scenario's)" })
      .option('set', {
        type: 'string',
        array: true,
        describe: 'Override a value in every file checked: PATH=VALUE (repeatable)',
      })
      .option('json', {
        type: 'boolean',
        describe: 'Print every check of every file, with the values found, as JSON on stdout',
      }) as unknown as Argv<CheckArgs>,
  handler: async (args) => {
    const runs = parseRuns(args.runs) ?? 100;
    const seed = parseSeed(args.seed);
    let code: number = EXIT.ok;
    const results: CheckFileJson[] = [];
    for (const file of args.files) {
      try {
        const r = await runScenario(file, {
          runs,
          ...(seed !== undefined ? { seed } : {}),
          set: asStrings(args.set),
          ...globalOpts(args),
        });
        const failed = r.checks.filter((c) => !c.ok).length;
        if (args.json)
          results.push({
            file,
            ok: failed === 0,
            scenario: r.scenario.id,
            runs: r.manifest.runs,
            seed: r.manifest.seed,
            checks: r.checks.map(checkJson),
            issues: r.warnings.map(issueJson),
          });
        else {
          process.stdout.write(
            `${failed ? 'FAIL' : 'ok'} ${file}: ${r.checks.length - failed}/${r.checks.length} checks hold\n`,
          );
          printChecks(r.checks, true);
        }
        if (failed) code = Math.max(code, EXIT.checks);
      } catch (e) {
        if (args.json) {
          if (isInternal(e)) throw e;
          results.push({ file, ok: false, checks: [], issues: errorIssues(e, file) });
          code = Math.max(code, EXIT.input);
        } else code = Math.max(code, reportFileError(e));
      }
    }
    if (args.json)
      process.stdout.write(jsonText({ ok: code === EXIT.ok, files: results } satisfies CheckCommandJson));
    process.exitCode = code;
  },
};

export const initCommand: CommandModule<object, { file: string }> = {
  command: 'init <file>',
  describe: 'Write a commented starter scenario that validates and runs',
  builder: (y: Argv) =>
    y.positional('file', { type: 'string', demandOption: true }) as unknown as Argv<{ file: string }>,
  handler: async (args) => {
    const target = resolve(args.file);
    if (existsSync(target)) throw new UsageError(`${args.file} already exists; choose another name`);
    // the schema file of this installation, relative to the new file, with / on every system
    const schema = relative(dirname(target), join(packageRoot(), 'schema', 'scenario.schema.json'))
      .split(sep)
      .join('/');
    await writeOutputs(dirname(target), [
      { path: relative(dirname(target), target), data: starterScenario(schema) },
    ]);
    process.stdout.write(`wrote ${args.file}\nnext: visasim run ${args.file}\n`);
  },
};

export const explainCommand: CommandModule<object, { file: string; set?: string[]; json?: boolean }> = {
  command: 'explain <file>',
  describe:
    'Describe the scenario in plain words: programs, pools, caps, who is eligible, how they are chosen',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true })
      .option('set', {
        type: 'string',
        array: true,
        describe: 'Override a value: PATH=VALUE',
      })
      .option('json', {
        type: 'boolean',
        describe: 'Print the programs, pools, groups and periods, and the explanation, as JSON on stdout',
      }) as unknown as Argv<{
      file: string;
      set?: string[];
      json?: boolean;
    }>,
  handler: async (args) => {
    const { scenario, model, warnings } = await prepareScenario(args.file, {
      ...(args.set ? { set: args.set.map(String) } : {}),
      ...globalOpts(args),
    });
    const text = explainModel(scenario, model);
    process.stdout.write(args.json ? jsonText(explainJson(args.file, model, warnings, text)) : text);
  },
};
