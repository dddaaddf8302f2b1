/**
 * `--json` on every command that reports something (README, "Scripting"): stdout holds one JSON
 * document and nothing else, in the documented shape; the exit codes are those of the text mode.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, visasim } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'visasim-json-'));
const S300 = join(ROOT, 'scenarios/us-300k-work-visas.yaml');
const ENC = join(ROOT, 'scenarios/us-300k-by-encounters.yaml');

/** The 300k scenario in a temporary folder, with one edit. */
function edited(from: string, to: string): string {
  const dir = tmp();
  const text = readFileSync(S300, 'utf8')
    .replace(from, to)
    .replace('from: data/', `from: ${join(ROOT, 'scenarios/data')}/`);
  writeFileSync(join(dir, 'edited.yaml'), text);
  return join(dir, 'edited.yaml');
}

describe('validate --json', () => {
  it('gives every file with its problems, exit 0 when all are valid', () => {
    const r = visasim(['validate', S300, ENC, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      files: [
        { file: S300, ok: true, issues: [] },
        { file: ENC, ok: true, issues: [] },
      ],
    });
  });

  it('gives the position, path and message of each problem, exit 2, and goes on to the next file', () => {
    const bad = edited('        split: {', '        splt: {');
    const missing = join(tmp(), 'nope.yaml');
    const r = visasim(['validate', bad, S300, missing, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.ok).toBe(false);
    expect(j.files.map((f: { ok: boolean }) => f.ok)).toEqual([false, true, false]);
    // a missing file is a problem of that file, with no place in it
    expect(j.files[2].issues).toEqual([
      expect.objectContaining({ severity: 'error', file: missing, line: 0, col: 0 }),
    ]);
    const line =
      readFileSync(bad, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('splt:')) + 1;
    expect(j.files[0].issues[0]).toMatchObject({
      severity: 'error',
      code: 'unknown_key',
      file: bad,
      line,
      col: 9,
      path: 'programs.work-visas.pools.central-america.splt',
      message: 'unknown key "splt"; did you mean "split"?',
    });
    // the text the command prints without --json, for a script that shows it to a person
    expect(j.files[0].issues[0].text).toContain(`${bad}:${line}:9: error: `);
  });
});

describe('check --json', () => {
  it('gives each check with the values found, exit 0 when they hold', () => {
    const r = visasim(['check', S300, '--runs', '3', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.ok).toBe(true);
    const [file] = j.files;
    expect(file).toMatchObject({
      file: S300,
      ok: true,
      scenario: 'us-300k-work-visas',
      runs: 3,
      seed: '2022',
    });
    const gt = file.checks.find((c: { description: string }) => c.description.startsWith('Guatemala'));
    expect(gt).toMatchObject({
      ok: true,
      message: '',
      check: { metric: 'cap', program: 'work-visas', group: 'GT', period: 'FY2024', equals: 52965 },
      observed: [{ period: 'FY2024', stats: { n: 3, mean: 52965, min: 52965, max: 52965 } }],
    });
  });

  it('exits 3 when a check fails and 2 for a file that cannot be read, with both in the JSON', () => {
    const wrong = edited('equals: 52965', 'equals: 52966');
    const r = visasim(['check', wrong, join(tmp(), 'missing.yaml'), '--runs', '3', '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.ok).toBe(false);
    const failed = j.files[0].checks.filter((c: { ok: boolean }) => !c.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0].message).toContain('expected 52,966 in FY2024, found 52,965');
    expect(j.files[1]).toMatchObject({ ok: false, checks: [], issues: [{ severity: 'error' }] });
  });
});

describe('list --json', () => {
  it('gives every shipped scenario with its absolute path', () => {
    const r = visasim(['list', '--json'], { cwd: tmp() });
    expect(r.code).toBe(0);
    const { scenarios } = JSON.parse(r.stdout);
    expect(scenarios).toContainEqual({
      id: 'us-300k-work-visas',
      title: '300,000 US temporary work visas for Mexico and Central America',
      status: 'proposed',
      file: S300,
    });
  });
});

describe('explain --json', () => {
  it("gives the model's programs, pools, groups and periods, and the explanation's text", () => {
    const r = visasim(['explain', S300, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.scenario).toMatchObject({ id: 'us-300k-work-visas', status: 'proposed' });
    expect(j.fiscalYears).toEqual(['FY2024', 'FY2025', 'FY2026', 'FY2027', 'FY2028']);
    expect(j.programs[0].pools.map((p: { id: string }) => p.id)).toEqual(['central-america', 'mexico']);
    expect(j.groups).toContainEqual({ id: 'GT', name: 'Guatemala' });
    expect(j.ceilings).toEqual([]);
    expect(j.text).toBe(visasim(['explain', S300]).stdout);
  });

  it('prints nothing on stdout for an input error, which stays text on stderr with exit 2', () => {
    const r = visasim(['explain', edited('        split: {', '        splt: {'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown key "splt"');
  });
});

describe('compare --json and sweep --json', () => {
  const MEXICO_CAP = 'programs.work-visas.pools.mexico.cap';
  /** a small sweep of the Mexican half's cap, no charts */
  const sweep = (out: string, ...more: string[]) =>
    visasim([
      'sweep',
      S300,
      '--param',
      MEXICO_CAP,
      '--no-tornado',
      '--out',
      out,
      '--charts',
      'none',
      ...more,
    ]);

  it('compare prints the summary.json it wrote, and nothing else', () => {
    const out = join(tmp(), 'cmp');
    const r = visasim(['compare', S300, ENC, '--runs', '5', '--out', out, '--charts', 'none', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(JSON.parse(r.stdout).a.id).toBe('us-300k-work-visas');
    // the lead goes to stderr, so stdout stays one JSON document
    expect(r.stderr.replace(/\n/g, ' ')).toMatch(/^Compared with A, B issues /);
  });

  it('sweep prints the summary.json it wrote, and nothing else', () => {
    const out = join(tmp(), 'sweep');
    const r = sweep(out, '--values', '100000,150000', '--runs', '5', '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(JSON.parse(r.stdout).param).toBe(MEXICO_CAP);
    expect(r.stderr.replace(/\n/g, ' ')).toMatch(/^The scenario was run at 2 values of /);
    expect(sweep(join(tmp(), 'q'), '--values', '150000', '--runs', '3', '--json', '--quiet').stderr).toBe('');
  });

  it('without --json, point at report.html only when one was written', () => {
    const cmp = ['compare', S300, ENC, '--runs', '3', '--charts', 'none', '--out', join(tmp(), 'n')];
    const none = visasim(cmp);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('compared us-300k-work-visas with us-300k-by-encounters');
    expect(none.stdout).not.toContain('report.html');
    const swept = sweep(join(tmp(), 's'), '--values', '150000', '--runs', '3');
    expect(swept.code).toBe(0);
    expect(swept.stdout).toContain(`swept ${MEXICO_CAP}`);
    expect(swept.stdout).not.toContain('report.html');
  });
});
