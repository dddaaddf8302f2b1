/**
 * Eligibility routing of the H-2B supplemental rules (87 FR 76816 for FY2023, 88 FR 80394 for FY2024):
 * which pool a worker can use, given nationality, returning-worker status and start date.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayNumber, evaluateBoolean } from '../../src/formula/formula.js';
import { compileModel, type Model, type PoolModel } from '../../src/model/model.js';
import { loadScenario } from '../../src/scenario/index.js';
import { ROOT } from '../helpers/cli.js';

async function model(file: string): Promise<Model> {
  return compileModel((await loadScenario(join(ROOT, 'scenarios', file))).scenario);
}

/** Pools a worker of `group` can use for a job starting on `date` (window open and eligible). */
function poolsFor(m: Model, group: string, returning: boolean, date: string): string[] {
  const g = m.groups.find((x) => x.id === group);
  if (!g) throw new Error(`no group ${group}`);
  const day = dayNumber(date);
  const step = m.calendar.steps.find((s) => s.start <= day && day < s.end);
  if (!step) throw new Error(`${date} is outside the calendar`);
  const params = Object.fromEntries(m.parameters.map((p) => [p.id, p.fixed ?? 0]));
  const scope = { ...g.columns, ...params, returning_worker: returning, year: step.fy, fy: 0 };
  return m.pools
    .filter((p: PoolModel) => (p.stepPeriod[step.index] as number) >= 0)
    .filter((p) => !p.eligible || evaluateBoolean(p.eligible, scope))
    .map((p) => `${p.id}@${p.periods[p.stepPeriod[step.index] as number]?.label}`);
}

describe('H-2B FY2023 routing', async () => {
  const m = await model('h2b-fy2023-supplemental.yaml');

  it('sends a returning worker starting on May 10 to the early second-half pool, and one starting May 20 to the late pool', () => {
    expect(poolsFor(m, 'MX', true, '2023-05-10')).toEqual(['statutory@FY2023-H2', 'returning-early@FY2023']);
    expect(poolsFor(m, 'MX', true, '2023-05-20')).toEqual(['statutory@FY2023-H2', 'returning-late@FY2023']);
  });

  it('gives a returning worker starting in January the first-half pool', () => {
    expect(poolsFor(m, 'MX', true, '2023-01-15')).toContain('returning-h1@total');
  });

  it('lets a first-time Guatemalan worker use only the statutory cap and the country pool', () => {
    expect(poolsFor(m, 'GT', false, '2023-05-20')).toEqual(['statutory@FY2023-H2', 'country@total']);
  });

  it('gives a first-time Costa Rican no supplemental pool in FY2023', () => {
    expect(poolsFor(m, 'CR', false, '2023-05-20')).toEqual(['statutory@FY2023-H2']);
  });
});

describe('H-2B FY2024 routing', async () => {
  const m = await model('h2b-fy2024-supplemental.yaml');

  it('opens the country pool to Costa Ricans (one of seven countries in FY2024)', () => {
    expect(poolsFor(m, 'CR', false, '2024-05-20').some((p) => p.startsWith('country@'))).toBe(true);
  });
});
