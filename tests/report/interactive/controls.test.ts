import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Control,
  niceStep,
  numberColumns,
  SPLIT_METHODS,
  scenarioControls,
} from '../../../src/report/interactive/controls.js';
import { setsFor } from '../../../src/report/interactive/fragment.js';
import { controlsPanel } from '../../../src/report/interactive/panel.js';
import { applySets } from '../../../src/report/interactive/rerun.js';
import { loadScenario } from '../../../src/scenario/index.js';
import { ROOT } from '../../helpers/cli.js';

const SHIPPED = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('scenarioControls', () => {
  it('the 300k scenario: every parameter argument, the program and pool caps, the split column and method', () => {
    return loadScenario(join(ROOT, 'scenarios/us-300k-work-visas.yaml')).then(({ doc }) => {
      const groups = scenarioControls(doc.raw);
      const paths = groups.flatMap((g) => g.controls.map((c) => `${c.path}=${c.value}`));
      expect(paths).toEqual([
        'parameters.interest.triangular.0=0.001',
        'parameters.interest.triangular.1=0.003',
        'parameters.interest.triangular.2=0.006',
        'parameters.take_up.uniform.0=0.2',
        'parameters.take_up.uniform.1=0.6',
        'parameters.growth.normal.mean=0',
        'parameters.growth.normal.sd=0.05',
        'parameters.in_mexico_share.uniform.0=0.05',
        'parameters.in_mexico_share.uniform.1=0.25',
        'programs.work-visas.cap=300000',
        'programs.work-visas.pools.central-america.cap.amount=150000',
        'programs.work-visas.pools.mexico.cap.amount=150000',
        'programs.work-visas.pools.central-america.split.by=population_2020',
        'programs.work-visas.pools.central-america.split.method=largest-remainder',
      ]);
      const split = groups.find((g) => g.kind === 'split');
      const by = split?.controls[0] as Control;
      // the groups' number columns are the choices, the file's first
      expect(by.options?.map((o) => o.value)).toEqual(['population_2020', 'encounters_fy2022']);
      expect(split?.controls[1]?.options?.map((o) => o.value)).toEqual(SPLIT_METHODS.map((m) => m.value));
      const cap = groups.find((g) => g.id === 'cap-work-visas-mexico')?.controls[0];
      expect(cap).toMatchObject({ kind: 'number', integer: true, min: 0, max: 300000 });
      const interest = groups.find((g) => g.id === 'parameter-interest')?.controls[1];
      expect(interest).toMatchObject({ min: 0, max: 0.015, step: 0.0001 });
      const mean = groups.find((g) => g.id === 'parameter-growth')?.controls[0];
      expect(mean?.min).toBeLessThan(0);
    });
  });

  for (const file of SHIPPED)
    it(`${file}: every parameter, cap and split has its controls, and each control is a --set of the file's own value`, async () => {
      const { scenario, doc } = await loadScenario(join(ROOT, 'scenarios', file));
      const groups = scenarioControls(doc.raw);
      const paths = new Set(groups.flatMap((g) => g.controls.map((c) => c.path)));
      const has = (prefix: string) => [...paths].some((p) => p === prefix || p.startsWith(`${prefix}.`));
      for (const p of scenario.parameters)
        expect({ parameter: p.id, has: has(`parameters.${p.id}`) }).toEqual({ parameter: p.id, has: true });
      for (const program of scenario.programs) {
        if (program.cap !== undefined) expect(has(`programs.${program.id}.cap`)).toBe(true);
        for (const pool of program.pools) {
          const at = `programs.${program.id}.pools.${pool.id}`;
          if (pool.cap !== undefined)
            expect({ pool: at, has: has(`${at}.cap`) }).toEqual({ pool: at, has: true });
          for (const t of pool.tranches ?? []) expect(paths.has(`${at}.tranches.${t.id}.cap`)).toBe(true);
          if (pool.split) {
            expect(paths.has(`${at}.split.by`)).toBe(true);
            expect(paths.has(`${at}.split.method`)).toBe(true);
          }
        }
      }
      for (const c of scenario.ceilings ?? [])
        if (c.amount !== undefined) expect(paths.has(`ceilings.${c.id}.amount`)).toBe(true);
      // the numbers a run depends on beyond parameters and caps: choice weights, application sizes'
      // weights, a ceiling's per-group classes and exempt shares (read off the file itself)
      type Item = { id: string } & Record<string, Record<string, Record<string, unknown[]> & unknown[]>>;
      const raw = doc.raw as { parameters?: Item[]; programs?: Item[]; ceilings?: Item[] };
      for (const p of raw.parameters ?? [])
        (p.choice?.weights ?? []).forEach((_: unknown, i: number) => {
          expect(paths.has(`parameters.${p.id}.choice.weights.${i}`)).toBe(true);
        });
      for (const program of raw.programs ?? [])
        (program.units?.size?.weights ?? []).forEach((w: unknown, i: number) => {
          if (typeof w === 'number')
            expect(paths.has(`programs.${program.id}.units.size.weights.${i}`)).toBe(true);
        });
      for (const c of raw.ceilings ?? []) {
        (c.per_group?.classes ?? []).forEach((k: unknown, i: number) => {
          const rate = k as { share?: number; amount?: number };
          expect(has(`ceilings.${c.id}.per_group.classes.${i}`)).toBe(
            rate.share !== undefined || rate.amount !== undefined,
          );
        });
        (c.per_group?.exempt ?? []).forEach((_: unknown, i: number) => {
          expect(paths.has(`ceilings.${c.id}.per_group.exempt.${i}.share`)).toBe(true);
        });
      }
      // setting every control to the file's value changes nothing
      const controls = groups.flatMap((g) => g.controls);
      const sets = setsFor(
        controls.map((c) => ({ ...c, value: '' })),
        new Map(controls.map((c) => [c.path, c.value])),
      );
      expect(applySets(doc.raw, sets)).toEqual(doc.raw);
      // every control is labelled, and carries its path
      const html = controlsPanel(groups, { runs: 1000, seed: '1', file });
      const ids = [...html.matchAll(/<(?:input|select) [^>]*id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids)
        expect({
          id,
          labelled:
            html.includes(`for="${id}"`) ||
            /aria-label=/.test(html.split(`id="${id}"`)[1]?.split('>')[0] ?? ''),
        }).toEqual({ id, labelled: true });
    });

  it('a fixed value, a date, a choice, a formula cap, tranches, limits and ceilings', () => {
    const groups = scenarioControls({
      groups: {
        rows: [
          { id: 'A', n: 1, name: 'x' },
          { id: 'B', n: 2, m: 3 },
        ],
        derived: { d: 'n * 2' },
      },
      parameters: [
        { id: 'k', value: 7 },
        { id: 'day', value: '2023-01-05' },
        { id: 'cut', choice: { values: ['2022-10-12', '2022-10-19'], weights: [3, 1] } },
        { id: 'b', beta: { a: 2, b: 5 } },
      ],
      programs: [
        {
          id: 'p',
          units: { carries: 'workers', size: { values: [1, 5], weights: [2, 'n'] } },
          pools: [
            { id: 'f', cap: '0.286 * k', limit_per_group: { share: 0.07 } },
            { id: 't', tranches: [{ id: 'H1', cap: 33000, window: { from: '10-01', to: '03-31' } }] },
          ],
        },
      ],
      ceilings: [
        {
          id: 'c',
          pools: ['f'],
          amount: 30000,
          per_group: {
            share: 0.07,
            classes: [{ when: 'n > 1', share: 0.02 }],
            exempt: [{ pool: 'f', share: 0.75 }],
          },
        },
      ],
    });
    const all = groups.flatMap((g) => g.controls.map((c) => [c.path, c.kind, c.value]));
    expect(all).toEqual([
      ['parameters.k.value', 'number', '7'],
      ['parameters.day.value', 'date', '2023-01-05'],
      ['parameters.cut.choice.values.0', 'date', '2022-10-12'],
      ['parameters.cut.choice.values.1', 'date', '2022-10-19'],
      ['parameters.cut.choice.weights.0', 'number', '3'],
      ['parameters.cut.choice.weights.1', 'number', '1'],
      ['parameters.b.beta.a', 'number', '2'],
      ['parameters.b.beta.b', 'number', '5'],
      ['programs.p.units.size.weights.0', 'number', '2'],
      ['programs.p.pools.f.cap', 'text', '0.286 * k'],
      ['programs.p.pools.f.limit_per_group.share', 'number', '0.07'],
      ['programs.p.pools.t.tranches.H1.cap', 'number', '33000'],
      ['ceilings.c.amount', 'number', '30000'],
      ['ceilings.c.per_group.share', 'number', '0.07'],
      ['ceilings.c.per_group.classes.0.share', 'number', '0.02'],
      ['ceilings.c.per_group.exempt.0.share', 'number', '0.75'],
    ]);
    expect(groups.find((g) => g.id === 'units-p')?.controls[0]?.label).toBe('weight of size 1');
    // beta's arguments are positive: the slider starts above 0
    expect(groups.find((g) => g.id === 'parameter-b')?.controls[0]?.min).toBeGreaterThan(0);
    expect(
      numberColumns({
        groups: {
          rows: [
            { id: 'A', n: 1, s: 'x' },
            { id: 'B', n: 2, m: 3 },
          ],
          derived: { d: 'n' },
        },
      }),
    ).toEqual(['n', 'm', 'd']);
    expect(scenarioControls(null)).toEqual([]);
  });

  it('niceStep gives about 200 steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0, 1)).toBe(0.005);
    expect(niceStep(0, 300000, true)).toBe(2000);
    expect(niceStep(0, 10, true)).toBe(1);
    expect(niceStep(0, 0)).toBe(0.01);
  });
});
