/**
 * The fuzz test's machinery (issue 16, "A fuzz test in the suite"): mutated copies of the shipped
 * scenarios (keys deleted, duplicated, renamed or retyped, numbers set to extremes, formulas broken,
 * lines of the YAML or CSV text damaged) and option vectors, run in process through what the command
 * line runs — `prepareScenario` for `validate`, the `run` command's handler for `run` — with its
 * error mapping (src/cli/errors.ts). Each case checks:
 * - never an internal error (exit 1), and only the exit codes a user may see (0, 2, 3);
 * - every located error names a file of the case (the scenario, a file it extends, its data) at a
 *   line that file has;
 * - nothing half-written: a failed run leaves no output folder; a finished one exactly the files its
 *   manifest lists, with no temporary file or lock.
 *
 * FUZZ_CASES raises the number of cases and FUZZ_SEED replays a run of them (fast-check prints the
 * seed and the shrunk case of a failure): `FUZZ_CASES=20000 npx vitest run --project slow tests/fuzz`.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { runCommand } from '../../src/cli/commands/run.js';
import { describeError, EXIT } from '../../src/cli/errors.js';
import { refuseRepeated } from '../../src/cli/options.js';
import { prepareScenario } from '../../src/pipeline.js';
import { ScenarioError } from '../../src/scenario/issues.js';
import { ROOT } from './cli.js';
import { fc } from './prop.js';

const SCENARIOS = join(ROOT, 'scenarios');
export const SHIPPED = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

// ── mutations ───────────────────────────────────────────────────────────────────────────────

const EXTREMES = [
  0,
  -1,
  -0.5,
  0.5,
  1,
  1.5,
  2 ** 24,
  2 ** 24 + 1,
  2 ** 31,
  2 ** 53,
  1e16,
  1e300,
  1e308,
  -1e308,
  1e-300,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  10_000_000,
  10_000_001,
  0.1,
  50,
  51,
  255,
];
const RETYPES: unknown[] = [null, 'x', '', true, false, [], {}, [1], { a: 1 }, 0, '2023-10-01', '1e5'];
const FORMULAS = [
  '1/0',
  '0/0',
  '(',
  ')',
  'constructor(1)',
  'toString(1)',
  '__proto__(1)',
  'valueOf',
  'hasOwnProperty("x")',
  'x +',
  '1e308 * 1e308',
  '-1',
  '-1e16',
  'year ^ 1e6',
  'pow(10, 400)',
  'total(total(1))',
  'own(id)',
  'count(1)',
  'oneOf()',
  'date("0001-01-01")',
  'date("nope")',
  '"text"',
  'true',
  'a ? b',
  'sqrt(-1)',
  'log(0)',
  'min()',
  'clamp(1)',
  'round(1, 2, 3)',
  'unused_before("nope")',
  'issued_before(1)',
  'import("fs")',
  'evaluate("1")',
  '2^24 + 1',
  'x'.repeat(500),
  '1 ? 2 : 3 ? 4',
  // in range where validation tries them (year 0), out of their domain in later years (issue 16)
  '1000 - 800 * year',
  'year > 0 ? -1 : 0.5',
  '0.5 + year / 2',
];

/** One change to a scenario document; `pick` chooses among the candidate places (modulo). */
export type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'retype'; pick: number; value: number }
  | { kind: 'extreme'; pick: number; value: number }
  | { kind: 'formula'; pick: number; value: number; wrap: number }
  | { kind: 'duplicate'; pick: number }
  | { kind: 'rename'; pick: number }
  /** `clamp: true` (or a wrong value) beside a formula, or in any object */
  | { kind: 'clamp'; pick: number; value: number }
  | { kind: 'text'; pick: number; op: 'delete-line' | 'dup-line' | 'doc-marker' | 'tab' | 'truncate' | 'cr' }
  | {
      kind: 'csv';
      pick: number;
      value: number;
      op: 'delete-line' | 'cell' | 'quote' | 'truncate' | 'dup-line' | 'grow';
    };

const nat = fc.nat({ max: 1_000_000 });
export const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: nat }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('retype' as const), pick: nat, value: nat }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('extreme' as const), pick: nat, value: nat }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('formula' as const),
      pick: nat,
      value: nat,
      wrap: fc.nat({ max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: nat }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), pick: nat }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('clamp' as const), pick: nat, value: nat }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      pick: nat,
      op: fc.constantFrom('delete-line', 'dup-line', 'doc-marker', 'tab', 'truncate', 'cr'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('csv' as const),
      pick: nat,
      value: nat,
      op: fc.constantFrom('delete-line', 'cell', 'quote', 'truncate', 'dup-line', 'grow'),
    }),
  },
);

type Path = (string | number)[];
type Json = unknown;

/** Every place in a plain value (the root excluded), with the value found there. */
function places(root: Json): { path: Path; value: Json }[] {
  const out: { path: Path; value: Json }[] = [];
  const visit = (v: Json, path: Path) => {
    if (path.length > 0) out.push({ path, value: v });
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) visit(x, [...path, i]);
    } else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v as Record<string, Json>)) visit(x, [...path, k]);
  };
  visit(root, []);
  return out;
}

function parentOf(root: Json, path: Path): Record<string | number, Json> {
  let v = root as Record<string | number, Json>;
  for (const seg of path.slice(0, -1)) v = v[seg] as Record<string | number, Json>;
  return v;
}

function setAt(root: Json, path: Path, value: Json): void {
  parentOf(root, path)[path[path.length - 1] as string | number] = value;
}

const choose = <T>(xs: readonly T[], pick: number): T | undefined =>
  xs.length === 0 ? undefined : xs[pick % xs.length];

/** Apply a mutation to the plain document (in place); text and CSV mutations are applied later. */
function mutateValue(doc: Json, m: Mutation): void {
  const all = places(doc);
  switch (m.kind) {
    case 'delete': {
      const p = choose(all, m.pick);
      if (!p) return;
      const parent = parentOf(doc, p.path);
      const last = p.path[p.path.length - 1] as string | number;
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      return;
    }
    case 'retype': {
      const p = choose(all, m.pick);
      if (p) setAt(doc, p.path, structuredClone(choose(RETYPES, m.value)));
      return;
    }
    case 'extreme': {
      const p = choose(
        all.filter((x) => typeof x.value === 'number'),
        m.pick,
      );
      if (p) setAt(doc, p.path, choose(EXTREMES, m.value));
      return;
    }
    case 'formula': {
      const p = choose(
        all.filter((x) => typeof x.value === 'string' || typeof x.value === 'number'),
        m.pick,
      );
      if (!p) return;
      const f = choose(FORMULAS, m.value) as string;
      const orig = String(p.value);
      const wraps = [f, `${orig} * ${f}`, `${orig} +`, `(${orig}`, `-(${orig})`, `${orig} * 1e300`];
      setAt(doc, p.path, wraps[m.wrap % wraps.length]);
      return;
    }
    case 'duplicate': {
      const p = choose(
        all.filter((x) => typeof x.path[x.path.length - 1] === 'number'),
        m.pick,
      );
      if (!p) return;
      const parent = parentOf(doc, p.path) as unknown as Json[];
      parent.push(structuredClone(p.value));
      return;
    }
    case 'rename': {
      const p = choose(
        all.filter((x) => typeof x.path[x.path.length - 1] === 'string'),
        m.pick,
      );
      if (!p) return;
      const parent = parentOf(doc, p.path);
      const key = p.path[p.path.length - 1] as string;
      delete parent[key];
      parent[`${key.slice(0, -1)}${key.endsWith('s') ? '' : 's'}`] = p.value;
      return;
    }
    case 'clamp': {
      // mostly beside a formula that may declare it (a share, a stage's rate, a demand), else anywhere
      const objects = all.filter((x) => x.value && typeof x.value === 'object' && !Array.isArray(x.value));
      const beside = objects.filter((x) =>
        ['share', 'rate', 'per_year', 'per_month'].some((k) => k in (x.value as object)),
      );
      const p = choose(m.value % 4 === 3 || beside.length === 0 ? objects : beside, m.pick);
      if (p) (p.value as Record<string, Json>).clamp = m.value % 5 === 4 ? 'yes' : true;
      return;
    }
    default:
      return;
  }
}

/** A change to the lines of a text: the ops YAML and CSV files share, and their own. */
function mutateLines(
  text: string,
  op: string,
  pick: number,
  own: (lines: string[], i: number) => void,
): string {
  const lines = text.split('\n');
  const i = pick % Math.max(1, lines.length);
  if (op === 'truncate') return text.slice(0, pick % Math.max(1, text.length));
  if (op === 'delete-line') lines.splice(i, 1);
  else if (op === 'dup-line') lines.splice(i, 0, lines[i] ?? '');
  else own(lines, i);
  return lines.join('\n');
}

function mutateText(text: string, m: Mutation & { kind: 'text' }): string {
  if (m.op === 'cr') return text.replace(/\n/g, '\r');
  return mutateLines(text, m.op, m.pick, (lines, i) => {
    if (m.op === 'doc-marker') lines.splice(i, 0, '---');
    else if (m.op === 'tab') lines[i] = `\t${lines[i] ?? ''}`;
  });
}

const CELLS = ['', '1e300', '-5', 'NaN', 'Infinity', '"', 'x,y', '1e16', '0', 'true', '#', '9'.repeat(400)];

function mutateCsv(text: string, m: Mutation & { kind: 'csv' }): string {
  if (m.op === 'grow') {
    // many more groups: copies of the last row with new ids (up to 3,000), for the budgets
    const lines = text.trimEnd().split('\n');
    const last = lines[lines.length - 1] ?? '';
    const rest = last.slice(last.indexOf(','));
    const extra = Array.from({ length: m.pick % 3000 }, (_, k) => `FZ${k}${rest}`);
    return `${[...lines, ...extra].join('\n')}\n`;
  }
  return mutateLines(text, m.op, m.pick, (lines, i) => {
    if (m.op === 'quote') lines[i] = `"${lines[i] ?? ''}`;
    else if (m.op === 'cell') {
      const cells = (lines[i] ?? '').split(',');
      cells[m.value % Math.max(1, cells.length)] = choose(CELLS, m.value) as string;
      lines[i] = cells.join(',');
    }
  });
}

// ── options ─────────────────────────────────────────────────────────────────────────────────

export interface RunOptions {
  runs: string | string[];
  seed?: string;
  charts: string;
  threads: string;
  shard?: string;
  keepRuns?: boolean;
  json?: boolean;
  maxMemory?: string;
  set: string[];
}

const GOOD_SETS = ['simulation.runs=2', 'calendar.years=1', 'simulation.seed=3'];
const BAD_SETS = [
  'calendar.years=0',
  'programs=1',
  '__proto__.x=1',
  'constructor.prototype.x=1',
  'nope',
  'groups.from=data/missing.csv',
  'groups.from=',
  'simulation.seed=[1, 2]',
  'calendar.start=0050-10-01',
  'parameters=[]',
];

/** One option given a bad value (or twice): the rest of the vector stays valid. */
const arbBadOption: fc.Arbitrary<Partial<RunOptions>> = fc.oneof(
  fc.record({
    runs: fc.constantFrom<string | string[]>('0', '-1', 'abc', '1e3', '', '2.5', '99999999999', ['2', '3']),
  }),
  fc.record({ seed: fc.constant('') }),
  fc.record({ charts: fc.constantFrom('bogus', 'none,svg', '') }),
  fc.record({ threads: fc.constantFrom('0', 'abc', '257', '-2') }),
  fc.record({ shard: fc.constantFrom('3/2', '0/1', 'x') }),
  fc.record({ shard: fc.constant('1/2'), keepRuns: fc.constant(true) }),
  fc.record({ set: fc.constantFrom(...BAD_SETS).map((x) => [x]) }),
  fc.record({ maxMemory: fc.constantFrom('1M', '64K', 'abc', '0', '1') }),
);

/**
 * An option vector for `run`: short (at most 3 runs, one thread: more would start workers from the
 * TypeScript sources, slow and not the point), mostly valid, one option bad in about one in five.
 */
export const arbRunOptions: fc.Arbitrary<RunOptions> = fc
  .tuple(
    fc.record(
      {
        runs: fc.constantFrom('1', '2', '3'),
        seed: fc.constantFrom('7', 'x'.repeat(100), '0', '-1'),
        charts: fc.oneof(
          { weight: 9, arbitrary: fc.constant('none') },
          { weight: 1, arbitrary: fc.constant('html') },
        ),
        threads: fc.constant('1'),
        shard: fc.constantFrom('1/2', '2/2', '1/1'),
        keepRuns: fc.boolean(),
        json: fc.boolean(),
        set: fc.array(fc.constantFrom(...GOOD_SETS), { maxLength: 1 }),
      },
      { requiredKeys: ['runs', 'charts', 'threads', 'set'] },
    ),
    fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arbBadOption }),
  )
  .map(([good, bad]) => {
    const o = { ...good, ...(bad ?? {}) };
    if (o.shard !== undefined && o.keepRuns && !bad?.keepRuns) delete o.keepRuns;
    return o;
  });

export interface FuzzCase {
  scenario: number;
  mutations: Mutation[];
  /** undefined: `validate`; else `run` with these options */
  run?: RunOptions;
}

export const arbCase: fc.Arbitrary<FuzzCase> = fc.record(
  {
    scenario: fc.nat({ max: SHIPPED.length - 1 }),
    mutations: fc.array(arbMutation, { minLength: 0, maxLength: 3 }),
    run: arbRunOptions,
  },
  { requiredKeys: ['scenario', 'mutations'] },
);

// ── one case ────────────────────────────────────────────────────────────────────────────────

export interface CaseResult {
  code: number;
  /** what the command line would print for an error */
  text: string;
}

/** The files of a folder, recursively, as paths relative to it with "/". */
function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Run one case in a scratch copy of scenarios/, throwing an Error that says what broke. */
export async function runCase(c: FuzzCase): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'visasim-fuzz-'));
  try {
    cpSync(SCENARIOS, dir, { recursive: true });
    const name = SHIPPED[c.scenario % SHIPPED.length] as string;
    const file = join(dir, name);
    const doc: Json = parseYaml(readFileSync(file, 'utf8'), { version: '1.2' });
    for (const m of c.mutations) mutateValue(doc, m);
    let text = c.mutations.some((m) => m.kind !== 'text' && m.kind !== 'csv')
      ? stringifyYaml(doc, { lineWidth: 0 })
      : readFileSync(file, 'utf8');
    for (const m of c.mutations) if (m.kind === 'text') text = mutateText(text, m);
    writeFileSync(file, text);
    const csvs = readdirSync(join(dir, 'data')).filter((f) => f.endsWith('.csv'));
    for (const m of c.mutations) {
      if (m.kind !== 'csv') continue;
      const csv = join(dir, 'data', choose(csvs, m.value) as string);
      writeFileSync(csv, mutateCsv(readFileSync(csv, 'utf8'), m));
    }

    const out = join(dir, 'out');
    const result = c.run ? await runInProcess(file, out, c.run) : await validateInProcess(file);
    checkResult(result, dir, out, !!c.run);
    return { code: result.code, text: result.text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Outcome extends CaseResult {
  error?: unknown;
}

async function validateInProcess(file: string): Promise<Outcome> {
  try {
    await prepareScenario(file);
    return { code: EXIT.ok, text: '' };
  } catch (error) {
    return { ...describeError(error, true), error };
  }
}

async function runInProcess(file: string, out: string, o: RunOptions): Promise<Outcome> {
  const args = {
    _: ['run'],
    $0: 'visasim',
    file,
    out,
    runs: o.runs,
    charts: o.charts,
    threads: o.threads,
    set: o.set,
    quiet: true,
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.shard !== undefined ? { shard: o.shard } : {}),
    ...(o.keepRuns ? { keepRuns: true, 'keep-runs': true } : {}),
    ...(o.json ? { json: true } : {}),
    ...(o.maxMemory !== undefined ? { maxMemory: o.maxMemory, 'max-memory': o.maxMemory } : {}),
  };
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  const before = process.exitCode;
  process.exitCode = undefined;
  // the command prints its checks and, with --json, the summary: not wanted in the test's output
  process.stdout.write = () => true;
  process.stderr.write = () => true;
  try {
    refuseRepeated(args); // the command line's middleware
    await (runCommand.handler as (a: typeof args) => Promise<void>)(args);
    return { code: Number(process.exitCode ?? 0), text: '' };
  } catch (error) {
    return { ...describeError(error, true), error };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    process.exitCode = before;
  }
}

function checkResult(r: Outcome, dir: string, out: string, ran: boolean): void {
  if (r.code === EXIT.internal) throw new Error(`internal error (exit 1):\n${r.text}`);
  if (![EXIT.ok, EXIT.input, EXIT.checks].includes(r.code as 0 | 2 | 3))
    throw new Error(`unexpected exit code ${r.code}:\n${r.text}`);
  if (r.error instanceof ScenarioError) {
    for (const issue of r.error.issues) {
      if (issue.file === '--set') continue;
      const where = resolve(issue.file);
      if (!where.startsWith(dir + sep))
        throw new Error(`an error located outside the case's files (${issue.file}):\n${r.text}`);
      if (issue.line === 0) continue;
      const lines = existsSync(where) ? readFileSync(where, 'utf8').split(/\r\n|\r|\n/).length : 0;
      if (issue.line < 1 || issue.line > lines || issue.col < 1)
        throw new Error(
          `an error at ${issue.file}:${issue.line}:${issue.col}, a line the file lacks:\n${r.text}`,
        );
    }
  }
  if (!ran) return;
  const files = filesIn(out);
  if (r.code === EXIT.input) {
    if (files.length > 0 || existsSync(out))
      throw new Error(`a failed run left ${out}: ${files.join(', ') || '(an empty folder)'}\n${r.text}`);
    return;
  }
  const listing = files.includes('partial.json') ? 'partial.json' : 'manifest.json';
  if (!files.includes(listing)) throw new Error(`a finished run wrote no ${listing}: ${files.join(', ')}`);
  const listed = (JSON.parse(readFileSync(join(out, listing), 'utf8')) as { outputs: string[] }).outputs;
  if (JSON.stringify([...listed].sort()) !== JSON.stringify(files))
    throw new Error(`the output folder holds ${files.join(', ')}; ${listing} lists ${listed.join(', ')}`);
}

/** A generous bound per case: it detects a hang, it is not a timing assertion. */
export const CASE_TIMEOUT_MS = 30_000;

/** fast-check's parameters: `cases` cases unless FUZZ_CASES says more; FUZZ_SEED replays a run. */
export function fuzzParams(cases: number): fc.Parameters<[FuzzCase]> {
  const seed = process.env.FUZZ_SEED;
  return {
    numRuns: Number(process.env.FUZZ_CASES ?? cases),
    timeout: CASE_TIMEOUT_MS,
    endOnFailure: true,
    ...(seed ? { seed: Number(seed) } : {}),
  };
}

/** The property: every case keeps the promises above. */
export const fuzzProperty = () =>
  fc.asyncProperty(arbCase, async (c) => {
    await runCase(c);
  });
