/**
 * `visasim completion [bash|zsh]`: a shell completion script (README, "Scripting"). The script asks
 * the command itself what may come next (`visasim --get-yargs-completions WORDS…`, which yargs
 * answers from the commands and options declared in main.ts), so it never goes stale. Commands and
 * options are completed from that answer; any other word falls back to file names.
 *
 * The scripts follow yargs's own templates, with two changes: the bash one avoids what macOS's bash
 * 3.2 lacks (`mapfile`), and neither offers options where a file name is expected.
 */
import { basename } from 'node:path';
import type { Argv, CommandModule } from 'yargs';

export const SHELLS = ['bash', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

/** The shell to write for when none is named: zsh when $SHELL is zsh, else bash. */
export function defaultShell(env: NodeJS.ProcessEnv = process.env): Shell {
  return basename(env.SHELL ?? '').includes('zsh') ? 'zsh' : 'bash';
}

const BASH = `###-begin-visasim-completions-###
# bash completion for visasim. Install (once), then open a new shell:
#   visasim completion bash >> ~/.bashrc        (macOS: ~/.bash_profile)
_visasim_completions() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" word IFS=$'\\n'
  local -a found
  found=($(visasim --get-yargs-completions "\${COMP_WORDS[@]:0:COMP_CWORD+1}" 2>/dev/null))
  COMPREPLY=()
  for word in "\${found[@]}"; do
    case "$cur" in
      -*) [[ "$word" == -* ]] || continue ;;
      *) [[ "$word" == -* ]] && continue ;;
    esac
    [[ "$word" == "$cur"* ]] && COMPREPLY+=("$word")
  done
  return 0 # nothing offered: bash completes file names (-o default)
}
complete -o bashdefault -o default -F _visasim_completions visasim
###-end-visasim-completions-###
`;

const ZSH = `#compdef visasim
###-begin-visasim-completions-###
# zsh completion for visasim. Install (once), then open a new shell:
#   visasim completion zsh >> ~/.zshrc          (after compinit), or save it as _visasim in $fpath
_visasim_completions() {
  local -a found reply
  local word
  found=("\${(@f)$(ZSH_NAME=zsh visasim --get-yargs-completions "\${(@)words[1,CURRENT]}" 2>/dev/null)}")
  for word in "\${found[@]}"; do
    [[ -z $word ]] && continue
    if [[ $PREFIX == -* ]]; then
      [[ $word == -* ]] && reply+=("$word")
    else
      [[ $word == -* ]] || reply+=("$word")
    fi
  done
  if (( \${#reply} )); then
    _describe 'values' reply
  else
    _files
  fi
}
if [[ "\${zsh_eval_context[-1]}" == "loadautofunc" ]]; then
  _visasim_completions "$@"
else
  compdef _visasim_completions visasim
fi
###-end-visasim-completions-###
`;

export function completionScript(shell: Shell): string {
  return shell === 'zsh' ? ZSH : BASH;
}

export const completionCommand: CommandModule<object, { shell?: string }> = {
  command: 'completion [shell]',
  describe: 'Print a shell completion script for bash or zsh',
  builder: (y: Argv) =>
    y
      .positional('shell', {
        type: 'string',
        choices: SHELLS,
        describe: 'bash or zsh (default: the shell in $SHELL)',
      })
      .example('$0 completion bash >> ~/.bashrc', 'complete commands, options and files in bash')
      .example('$0 completion zsh >> ~/.zshrc', 'the same in zsh') as unknown as Argv<{ shell?: string }>,
  handler: (args) => {
    const shell = (args.shell as Shell | undefined) ?? defaultShell();
    process.stdout.write(completionScript(shell));
  },
};
