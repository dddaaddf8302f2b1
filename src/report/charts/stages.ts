/**
 * "After selection": for each program with stages, how many were selected and how many reached
 * each stage (authorized → arrived), per fiscal year — the median over runs with the 25th–75th and
 * 5th–95th percentiles as bars. Rows: metric 'issued' (pool '', group '') and 'reached' (pool
 * `stage:<id>`, group ''), periods in `summary.fiscalYears`. One panel per program.
 */
import type { Summary } from '../../core/types.js';
import {
  BAND_EXPLAIN,
  bandLayers,
  cellIndex,
  frame,
  hasValue,
  NUMBER_FORMAT,
  PLOT_WIDTH,
  POOL_PALETTE,
  paletteScale,
  panelTitle,
  programTitle,
  quantileTooltip,
  round6,
  runsLabel,
  type VegaLiteSpec,
} from './common.js';

const STAGE = /^stage:/;

export function stagesChart(summary: Summary): VegaLiteSpec | null {
  const years = summary.fiscalYears;
  const stageRows = summary.rows.filter(
    (r) => r.metric === 'reached' && STAGE.test(r.pool) && r.group === '' && years.includes(r.period),
  );
  if (stageRows.length === 0) return null;
  const cell = cellIndex(summary);
  const programs = [...new Set(stageRows.map((r) => r.program))];
  const panels = programs.map((program) => {
    const stages = [...new Set(stageRows.filter((r) => r.program === program).map((r) => r.pool))];
    const steps = ['selected', ...stages.map((s) => s.replace(STAGE, ''))];
    const values = years.flatMap((period) =>
      [
        ['selected', cell(program, '', '', period, 'issued')] as const,
        ...stages.map((s) => [s.replace(STAGE, ''), cell(program, s, '', period, 'reached')] as const),
      ]
        .filter(([, r]) => r && hasValue(r))
        .map(([step, r]) => ({
          period,
          step,
          p05: round6(r?.stats.p05 ?? 0),
          p25: round6(r?.stats.p25 ?? 0),
          p50: round6(r?.stats.p50 ?? 0),
          p75: round6(r?.stats.p75 ?? 0),
          p95: round6(r?.stats.p95 ?? 0),
        })),
    );
    const tooltip = [
      { field: 'period', type: 'ordinal' as const, title: 'Fiscal year' },
      { field: 'step', type: 'nominal' as const, title: 'Stage' },
      ...quantileTooltip('People (median)', NUMBER_FORMAT, { quartiles: true }),
    ];
    return {
      ...(programs.length > 1 ? { title: panelTitle(programTitle(summary, program)) } : {}),
      width: PLOT_WIDTH,
      height: 280,
      data: { values },
      encoding: {
        x: {
          field: 'period',
          type: 'ordinal' as const,
          sort: years,
          title: 'fiscal year',
          axis: { labelAngle: 0 },
        },
        xOffset: { field: 'step', sort: steps },
        color: {
          field: 'step',
          type: 'nominal' as const,
          title: null,
          sort: steps,
          scale: paletteScale(steps, POOL_PALETTE),
          legend: { orient: 'top' as const, direction: 'horizontal' as const, title: null },
        },
      },
      layer: bandLayers('dots', { title: 'people', axis: { format: NUMBER_FORMAT } }, tooltip),
    };
  });
  return frame(summary, {
    title: 'After selection: how many reach each stage',
    description:
      'Those selected and those who reached each stage after selection, per fiscal year, across runs.',
    explain: [
      `Those selected in each fiscal year, and those who reached each later stage in it (a stage reached after the horizon is not counted). Dot: median of ${runsLabel(summary)}; ${BAND_EXPLAIN.dots}`,
    ],
    panels,
  });
}
