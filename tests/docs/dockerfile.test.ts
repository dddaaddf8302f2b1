/**
 * The Dockerfile, linted structurally (CI cannot pull base images, so it is not built here): a
 * Debian base with Node 20, Debian's Chromium installed without recommends, the lockfile copied
 * before `npm ci` (and the sources after), the build run, the bin on PATH, and the visasim bin as the
 * ENTRYPOINT, in the folder the Kubernetes recipe uses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/cli.js';

interface Instruction {
  op: string;
  args: string;
  line: number;
}

/** Dockerfile instructions, with line continuations joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: Instruction | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && !pending)) return;
    const cont = line.endsWith('\\');
    const body = cont ? line.slice(0, -1).trim() : line;
    if (pending) pending.args = `${pending.args} ${body}`.trim();
    else {
      const m = /^(\w+)\s+(.*)$/.exec(body);
      if (!m) throw new Error(`Dockerfile line ${i + 1}: not an instruction: ${raw}`);
      pending = { op: (m[1] as string).toUpperCase(), args: m[2] as string, line: i + 1 };
    }
    if (!cont) {
      out.push(pending);
      pending = undefined;
    }
  });
  if (pending) throw new Error('Dockerfile ends inside a continued line');
  return out;
}

const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const ins = instructions(DOCKERFILE);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: { visasim: string };
  engines: { node: string };
};
const index = (pred: (i: Instruction) => boolean) => ins.findIndex(pred);

describe('Dockerfile', () => {
  it('knows only real instructions, and starts FROM a Debian image with Node 20', () => {
    const known = [
      'FROM',
      'RUN',
      'COPY',
      'ADD',
      'WORKDIR',
      'ENV',
      'ARG',
      'ENTRYPOINT',
      'CMD',
      'USER',
      'LABEL',
      'EXPOSE',
      'VOLUME',
    ];
    for (const i of ins) expect(known, `line ${i.line}`).toContain(i.op);
    expect(ins[0]?.op).toBe('FROM');
    expect(ins.filter((i) => i.op === 'FROM')).toHaveLength(1);
    // node:20-<debian release>[-slim]: Debian, and the Node major that package.json's engines name
    expect(ins[0]?.args).toMatch(/^node:20(\.\d+){0,2}-(bookworm|trixie)(-slim)?$/);
    expect(pkg.engines.node).toMatch(/^>=20\./);
  });

  it("installs Debian's chromium with apt-get, without recommends, and cleans the lists in the same layer", () => {
    const apt = ins.find((i) => i.op === 'RUN' && /apt-get install/.test(i.args));
    expect(apt).toBeDefined();
    const run = (apt as Instruction).args;
    expect(run).toMatch(/apt-get update\s*&&/);
    expect(run).toMatch(/apt-get install -y --no-install-recommends [^&]*\bchromium\b/);
    expect(run).toMatch(/rm -rf \/var\/lib\/apt\/lists\/\*/);
  });

  it('copies package.json and package-lock.json, then runs npm ci, then copies the sources and builds', () => {
    const lock = index(
      (i) => i.op === 'COPY' && /\bpackage-lock\.json\b/.test(i.args) && /\bpackage\.json\b/.test(i.args),
    );
    const ci = index((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
    const sources = index((i) => i.op === 'COPY' && /^\.\s+\.$/.test(i.args));
    const build = index((i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args));
    expect(lock).toBeGreaterThan(0);
    expect(ci).toBeGreaterThan(lock);
    expect(sources).toBeGreaterThan(ci);
    expect(build).toBeGreaterThan(sources);
    expect(ins.some((i) => i.op === 'RUN' && /\bnpm install\b/.test(i.args))).toBe(false); // the lockfile, exactly
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const p of ['node_modules', 'dist', 'output', '.git']) expect(ignore).toContain(p);
  });

  it('puts the package bin on PATH as visasim and makes it the ENTRYPOINT, in the folder the recipes use', () => {
    const workdir = ins.filter((i) => i.op === 'WORKDIR').at(-1)?.args as string;
    const bin = join(workdir, pkg.bin.visasim);
    expect(ins.some((i) => i.op === 'RUN' && i.args.includes(`ln -s ${bin} /usr/local/bin/visasim`))).toBe(
      true,
    );
    const entry = ins.filter((i) => i.op === 'ENTRYPOINT');
    expect(entry).toHaveLength(1);
    expect(JSON.parse((entry[0] as Instruction).args)).toEqual(['visasim']); // exec form: signals reach visasim
    const k8s = parse(readFileSync(join(ROOT, 'docs/recipes/kubernetes-shards.yaml'), 'utf8')) as {
      spec: { template: { spec: { containers: { workingDir: string }[] } } };
    };
    expect(k8s.spec.template.spec.containers[0]?.workingDir).toBe(workdir);
  });
});
