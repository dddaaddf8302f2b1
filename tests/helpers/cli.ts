/** Run the built CLI (dist/cli/main.js, built by `npm test`) as a user does. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = `${ROOT}dist/cli/main.js`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function visasim(args: string[], opts: { cwd?: string } = {}): CliResult {
  if (!existsSync(CLI))
    throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does it)');
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
