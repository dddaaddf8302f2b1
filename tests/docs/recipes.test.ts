/**
 * The cluster recipes of the README (docs/recipes/): the README shows each file as it is; the Slurm
 * scripts and the Kubernetes manifests are parsed, and the shell they hand their command lines to is
 * run with a stand-in `visasim` (and `sbatch`) that records its arguments, which must be a shard or
 * merge command the real visasim accepts, with the shard count, threads and CPUs agreeing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, visasim } from '../helpers/cli.js';

const RECIPES = join(ROOT, 'docs/recipes');
const read = (name: string) => readFileSync(join(RECIPES, name), 'utf8');

/** A folder with stand-ins on PATH: each writes its name and arguments, one per line, to $LOG. */
function stubs(names: string[], sbatchPrints = '4242;cluster') {
  const bin = mkdtempSync(join(tmpdir(), 'visasim-stubs-'));
  for (const name of names) {
    const file = join(bin, name);
    const echo = name === 'sbatch' ? `printf '%s\\n' '${sbatchPrints}'` : ':';
    writeFileSync(
      file,
      `#!/bin/sh\n{ printf '%s\\n' '>> ${name}'; for a in "$@"; do printf '%s\\n' "$a"; done; } >> "$LOG"\n${echo}\n`,
    );
    chmodSync(file, 0o755);
  }
  return bin;
}

/** Run `args` (a shell and its arguments) with the stand-ins first on PATH; the calls they recorded. */
function record(argv: string[], names: string[], env: Record<string, string> = {}, cwd?: string) {
  const bin = stubs(names);
  const log = join(bin, 'log');
  writeFileSync(log, '');
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    cwd: cwd ?? mkdtempSync(join(tmpdir(), 'visasim-recipe-cwd-')),
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin`, LOG: log, ...env },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const calls: { cmd: string; args: string[] }[] = [];
  for (const line of readFileSync(log, 'utf8').split('\n').slice(0, -1)) {
    if (line.startsWith('>> ')) calls.push({ cmd: line.slice(3), args: [] });
    else calls.at(-1)?.args.push(line);
  }
  return calls;
}

/** The value after `--name` (or in `--name=value`). */
function opt(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** The real visasim accepts a shard command's options: the same line, a few runs, into a scratch folder. */
function expectRunnable(args: string[]) {
  expect(args[0]).toBe('run');
  const scenario = args[1] as string;
  expect(existsSync(join(ROOT, scenario)), scenario).toBe(true);
  const out = mkdtempSync(join(tmpdir(), 'visasim-recipe-out-'));
  const small = args.map((a, i) =>
    args[i - 1] === '--runs' ? '20' : args[i - 1] === '--out' ? join(out, 'p') : a,
  );
  const r = visasim(small);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(existsSync(join(out, 'p', 'partial.json'))).toBe(true);
}

describe('docs/recipes in the README', () => {
  it('shows every recipe file exactly, and every file is shown', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const shown = [...readme.matchAll(/<!-- recipe: docs\/recipes\/(\S+) -->\n```\w+\n([\s\S]*?)```\n/g)];
    for (const [, name, body] of shown) expect(body, name).toBe(read(name as string));
    expect(shown.map((m) => m[1]).sort()).toEqual(readdirSync(RECIPES).sort());
  });
});

describe('Slurm recipe', () => {
  const sbatch = read('slurm-shards.sbatch');
  const directives = Object.fromEntries(
    [...sbatch.matchAll(/^#SBATCH --([\w-]+)=(\S+)$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );

  it('is an array of one task per shard, each running its shard with the cores Slurm gave it', () => {
    expect(sbatch.startsWith('#!/bin/bash\n')).toBe(true);
    const [, first, last] = /^(\d+)-(\d+)$/.exec(directives.array ?? '') ?? [];
    expect(first).toBe('1');
    const cpus = directives['cpus-per-task'] as string;
    expect(Number(cpus)).toBeGreaterThan(0);
    for (const task of [first, last] as string[]) {
      const calls = record(['bash', join(RECIPES, 'slurm-shards.sbatch')], ['visasim'], {
        SLURM_ARRAY_TASK_ID: task,
        SLURM_CPUS_PER_TASK: cpus,
      });
      expect(calls).toHaveLength(1);
      const args = (calls[0] as { args: string[] }).args;
      expect(opt(args, 'shard')).toBe(`${task}/${last}`); // N = the array's size
      expect(opt(args, 'threads')).toBe(cpus);
      expect(opt(args, 'out')).toBe(`parts/${task}`);
      expect(opt(args, 'seed')).toBeDefined(); // every shard draws from the same seed
      if (task === first) expectRunnable(args);
    }
    // the log folder is made by the submit script before sbatch opens it
    expect(directives.output?.startsWith('logs/')).toBe(true);
  });

  it('submits the array with --parsable and a merge that depends on all its tasks', () => {
    const calls = record(['bash', join(RECIPES, 'slurm-submit.sh')], ['sbatch']);
    expect(calls.map((c) => c.cmd)).toEqual(['sbatch', 'sbatch']);
    const [array, merge] = calls as unknown as [{ args: string[] }, { args: string[] }];
    expect(array.args).toEqual(['--parsable', 'slurm-shards.sbatch']);
    expect(opt(merge.args, 'dependency')).toBe('afterok:4242'); // "4242;cluster" cut at the ;
    const wrap = opt(merge.args, 'wrap') as string;
    expect(wrap).toMatch(/^visasim merge parts\/\* --out \S+/);
    expect(opt(merge.args, 'output')?.startsWith('logs/')).toBe(true);
  });
});

interface Container {
  command: string[];
  workingDir: string;
  image: string;
  resources: { requests: { cpu: string }; limits?: { cpu: string } };
  volumeMounts: { name: string; mountPath: string }[];
}
interface JobDoc {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: {
      spec: {
        restartPolicy: string;
        containers: Container[];
        volumes: { name: string; persistentVolumeClaim: { claimName: string } }[];
      };
    };
  };
}

describe('Kubernetes recipe', () => {
  const shards = parse(read('kubernetes-shards.yaml')) as JobDoc;
  const merge = parse(read('kubernetes-merge.yaml')) as JobDoc;
  const shardPod = shards.spec.template.spec;
  const c = shardPod.containers[0] as Container;

  it('is an Indexed Job whose pod k runs shard k+1 of `completions`, threads = the CPUs it asks', () => {
    expect(shards.kind).toBe('Job');
    expect(shards.spec.completionMode).toBe('Indexed');
    const n = shards.spec.completions as number;
    expect(n).toBeGreaterThan(1);
    expect(shards.spec.parallelism).toBeLessThanOrEqual(n);
    expect(shardPod.restartPolicy).toBe('Never');
    expect(c.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(c.command).toHaveLength(3);
    for (const k of [0, n - 1]) {
      const calls = record(['sh', '-c', c.command[2] as string], ['visasim'], {
        JOB_COMPLETION_INDEX: String(k),
      });
      expect(calls).toHaveLength(1);
      const args = (calls[0] as { args: string[] }).args;
      expect(opt(args, 'shard')).toBe(`${k + 1}/${n}`);
      const threads = opt(args, 'threads') as string;
      expect(threads).toBe(c.resources.requests.cpu);
      expect(c.resources.limits?.cpu ?? threads).toBe(threads);
      const out = opt(args, 'out') as string;
      expect(out).toBe(`/data/parts/${k + 1}`);
      expect(c.volumeMounts.some((m) => out.startsWith(`${m.mountPath}/`))).toBe(true);
      if (k === 0) expectRunnable(args);
    }
  });

  it('merges every shard from the same volume in a second Job, applied once the first completes', () => {
    const m = merge.spec.template.spec.containers[0] as Container;
    expect(merge.kind).toBe('Job');
    expect(m.image).toBe(c.image);
    expect(m.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(m.command[2]).toMatch(/^exec visasim merge \/data\/parts\/\* --out \/data\/\S+/);
    expect(m.volumeMounts).toEqual(c.volumeMounts);
    expect(merge.spec.template.spec.volumes).toEqual(shardPod.volumes);
    const calls = record(['sh', join(RECIPES, 'kubernetes.sh')], ['kubectl']);
    expect(calls.map((x) => x.args.join(' '))).toEqual([
      'apply -f kubernetes-shards.yaml',
      `wait --for=condition=complete job/${shards.metadata.name} --timeout=24h`,
      'apply -f kubernetes-merge.yaml',
      `wait --for=condition=complete job/${merge.metadata.name} --timeout=1h`,
    ]);
  });
});
