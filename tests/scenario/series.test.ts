/**
 * checkSeries and the lookups formulas make: tables from inline rows, the calendar's every period
 * checked against each table (day precision at a month table's edges), and what a valid scenario
 * with series compiles to.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/model.js';
import { issuesOf, loadOverride, messages, type Scratch, scratch } from './helpers.js';

let s: Scratch;
beforeEach(async () => {
  s = await scratch();
});
afterEach(() => s.remove());

// the minimal scenario runs FY2024–FY2025 (2023-10-01 to 2025-09-30)
const monthly = (first: string, last: string) => {
  const rows: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const label = `${y}-${String(m).padStart(2, '0')}`;
    rows.push(`      - { month: "${label}", share: 0.5 }`);
    if (label === last) break;
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return rows.join('\n');
};
const withMonthly = (first: string, last: string, formula: string) => `series:
  - id: shares
    rows:
${monthly(first, last)}
programs:
  - id: work-visas
    demand:
      per_year: '${formula}'
`;

describe('series lookups are checked over the whole calendar', () => {
  it('a month table that covers the calendar exactly validates, and the demand reads it per step', async () => {
    const { scenario } = await loadOverride(
      s,
      withMonthly('2023-10', '2025-09', 'encounters_fy2022 * series("shares")'),
    );
    const model = compileModel(scenario);
    expect(model.series[0]?.kind).toBe('month');
    expect(model.programs[0]?.demand?.perStep).toBe(true);
  });

  it('one month short at either edge is refused at the formula, naming the month and the range', async () => {
    const late = messages(
      await issuesOf(loadOverride(s, withMonthly('2023-11', '2025-09', 'series("shares")'))),
    );
    expect(late).toEqual([
      'series "shares" is read for 2023-10 (in FY2024, at the step of 2023-10-01), outside its table, which covers 2023-11–2025-09; extend the table, or keep the period inside it with min(…) or max(…)',
    ]);
    const early = messages(
      await issuesOf(loadOverride(s, withMonthly('2023-10', '2025-08', 'series("shares")'))),
    );
    expect(early[0]).toMatch(/read for 2025-09 \(in FY2025, at the step of 2025-09-01\)/);
  });

  it('a period argument is worked out at every step: min() keeps it inside the table', async () => {
    const out = withMonthly('2023-10', '2025-09', 'series("shares", today + 31)');
    expect(messages(await issuesOf(loadOverride(s, out)))[0]).toMatch(/read for 2025-10/);
    const capped = withMonthly('2023-10', '2025-09', 'series("shares", min(today + 31, date("2025-09-01")))');
    await expect(loadOverride(s, capped)).resolves.toBeDefined();
  });

  it('a reference series may lie outside the calendar, and a check reads it', async () => {
    const { scenario } = await loadOverride(
      s,
      `series:
  - id: bracero
    reference: true
    beside: { program: work-visas }
    rows: [{ year: 1942, contracts: 4203 }, { year: 1943, contracts: 52098 }]
checks:
  - { description: more than the 1943 contracts, metric: cap, program: work-visas, at_least: { series: bracero, period: 1943 } }
`,
    );
    expect(scenario.series[0]?.beside?.metric).toBe('issued');
  });

  it('inline rows get the same checks as a CSV', async () => {
    const issues = await issuesOf(
      loadOverride(
        s,
        `series:\n  - id: x\n    rows: [{ fiscal_year: FY2024, v: 1 }, { fiscal_year: FY2024, v: 2 }]\n`,
      ),
    );
    expect(messages(issues)).toEqual([
      "a series' periods follow one another, oldest first, without gaps: after FY2024 comes FY2025, found FY2024",
    ]);
    expect(issues[0]?.line).toBe(4);
  });
});

describe('eligibility read from a series is settled at validation', () => {
  it('warns when a series leaves nobody eligible', async () => {
    const { warnings } = await loadOverride(
      s,
      `series:
  - id: quota
    by: group
    rows: [{ fiscal_year: FY2024, MX: 0, GT: 0, HN: 0, SV: 0 }, { fiscal_year: FY2025, MX: 0, GT: 0, HN: 0, SV: 0 }]
programs:
  - id: work-visas
    pools:
      - id: mexico
        eligible: 'series("quota", "MX", 2024) > 0'
`,
    );
    expect(messages(warnings)).toEqual(['no group is eligible for pool "mexico"']);
  });
});
