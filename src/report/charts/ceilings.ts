/**
 * "Shared ceilings": what the pools that draw on a ceiling used against it — for a ceiling with an
 * amount, per period (CHNV's 30,000 a month); for a per-group limit (INA 202's 7%), per group over
 * the horizon — the median over runs with the 25th–75th and 5th–95th percentiles as bars, and the
 * limit as a black tick. Rows: program '', pool `ceiling:<id>`, metrics 'issued' and 'cap'. One panel
 * per ceiling and kind.
 */
import type { CeilingInfo, QuantileRow, Summary } from '../../core/types.js';
import {
  BAND_EXPLAIN,
  bandLayers,
  cellIndex,
  frame,
  groupName,
  hasValue,
  NUMBER_FORMAT,
  PLOT_WIDTH,
  panelTitle,
  quantileTooltip,
  round6,
  runsLabel,
  type VegaLiteSpec,
} from './common.js';

const quantiles = (r: QuantileRow) => ({
  p05: round6(r.stats.p05),
  p25: round6(r.stats.p25),
  p50: round6(r.stats.p50),
  p75: round6(r.stats.p75),
  p95: round6(r.stats.p95),
});

export function ceilingsChart(summary: Summary): VegaLiteSpec | null {
  const ceilings = summary.ceilings ?? [];
  if (ceilings.length === 0) return null;
  const cell = cellIndex(summary);
  const panels = ceilings.flatMap((c) => [...byPeriod(c, cell), ...byGroup(summary, c, cell)]);
  if (panels.length === 0) return null;
  const past = panels.some((p) => p.data.values.some((v) => (v.p50 as number) > (v.limit as number)));
  return frame(summary, {
    title: 'Shared ceilings: what the pools used against each limit',
    description:
      'Numbers counted against each ceiling, per period or per group, with the limit, across runs.',
    explain: [
      `Numbers the member pools issued against each ceiling; black tick: the limit (its median over runs when it is drawn). Dot: median of ${runsLabel(summary)}; ${BAND_EXPLAIN.dots}`,
      ...(past
        ? [
            'A dot above its tick: numbers given past a per-group limit where it was lifted because they would otherwise go unused (lift_when_unused, INA 202(a)(3) and (a)(5)).',
          ]
        : []),
    ],
    panels,
  });
}

type Cell = ReturnType<typeof cellIndex>;

/** A ceiling with an amount: issued per period against it. */
function byPeriod(c: CeilingInfo, cell: Cell) {
  const pool = `ceiling:${c.id}`;
  const values = c.periods.flatMap((period) => {
    const issued = cell('', pool, '', period, 'issued');
    const cap = cell('', pool, '', period, 'cap');
    if (!issued || !hasValue(issued) || !cap || !hasValue(cap)) return [];
    return [{ period, ...quantiles(issued), limit: round6(cap.stats.p50) }];
  });
  if (values.length === 0) return [];
  return [
    panel(
      `${c.title}: per ${values.length > 1 ? 'period' : 'its period'}`,
      values,
      {
        field: 'period',
        type: 'ordinal' as const,
        sort: c.periods,
        title: 'period',
        axis: { labelAngle: values.length > 12 ? -45 : 0 },
      },
      { field: 'period', type: 'ordinal' as const, title: 'Period' },
    ),
  ];
}

/** A per-group limit: each group's numbers over the horizon against its limit. */
function byGroup(summary: Summary, c: CeilingInfo, cell: Cell) {
  const pool = `ceiling:${c.id}`;
  const values = summary.groups.flatMap((g) => {
    const issued = cell('', pool, g.id, '', 'issued');
    const cap = cell('', pool, g.id, '', 'cap');
    if (!issued || !hasValue(issued) || !cap || !hasValue(cap)) return [];
    return [{ groupName: groupName(summary, g.id), ...quantiles(issued), limit: round6(cap.stats.p50) }];
  });
  if (values.length === 0) return [];
  return [
    panel(
      `${c.title}: per group, over the horizon`,
      values,
      {
        field: 'groupName',
        type: 'nominal' as const,
        sort: values.map((v) => v.groupName),
        title: null,
        axis: { labelAngle: -30, labelOverlap: false, labelLimit: 240 },
      },
      { field: 'groupName', type: 'nominal' as const, title: 'Group' },
    ),
  ];
}

function panel(
  title: string,
  values: Record<string, unknown>[],
  x: Record<string, unknown>,
  first: { field: string; type: 'ordinal' | 'nominal'; title: string },
) {
  const tooltip = [
    first,
    ...quantileTooltip('Issued (median)', NUMBER_FORMAT, { quartiles: true }),
    { field: 'limit', type: 'quantitative' as const, title: 'Limit', format: NUMBER_FORMAT },
  ];
  return {
    title: panelTitle(title),
    width: PLOT_WIDTH,
    height: 240,
    data: { values },
    encoding: { x },
    layer: [
      {
        mark: { type: 'tick' as const, thickness: 2.5 },
        encoding: {
          y: { field: 'limit', type: 'quantitative' as const },
          color: { value: '#222222' },
          tooltip,
        },
      },
      ...bandLayers(
        'dots',
        { title: 'numbers issued against the ceiling', axis: { format: NUMBER_FORMAT } },
        tooltip,
        { color: { value: '#0072B2' } },
      ),
    ],
  };
}
