/**
 * What a run changed of a shipped scenario, read from the extends chain as the loader read it: a
 * user's file with CR-only line endings (old Mac files) too, which the fuzz test found crashing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withModification } from '../../src/cli/modified.js';
import { ROOT } from '../helpers/cli.js';

const SHIPPED = join(ROOT, 'scenarios/us-300k-work-visas.yaml');

describe('withModification', () => {
  it('reads a user file with CR-only line endings on a shipped one, and lists what it sets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'visasim-modified-'));
    const mine = join(dir, 'mine.yaml');
    writeFileSync(mine, `extends: ${SHIPPED}\rid: mine\rsimulation:\r  runs: 50\r`);
    const m = withModification({ scenario: { files: [mine, SHIPPED] } }, ['simulation.seed=3']);
    const changes = m.scenario.modified?.changes.map((c) => [c.path, c.value, c.by]);
    expect(changes).toContainEqual(['simulation.runs', '50', expect.stringContaining('mine.yaml')]);
    expect(changes).toContainEqual(['simulation.seed', '3', '--set']);
  });

  it('leaves a shipped file run as it is unmodified', () => {
    expect(withModification({ scenario: { files: [SHIPPED] } }, []).scenario.modified).toBeUndefined();
  });
});
