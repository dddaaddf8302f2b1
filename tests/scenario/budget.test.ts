/**
 * Budgets (issue 16): the estimate of a model's cells and memory bounds what compiling allocates, and
 * validation refuses, at the line responsible and with the estimate and the limit, a model or a run
 * count that would not fit — before anything large is built.
 */
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/model.js';
import { prepareScenario } from '../../src/pipeline.js';
import {
  BudgetError,
  DEFAULT_MAX_MEMORY,
  estimateBudget,
  formatBytes,
  MAX_KEPT_CELLS,
  parseBytes,
} from '../../src/scenario/budget.js';
import { loadScenario } from '../../src/scenario/index.js';
import { issuesOf, MINIMAL, type Scratch, scratch } from './helpers.js';

let s: Scratch;
beforeEach(async () => {
  s = await scratch();
});
afterEach(async () => {
  await s.remove();
});

/** A scenario of `groups` groups from a CSV, with `pools` monthly pools over `years` years. */
async function sized(groups: number, years: number, pools: number, runs = 100): Promise<string> {
  const csv = ['id,name,population'];
  for (let i = 0; i < groups; i++) csv.push(`G${i},Group ${i},${1000 + i}`);
  const poolText = Array.from(
    { length: pools },
    (_, j) => `      - { id: p${j}, cap: { amount: 100, per: month }, eligible: population > ${j} }\n`,
  ).join('');
  return s.write({
    'big.yaml': `id: big
title: A big model
status: hypothetical
calendar: { start: 2023-10-01, years: ${years} }
simulation: { runs: ${runs}, seed: 1 }
groups:
  from: data/groups.csv
programs:
  - id: prog
    title: A program
    demand: { per_year: population }
    pools:
${poolText}`,
    'data/groups.csv': `${csv.join('\n')}\n`,
  });
}

describe('estimateBudget', () => {
  it('bounds the cells the compiled model lays out, for every shipped scenario', async () => {
    for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml'))) {
      const { scenario } = await loadScenario(`scenarios/${f}`);
      const e = estimateBudget(scenario);
      const model = compileModel(scenario);
      expect(e.keptCells, f).toBeGreaterThanOrEqual(model.cells.rows.length);
      expect(e.outputCells, f).toBeGreaterThanOrEqual(model.cells.size);
      // and not wildly: the budget must not refuse what fits
      expect(e.keptCells, f).toBeLessThan(3 * model.cells.rows.length);
      // 100,000 runs of any shipped scenario fit the default limit
      expect(estimateBudget(scenario, { runs: 100_000, threads: 2 }).bytes.total).toBeLessThan(
        DEFAULT_MAX_MEMORY,
      );
    }
  });

  it('counts kept values per run, divided among shards', async () => {
    const { scenario } = await loadScenario(MINIMAL);
    const one = estimateBudget(scenario, { runs: 1000 });
    expect(one.bytes.kept).toBe(one.keptCells * 1000 * 4);
    expect(estimateBudget(scenario, { runs: 1000, shards: 10 }).bytes.kept).toBe(one.keptCells * 100 * 4);
  });

  it('reads and prints sizes', () => {
    expect(parseBytes('512M')).toBe(512 * 1024 ** 2);
    expect(parseBytes('8G')).toBe(8 * 1024 ** 3);
    expect(parseBytes('8GiB')).toBe(8 * 1024 ** 3);
    expect(parseBytes('1.5t')).toBe(1.5 * 1024 ** 4);
    expect(parseBytes('1000')).toBe(1000);
    for (const bad of ['', 'lots', '-1G', '0', '8 GB extra']) expect(parseBytes(bad)).toBeUndefined();
    expect(formatBytes(4 * 1024 ** 3)).toBe('4.0 GiB');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300 MiB');
  });
});

describe('validation refuses what would not fit', () => {
  it('refuses 10,000 groups of monthly pools over 50 years at groups.from, before compiling', async () => {
    const file = await sized(10_000, 50, 2);
    const [issue, ...rest] = await issuesOf(prepareScenario(file));
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: 'too_large', path: ['groups', 'from'], line: 7 });
    expect(issue?.message).toMatch(
      new RegExp(
        `^the model would report about [\\d,]+ cells \\(10,000 groups, .*\\); at most ${MAX_KEPT_CELLS.toLocaleString('en-US')} are supported$`,
      ),
    );
  });

  it('blames calendar.years when the periods, not the groups, make the model large', async () => {
    const file = await sized(20, 50, 10);
    const [issue] = await issuesOf(prepareScenario(file, { maxMemory: 64 * 1024 ** 2 }));
    expect(issue).toMatchObject({ code: 'too_large', path: ['calendar', 'years'], line: 4 });
    expect(issue?.message).toMatch(/^this model would need about [\d.]+ [MG]iB: .*; the limit is 64 MiB$/);
    // a raised limit lets it through
    await expect(prepareScenario(file, { maxMemory: 64 * 1024 ** 3 })).resolves.toBeDefined();
  });

  it('refuses runs whose kept values cannot fit, at simulation.runs, or naming --runs', async () => {
    const file = await sized(4, 2, 1, 10_000_000);
    const [issue] = await issuesOf(prepareScenario(file, { maxMemory: 256 * 1024 ** 2 }));
    expect(issue).toMatchObject({ code: 'too_large', path: ['simulation', 'runs'], line: 5 });
    expect(issue?.message).toMatch(
      /^these runs would need about [\d.]+ [MG]iB: [\d.]+ [MG]iB for [\d,]+ cells kept for each of 10,000,000 runs, .*; the limit is 256 MiB$/,
    );
    // the option overrides the file: a few runs fit, many are refused with the estimate
    await expect(prepareScenario(file, { runs: 10, maxMemory: 256 * 1024 ** 2 })).resolves.toBeDefined();
    await expect(prepareScenario(file, { runs: 10_000_000, maxMemory: 256 * 1024 ** 2 })).rejects.toThrow(
      BudgetError,
    );
    await expect(prepareScenario(file, { runs: 10_000_000, maxMemory: 256 * 1024 ** 2 })).rejects.toThrow(
      /^--runs 10,000,000: these runs would need about/,
    );
    // a shard keeps only its slice
    await expect(
      prepareScenario(file, { runs: 10_000_000, shards: 100, maxMemory: 256 * 1024 ** 2 }),
    ).resolves.toBeDefined();
  });
});

describe('attributes', () => {
  it('refuses a ninth attribute at its line (the model would refuse it with no place in the file)', async () => {
    const attrs = Array.from(
      { length: 9 },
      (_, i) => `  - { id: a${i}, description: attribute ${i}, share: 0.5 }\n`,
    ).join('');
    const file = await s.write({
      'child.yaml': `extends: ${JSON.stringify(MINIMAL)}\nattributes:\n${attrs}`,
    });
    const [issue, ...rest] = await issuesOf(prepareScenario(file, { allowAnyPath: true }));
    expect(rest).toEqual([]);
    // the minimal scenario has one already: the ninth is a7
    expect(issue).toMatchObject({ code: 'too_large', path: ['attributes', 'a7'], line: 10, col: 5 });
    expect(issue?.message).toBe(
      'at most 8 attributes are supported (each doubles the segments a group is split into: 256 for 8); this is attribute 9 of 10',
    );
  });
});
