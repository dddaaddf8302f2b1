/**
 * The FY2024 preference system (scenarios/us-preference-system-fy2024.yaml) against numbers worked
 * out by hand from the Visa Bulletin's rules: preference limits as formulas of the family and
 * employment limits, the 7% / 2% per-country limit, and India's prorated EB-2 numbers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateRun } from '../../src/engine/run.js';
import { compileModel } from '../../src/model/model.js';
import { loadScenario } from '../../src/scenario/index.js';
import { ROOT } from '../helpers/cli.js';
import { cell } from '../helpers/model.js';

describe('US preference system, FY2024', async () => {
  const m = compileModel(
    (await loadScenario(join(ROOT, 'scenarios', 'us-preference-system-fy2024.yaml'))).scenario,
  );
  const out = simulateRun(m, 0, 'hand');
  const pool = (program: string, id: string, metric: string, group = '') =>
    cell(m, out, { program, pool: id, group, period: 'FY2024', metric });
  const country = (group: string, metric: string) =>
    cell(m, out, { program: '', pool: 'ceiling:per-country', group, period: 'FY2024', metric });

  it('sets the preference limits from the family (226,000) and employment (160,791) limits', () => {
    // F2 = 114,200 + (226,000 − 226,000) = 226,000 − 111,800 = 114,200; F2A 77% = 87,934; F2B 23% = 26,266
    // (cap rows also hold numbers fallen down to a pool: read the fresh ones from the model)
    const fresh = (id: string) => m.pools.find((p) => p.id === id)?.periods[0]?.capBase;
    expect(fresh('f2a')).toBe(87934);
    expect(fresh('f2b')).toBe(26266);
    // EB-1 to EB-3: 0.286 × 160,791 = 45,986.2 → 45,986; EB-4, EB-5: 0.071 × 160,791 = 11,416.2 → 11,416
    // (their caps are worked out each fiscal year: `0.286 * (fy == 2024 ? eb_limit : …)`)
    const fy2024 = (id: string) =>
      Math.round(
        m.pools
          .find((p) => p.id === id)
          ?.capFormula?.evaluate({
            eb_limit: 160791,
            family_limit: 226000,
            fy: 2024,
            year: 0,
            'unused_before:family': 0,
          }) as number,
      );
    expect(['eb1', 'eb2', 'eb3', 'eb4', 'eb5'].map(fy2024)).toEqual([45986, 45986, 45986, 11416, 11416]);
    expect(cell(m, out, { program: 'employment', period: 'FY2024', metric: 'cap' })).toBe(160790);
  });

  it('limits a country to 7% of 226,000 + 160,790 = 27,075.3 → 27,075, a dependent area to 2% = 7,735.8 → 7,736', () => {
    expect(country('CN', 'cap')).toBe(27075);
    expect(country('DA', 'cap')).toBe(7736);
  });

  it('prorates India: EB-2 gets 27,075 × 45,986 / 386,790 = 3,218.98 → 3,218', () => {
    // EB-2's leftover numbers fall to EB-3, where the limit is lifted, so India's EB-2 stays prorated
    expect(pool('employment', 'eb2', 'issued', 'IN')).toBe(3218);
    // EB-1 the same: 3,218
    expect(pool('employment', 'eb1', 'issued', 'IN')).toBe(3218);
  });

  it('sets FY2025’s employment limit to 140,000 + the family numbers FY2024 left unused (none): 7% of 366,000 = 25,620', () => {
    expect(cell(m, out, { program: 'family', period: 'FY2024', metric: 'unused' })).toBe(0);
    expect(cell(m, out, { program: 'employment', period: 'FY2025', metric: 'cap' })).toBe(140000);
    // 0.286 × 140,000 = 40,040 three times, 0.071 × 140,000 = 9,940 twice: 140,000 exactly
    expect(
      cell(m, out, {
        program: '',
        pool: 'ceiling:per-country',
        group: 'CN',
        period: 'FY2025',
        metric: 'cap',
      }),
    ).toBe(25620);
    expect(
      cell(m, out, {
        program: '',
        pool: 'ceiling:per-country',
        group: 'DA',
        period: 'FY2025',
        metric: 'cap',
      }),
    ).toBe(7320);
  });

  it('uses every number: what the limits hold back goes to those waiting (INA 202(a)(3), (a)(5))', () => {
    expect(cell(m, out, { program: 'employment', period: 'FY2024', metric: 'unused' })).toBe(0);
    expect(cell(m, out, { program: 'family', period: 'FY2024', metric: 'unused' })).toBe(0);
  });
});
