/**
 * A cohort's list of the cells where it has applicants (run/state.ts, `Cohort.nz`): notSelected
 * builds it for the cohorts of reapplicants it forms, and the loops of tryPool and notSelected
 * visit those cells alone. Wherever a list is kept (nzn ≥ 0), it must be in strictly increasing
 * cell order and name every cell with a count, and where the cells are also sorted by pool
 * (`part`), each pool's part must hold, in cell order, every cell with a count that its mask takes:
 * checked at every step of shipped scenarios with queues and of random scenarios.
 */
import { describe, expect, it } from 'vitest';
import type { Cohort, Run } from '../../../src/engine/run/state.js';
import { type RunView, simulateRun } from '../../../src/engine/run.js';
import { compileModel } from '../../../src/model/model.js';
import { loadScenario } from '../../../src/scenario/index.js';
import { ROOT } from '../../helpers/cli.js';
import { arbEngineScenario, modelOf } from '../../helpers/engine-arbitraries.js';
import { fc, test } from '../../helpers/prop.js';

/** Problems with the lists of the cohorts waiting in a run (none: ''), and how many lists there are. */
function checkLists(view: RunView): { problem: string; listed: number } {
  const r = view as unknown as Run;
  let listed = 0;
  for (const [p, list] of r.waiting.entries())
    for (const co of list as Cohort[]) {
      if (co.nzn < 0) continue;
      listed++;
      const inList = new Set<number>();
      for (let j = 0; j < co.nzn; j++) {
        const c = co.nz[j] as number;
        if (j > 0 && c <= (co.nz[j - 1] as number))
          return { problem: `program ${p}: list not in cell order at ${j}`, listed };
        inList.add(c);
      }
      for (let c = 0; c < co.counts.length; c++)
        if (co.counts[c] !== 0 && !inList.has(c))
          return { problem: `program ${p}: cell ${c} holds ${co.counts[c]} but is not listed`, listed };
      // sorted by pool: each cell with applicants in the part of the pool whose mask takes it
      const owner = co.partOwner;
      if (!owner) continue;
      const part = co.part as Int32Array;
      const partAt = co.partAt as Int32Array;
      for (let q = 0; q < r.model.pools.length; q++) {
        const from = partAt[q] as number;
        const to = partAt[q + 1] as number;
        for (let j = from; j < to; j++) {
          const c = part[j] as number;
          if (owner[c] !== q) return { problem: `program ${p}: cell ${c} in pool ${q}'s part`, listed };
          if (j > from && c <= (part[j - 1] as number))
            return { problem: `program ${p}: pool ${q}'s part not in cell order`, listed };
        }
      }
      for (let c = 0; c < co.counts.length; c++) {
        const q = owner[c] as number;
        if (co.counts[c] === 0 || q < 0) continue;
        if (!part.subarray(partAt[q] as number, partAt[q + 1] as number).includes(c))
          return { problem: `program ${p}: cell ${c} missing from pool ${q}'s part`, listed };
      }
    }
  return { problem: '', listed };
}

function watch(model: ReturnType<typeof compileModel>, run: number): { problems: string[]; listed: number } {
  const problems: string[] = [];
  let listed = 0;
  simulateRun(model, run, 'lists', undefined, {
    afterStep: (t, view) => {
      const got = checkLists(view);
      listed += got.listed;
      if (got.problem) problems.push(`step ${t}: ${got.problem}`);
      // notSelected's index of the cohorts it forms, by arrival, is left empty between calls
      if ((view as unknown as Run).reapplyAt.some((j) => j !== -1))
        problems.push(`step ${t}: reapplyAt not reset`);
    },
  });
  return { problems, listed };
}

describe("a cohort's list of its cells", () => {
  it('names every cell with applicants, in cell order, at every step of shipped queues', async () => {
    for (const [file, runs] of [
      ['us-preference-system-fy2024', 1],
      ['eb2-backlog-india-china-row', 3],
    ] as const) {
      const { scenario } = await loadScenario(`${ROOT}/scenarios/${file}.yaml`);
      const model = compileModel(scenario);
      for (let run = 0; run < runs; run++) {
        const { problems, listed } = watch(model, run);
        expect(problems, `${file}, run ${run}`).toEqual([]);
        // the lists are in use: the reapplicants' cohorts keep them
        expect(listed, `${file}, run ${run}`).toBeGreaterThan(0);
      }
    }
  });

  test.prop(
    [
      arbEngineScenario,
      fc.integer({ min: 0, max: 20 }),
      fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    ],
    { numRuns: 80 },
  )('names every cell with applicants, in cell order, in random scenarios', (obj, run, everyone) => {
    // some programs (by `everyone`) have everyone not selected reapply: their cohorts are kept
    // and sorted by pool
    const o = obj as unknown as { programs: { not_selected: Record<string, unknown> }[] };
    o.programs.forEach((p, i) => {
      if (everyone[i]) p.not_selected.reapply = 1;
    });
    const model = modelOf(o);
    if (!model) return;
    let result: { problems: string[] };
    try {
      result = watch(model, run);
    } catch {
      return; // a scenario whose run fails (checked elsewhere)
    }
    expect(result.problems).toEqual([]);
  });
});

describe('a cohort of reapplicants kept as it is (reapply 1)', () => {
  test.prop(
    [
      arbEngineScenario,
      fc.integer({ min: 0, max: 20 }),
      fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    ],
    { numRuns: 80 },
  )('gives the runs that copying every cohort gives, cell for cell', (obj, run, everyone) => {
    // some programs (by `everyone`) have everyone not selected reapply
    const o = obj as unknown as { programs: { not_selected: Record<string, unknown> }[] };
    o.programs.forEach((p, i) => {
      if (everyone[i]) p.not_selected.reapply = 1;
    });
    const model = modelOf(o);
    if (!model) return;
    const outcome = (copyCohorts: boolean) => {
      try {
        return Array.from(simulateRun(model, run, 'kept', undefined, { copyCohorts }));
      } catch (e) {
        return String(e);
      }
    };
    expect(outcome(false)).toEqual(outcome(true));
  });

  it('gives the shipped queues the same runs as copying every cohort', async () => {
    for (const file of ['us-preference-system-fy2024', 'eb2-backlog-india-china-row']) {
      const { scenario } = await loadScenario(`${ROOT}/scenarios/${file}.yaml`);
      const model = compileModel(scenario);
      const a = Array.from(simulateRun(model, 3, 'kept', undefined, { copyCohorts: true }));
      const b = Array.from(simulateRun(model, 3, 'kept'));
      expect(b, file).toEqual(a);
    }
  });
});
