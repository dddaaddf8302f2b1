/** "What changes for each country": the per-run change B − A in visas issued to each group. */
import type { CompareSummary } from '../../../core/types.js';
import {
  BAR_PLOT_WIDTH,
  darkWhisker,
  frameWith,
  groupRows,
  groupTooltip,
  NUMBER_FORMAT,
  panelTitle,
  quantileTooltip,
  round6,
  SIGNED_AXIS,
  SIGNED_FORMAT,
  sideLabelLayers,
  signedCount,
  titleLines,
  type VegaLiteSpec,
} from '../../charts/common.js';
import {
  both,
  type CompareOptions,
  compareHead,
  compareRunsLabel,
  groupScale,
  hasStats,
  issuedByGroupRows,
  nameOf,
  programOf,
} from '../common.js';

/** The change B − A in visas issued to each group, with its band and a zero line. */
export function compareChangeByGroup(cs: CompareSummary, opts: CompareOptions): VegaLiteSpec | null {
  const rows = issuedByGroupRows(cs).filter((r) => hasStats(r.diff));
  if (rows.length === 0) return null;
  const b = both(cs);
  const values = rows.map((r) => {
    const d = r.diff;
    const up = d.p50 >= 0;
    return {
      program: programOf(b, r.program),
      group: r.group,
      groupName: nameOf(b, r.group),
      p05: round6(d.p05),
      p25: round6(d.p25),
      p50: round6(d.p50),
      p75: round6(d.p75),
      p95: round6(d.p95),
      mean: round6(d.mean),
      aP50: round6(r.a.p50),
      bP50: round6(r.b.p50),
      // where the label goes: past the end of the whisker on the side the change points to
      labelAt: round6(up ? Math.max(d.p95, 0) : Math.min(d.p05, 0)),
      label: d.p05 === 0 && d.p95 === 0 ? 'no change' : signedCount(d.p50),
      up,
      shade: r.group,
    };
  });
  const programs = [...new Set(values.map((v) => v.program))];
  const several = programs.length > 1;
  // room past the whiskers for the labels: a quarter of the span on each side that has bars
  const lo = Math.min(0, ...values.map((v) => v.p05));
  const hi = Math.max(0, ...values.map((v) => v.p95));
  const room = (hi - lo || 1) * 0.25;
  const domain = [round6(lo < 0 ? lo - room : 0), round6(hi > 0 ? hi + room : 0)];
  const scale = groupScale(b);
  const tooltip = [
    ...groupTooltip(several),
    ...quantileTooltip('Change B − A (median)', SIGNED_FORMAT),
    { field: 'aP50', type: 'quantitative' as const, title: 'Issued under A (median)', format: NUMBER_FORMAT },
    { field: 'bP50', type: 'quantitative' as const, title: 'Issued under B (median)', format: NUMBER_FORMAT },
  ];
  const title = opts.change ? `What changes if ${opts.change}` : 'What changes for each country from A to B';

  return frameWith(compareHead(cs), {
    title: titleLines(title),
    description: `Change in visas issued to each group over ${b.horizon}, scenario B minus scenario A.`,
    explain: [
      `Visas issued over ${b.horizon}: B minus A in the same simulated run (same random numbers).`,
      `Bars and labels: median change over ${compareRunsLabel(cs)}; whiskers: 5th–95th percentile.`,
      'Right of the line: more visas under B; left: fewer.',
    ],
    panels: programs.map((program, i) => {
      const own = values.filter((v) => v.program === program);
      const y = groupRows(
        [...own].sort((x, y) => y.p50 - x.p50).map((v) => v.groupName),
        { domain: false },
      );
      return {
        ...(several ? { title: panelTitle(program) } : {}),
        width: BAR_PLOT_WIDTH,
        height: { step: 26 },
        data: { values: own },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.7 } },
            encoding: {
              y,
              x: {
                field: 'p50',
                type: 'quantitative',
                title: i === programs.length - 1 ? `change in visas issued (B − A), ${b.horizon}` : null,
                axis: { ...SIGNED_AXIS, tickCount: 6 },
                scale: { domain, nice: true },
              },
              color: { field: 'group', type: 'nominal', scale, legend: null },
              tooltip,
            },
          },
          darkWhisker('horizontal', scale, tooltip, { y }),
          {
            mark: { type: 'rule', color: '#222222', strokeWidth: 1.2, aria: false },
            encoding: { x: { datum: 0, type: 'quantitative' } },
          },
          ...sideLabelLayers(
            'up',
            {
              y,
              x: { field: 'labelAt', type: 'quantitative' as const },
              text: { field: 'label', type: 'nominal' as const },
            },
            tooltip,
            { dx: 6, fontSize: 11 },
          ),
        ],
      };
    }),
    resolve: { scale: { x: 'shared' } },
  });
}
