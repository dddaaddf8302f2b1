/** The CLI end to end, run the way a user runs it: --timings, input errors and the commands other than run. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, visasim } from '../helpers/cli.js';

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
