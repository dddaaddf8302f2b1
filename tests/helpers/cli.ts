/** Run the built CLI as a user does: the `bin.visasim` file package.json declares (built by `npm test`). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { visasim: string } };
/** absolute path of the declared bin (the bundle, dist/bin/visasim.js) */
export const CLI = join(ROOT, pkg.bin.visasim);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function visasim(args: string[], opts: { cwd?: string } = {}): CliResult {
  if (!existsSync(CLI))
    throw new Error(`${pkg.bin.visasim} is missing: run \`npm run build\` (npm test does it)`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
