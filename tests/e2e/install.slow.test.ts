/**
 * The README's global install (section "Install"), done as written: pack the package, install the
 * tarball globally — into a temporary prefix, with its dependencies from the npm registry — and use
 * the `visasim` on that prefix's PATH from another folder: validate, a short run with charts, and
 * `init`, whose schema line must point at the installed schema.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const TARBALL = `visasim-${version}.tgz`;

describe('npm install -g of the packed tarball', () => {
  // its real path: on macOS the temporary folder is behind a symlink, and Node runs the bin by its real path
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'visasim-install-')));
  const prefix = join(tmp, 'prefix');
  const elsewhere = join(tmp, 'elsewhere');
  mkdirSync(elsewhere);
  const env = { ...process.env, PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH ?? ''}` };
  const sh = (cmd: string, args: string[], cwd: string) => {
    const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('is what the README says to do', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- global-install -->\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(block).toMatch(/^npm pack\b/m);
    expect(block).toMatch(new RegExp(`^npm install -g \\./${TARBALL.replaceAll('.', '\\.')}\\b`, 'm'));
  });

  it('installs a visasim command that validates, runs a shipped scenario and starts a scenario from any folder', () => {
    // the build is npm test's: --ignore-scripts packs it without building again under running tests
    const pack = sh('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp], ROOT);
    expect(pack.code, pack.stderr).toBe(0);
    expect(existsSync(join(tmp, TARBALL))).toBe(true);
    const install = sh(
      'npm',
      ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', join(tmp, TARBALL)],
      tmp,
    );
    expect(install.code, install.stderr).toBe(0);

    // `visasim` found on PATH, in a folder that is neither the clone nor the prefix
    const installed = join(prefix, 'lib/node_modules/visasim');
    expect(sh('visasim', ['--version'], elsewhere).stdout.trim()).toBe(version);
    const list = sh('visasim', ['list', '--json'], elsewhere);
    expect(list.code, list.stderr).toBe(0);
    const shipped = (JSON.parse(list.stdout) as { scenarios: { id: string; file: string }[] }).scenarios;
    const scenario = shipped.find((s) => s.id === 'us-300k-work-visas')?.file ?? '';
    expect(scenario).toBe(join(installed, 'scenarios/us-300k-work-visas.yaml'));

    const validate = sh('visasim', ['validate', scenario], elsewhere);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    const run = sh(
      'visasim',
      ['run', scenario, '--runs', '20', '--out', 'out', '--charts', 'svg,png,html'],
      elsewhere,
    );
    // the plain-language lead, and nothing else, on stderr
    expect(run.stderr).toMatch(/^Over FY2024–FY2028, /);
    expect(run.stderr).not.toMatch(/error|warning/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('20 runs of us-300k-work-visas');
    for (const f of ['quantiles.csv', 'summary.json', 'charts/issued-by-group.png', 'report.html'])
      expect(existsSync(join(elsewhere, 'out', f)), f).toBe(true);

    // init's schema line: relative to the new file, it reaches the installed package's schema
    expect(sh('visasim', ['init', 'mine.yaml'], elsewhere).code).toBe(0);
    const first = readFileSync(join(elsewhere, 'mine.yaml'), 'utf8').split('\n')[0] ?? '';
    const schema = first.replace('# yaml-language-server: $schema=', '');
    expect(resolve(elsewhere, schema)).toBe(join(installed, 'schema/scenario.schema.json'));
    expect(existsSync(resolve(elsewhere, schema))).toBe(true);
    expect(sh('visasim', ['validate', 'mine.yaml'], elsewhere).code).toBe(0);

    // the README's editor setting for a global install: the schema under `npm root -g`
    const root = sh('npm', ['root', '-g', '--prefix', prefix], elsewhere).stdout.trim();
    expect(existsSync(join(root, 'visasim/schema/scenario.schema.json'))).toBe(true);
  }, 600_000);
});
