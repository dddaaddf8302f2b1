import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/core/types.js';
import { band, listText, modifiedSentence, runLead, summaryNoun, unitNoun } from '../../src/report/lead.js';
import { makeSummary, makeSummaryMixedPeriods } from '../helpers/summary-fixture.js';

describe('runLead', () => {
  const summary = makeSummary();
  const lead = runLead(summary);

  it('answers the five questions in four plain sentences, each with its band', () => {
    expect(lead).toEqual([
      'Over FY2024–FY2028, a median of 1,432,641 visas are issued (90% of runs: 1,424,087–1,441,195) among 7,612,024 applicants (90% of runs: 6,735,499–8,488,548); most go to Mexico (649,250), Guatemala (254,580) and Honduras (149,485).',
      '67,359 visas go unused (90% of runs: 58,805–75,913) and 2,278,201 applicants are still waiting at the end of FY2028 (90% of runs: 1,528,673–3,027,730).',
      'When the caps fill: Mexico fills on Jun 8, 2024 (FY2024; 90% of runs: Apr 19 – Jul 28, 2024), in 62% of runs, and again in every later year in most runs; Central America never fills.',
      'Every figure is the median of 1,000 runs (seed 2022); the ranges hold 90% of runs. They rest on 2 assumptions of the scenario, listed with their ranges in the report.',
    ]);
  });

  it('opens with "Modified" when the run changed its scenario', () => {
    const m = { base: 'scenarios/a.yaml', changes: [{ path: 'simulation.runs', value: '5', by: '--set' }] };
    expect(runLead(summary, m)[0]).toBe(
      "Modified: this run changes one value of the shipped scenario scenarios/a.yaml (listed under “What was changed”), so its figures are not the shipped scenario's.",
    );
    expect(modifiedSentence(undefined)).toBe('');
  });

  it('says "in every run" instead of a band that is one value', () => {
    const fixed: Summary = {
      ...summary,
      rows: summary.rows.map((r) =>
        r.pool === '' && r.group === '' && r.period === '' && r.metric === 'issued'
          ? { ...r, stats: { ...r.stats, p05: 1500000, p50: 1500000, p95: 1500000 } }
          : r,
      ),
    };
    expect(runLead(fixed)[0]).toMatch(/^Over FY2024–FY2028, 1,500,000 visas are issued in every run among/);
  });

  it('says a pool filled on its first day by the line already waiting when the program has a backlog', () => {
    const queue: Summary = {
      ...summary,
      rows: [
        ...summary.rows.map((r) =>
          r.pool === 'mexico' && r.metric === 'days_to_fill' && r.group === ''
            ? { ...r, stats: { ...r.stats, p05: 0, p50: 0, p95: 0.5 } }
            : r,
        ),
        { ...(summary.rows[0] as Summary['rows'][number]), metric: 'final_action_date' },
      ],
    };
    expect(runLead(queue).find((s) => s.startsWith('When'))).toContain(
      'Mexico fills at once, in the first days of FY2024: the line already waiting takes every number',
    );
  });

  it('sums up more than four pools in one sentence: how many fill, the first and the last', () => {
    const program = summary.programs[0];
    if (!program) throw new Error('fixture: no program');
    const copies = ['a', 'b', 'c'];
    const many: Summary = {
      ...summary,
      programs: [
        {
          ...program,
          pools: [
            ...program.pools,
            ...copies.map((x) => ({
              ...(program.pools[0] as (typeof program.pools)[0]),
              id: x,
              title: `Pool ${x}`,
            })),
          ],
        },
      ],
      rows: [
        ...summary.rows,
        ...copies.flatMap((x) =>
          summary.rows.filter((r) => r.pool === 'mexico').map((r) => ({ ...r, pool: x })),
        ),
      ],
    };
    expect(runLead(many).find((t) => t.startsWith('When'))).toBe(
      'When the caps fill: 4 of 5 pools fill in their first period in most runs: the first, Mexico on Jun 8, 2024; the last, Pool c on Jun 8, 2024; 1 never fills in it. The table below gives every date with its range.',
    );
  });

  it('is empty for a summary with no rows', () => {
    expect(runLead({ ...summary, rows: [], programs: [] })).toEqual([]);
  });
});

describe('runLead with a receipt clock', () => {
  it('gives the day a cap is reached by receipt date first, then by start date', () => {
    const s = makeSummaryMixedPeriods();
    for (const r of [...s.rows])
      if (r.metric === 'days_to_fill' && r.group === '')
        s.rows.push({
          ...r,
          metric: 'days_to_fill_receipt',
          stats: { ...r.stats, p05: r.stats.p05 - 40, p50: r.stats.p50 - 40, p95: r.stats.p95 - 40 },
        });
    const when = runLead(s).find((t) => t.startsWith('When')) ?? '';
    expect(when).toMatch(
      /fills by receipt date on Sep 17, 2022 \(FY2023-H1; 90% of runs: .*; by start date Oct 27, 2022\)/,
    );
  });
});

describe('words', () => {
  it('unitNoun names what a program hands out', () => {
    expect(unitNoun({ title: 'Parole process for Venezuelans (24,000)' })).toBe('paroles');
    expect(unitNoun({ title: 'Mexico accepts Venezuelans expelled under Title 42' })).toBe('returns');
    expect(unitNoun({ title: 'Mexico accepts CHNV nationals returned after crossing irregularly' })).toBe(
      'returns',
    );
    expect(unitNoun({ title: 'INM temporary documents and transit visas in Tapachula' })).toBe('documents');
    expect(unitNoun({ title: 'Legal labor pathway for Mexican and Central American workers' })).toBe(
      'work permits',
    );
    expect(unitNoun({ title: 'H-2B visas, FY2023' })).toBe('visas');
  });

  it('band is empty when every run agrees, listText joins with "and"', () => {
    const s = { n: 3, mean: 1, sd: 0, min: 1, p05: 1, p25: 1, p50: 1, p75: 1, p95: 1, max: 1 };
    expect(band('issued', s)).toBe('');
    expect(band('issued', { ...s, p95: 2000 })).toBe(' (90% of runs: 1–2,000)');
    expect(listText(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listText(['a'])).toBe('a');
  });
});

describe('summaryNoun', () => {
  it('is the programs’ noun when they share one, else "numbers"', () => {
    expect(summaryNoun({ programs: [{ title: 'H-2B visas' }, { title: 'EB-2 visas' }] })).toBe('visas');
    expect(
      summaryNoun({ programs: [{ title: 'CHNV parole processes' }, { title: 'Returns to Mexico' }] }),
    ).toBe('numbers');
  });
});
