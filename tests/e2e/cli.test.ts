/** The CLI end to end, run the way a user runs it, in a temporary folder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, visasim } from '../helpers/cli.js';

const SCENARIO = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'visasim-e2e-'));

describe('visasim run', () => {
  const dir = tmp();
  const out1 = join(dir, 'a');
  const first = visasim(['run', SCENARIO, '--runs', '40', '--seed', '7', '--out', out1], { cwd: dir });

  it('writes every output file and exits 0', () => {
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    const files = readdirSync(out1).sort();
    expect(files).toEqual(['charts', 'manifest.json', 'quantiles.csv', 'report.html', 'summary.json']);
    const charts = readdirSync(join(out1, 'charts'));
    for (const name of ['issued-by-group', 'backlog-over-time']) {
      for (const ext of ['vl.json', 'svg', 'png']) expect(charts).toContain(`${name}.${ext}`);
    }
    const csv = readFileSync(join(out1, 'quantiles.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('program,pool,group,period,metric,mean,sd,min,p05,p25,p50,p75,p95,max');
    // The Central American pool's cap rows give each country its largest-remainder share of 150,000.
    const capGT = csv.split('\n').find((l) => l.startsWith('work-visas,central-america,GT,FY2024,cap,'));
    expect(capGT).toBe(
      'work-visas,central-america,GT,FY2024,cap,52965,0,52965,52965,52965,52965,52965,52965,52965',
    );
    const manifest = JSON.parse(readFileSync(join(out1, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ tool: 'visasim', seed: '7', runs: 40 });
    expect(manifest.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints the lead on stderr, and headline figures that say they are medians on stdout', () => {
    // one paragraph per sentence, wrapped at 100 columns on a pipe
    const lead = first.stderr.replace(/\n(?!\n)/g, ' ');
    expect(lead).toMatch(
      /^Over FY2024–FY2028, a median of 1,500,000 visas are issued \(90% of runs: [\d,]+–1,500,000\) among /,
    );
    expect(lead).toContain('When the caps fill:');
    expect(lead).toContain('Every figure is the median of 40 runs (seed 7)');
    expect(first.stderr.split('\n').every((l) => l.length <= 100)).toBe(true);
    expect(first.stdout).toMatch(/Visas issued, FY2024–FY2028: median 1,500,000 \(90% of runs: /);
    const html = readFileSync(join(out1, 'report.html'), 'utf8');
    expect(html).toContain(
      '<div class="lead" id="lead">\n<p>Over FY2024–FY2028, a median of 1,500,000 visas',
    );
    // (the page's worker carries the words "(modified)" in its code: the heading is what counts)
    expect(html).not.toContain('(modified)</h1>');
  });

  it('marks a run changed by --set, or by a file extending a shipped one, as modified; --json keeps stdout JSON', () => {
    const split = 'programs.work-visas.pools.central-america.split.by=encounters_fy2022';
    const out = join(dir, 'set');
    const r = visasim(
      ['run', SCENARIO, '--runs', '20', '--out', out, '--charts', 'html', '--json', '--set', split],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(3); // the population split's checks no longer hold
    expect(JSON.parse(r.stdout).scenario.id).toBe('us-300k-work-visas');
    expect(r.stderr.replace(/\n/g, ' ')).toMatch(
      /^Modified: this run changes one value of the shipped scenario /,
    );
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('(modified)</h1>');
    expect(html).toContain(
      '<code>programs.work-visas.pools.central-america.split.by</code></th><td><code>encounters_fy2022</code></td><td>--set</td>',
    );
    expect(
      JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).scenario.modified.changes,
    ).toHaveLength(1);

    writeFileSync(join(dir, 'mine.yaml'), `extends: ${SCENARIO}\nsimulation: { runs: 20, seed: 3 }\n`);
    const quiet = visasim(
      ['run', 'mine.yaml', '--out', join(dir, 'mine'), '--charts', 'html', '--quiet', '--allow-any-path'],
      { cwd: dir },
    );
    expect(quiet.stderr).toBe('');
    const mine = JSON.parse(readFileSync(join(dir, 'mine', 'manifest.json'), 'utf8'));
    expect(mine.scenario.modified.changes.map((c: { path: string }) => c.path)).toEqual([
      'simulation.runs',
      'simulation.seed',
    ]);
    const shipped = visasim(
      [
        'run',
        join(ROOT, 'scenarios/us-300k-by-encounters.yaml'),
        '--runs',
        '5',
        '--out',
        join(dir, 'enc'),
        '--charts',
        'none',
        '--quiet',
      ],
      { cwd: dir },
    );
    expect(shipped.code).toBe(0);
    expect(
      JSON.parse(readFileSync(join(dir, 'enc', 'manifest.json'), 'utf8')).scenario.modified,
    ).toBeUndefined();
  });

  it('prints the headline figures and the checks', () => {
    expect(first.stdout).toContain('40 runs of us-300k-work-visas (seed 7)');
    expect(first.stdout).toContain('check ok: Guatemala');
    expect(first.stdout).toContain('report.html');
  });

  it('points at report.html only when one was written', () => {
    const out = join(tmp(), 'o');
    const r = visasim(['run', SCENARIO, '--runs', '5', '--out', out, '--charts', 'svg']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5 runs of us-300k-work-visas');
    expect(r.stdout).not.toContain('report.html');
    expect(readdirSync(out)).not.toContain('report.html');
  });

  it('gives byte-identical outputs for the same seed and different ones for another seed', () => {
    const out2 = join(dir, 'b');
    const out3 = join(dir, 'c');
    expect(visasim(['run', SCENARIO, '--runs', '40', '--seed', '7', '--out', out2, '--quiet']).code).toBe(0);
    expect(
      visasim(['run', SCENARIO, '--runs', '40', '--seed', '8', '--out', out3, '--quiet', '--charts', 'none'])
        .code,
    ).toBe(0);
    for (const f of [
      'quantiles.csv',
      'summary.json',
      'report.html',
      'charts/issued-by-group.svg',
      'charts/issued-by-group.png',
    ]) {
      expect(readFileSync(join(out2, f)).equals(readFileSync(join(out1, f))), f).toBe(true);
    }
    expect(readFileSync(join(out3, 'quantiles.csv'), 'utf8')).not.toBe(
      readFileSync(join(out1, 'quantiles.csv'), 'utf8'),
    );
    expect(readFileSync(join(out3, 'summary.json'), 'utf8')).not.toBe(
      readFileSync(join(out1, 'summary.json'), 'utf8'),
    );
  });

  it('finishes quietly, writing every file, when the reader of its output stops early', () => {
    const out = mkdtempSync(join(tmpdir(), 'visasim-pipe-'));
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${CLI}" run scenarios/us-300k-work-visas.yaml --runs 50 --out "${out}" | head -1; echo "exit \${PIPESTATUS[0]}" >&2`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stdout).toMatch(/^50 runs of us-300k-work-visas/);
    // the lead went to stderr before the exit line
    expect(r.stderr).toMatch(/^Over FY2024–FY2028, [\s\S]*\nexit 0\n$/);
    expect(readdirSync(out)).toContain('report.html');
  });

  it('prints summary.json to stdout with --json', () => {
    const r = visasim([
      'run',
      SCENARIO,
      '--runs',
      '5',
      '--out',
      join(dir, 'j'),
      '--json',
      '--charts',
      'none',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).scenario.id).toBe('us-300k-work-visas');
  });
});
