import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptOffsets } from '../../src/model/cells.js';
import { finishRuns, runScenario } from '../../src/pipeline.js';
import {
  checkValues,
  mergePartials,
  type Partial,
  PartialError,
  parsePartial,
  partialFiles,
} from '../../src/report/partial.js';
import { quantilesCsv } from '../../src/report/quantiles-csv.js';
import { summaryJson } from '../../src/report/summary-json.js';
import { ROOT } from '../helpers/cli.js';

const FILE = join(ROOT, 'scenarios/us-300k-work-visas.yaml');

describe('shards', () => {
  it('merged from 4 shards equal one full run, byte for byte', async () => {
    const full = await runScenario(FILE, { runs: 37, seed: 'shards', threads: 1 });
    const parts: ReturnType<typeof parsePartial>[] = [];
    for (let i = 1; i <= 4; i++) {
      const r = await runScenario(FILE, {
        runs: 37,
        seed: 'shards',
        threads: 1,
        shard: { index: i, count: 4 },
      });
      const files = partialFiles(r.acc, r.manifest, r.firstRun);
      const json = String(files.find((f) => f.path === 'partial.json')?.data);
      const bin = files.find((f) => f.path === 'partial.f32')?.data as Uint8Array;
      parts.push(parsePartial(`shard${i}`, json, bin));
    }
    // any order
    const merged = mergePartials(
      [parts[2], parts[0], parts[3], parts[1]].filter((p) => p !== undefined),
      keptOffsets(full.model.cells),
    );
    const result = finishRuns(merged.manifest.scenario.resolved, merged.acc, merged.manifest);
    expect(quantilesCsv(result.summary)).toBe(quantilesCsv(full.summary));
    expect(summaryJson(result.summary)).toBe(summaryJson(full.summary));
    expect(() => mergePartials(parts.slice(0, 3), keptOffsets(full.model.cells))).toThrow(
      'missing shard 4/4',
    );
  });

  it('shard 1/1 is the full run', async () => {
    const full = await runScenario(FILE, { runs: 9, seed: 'one', threads: 1 });
    const one = await runScenario(FILE, { runs: 9, seed: 'one', threads: 1, shard: { index: 1, count: 1 } });
    expect(quantilesCsv(one.summary)).toBe(quantilesCsv(full.summary));
  });
});

/** The two files of shard i of n, as text and bytes. */
async function shardFiles(i: number, n: number, file = FILE, runs = 12) {
  const r = await runScenario(file, { runs, seed: 'proof', threads: 1, shard: { index: i, count: n } });
  const files = partialFiles(r.acc, r.manifest, r.firstRun);
  return {
    json: String(files.find((f) => f.path === 'partial.json')?.data),
    bin: new Uint8Array(files.find((f) => f.path === 'partial.f32')?.data as Uint8Array),
    model: r.model,
  };
}

/** little-endian float32 bytes and a partial.json whose sha256 matches them: a rewritten file */
function rewrite(json: string, bin: Uint8Array, edit: (v: Float32Array) => void) {
  const v = new Float32Array(bin.slice().buffer);
  edit(v);
  const out = new Uint8Array(v.buffer);
  const meta = JSON.parse(json);
  meta.sha256 = createHash('sha256').update(out).digest('hex');
  return { json: JSON.stringify(meta), bin: out };
}

describe('shards carry their proof (issue 16)', () => {
  it('refuse a flipped bit, truncation, another shard’s data, and a damaged partial.json, naming the shard', async () => {
    const a = await shardFiles(1, 2);
    const b = await shardFiles(2, 2);
    expect(JSON.parse(a.json).sha256).toMatch(/^[0-9a-f]{64}$/);
    const flipped = a.bin.slice();
    flipped[40] = (flipped[40] as number) ^ 1;
    expect(() => parsePartial('parts/1', a.json, flipped)).toThrow(
      'parts/1/partial.f32 does not match the sha256 in its partial.json',
    );
    expect(() => parsePartial('parts/1', a.json, a.bin.slice(0, -4))).toThrow(
      /parts\/1\/partial.f32 .*truncated/,
    );
    expect(() => parsePartial('parts/1', a.json, b.bin)).toThrow(/corrupt, or another shard's/);
    expect(() => parsePartial('parts/1', a.json.slice(0, 80), a.bin)).toThrow(
      /parts\/1\/partial.json is not valid JSON/,
    );
    const noSum = JSON.stringify({ ...JSON.parse(a.json), sha256: undefined });
    expect(() => parsePartial('parts/1', noSum, a.bin)).toThrow(PartialError);
    const other = JSON.parse(a.json);
    other.manifest.scenario.resolved.title = 'changed';
    expect(() => parsePartial('parts/1', JSON.stringify(other), a.bin)).toThrow(/does not match its sha256/);
  });

  it('refuse NaN counts, negative values and shares above 1, even with a matching sha256', async () => {
    const a = await shardFiles(1, 1);
    const metrics = a.model.cells.rows.map((r) => r.metric);
    const at = (m: string) => metrics.indexOf(m as (typeof metrics)[number]);
    const cases: [string, string, number][] = [
      ['NaN', 'issued', Number.NaN],
      ['-5', 'applicants', -5],
      ['1.5', 'selection_rate', 1.5],
      ['Infinity', 'backlog', Number.POSITIVE_INFINITY],
    ];
    for (const [shown, metric, value] of cases) {
      const bad = rewrite(a.json, a.bin, (v) => {
        v[at(metric)] = value;
      });
      const p = parsePartial('parts/1', bad.json, bad.bin);
      expect(() => checkValues(p, metrics)).toThrow(new RegExp(`parts/1/partial.f32: run 0 has ${shown}`));
      expect(() => mergePartials([p], keptOffsets(a.model.cells), metrics)).toThrow(PartialError);
    }
  });

  it('refuse a shard of another visasim, RNG or sampler version', async () => {
    const a = await shardFiles(1, 1);
    for (const [key, value] of [
      ['version', '0.0.1'],
      ['rng', 'seedrandom.xor4096'],
      ['samplers', 'visasim-samplers/0'],
      ['samplers', undefined],
    ] as const) {
      const meta = JSON.parse(a.json);
      meta.manifest[key] = value;
      const p: Partial = parsePartial('parts/1', JSON.stringify(meta), a.bin);
      expect(() => mergePartials([p], keptOffsets(a.model.cells))).toThrow(
        /shard 1 \(parts\/1\) was made by visasim .*; this is visasim/,
      );
    }
  });

  it("every shipped scenario's shards pass the value checks", async () => {
    const dir = join(ROOT, 'scenarios');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
      const a = await shardFiles(1, 1, join(dir, f), 4);
      const p = parsePartial(f, a.json, a.bin);
      expect(() =>
        checkValues(
          p,
          a.model.cells.rows.map((r) => r.metric),
        ),
      ).not.toThrow();
    }
  });
});

describe('shards carry the clamp counts (issue 16)', () => {
  const CLAMPED = join(ROOT, 'tests/fixtures/valid/clamp.yaml');

  it('merged from 3 shards, count what the full run counts; a shard with bad counts is refused', async () => {
    const full = await runScenario(CLAMPED, { runs: 40, seed: 'proof', threads: 1 });
    expect(full.manifest.clamped?.map((c) => c.path)).toEqual([
      'attributes.skilled.share',
      'programs.prog.demand.per_year',
      'programs.prog.stages.arrived.rate',
    ]);
    expect(full.manifest.clamped?.every((c) => c.runs > 0 && c.runs < 40)).toBe(true);
    const shards = await Promise.all([1, 2, 3].map((i) => shardFiles(i, 3, CLAMPED, 40)));
    const parts = shards.map((s, i) => parsePartial(`shard${i + 1}`, s.json, s.bin));
    const merged = mergePartials(parts, keptOffsets(full.model.cells));
    expect(merged.manifest.clamped).toEqual(full.manifest.clamped);

    const meta = JSON.parse(shards[1]?.json as string);
    meta.manifest.clamped[0].runs = -1;
    const bad = parsePartial('shard2', JSON.stringify(meta), shards[1]?.bin as Uint8Array);
    expect(() =>
      mergePartials([parts[0], bad, parts[2]] as Partial[], keptOffsets(full.model.cells)),
    ).toThrow(/shard2\/partial.json is damaged or not visasim's: bad clamp counts/);
  });
});
