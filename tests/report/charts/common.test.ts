import { describe, expect, it } from 'vitest';
import {
  CHART_WIDTH,
  FONT_FAMILY,
  footerLines,
  formatCount,
  frame,
  GROUP_PALETTE,
  groupColorScale,
  horizonLabel,
  poolColorScale,
  poolRefs,
  round6,
  scenarioLines,
  topLegend,
  wrap,
} from '../../../src/report/charts/common.js';
import { makeSummary, makeSummaryTwoPrograms } from '../../helpers/summary-fixture.js';
import { texts } from './spec-helpers.js';

describe('number and text helpers', () => {
  it('formatCount puts in thousands separators and rounds', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567.6)).toBe('1,234,568');
    expect(formatCount(-64716)).toBe('-64,716');
  });

  it('round6 keeps integers and 6 significant digits of the rest', () => {
    expect(round6(150000)).toBe(150000);
    expect(round6(0.123456789)).toBe(0.123457);
  });

  it('wrap breaks at spaces and keeps every word', () => {
    const text =
      'Sources: US to give temporary work visas to 150,000 migrants in Mexico (Reuters, 2022-06-29)';
    const lines = wrap(text, 40);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.join(' ')).toBe(text);
    expect(wrap('', 10)).toEqual([]);
  });
});

describe('colours', () => {
  it('gives every group a fixed colour by its index in summary.groups', () => {
    const summary = makeSummary();
    const scale = groupColorScale(summary);
    expect(scale.domain).toEqual(summary.groups.map((g) => g.id));
    expect(scale.range[0]).toBe(GROUP_PALETTE[0]);
    expect(scale.range[2]).toBe(GROUP_PALETTE[2]);
    expect(new Set(scale.range).size).toBe(summary.groups.length);
  });

  it('repeats the palette only past its length', () => {
    const summary = makeSummary();
    summary.groups = Array.from({ length: GROUP_PALETTE.length + 2 }, (_, i) => ({
      id: `G${i}`,
      name: `Group ${i}`,
    }));
    const { range } = groupColorScale(summary);
    expect(range[GROUP_PALETTE.length]).toBe(GROUP_PALETTE[0]);
  });

  it('labels pools by title, with the program title when there are several programs', () => {
    expect(poolRefs(makeSummary()).map((r) => r.label)).toEqual(['Mexico', 'Central America']);
    const two = poolRefs(makeSummaryTwoPrograms());
    expect(two.map((r) => r.key)).toContain('work-visas-alt/mexico');
    expect(two[2]?.label).toBe('Temporary work visas (split by encounters): Mexico');
    expect(poolColorScale(two).domain).toHaveLength(4);
  });

  it('stacks a legend vertically when one row would not fit', () => {
    expect(topLegend('Pool', ['Mexico', 'Central America']).direction).toBe('horizontal');
    expect(
      topLegend(
        'Pool',
        poolRefs(makeSummaryTwoPrograms()).map((r) => r.label),
      ).direction,
    ).toBe('vertical');
  });
});

describe('frame', () => {
  const summary = makeSummary();
  const spec = frame(summary, {
    title: 'A title',
    explain: ['How to read it.'],
    description: 'd',
    panels: [{ mark: 'bar', data: { values: [] } }],
  });

  it('puts the scenario title and status in the subtitle', () => {
    const line = '300,000 US temporary work visas for Mexico and Central America · status: proposed';
    expect(scenarioLines(summary.scenario.title, summary.scenario.status)).toEqual([line]);
    expect(texts(spec).title).toBe('A title');
    expect(texts(spec).subtitle).toEqual([line, 'How to read it.']);
  });

  it('keeps "status: …" whole when a long scenario title wraps', () => {
    const title =
      'H-2B visas in FY2023: the 66,000 statutory cap and the 64,716 supplemental visas, with notes';
    expect(scenarioLines(title, 'implemented')).toEqual([title, 'status: implemented']);
    const longer = `${title} and many more words that run past one line`;
    const lines = scenarioLines(longer, 'implemented');
    expect(lines.at(-1)).toMatch(/ · status: implemented$/);
    expect(lines.every((l) => l.length <= 100)).toBe(true);
  });

  it('puts sources and runs/seed in a footer', () => {
    const footer = texts(spec).footer;
    expect(footer).toEqual(footerLines(summary));
    expect(footer.join(' ')).toContain(
      'Sources: US to give temporary work visas to 150,000 migrants in Mexico',
    );
    expect(footer[0]).toBe(
      'Sources: US to give temporary work visas to 150,000 migrants in Mexico; World Population Prospects 2022.',
    );
    expect(footer.at(-1)).toMatch(/^1,000 runs, seed 2022/);
  });

  it('keeps the sources to three lines and counts the rest', () => {
    const sources = Array.from({ length: 9 }, (_, i) => ({
      id: `s${i}`,
      title: `A fairly long source title number ${i}`,
    }));
    const footer = footerLines({ ...summary, scenario: { ...summary.scenario, sources } });
    expect(footer).toHaveLength(4);
    expect(footer[2]).toMatch(/and \d more listed in report\.html\.$/);
    expect(footer[3]).toBe('1,000 runs, seed 2022 · made with visasim');
  });

  it('says so when the scenario cites no sources', () => {
    expect(footerLines({ ...summary, scenario: { ...summary.scenario, sources: [] } })[0]).toBe(
      'Sources: none given in the scenario.',
    );
  });

  it('sets the chart font so SVG layout and PNG text agree', () => {
    expect(spec.config?.font).toBe(FONT_FAMILY);
    expect(FONT_FAMILY.startsWith('DejaVu Sans')).toBe(true);
    expect(CHART_WIDTH).toBe(700);
  });

  it('names the horizon by its fiscal years', () => {
    expect(horizonLabel(summary)).toBe('FY2024–FY2028');
    expect(horizonLabel({ ...summary, fiscalYears: ['FY2024'] })).toBe('FY2024');
  });
});
