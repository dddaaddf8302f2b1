import { describe, expect, it } from 'vitest';
import {
  describeModification,
  leafChanges,
  manifestModification,
  shownTitle,
} from '../../src/report/modified.js';

describe('describeModification', () => {
  const shipped = { file: 'scenarios/us-300k-work-visas.yaml', shipped: true, doc: {} };

  it('a shipped file as it stands, or extending another shipped file, is not modified', () => {
    expect(describeModification([shipped], [])).toBeUndefined();
    expect(
      describeModification(
        [{ file: 'scenarios/us-300k-by-encounters.yaml', shipped: true, doc: {} }, shipped],
        [],
      ),
    ).toBeUndefined();
  });

  it('a user file on a shipped one lists every value it sets, lists of items by id', () => {
    const doc = {
      extends: 'scenarios/us-300k-work-visas.yaml',
      title: 'Mine',
      programs: [
        { id: 'work-visas', pools: [{ id: 'central-america', split: { by: 'encounters_fy2022' } }] },
      ],
    };
    expect(describeModification([{ file: 'my.yaml', shipped: false, doc }, shipped], [])).toEqual({
      base: 'scenarios/us-300k-work-visas.yaml',
      changes: [
        { path: 'title', value: 'Mine', by: 'my.yaml' },
        {
          path: 'programs.work-visas.pools.central-america.split.by',
          value: 'encounters_fy2022',
          by: 'my.yaml',
        },
      ],
    });
  });

  it("--set modifies any scenario, a user's own one included", () => {
    expect(
      describeModification([{ file: 'own.yaml', shipped: false, doc: { id: 'x' } }], ['simulation.runs=5']),
    ).toEqual({
      base: 'own.yaml',
      changes: [{ path: 'simulation.runs', value: '5', by: '--set' }],
    });
    expect(
      describeModification([{ file: 'own.yaml', shipped: false, doc: { id: 'x' } }], []),
    ).toBeUndefined();
  });

  it('leafChanges keeps lists without ids whole and marks an item that only adds an id', () => {
    expect(leafChanges({ a: [1, 2], b: [{ id: 'n' }] })).toEqual([
      { path: 'a', value: '[1,2]' },
      { path: 'b.n', value: '(added)' },
    ]);
  });

  it('reads the manifest and titles the report', () => {
    const modified = { base: 'a.yaml', changes: [{ path: 'x', value: '1', by: '--set' }] };
    expect(manifestModification({ scenario: { modified } })).toEqual(modified);
    expect(manifestModification({ scenario: {} })).toBeUndefined();
    expect(shownTitle('T', modified)).toBe('T (modified)');
    expect(shownTitle('T', undefined)).toBe('T');
  });
});
