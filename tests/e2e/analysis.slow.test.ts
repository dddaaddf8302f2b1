/** compare and sweep end to end on shipped scenarios, as a user runs them. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, visasim } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'visasim-analysis-'));
const S300 = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
const ENC = join(ROOT, 'scenarios/us-300k-by-encounters.yaml');

describe('visasim compare', () => {
  it('writes the differences, charts and a report; a scenario compared with itself changes nothing', () => {
    const out = join(tmp(), 'cmp');
    const r = visasim([
      'compare',
      S300,
      ENC,
      '--runs',
      '20',
      '--seed',
      '3',
      '--out',
      out,
      '--quiet',
      '--charts',
      'svg,html',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'charts',
      'diff.csv',
      'manifest.json',
      'report.html',
      'summary.json',
    ]);
    const diff = readFileSync(join(out, 'diff.csv'), 'utf8').split('\n');
    const header = diff[0]?.split(',') ?? [];
    const cr = diff.find((l) => l.startsWith('work-visas,central-america,CR,FY2024,cap,'))?.split(',') ?? [];
    // Costa Rica's 15,060 (population) become 0 (no encounters broken out): a change of −15,060 in every run.
    expect(Number(cr[header.indexOf('diff_p50')])).toBe(-15060);
    // The same comparison again: the same report, byte for byte (timings stay in manifest.json).
    const again = join(tmp(), 'again');
    const args = ['compare', S300, ENC, '--runs', '20', '--seed', '3', '--quiet', '--charts', 'html'];
    expect(visasim([...args, '--out', again]).code).toBe(0);
    expect(readFileSync(join(again, 'report.html'), 'utf8')).toBe(
      readFileSync(join(out, 'report.html'), 'utf8'),
    );
    expect(readFileSync(join(again, 'summary.json'), 'utf8')).toBe(
      readFileSync(join(out, 'summary.json'), 'utf8'),
    );

    const self = join(tmp(), 'self');
    expect(
      visasim(['compare', S300, S300, '--runs', '10', '--out', self, '--quiet', '--charts', 'none']).code,
    ).toBe(0);
    const rows = readFileSync(join(self, 'diff.csv'), 'utf8').trim().split('\n');
    const h = rows[0]?.split(',') ?? [];
    for (const line of rows.slice(1)) {
      const f = line.split(',');
      const [lo, hi] = [f[h.indexOf('diff_min')], f[h.indexOf('diff_max')]];
      if (lo === '' && hi === '') continue; // no value in any run (a pool that never filled)
      expect([Number(lo), Number(hi)], line).toEqual([0, 0]);
    }
  });
});

describe('visasim sweep', () => {
  it('runs one set per value with the same seed and writes the sweep table, tornado and report', () => {
    const out = join(tmp(), 'sweep');
    const r = visasim([
      'sweep',
      S300,
      '--param',
      'programs.work-visas.pools.mexico.cap',
      '--values',
      '100000:150000:50000',
      '--runs',
      '10',
      '--out',
      out,
      '--quiet',
      '--charts',
      'svg,html',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8');
    expect(csv).toContain('programs.work-visas.pools.mexico.cap,100000,');
    expect(csv).toContain('programs.work-visas.pools.mexico.cap,150000,');
    expect(readFileSync(join(out, 'tornado.csv'), 'utf8').split('\n')[0]).toContain('parameter');
    expect(readdirSync(join(out, 'charts'))).toContain('tornado.svg');
  });

  it('refuses a malformed --values with exit code 2', () => {
    const r = visasim([
      'sweep',
      S300,
      '--param',
      'simulation.seed',
      '--values',
      '5:1:1',
      '--out',
      join(tmp(), 'x'),
    ]);
    expect(r.code).toBe(2);
  });
});
