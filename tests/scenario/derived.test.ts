/** Derived group columns (`groups.derived`): in order, over groups, located errors. */
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/model.js';
import { deriveColumns } from '../../src/scenario/derived.js';
import { makeScenario } from '../helpers/model.js';

const withDerived = (derived: Record<string, string | number>) =>
  makeScenario({
    groups: {
      rows: [
        { id: 'A', name: 'Alpha', population: 100, region: 'north' },
        { id: 'B', name: 'Beta', population: 300, region: 'south' },
        { id: 'C', name: 'Gamma', population: 600, region: 'south' },
      ],
      derived,
    },
  });

describe('deriveColumns', () => {
  it('adds each column in order, the later reading the earlier, sums over groups included', () => {
    const s = withDerived({
      region_pop: 'total(population, region == own(region))',
      share_in_region: 'population / region_pop',
      big: 'share_in_region > 0.5',
    });
    deriveColumns(s);
    const rows = s.groups.rows ?? [];
    expect(rows.map((r) => r.region_pop)).toEqual([100, 900, 900]);
    expect(rows.map((r) => r.share_in_region)).toEqual([1, 300 / 900, 600 / 900]);
    expect(rows.map((r) => r.big)).toEqual([true, false, true]);
    // and a model reads them as columns
    const m = compileModel(withDerived({ twice: 'population * 2' }));
    expect(m.groups.map((g) => g.columns.twice)).toEqual([200, 600, 1200]);
  });

  it('reports, at its key, a formula that fails, a name taken, a later column read early, a division by 0', () => {
    const issuesOf = (derived: Record<string, string>) => {
      const issues: { path: (string | number)[]; message: string }[] = [];
      deriveColumns(withDerived(derived), (_kind, path, message) => {
        issues.push({ path, message });
      });
      return issues;
    };
    expect(issuesOf({ x: 'populaton * 2' })[0]).toMatchObject({
      path: ['groups', 'derived', 'x'],
      message: expect.stringContaining('did you mean "population"'),
    });
    expect(issuesOf({ population: '1' })[0]?.message).toMatch(/already have/);
    expect(issuesOf({ a: 'b + 1', b: '2' })[0]?.message).toMatch(/unknown symbol "b"/);
    expect(issuesOf({ r: 'population / (population - 100)' })[0]?.message).toMatch(/group "A".*not a finite/);
  });

  it('throws outside validation', () => {
    expect(() => deriveColumns(withDerived({ x: 'nope' }))).toThrow(/unknown symbol/);
  });
});
