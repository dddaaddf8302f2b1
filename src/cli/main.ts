#!/usr/bin/env node
/**
 * The visasim command line: parses arguments, calls the library, prints, sets the exit code.
 * No arithmetic happens here.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import * as z from 'zod';
import { VERSION } from '../pipeline.js';
import { compareCommand, sweepCommand } from './commands/analysis.js';
import { completionCommand } from './commands/completion.js';
import { mergeCommand } from './commands/merge.js';
import { runCommand } from './commands/run.js';
import {
  checkCommand,
  explainCommand,
  initCommand,
  listCommand,
  schemaCommand,
  validateCommand,
} from './commands/simple.js';
import { EXIT, reportError } from './errors.js';
import { refuseRepeated } from './options.js';

// A command validates a scenario once: zod's compiled fast path (code generated with new Function
// for each object schema on its first use) costs more than it saves here. The same checks, the same
// issues; only how zod runs them.
z.config({ jitless: true });

const argv = hideBin(process.argv);
const verbose = argv.includes('--verbose');

// Ctrl-C (or SIGTERM) before a command has taken the signal over (withInterrupt, --watch) — while
// the arguments are read or the scenario loaded — ends the process with exit 130 (143), as one
// during the work does; nothing has been written yet. Once a command listens, it decides.
for (const [signal, code] of [
  ['SIGINT', EXIT.interrupted],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    if (process.listenerCount(signal) === 1) process.exit(code);
  });
}

// A reader that stops early (`visasim run … | head -3`) closes the pipe. That is not an error: the
// command goes on (its files are still written) and prints nothing more.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}

// no top-level await: the bundle is a script (src/cli/code-cache.ts), not an ES module
void (async () => {
  try {
    await yargs(argv)
      .scriptName('visasim')
      .usage(
        '$0 <command> [options]\n\nSimulate visa and humanitarian-pathway allocation from scenario files.',
      )
      .command(runCommand)
      .command(compareCommand)
      .command(sweepCommand)
      .command(mergeCommand)
      .command(validateCommand)
      .command(explainCommand)
      .command(checkCommand)
      .command(listCommand)
      .command(schemaCommand)
      .command(initCommand)
      .command(completionCommand)
      .option('verbose', { type: 'boolean', describe: 'Show stack traces of internal errors', global: true })
      .option('allow-any-path', {
        type: 'boolean',
        describe:
          "Let extends and the data files (groups.from, series and inventory from:) name files outside the scenario's folder tree and the installed scenarios/",
        global: true,
      })
      .middleware(refuseRepeated)
      .option('max-memory', {
        type: 'string',
        describe:
          'The memory a scenario may need, as estimated when it is validated (default 4G; e.g. 16G): larger models and run counts are refused',
        global: true,
      })
      .demandCommand(1, 'Name a command, e.g. visasim run scenarios/us-300k-work-visas.yaml')
      .strict()
      .fail((msg, err) => {
        if (err) throw err;
        process.stderr.write(`visasim: error: ${msg}\nRun "visasim --help" for usage.\n`);
        process.exit(EXIT.input);
      })
      .epilogue(
        'Exit codes: 0 ok · 1 internal error · 2 invalid input · 3 a scenario check failed · 4 the machine refused (permission, disk full, not a folder, --out busy) · 130 interrupted',
      )
      .help()
      // yargs would guess the version from the package.json above its node_modules: the project's
      // that installed visasim, not visasim's
      .version(VERSION)
      .parseAsync();
  } catch (e) {
    process.exitCode = reportError(e, verbose);
  }
})();
