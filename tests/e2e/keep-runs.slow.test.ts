/**
 * --keep-runs at scale (issue 15): runs.csv is streamed to its temporary file, so a file larger than
 * any JavaScript string (2^29 UTF-16 units on Node 20) is written whole. Built as one string it
 * failed with "Invalid string length" past ~15,000 runs of the 300k scenario and wrote nothing.
 * The scenario is small (fast to simulate) but its labels are long, so 20,000 runs make ~700 MB.
 */
import {
  createReadStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, visasim } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'visasim-keep-runs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROGRAM = 'a-program-whose-identifier-is-long-so-that-each-line-of-runs-csv-is-long';
const POOL = 'a-pool-whose-identifier-is-long-as-well-so-that-lines-are-long';
const groups = Array.from(
  { length: 6 },
  (_, i) =>
    `    - { id: group-with-a-rather-long-identifier-number-${i}, name: G${i}, pop: ${1000 + 37 * i} }`,
).join('\n');
const SCENARIO = `id: long-labels
title: Few cells with long labels
status: hypothetical
calendar: { start: 2023-10-01, years: 3 }
simulation: { runs: 10, seed: 1 }
groups:
  rows:
${groups}
programs:
  - id: ${PROGRAM}
    title: p
    demand: { per_year: pop, noise: poisson }
    pools:
      - { id: ${POOL}, cap: 5000, select: lottery }
`;

/** Lines of a file too large to read as one string, and the lines that start with `prefix`. */
async function countLines(file: string, prefix: string): Promise<{ lines: number; starting: number }> {
  let lines = 0;
  let starting = 0;
  let atStart = true;
  let match = 0; // characters of `prefix` matched at the start of the current line
  const p = Buffer.from(prefix);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === 0x0a) {
        lines++;
        atStart = true;
        match = 0;
        continue;
      }
      if (atStart) {
        if (b === p[match]) {
          match++;
          if (match === p.length) {
            starting++;
            atStart = false;
          }
        } else atStart = false;
      }
    }
  }
  return { lines, starting };
}

describe('run --keep-runs with 20,000 runs', () => {
  it('writes runs.csv whole, past the size of the largest string, with one line per run and cell', async () => {
    const file = join(dir, 'long.yaml');
    writeFileSync(file, SCENARIO);
    const out = join(dir, 'o');
    const runs = 20_000;
    const r = visasim([
      'run',
      file,
      '--runs',
      String(runs),
      '--out',
      out,
      '--keep-runs',
      '--charts',
      'none',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const csv = join(out, 'runs.csv');
    // more bytes (ASCII: characters) than one string can hold on Node 20: (2^29 − 24)
    expect(statSync(csv).size).toBeGreaterThan(2 ** 29);
    const first = await countLines(csv, '0,');
    const last = await countLines(csv, `${runs - 1},`);
    expect(first.starting).toBeGreaterThan(100); // cells per run
    expect(last.starting).toBe(first.starting);
    expect(first.lines).toBe(1 + runs * first.starting);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: string[] };
    expect(manifest.outputs).toContain('runs.csv');
  }, 300_000);
});

describe('merge --keep-runs', () => {
  const S300 = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
  const tmp = () => mkdtempSync(join(dir, 'merge-'));
  const SMALL = [S300, '--runs', '6', '--seed', '3', '--quiet'];
  const run = (out: string, ...extra: string[]) =>
    visasim(['run', ...SMALL, '--out', out, '--charts', 'none', ...extra]);

  it('merge --keep-runs=parquet of shards writes the same bytes as the full run', () => {
    const dir = tmp();
    for (const i of [1, 2, 3])
      expect(
        visasim(['run', ...SMALL, '--threads', '1', '--shard', `${i}/3`, '--out', join(dir, `p${i}`)]).code,
      ).toBe(0);
    const merged = visasim([
      'merge',
      '--keep-runs=parquet',
      join(dir, 'p3'),
      join(dir, 'p1'),
      join(dir, 'p2'),
      '--out',
      join(dir, 'm'),
      '--charts',
      'none',
      '--quiet',
    ]);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(run(join(dir, 'full'), '--keep-runs=parquet').code).toBe(0);
    expect(
      readFileSync(join(dir, 'm', 'runs.parquet')).equals(readFileSync(join(dir, 'full', 'runs.parquet'))),
    ).toBe(true);
    // `merge --keep-runs DIR...`: the option does not swallow the first folder
    const csv = visasim([
      'merge',
      '--keep-runs',
      join(dir, 'p1'),
      join(dir, 'p2'),
      join(dir, 'p3'),
      '--out',
      join(dir, 'mc'),
      '--charts',
      'none',
      '--quiet',
    ]);
    expect(csv.code).toBe(0);
    expect(readdirSync(join(dir, 'mc'))).toContain('runs.csv');
  });
});
