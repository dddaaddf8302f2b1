/** "Who gets the visas in each scenario": A and B side by side per group, over the horizon. */
import type { CompareSummary } from '../../../core/types.js';
import {
  BAR_PLOT_WIDTH,
  frameWith,
  groupRows,
  groupTooltip,
  NUMBER_FORMAT,
  panelTitle,
  quantileTooltip,
  round6,
  type VegaLiteSpec,
} from '../../charts/common.js';
import {
  both,
  compareHead,
  compareRunsLabel,
  groupScale,
  issuedByGroupRows,
  nameOf,
  programOf,
} from '../common.js';

/** A and B side by side: visas issued to each group over the horizon, all pools together. */
export function compareIssuedByGroup(cs: CompareSummary): VegaLiteSpec | null {
  const rows = issuedByGroupRows(cs);
  if (rows.length === 0) return null;
  const b = both(cs);
  const sideLabel = { A: `A: ${cs.a.scenario.title}`, B: `B: ${cs.b.scenario.title}` };
  const values = rows.flatMap((r) =>
    (['A', 'B'] as const).map((side) => {
      const s = side === 'A' ? r.a : r.b;
      return {
        program: programOf(b, r.program),
        group: r.group,
        groupName: nameOf(b, r.group),
        side,
        scenario: sideLabel[side],
        p05: round6(s.p05),
        p50: round6(s.p50),
        p95: round6(s.p95),
        mean: round6(s.mean),
      };
    }),
  );
  const programs = [...new Set(values.map((v) => v.program))];
  const several = programs.length > 1;
  const tooltip = [
    ...groupTooltip(several),
    { field: 'scenario', type: 'nominal' as const, title: 'Scenario' },
    ...quantileTooltip('Issued (median)', NUMBER_FORMAT),
  ];
  // A pale, B solid; the subtitle says what A and B are
  const opacity = {
    field: 'side',
    type: 'ordinal' as const,
    sort: ['A', 'B'],
    scale: { domain: ['A', 'B'], range: [0.4, 1] },
    legend: {
      title: 'Scenario',
      orient: 'top' as const,
      direction: 'horizontal' as const,
      symbolType: 'square',
      symbolFillColor: '#555555',
    },
  };

  return frameWith(compareHead(cs), {
    title: 'Who gets the visas in each scenario',
    description: `Visas issued to each group over ${b.horizon} under scenario A and scenario B.`,
    explain: [
      `Visas issued over ${b.horizon}, all pools together. Pale bars: A; solid bars: B.`,
      `Bars: median of ${compareRunsLabel(cs)}; whiskers: 5th–95th percentile.`,
    ],
    panels: programs.map((program, i) => {
      const own = values.filter((v) => v.program === program);
      const order = [...new Set([...own].sort((x, y) => y.p50 - x.p50).map((v) => v.groupName))];
      return {
        ...(several ? { title: panelTitle(program) } : {}),
        width: BAR_PLOT_WIDTH,
        // with an offset channel the step is that of one bar (A or B), not of a group
        height: { step: 15 },
        data: { values: own },
        encoding: {
          y: { ...groupRows(order), scale: { paddingInner: 0.3 } },
          yOffset: { field: 'side', type: 'nominal', sort: ['A', 'B'] },
        },
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              x: {
                field: 'p50',
                type: 'quantitative',
                title: i === programs.length - 1 ? `visas issued, ${b.horizon}` : null,
                axis: { format: NUMBER_FORMAT, tickCount: 5 },
              },
              color: { field: 'group', type: 'nominal', scale: groupScale(b), legend: null },
              opacity,
              tooltip,
            },
          },
          {
            mark: { type: 'rule', color: '#333333', strokeWidth: 1.2 },
            encoding: { x: { field: 'p05', type: 'quantitative' }, x2: { field: 'p95' }, tooltip },
          },
        ],
      };
    }),
    resolve: { scale: { x: 'shared' } },
  });
}
