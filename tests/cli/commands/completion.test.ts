/**
 * `visasim completion`: the bash and zsh scripts, sourced in a real shell with the built CLI on PATH
 * as `visasim`, complete commands and options from the CLI's own answer, and file names elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completionScript, defaultShell } from '../../../src/cli/commands/completion.js';
import { CLI, visasim } from '../../helpers/cli.js';

/** A folder with a `visasim` that runs the built CLI, as a global install puts one on PATH. */
const bin = mkdtempSync(join(tmpdir(), 'visasim-completion-'));
writeFileSync(join(bin, 'visasim'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
chmodSync(join(bin, 'visasim'), 0o755);
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

describe('visasim completion', () => {
  it('prints the script of the shell named, or of $SHELL; refuses another shell with exit 2', () => {
    expect(visasim(['completion', 'bash']).stdout).toBe(completionScript('bash'));
    expect(visasim(['completion', 'zsh']).stdout).toBe(completionScript('zsh'));
    expect(defaultShell({ SHELL: '/bin/zsh' })).toBe('zsh');
    expect(defaultShell({ SHELL: '/usr/local/bin/bash' })).toBe('bash');
    expect(defaultShell({})).toBe('bash');
    const fish = visasim(['completion', 'fish']);
    expect(fish.code).toBe(2);
    expect(fish.stderr).toContain('Choices: "bash", "zsh"');
  });

  it('in bash, completes commands and options, and leaves file names to bash', () => {
    const lines = [
      'visasim ru',
      'visasim va',
      'visasim ',
      'visasim run --ke',
      'visasim validate --j',
      'visasim completion ',
      'visasim run scen',
    ];
    // one bash for every line: each completion runs the CLI once
    const script = `source <(visasim completion bash)
complete -p visasim
for LINE in "$@"; do
  read -ra COMP_WORDS <<< "$LINE"; [[ "$LINE" == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _visasim_completions
  echo "$LINE=>\${COMPREPLY[*]}"
done`;
    const r = spawnSync('bash', ['-c', script, 'bash', ...lines], { env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = r.stdout.split('\n');
    expect(out[0]).toContain('-F _visasim_completions visasim');
    const got = new Map(out.slice(1, -1).map((l) => l.split('=>') as [string, string]));
    expect(got.get('visasim ru')).toBe('run');
    expect(got.get('visasim va')).toBe('validate');
    expect(got.get('visasim ')?.split(' ')).toEqual(expect.arrayContaining(['run', 'check', 'completion']));
    expect(got.get('visasim run --ke')).toBe('--keep-runs');
    expect(got.get('visasim validate --j')).toBe('--json');
    expect(got.get('visasim completion ')).toBe('bash zsh');
    expect(got.get('visasim run scen')).toBe(''); // bash completes the file name (-o default)
  });

  it.skipIf(!has('zsh'))(
    'in zsh (where installed), registers itself and offers commands with descriptions',
    () => {
      // _describe and _files need the line editor: stand-ins print what they were given.
      const script = `compdef() { print -r -- "compdef $*" }
_describe() { print -rl -- "\${(@P)2}" }
_files() { print -r -- FILES }
source <(visasim completion zsh)
words=(visasim ru); CURRENT=2; PREFIX=ru; _visasim_completions
words=(visasim run --keep); CURRENT=3; PREFIX=--keep; _visasim_completions
words=(visasim run scen); CURRENT=3; PREFIX=scen; _visasim_completions`;
      const r = spawnSync('zsh', ['-f', '-c', script], { env, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('compdef _visasim_completions visasim');
      expect(lines).toContain('run:Simulate a scenario and write tables, charts and a report');
      expect(lines).toContain(
        "--keep-runs:Also write every run's values: runs.csv, or runs.parquet with --keep-runs=parquet",
      );
      expect(lines).not.toContain('run'); // commands come with descriptions in zsh
      expect(lines.at(-2)).toBe('FILES');
    },
  );
});
