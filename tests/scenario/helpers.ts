/**
 * Test helpers for the scenario stage: scratch folders with scenario files, and shortcuts that
 * return the issues of a load that is expected to fail.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadScenario } from '../../src/scenario/index.js';
import { ScenarioError, type ScenarioIssue } from '../../src/scenario/issues.js';

/** Absolute path of the minimal valid scenario that test files extend. */
export const MINIMAL = resolve('tests/fixtures/valid/minimal.yaml');

export interface Scratch {
  dir: string;
  /** write files (paths relative to the scratch folder); returns the first one's path */
  write(files: Record<string, string>): Promise<string>;
  remove(): Promise<void>;
}

export async function scratch(): Promise<Scratch> {
  const dir = await mkdtemp(join(tmpdir(), 'visasim-scenario-'));
  return {
    dir,
    async write(files) {
      for (const [name, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, name)), { recursive: true });
        await writeFile(join(dir, name), text);
      }
      return join(dir, Object.keys(files)[0] ?? '');
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The errors of a load that must fail with a ScenarioError. */
export async function issuesOf(p: Promise<unknown>): Promise<ScenarioIssue[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}

/**
 * Load a scenario that extends the minimal one with `body` appended (from a scratch folder outside
 * the fixture's tree, hence allowAnyPath).
 */
export async function loadOverride(s: Scratch, body: string, set?: string[]) {
  const file = await s.write({ 'child.yaml': `extends: ${JSON.stringify(MINIMAL)}\n${body}` });
  return loadScenario(file, { allowAnyPath: true, ...(set ? { set } : {}) });
}

/** Just the messages, for compact assertions. */
export const messages = (issues: readonly ScenarioIssue[]) => issues.map((i) => i.message);
