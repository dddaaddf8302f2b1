import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimulateProfile, ThreadProfile } from '../../src/core/phases.js';
import type { DomainDetail } from '../../src/engine/domain.js';
import { simulateRun } from '../../src/engine/run.js';
import { keptOffsets } from '../../src/model/cells.js';
import { compileModel } from '../../src/model/model.js';
import { MIN_RUNS_PER_THREAD, simulateParallel, threadsFor } from '../../src/parallel/pool.js';
import { quantilesCsv } from '../../src/report/quantiles-csv.js';
import { summaryJson } from '../../src/report/summary-json.js';
import { loadScenario } from '../../src/scenario/index.js';
import { accumulate } from '../../src/stats/accumulate.js';
import { summarize } from '../../src/stats/summarize.js';
import { ROOT } from '../helpers/cli.js';
import { makeScenario } from '../helpers/model.js';

describe('simulateParallel', async () => {
  const { scenario } = await loadScenario(join(ROOT, 'scenarios/us-300k-work-visas.yaml'));
  const model = compileModel(scenario);
  const outputs = async (threads: number, profile?: SimulateProfile) => {
    const acc = await simulateParallel(scenario, model, {
      runs: 60,
      seed: 'threads',
      threads,
      ...(profile ? { profile } : {}),
    });
    const s = summarize(model, acc, { runs: 60, seed: 'threads' });
    return quantilesCsv(s) + summaryJson(s);
  };

  it('gives byte-identical outputs with 1, 2 and 4 threads, also when it profiles them', async () => {
    const one = await outputs(1);
    // profiled: each thread's start, compile and slices of runs, and the main thread storing
    const profile: SimulateProfile = { threads: [], storeMs: 0 };
    expect(await outputs(2, profile)).toBe(one);
    expect(profile.threads).toHaveLength(2);
    expect(profile.threads.flatMap((t) => t.slices).reduce((s, x) => s + x.runs, 0)).toBe(60);
    for (const t of profile.threads) {
      expect(t.startMs).toBeGreaterThan(0);
      expect(t.compileMs).toBeGreaterThan(0);
      expect(t.slices.every((s) => s.ms > 0)).toBe(true);
    }
    expect(profile.storeMs).toBeGreaterThan(0);
    expect(await outputs(4)).toBe(one);
  });

  it('computes the statistics in the worker threads as the main thread would (perRun false, counted and sorted cells)', async () => {
    // above 4,096 runs cellStats counts narrow whole-number columns and radix-sorts the others
    const opts = { runs: 4200, seed: 'stats', threads: 2, keep: { perRun: false } } as const;
    const text = (acc: Awaited<ReturnType<typeof simulateParallel>>) => {
      const s = summarize(model, acc, { runs: opts.runs, seed: opts.seed });
      return quantilesCsv(s) + summaryJson(s);
    };
    let simulated = 0;
    const inWorkers = await simulateParallel(scenario, model, {
      ...opts,
      stats: true,
      onSimulated: () => {
        simulated++;
      },
    });
    expect(simulated).toBe(1);
    expect(inWorkers.statsGiven).toBe(inWorkers.lend().length);
    expect(inWorkers.statsGiven).toBeGreaterThan(100);
    expect(inWorkers.counted.packed + inWorkers.counted.moved).toBeGreaterThan(0);
    const onMain = await simulateParallel(scenario, model, { ...opts, stats: false });
    expect(onMain.statsGiven).toBe(0);
    expect(text(inWorkers)).toBe(text(onMain));
  });

  it('stores every chunk when block buffers go back to the workers, a short last chunk included', async () => {
    // 61 runs in chunks of 4: buffers are sent back and filled again, the last chunk holds one run
    const opts = { runs: 61, seed: 'recycled' };
    const one = await simulateParallel(scenario, model, { ...opts, threads: 1 });
    const two = await simulateParallel(scenario, model, { ...opts, threads: 2 });
    for (let r = 0; r < 61; r++) expect(Array.from(two.runValues(r))).toEqual(Array.from(one.runValues(r)));
  });

  it('gives run r alone the same values as run r inside 1,000 runs', () => {
    const acc = accumulate(model, { runs: 1000, seed: 'alone' });
    const offsets = keptOffsets(model.cells);
    for (const r of [0, 1, 617, 999]) {
      const alone = simulateRun(model, r, 'alone');
      const inside = acc.runValues(r);
      expect(Array.from(inside)).toEqual(offsets.map((o) => Math.fround(alone[o] as number)));
    }
  });

  it('profiles a simulation in this thread in twentieths of its runs', async () => {
    const profile = { threads: [] as ThreadProfile[], storeMs: 0 };
    let progress = 0;
    await simulateParallel(scenario, model, {
      runs: 45,
      seed: 'here',
      threads: 1,
      profile,
      onProgress: (done) => {
        progress = done;
      },
    });
    expect(progress).toBe(45);
    const [main] = profile.threads;
    expect(profile.threads).toHaveLength(1);
    // every 3 runs (⌈45 / 20⌉): 15 slices
    expect(main?.slices.map((s) => s.runs)).toEqual(Array(15).fill(3));
    expect([main?.startMs, main?.compileMs, profile.storeMs]).toEqual([0, 0, 0]);
  });

  it('stops when the signal aborts', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(
      simulateParallel(scenario, model, { runs: 500, seed: 's', threads: 2, signal: ac.signal }),
    ).rejects.toThrow('interrupted');
  });
});

describe('threadsFor', () => {
  it('gives each thread at least MIN_RUNS_PER_THREAD runs, one thread at least, no more than asked', () => {
    expect(threadsFor(1, 2)).toBe(1);
    expect(threadsFor(1000, 2)).toBe(1);
    expect(threadsFor(2 * MIN_RUNS_PER_THREAD - 1, 2)).toBe(1);
    expect(threadsFor(2 * MIN_RUNS_PER_THREAD, 2)).toBe(2);
    expect(threadsFor(100_000, 2)).toBe(2);
    expect(threadsFor(100_000, 16)).toBe(16);
    expect(threadsFor(10_000, 16)).toBe(Math.floor(10_000 / MIN_RUNS_PER_THREAD));
    expect(threadsFor(0, 2)).toBe(1);
  });
});

describe('simulateParallel with formulas that leave their domain', () => {
  // demand falls below 0 in the third year when decline > 500: in about 1 run of 80
  const scenarioWith = (clamp: boolean) =>
    makeScenario({
      parameters: [{ id: 'decline', uniform: [100, 505] }],
      calendar: { start: '2023-10-01', years: 3 },
      programs: [
        {
          id: 'prog',
          title: 'Program',
          demand: { per_year: '1000 - decline * year', ...(clamp ? { clamp: true } : {}) },
          pools: [{ id: 'main', cap: 100000 }],
        },
      ],
    });

  it("reports the first run's value out of domain, as one thread would, with any number of threads", async () => {
    const scenario = scenarioWith(false);
    const model = compileModel(scenario);
    const failure = async (threads: number) => {
      try {
        await simulateParallel(scenario, model, { runs: 200, seed: 'h', threads });
      } catch (e) {
        return e as Error & { detail?: DomainDetail };
      }
      throw new Error('no failure');
    };
    const one = await failure(1);
    expect(one.name).toBe('FormulaDomainError');
    for (const threads of [2, 3]) {
      const e = await failure(threads);
      // a worker's error crosses the thread boundary with its name and its detail
      expect(e.name).toBe('FormulaDomainError');
      expect(e.detail).toEqual(one.detail);
    }
    // past the first chunks the threads are given
    expect(one.detail?.run).toBeGreaterThan(20);
  });

  it('counts the runs a declared clamp clamped the same with 1 and 2 threads', async () => {
    const scenario = scenarioWith(true);
    const model = compileModel(scenario);
    const clamps = async (threads: number) =>
      (await simulateParallel(scenario, model, { runs: 200, seed: 'h', threads })).clamps.entries();
    const one = await clamps(1);
    expect(one).toHaveLength(1);
    expect(one[0]?.runs).toBeGreaterThan(0);
    expect(await clamps(2)).toEqual(one);
  });
});
