/**
 * The DV-2025 regional formula (scenarios/diversity-visa-dv2025.yaml, `groups.derived`) against the
 * same arithmetic done by hand from the scenario's inputs (its assumed five-year admissions and
 * populations), and the visas each region then gets.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/engine/run.js';
import { compileModel } from '../../src/model/model.js';
import { loadScenario } from '../../src/scenario/index.js';
import { ROOT } from '../helpers/cli.js';
import { cell } from '../helpers/model.js';

describe('DV-2025: the regional formula of INA 203(c)(1)', async () => {
  const m = compileModel(
    (await loadScenario(join(ROOT, 'scenarios', 'diversity-visa-dv2025.yaml'))).scenario,
  );
  const column = (id: string, name: string) => m.groups.find((g) => g.id === id)?.columns[name];

  // Five-year admissions by region: Africa 12,000 + 40,000 + 10,000 + 380,000 + 65,000 = 507,000;
  // Asia 45,000 + 450,000 + 1,300,000 = 1,795,000; Europe 400,000; North America 64,000; Oceania
  // 25,000; South America etc. 2,166,000. World 4,957,000; a sixth is 826,167, so Asia and South
  // America are high-admission regions and H = (1,795,000 + 2,166,000) / 4,957,000 = 0.799072.
  const H = (1795000 + 2166000) / 4957000;
  // Populations without high-admission states: Africa 1,203, Europe 740, North America 0.4, Oceania
  // 45 (low class: 1,988.4); Asia 1,188, South America 205.8 (high class: 1,393.8).
  const expected: Record<string, number> = {
    DZ: (H * 1203) / 1988.4,
    UZ: (H * 740) / 1988.4,
    OC: (H * 45) / 1988.4,
    BS: (H * 0.4) / 1988.4,
    IR: ((1 - H) * 1188) / 1393.8,
    CU: ((1 - H) * 205.8) / 1393.8,
  };

  it('classes regions and states as the statute does', () => {
    expect(column('AS-REST', 'high_region')).toBe(true);
    expect(column('DZ', 'high_region')).toBe(false);
    expect(column('AF-HIGH', 'high_state')).toBe(true);
    expect(column('AF-REST', 'high_state')).toBe(false);
    expect(column('DZ', 'high_share')).toBeCloseTo(H, 12);
  });

  it('gives each region its share: Africa 48.34%, Europe 29.74%, Asia 17.13%, South America 2.97%, Oceania 1.81%', () => {
    for (const [id, share] of Object.entries(expected))
      expect(column(id, 'region_share'), id).toBeCloseTo(share, 12);
    const sum = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('splits 51,350 visas by region, then among the countries by selectees: Africa 51,350 × 0.48344 = 24,825', () => {
    const out = simulateRun(m, 0, 'hand');
    const cap = (g: string) => cell(m, out, { pool: 'dv', group: g, period: 'FY2025', metric: 'cap' });
    // before any re-split, Africa's four rows hold its share (largest remainder: within one of it)
    const africa = ['DZ', 'EG', 'SD', 'AF-REST'].map((id) => m.groups.findIndex((g) => g.id === id));
    const weights = m.groups.map((g) => g.columns.dv_weight as number);
    const africaShare = africa.reduce((a, g) => a + (weights[g] as number), 0);
    expect(africaShare).toBeCloseTo(expected.DZ as number, 12);
    expect(Math.abs(51350 * africaShare - 24825)).toBeLessThan(1);
    // a two-level split (`within: region`): each region gets its exact largest-remainder part of the
    // quotas 51,350 × share — Africa 24,824.94, Europe 15,270.54, Asia 8,794.21, South America 1,523.44,
    // Oceania 928.61, North America 8.25 — floors 51,347, the three numbers left to the largest
    // remainders (Africa .94, Oceania .61, Europe .54): 24,825, 15,271, 8,794, 1,523, 929, 8. (One
    // level by dv_weight gave Asia 8,795 and Africa 24,824.) Only the Bahamas (North America) has
    // fewer selectees than its part, so re-splitting moves only its numbers.
    const region = (name: string) =>
      m.groups.filter((g) => g.columns.region === name).reduce((a, g) => a + cap(g.id), 0);
    expect(region('Asia')).toBe(8794);
    expect(region('Europe')).toBe(15271);
    expect(region('South America')).toBe(1523);
    expect(region('Oceania')).toBe(929);
    expect(region('Africa') + region('North America')).toBe(24825 + 8);
    // ineligible states get nothing
    expect(cell(m, out, { pool: 'dv', group: 'SA-HIGH', period: 'FY2025', metric: 'issued' })).toBe(0);
    expect(cap('SA-HIGH')).toBe(0);
  });
});
