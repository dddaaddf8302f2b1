import { describe, expect, it } from 'vitest';
import { explainModel } from '../../src/model/explain.js';
import { makeModel, makeScenario } from '../helpers/model.js';

describe('explain: series', () => {
  const over = {
    series: [
      { id: 'arrivals', by: 'group', rows: [{ fiscal_year: 'FY2024', MX: 1, GT: 2 }] },
      {
        id: 'bracero',
        title: 'Bracero contracts',
        reference: true,
        unit: 'contracts',
        beside: { program: 'prog', metric: 'issued' },
        rows: [
          { year: 1942, contracts: 4203 },
          { year: 1943, contracts: 52098 },
        ],
      },
    ],
    checks: [
      {
        description: 'beyond the Bracero peak',
        program: 'prog',
        metric: 'issued',
        at_least: { series: 'bracero', stat: 'max' },
      },
    ],
  };
  const text = explainModel(makeScenario(over), makeModel(over));

  it('says what each table holds and how it is used', () => {
    expect(text).toContain(
      '  arrivals: by fiscal year, FY2024 (1 period) (inline), one column per group (MX, GT).',
    );
    expect(text).toContain(
      'Formulas read it with series("arrivals") — the step\'s fiscal year, the group\'s column',
    );
    expect(text).toContain(
      '  bracero — Bracero contracts: by calendar year, 1942–1943 (2 periods) (inline), the column contracts, in contracts.',
    );
    expect(text).toContain(
      'A reference: observed values the simulation does not read, written to reference.csv and drawn beside the simulated issued of "prog"',
    );
  });

  it('works out a check bound read from a series', () => {
    expect(text).toContain('  - beyond the Bracero peak (at least 52,098: the max of series "bracero")');
  });

  it('says nothing of series when there are none', () => {
    expect(explainModel(makeScenario(), makeModel())).not.toContain('Series');
  });
});
