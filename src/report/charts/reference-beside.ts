/**
 * "The reference beside the results": each reference series (`series:` with `reference: true`) as a
 * grey line of its observed values, and — for a series with `beside` — the simulated metric per
 * fiscal year as a median line with its 5th–95th percentile band, on one axis of years, so a
 * projection of the 2020s can be read against, say, the Bracero contracts of 1942–64. Rows:
 * `summary.reference`, and the `beside` metric's rows with group '' and the fiscal years as periods.
 * Null when the scenario has no reference series.
 */
import type { ReferenceSeries, Summary } from '../../core/types.js';
import { frame, NUMBER_FORMAT, PLOT_WIDTH, round6, runsLabel, type VegaLiteSpec } from './common.js';

const REFERENCE_COLOR = '#6b6b6b';
const SIMULATED_COLOR = '#1f6fb2';

/** Where a period lies on the axis of years: 1942 → 1942, FY2024 → 2024, 2024-07 → 2024.5. */
function yearOf(kind: ReferenceSeries['kind'], period: string): number {
  if (kind === 'year') return Number(period);
  if (kind === 'fiscal_year') return Number(period.slice(2));
  return Number(period.slice(0, 4)) + (Number(period.slice(5, 7)) - 1) / 12;
}

/** The simulated values a reference is drawn beside, per fiscal year (median and 90% band). */
function besideValues(summary: Summary, r: ReferenceSeries) {
  const b = r.beside;
  if (!b) return [];
  const years = new Set(summary.fiscalYears);
  const program = summary.programs.find((p) => p.id === b.program);
  const label = `simulated ${b.metric}: ${program?.title ?? b.program}${b.pool ? ` (${b.pool})` : ''}`;
  return summary.rows
    .filter(
      (row) =>
        row.program === b.program &&
        row.pool === (b.pool ?? '') &&
        row.group === '' &&
        row.metric === b.metric &&
        years.has(row.period) &&
        row.stats.n > 0,
    )
    .map((row) => ({
      x: yearOf('fiscal_year', row.period),
      period: row.period,
      line: label,
      p05: round6(row.stats.p05),
      p50: round6(row.stats.p50),
      p95: round6(row.stats.p95),
    }));
}

export function referenceBeside(summary: Summary): VegaLiteSpec | null {
  const refs = summary.reference ?? [];
  if (refs.length === 0) return null;
  const observed = refs.flatMap((r) =>
    r.points.map((p) => {
      const columns = new Set(r.points.map((q) => q.column)).size;
      return {
        x: round6(yearOf(r.kind, p.period)),
        period: p.period,
        line: columns > 1 ? `${r.title}: ${p.column}` : r.title,
        value: p.value,
      };
    }),
  );
  const simulated = refs.flatMap((r) => besideValues(summary, r));
  const lines = [...new Set([...observed.map((o) => o.line), ...simulated.map((s) => s.line)])];
  const colors = lines.map((l) => (simulated.some((s) => s.line === l) ? SIMULATED_COLOR : REFERENCE_COLOR));
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: 'year (fiscal years for the simulated values)',
    scale: { zero: false, nice: false, padding: 12 },
    axis: { format: 'd', tickMinStep: 1 },
  };
  const color = {
    field: 'line',
    type: 'nominal' as const,
    title: null,
    scale: { domain: lines, range: colors },
    legend: { orient: 'top' as const, direction: 'vertical' as const, labelLimit: 640 },
  };
  const y = { title: refs[0]?.unit ?? 'value', axis: { format: NUMBER_FORMAT } };
  return frame(summary, {
    title:
      refs.length === 1
        ? `${refs[0]?.title ?? ''} beside the results`
        : 'Reference series beside the results',
    description: 'Observed reference values beside the simulated values, on one axis of years.',
    explain: [
      'Grey: the observed reference values, one point per period.',
      ...(simulated.length
        ? [
            `Blue: the simulated values per fiscal year, median of ${runsLabel(summary)}, band: 5th–95th percentile.`,
          ]
        : []),
    ],
    panels: [
      {
        width: PLOT_WIDTH,
        height: 320,
        layer: [
          {
            data: { values: observed },
            mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 30 } },
            encoding: {
              x,
              y: { field: 'value', type: 'quantitative', ...y },
              color,
              tooltip: [
                { field: 'line', type: 'nominal', title: 'series' },
                { field: 'period', type: 'ordinal', title: 'period' },
                { field: 'value', type: 'quantitative', title: 'value', format: NUMBER_FORMAT },
              ],
            },
          },
          ...(simulated.length
            ? [
                {
                  data: { values: simulated },
                  mark: { type: 'area' as const, opacity: 0.2 },
                  encoding: {
                    x,
                    y: { field: 'p05', type: 'quantitative' as const, ...y },
                    y2: { field: 'p95' },
                    color,
                  },
                },
                {
                  data: { values: simulated },
                  mark: { type: 'line' as const, strokeWidth: 2.5, point: { filled: true, size: 45 } },
                  encoding: {
                    x,
                    y: { field: 'p50', type: 'quantitative' as const, ...y },
                    color,
                    tooltip: [
                      { field: 'line', type: 'nominal' as const, title: 'series' },
                      { field: 'period', type: 'ordinal' as const, title: 'fiscal year' },
                      { field: 'p50', type: 'quantitative' as const, title: 'median', format: NUMBER_FORMAT },
                      {
                        field: 'p05',
                        type: 'quantitative' as const,
                        title: '5th percentile',
                        format: NUMBER_FORMAT,
                      },
                      {
                        field: 'p95',
                        type: 'quantitative' as const,
                        title: '95th percentile',
                        format: NUMBER_FORMAT,
                      },
                    ],
                  },
                },
              ]
            : []),
        ],
      },
    ],
  });
}
