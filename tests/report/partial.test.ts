import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptOffsets } from '../../src/model/cells.js';
import { finishRuns, runScenario } from '../../src/pipeline.js';
import { mergePartials, parsePartial, partialFiles } from '../../src/report/partial.js';
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
