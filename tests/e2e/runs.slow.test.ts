/** --keep-runs, and Ctrl-C leaving nothing behind. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, visasim } from '../helpers/cli.js';

const S300 = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'visasim-runs-'));

describe('visasim run --keep-runs', () => {
  it("writes every run's value of every reported cell", () => {
    const out = join(tmp(), 'o');
    expect(
      visasim([
        'run',
        S300,
        '--runs',
        '3',
        '--seed',
        '1',
        '--out',
        out,
        '--keep-runs',
        '--charts',
        'none',
        '--quiet',
      ]).code,
    ).toBe(0);
    const lines = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
    const cells = readFileSync(join(out, 'quantiles.csv'), 'utf8').trim().split('\n').length - 1;
    expect(lines[0]).toBe('run,program,pool,group,period,metric,value');
    // quantiles.csv leaves out groups that never take part; runs.csv keeps every cell of every run
    expect(lines.length - 1).toBeGreaterThanOrEqual(3 * cells);
    expect((lines.length - 1) % 3).toBe(0);
    expect(lines).toContain('2,work-visas,central-america,GT,FY2024,cap,52965');
  });
});

describe('visasim run --keep-runs=parquet', () => {
  const run = (out: string, ...extra: string[]) =>
    visasim([
      'run',
      S300,
      '--runs',
      '6',
      '--seed',
      '3',
      '--out',
      out,
      '--charts',
      'none',
      '--quiet',
      ...extra,
    ]);

  it("writes runs.parquet instead of runs.csv, with runs.csv's rows; the bare option still means CSV, before or after FILE", async () => {
    const dir = tmp();
    expect(run(join(dir, 'pq'), '--keep-runs=parquet').code).toBe(0);
    expect(readdirSync(join(dir, 'pq')).sort()).toEqual([
      'manifest.json',
      'quantiles.csv',
      'runs.parquet',
      'summary.json',
    ]);
    // `--keep-runs FILE`: the option does not swallow the scenario
    const csv = visasim([
      'run',
      '--keep-runs',
      S300,
      '--runs',
      '6',
      '--seed',
      '3',
      '--out',
      join(dir, 'csv'),
      '--charts',
      'none',
      '--quiet',
    ]);
    expect(csv.code).toBe(0);
    expect(readdirSync(join(dir, 'csv'))).toContain('runs.csv');
    const { parquetReadObjects } = await import('hyparquet');
    const bytes = readFileSync(join(dir, 'pq', 'runs.parquet'));
    const rows = (await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    })) as Record<string, unknown>[];
    const lines = readFileSync(join(dir, 'csv', 'runs.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    expect(rows).toHaveLength(lines.length);
    const asLine = (r: Record<string, unknown>) =>
      [r.run, r.program, r.pool, r.group, r.period, r.metric, r.value === null ? '' : r.value].join(',');
    for (const i of [0, 1, 777, lines.length - 1]) {
      const want = (lines[i] as string).split(',');
      const got = asLine(rows[i] as Record<string, unknown>).split(',');
      expect(got.slice(0, 6)).toEqual(want.slice(0, 6));
      expect(Math.fround(Number(got[6]))).toBe(Math.fround(Number(want[6])));
    }
  });

  it('refuses another format with exit 2, and writes nothing', () => {
    const out = join(tmp(), 'x');
    const r = run(out, '--keep-runs=arrow');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--keep-runs takes csv \(the default\) or parquet/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('Ctrl-C', () => {
  it('refuses --keep-runs on a shard, pointing at merge --keep-runs, and writes nothing', () => {
    const out = join(tmp(), 'shard');
    const r = visasim(['run', S300, '--runs', '4', '--shard', '1/2', '--keep-runs', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--keep-runs and --shard do not go together.*merge DIR\.\.\. --out DIR --keep-runs/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('stops a run cleanly with exit code 130 and writes nothing', async () => {
    const out = join(tmp(), 'never');
    const child = spawn(
      process.execPath,
      [CLI, 'run', S300, '--runs', '200000', '--threads', '2', '--out', out, '--quiet'],
      { stdio: 'pipe' },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    await new Promise((r) => setTimeout(r, 2500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted: nothing was written');
    expect(existsSync(out)).toBe(false);
  });
});

/** Every file under `dir`, relative, sorted. */
const listAll = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

describe('the output folder (issue 16)', () => {
  it('refuses an --out that is a file with exit 4 naming it, before simulating', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), 'x');
    const r = visasim(['run', S300, '--runs', '3', '--out', join(dir, 'file', 'sub'), '--charts', 'none']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`cannot write ${join(dir, 'file', 'sub')}: a part of the path is a file`);
    expect(r.stderr).not.toMatch(/internal error|runs of/);
    const r2 = visasim(['run', S300, '--runs', '3', '--out', join(dir, 'file'), '--charts', 'none']);
    expect(r2.code).toBe(4);
    expect(r2.stderr).toContain('it is a file, not a folder');
  });

  it("after a rerun holds exactly that run's files, and the files visasim did not write", () => {
    const out = join(tmp(), 'o');
    expect(
      visasim(['run', S300, '--runs', '3', '--out', out, '--keep-runs', '--charts', 'svg,html', '--quiet'])
        .code,
    ).toBe(0);
    expect(listAll(out)).toContain('report.html');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    mkdirSync(join(out, 'mine'));
    expect(visasim(['run', S300, '--runs', '3', '--out', out, '--charts', 'none', '--quiet']).code).toBe(0);
    expect(listAll(out)).toEqual(['manifest.json', 'mine', 'notes.txt', 'quantiles.csv', 'summary.json']);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).outputs).toEqual([
      'quantiles.csv',
      'summary.json',
      'manifest.json',
    ]);
  });

  it('cleans the temporary files a killed process left', () => {
    const out = join(tmp(), 'o');
    mkdirSync(join(out, 'charts'), { recursive: true });
    writeFileSync(join(out, '.visasim-tmp-quantiles.csv-0a1b2c'), 'half a file');
    writeFileSync(join(out, 'charts', '.visasim-tmp-x.svg-0a1b2c'), '<svg');
    expect(visasim(['run', S300, '--runs', '3', '--out', out, '--charts', 'none', '--quiet']).code).toBe(0);
    expect(listAll(out).filter((f) => f.includes('.visasim-tmp-'))).toEqual([]);
  });
});

describe('visasim merge checks its shards (issue 16)', () => {
  it('refuses a truncated or corrupt shard with exit 2 naming it, never an internal error, and writes nothing', () => {
    const dir = tmp();
    for (const i of [1, 2])
      expect(
        visasim([
          'run',
          S300,
          '--runs',
          '6',
          '--seed',
          '1',
          '--threads',
          '1',
          '--shard',
          `${i}/2`,
          '--out',
          join(dir, `p${i}`),
          '--quiet',
        ]).code,
      ).toBe(0);
    const bin = join(dir, 'p2', 'partial.f32');
    const bytes = readFileSync(bin);
    writeFileSync(bin, bytes.subarray(0, bytes.length - 7));
    const out = join(dir, 'merged');
    const r = visasim(['merge', join(dir, 'p1'), join(dir, 'p2'), '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'p2')}/partial.f32 holds`);
    expect(r.stderr).not.toMatch(/internal error|--help/);
    expect(existsSync(out)).toBe(false);
    const flipped = Buffer.from(bytes);
    flipped[9] = (flipped[9] as number) ^ 0x80;
    writeFileSync(bin, flipped);
    const r2 = visasim(['merge', join(dir, 'p1'), join(dir, 'p2'), '--out', out, '--quiet']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/p2\/partial.f32 does not match the sha256/);
    writeFileSync(bin, bytes);
    expect(
      visasim(['merge', join(dir, 'p1'), join(dir, 'p2'), '--out', out, '--quiet', '--charts', 'none']).code,
    ).toBe(0);
  });
});

describe('valid but huge numbers (issue 16)', () => {
  const write = (perYear: string, param = '') => {
    const file = join(tmp(), 'huge.yaml');
    writeFileSync(
      file,
      `id: huge
title: Huge numbers
status: hypothetical
calendar: { start: 2023-10-01, years: 3 }
simulation: { runs: 4, seed: 1 }
groups:
  rows: [{ id: MX, name: Mexico, pop: 100 }]
${param}programs:
  - id: p
    title: p
    demand: { per_year: "${perYear}" }
    pools:
      - { id: a, cap: 1000 }
`,
    );
    return file;
  };

  it('refuses a demand beyond 2^24 at the formula’s line when validating', () => {
    const r = visasim(['validate', write('1e16')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /huge\.yaml:11:\d+: error: programs\.p\.demand\.per_year: gives 10000000000000000 .*2\^24/,
    );
  });

  it("reports a value out of its formula's domain in one year as exit 2 at the formula's line, with one thread or two and in a shard", () => {
    const file = write('year == 1 ? 1/0 : 100');
    for (const [extra, run] of [
      [['--threads', '1'], 0],
      [['--threads', '2'], 0],
      [['--shard', '2/2'], 2],
    ] as const) {
      const out = join(tmp(), 'o');
      const r = visasim(['run', file, '--out', out, ...extra, '--charts', 'none', '--quiet']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(
          `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:11:25: error: programs\\.p\\.demand\\.per_year: in run ${run} \\(seed 1\\), for group "MX", in FY2025, "year == 1 \\? 1/0 : 100" gives Infinity, where a number of applicants from 0 to 16,777,216`,
        ),
      );
      expect(r.stderr).toContain('hint: keep the formula in range');
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses at validation a parameter whose range takes a formula out of its domain (an sd of 1e308)', () => {
    const params = 'parameters:\n  - { id: g, normal: { mean: 0, sd: 1e308 }, assumption: true }\n';
    const file = write('100 + g', params);
    const out = join(tmp(), 'o');
    const r = visasim(['run', file, '--out', out, '--charts', 'none', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/demand\.per_year: with g at -Infinity, the edge of its range/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('clamp: true (issue 16)', () => {
  const FILE = 'tests/fixtures/valid/clamp.yaml';
  const clamped = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).clamped;

  it('runs, counts the runs each declared clamp clamped, and says so in the terminal, manifest and report; shards merge to the same counts', () => {
    const dir = tmp();
    const full = visasim(['run', FILE, '--runs', '40', '--threads', '2', '--out', join(dir, 'full')]);
    expect(full.code).toBe(0);
    const notes = clamped(join(dir, 'full'));
    expect(notes.map((n: { path: string; at: string }) => `${n.path} ${n.at}`)).toEqual([
      `attributes.skilled.share ${FILE}:12:54`,
      `programs.prog.demand.per_year ${FILE}:17:17`,
      `programs.prog.stages.arrived.rate ${FILE}:20:30`,
    ]);
    for (const n of notes) {
      expect(n.runs).toBeGreaterThan(0);
      expect(n.runs).toBeLessThan(40);
    }
    const lines = full.stdout.split('\n').filter((l) => l.includes(' clamped to '));
    expect(lines[0]).toBe(
      `  share clamped to [0, 1] in ${notes[0].runs} of 40 runs (${notes[0].values} value${notes[0].values === 1 ? '' : 's'}) at ${FILE}:12:54 (attributes.skilled.share)`,
    );
    expect(lines).toHaveLength(3);
    const html = readFileSync(join(dir, 'full', 'report.html'), 'utf8');
    expect(html).toContain('Clamped values');
    expect(html).toContain(`in ${notes[1].runs} of 40 runs`);

    for (const i of [1, 2])
      expect(
        visasim(['run', FILE, '--runs', '40', '--shard', `${i}/2`, '--out', join(dir, `s${i}`), '--quiet'])
          .code,
      ).toBe(0);
    const merged = visasim([
      'merge',
      join(dir, 's1'),
      join(dir, 's2'),
      '--out',
      join(dir, 'm'),
      '--charts',
      'none',
    ]);
    expect(merged.code).toBe(0);
    expect(clamped(join(dir, 'm'))).toEqual(notes);
    expect(merged.stdout.split('\n').filter((l) => l.includes(' clamped to '))).toEqual(lines);
  });
});
