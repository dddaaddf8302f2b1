/** The CLI end to end, run the way a user runs it, in a temporary folder. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, visasim } from '../helpers/cli.js';

const SCENARIO = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'visasim-e2e-'));

describe('visasim run --timings', () => {
  it('prints each phase with its milliseconds on stderr, the simulation thread by thread', () => {
    const dir = tmp();
    const r = visasim(
      [
        'run',
        SCENARIO,
        '--runs',
        '400',
        '--threads',
        '2',
        '--charts',
        'svg',
        '--quiet',
        '--timings',
        '--out',
        join(dir, 'o'),
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const names = [...r.stderr.matchAll(/^ {2,}(\S[^\n]*?) {2,}[\d,]+ {2}/gm)].map((m) => m[1]);
    expect(names).toEqual([
      'start-up',
      'load',
      'compile',
      'simulate',
      'start',
      'compile',
      'warm-up',
      'steady state',
      'other',
      'storing (main thread)',
      'summarize',
      'chart specs',
      'tables',
      'charts',
      'write',
      'total',
    ]);
    expect(r.stderr).toMatch(/simulate +[\d,]+ {2}400 runs, 2 worker threads/);
    expect(r.stderr).toMatch(/steady state +[\d,]+ {2}200 runs × \d+\.\d{3} ms \(mean of the threads\)/);
    // --quiet still prints nothing else
    expect(r.stdout).toBe('');
  });
});

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

describe('input errors', () => {
  it('refuses an unknown key with file:line:col, the YAML path, a suggestion and exit code 2, writing nothing', () => {
    const dir = tmp();
    const text = readFileSync(SCENARIO, 'utf8')
      .replace('        split: {', '        splt: {')
      .replace('from: data/', `from: ${join(ROOT, 'scenarios/data')}/`);
    writeFileSync(join(dir, 'bad.yaml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('splt:')) + 1;
    const r = visasim(['run', 'bad.yaml', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `bad.yaml:${line}:9: error: programs.work-visas.pools.central-america.splt: unknown key "splt"; did you mean "split"?`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });

  it('refuses a YAML syntax error with its position', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'syntax.yaml'), 'id: x\ntitle: [unclosed\n');
    const r = visasim(['validate', 'syntax.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^syntax\.yaml:\d+:\d+: error: /);
  });

  it.each(['0', '-3', 'abc'])('refuses --runs %s with a usage error and exit code 2', (runs) => {
    const r = visasim(['run', SCENARIO, `--runs=${runs}`, '--out', join(tmp(), 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--runs must be a whole number of at least 1, got "${runs}"`);
  });

  it('refuses a repeated option as repeated (not a bad value, not an internal error), writing nothing', () => {
    const out = join(tmp(), 'o');
    for (const args of [
      ['--out', out, '--runs', '4', '--runs', '5'],
      ['--out', out, '--out', join(tmp(), 'p')],
    ]) {
      const r = visasim(['run', SCENARIO, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^visasim: error: --(runs|out) is given 2 times/);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('refuses runs whose kept values would not fit, at simulation.runs, unless --max-memory allows them', () => {
    const dir = tmp();
    const text = readFileSync(SCENARIO, 'utf8').replace(/runs: \d+/, 'runs: 10000000');
    writeFileSync(
      join(dir, 'many.yaml'),
      text.replace('data/central-america.csv', join(ROOT, 'scenarios/data/central-america.csv')),
    );
    const r = visasim(['validate', 'many.yaml', '--allow-any-path'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^many\.yaml:\d+:\d+: error: simulation\.runs: these runs would need about [\d.]+ GiB: .*; the limit is 4\.0 GiB$/m,
    );
    expect(
      visasim(['validate', 'many.yaml', '--allow-any-path', '--max-memory', '64G'], { cwd: dir }).code,
    ).toBe(0);
    expect(visasim(['validate', 'many.yaml', '--max-memory', 'lots'], { cwd: dir }).stderr).toContain(
      '--max-memory takes a size such as 512M, 8G or 8GiB, got "lots"',
    );
  });

  it('refuses an unknown command', () => {
    const r = visasim(['frobnicate']);
    expect(r.code).toBe(2);
  });
});

describe('other commands', () => {
  it('validates every shipped scenario', () => {
    const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml'));
    const r = visasim(['validate', ...files.map((f) => join('scenarios', f))]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    for (const f of files) expect(r.stdout).toContain(`ok scenarios/${f}`);
  });

  it('lists the shipped scenarios with title and status', () => {
    const r = visasim(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/us-300k-work-visas\s+proposed\s+300,000 US temporary work visas/);
  });

  it('explains a scenario in plain words', () => {
    const r = visasim(['explain', SCENARIO]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Split among the eligible groups in proportion to population_2020 (largest-remainder',
    );
    expect(r.stdout).toContain('(ASSUMPTION)');
  });

  it('writes a starter scenario that validates and runs, and will not overwrite it', () => {
    const dir = tmp();
    expect(visasim(['init', 'mine.yaml'], { cwd: dir }).code).toBe(0);
    // the schema line points at the installed package's schema, relative to the file (works offline)
    const first = readFileSync(join(dir, 'mine.yaml'), 'utf8').split('\n')[0] ?? '';
    const schema = first.replace('# yaml-language-server: $schema=', '');
    expect(schema.startsWith('.')).toBe(true);
    expect(existsSync(join(dir, schema))).toBe(true);
    expect(visasim(['validate', 'mine.yaml'], { cwd: dir }).code).toBe(0);
    expect(
      visasim(['run', 'mine.yaml', '--runs', '5', '--charts', 'none', '--out', 'o'], { cwd: dir }).code,
    ).toBe(0);
    expect(visasim(['init', 'mine.yaml'], { cwd: dir }).code).toBe(2);
  });

  it('check exits 3 when a scenario check fails', () => {
    const dir = tmp();
    const text = readFileSync(SCENARIO, 'utf8')
      .replace('equals: 52965', 'equals: 52966')
      .replace('from: data/', `from: ${join(ROOT, 'scenarios/data')}/`);
    writeFileSync(join(dir, 'wrong.yaml'), text);
    const r = visasim(['check', 'wrong.yaml', '--runs', '3'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('CHECK FAILED');
    expect(r.stderr).toContain('expected 52,966 in FY2024, found 52,965');
  });

  it('check takes --set, as run does', () => {
    // Splitting the Central American half by encounters instead of population moves Guatemala's
    // share away from the 52,965 the scenario's check pins.
    const r = visasim([
      'check',
      SCENARIO,
      '--runs',
      '3',
      '--set',
      'programs.work-visas.pools.central-america.split.by=encounters_fy2022',
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('CHECK FAILED');
    expect(visasim(['check', SCENARIO, '--runs', '3']).code).toBe(0);
  });
});
