/**
 * Fixed colour scales: one colour per group, pool and program across every chart of a report (and of
 * a comparison, where B's extra groups come after A's), both palettes colour-blind safe; legends.
 */
import type { QuantileRow, Summary } from '../../core/types.js';
import { CHART_WIDTH } from './frame.js';

/** Paul Tol's "muted" qualitative scheme (colour-blind safe), in his recommended order, then four
 * of his "vibrant" colours, so that up to 13 groups never share a colour (H-2B scenarios have 12).
 * Groups get colours by their index in `summary.groups`, so a country has the same colour in every
 * chart. */
export const GROUP_PALETTE = [
  '#CC6677',
  '#332288',
  '#DDCC77',
  '#117733',
  '#88CCEE',
  '#882255',
  '#44AA99',
  '#999933',
  '#AA4499',
  '#EE7733',
  '#0077BB',
  '#EE3377',
  '#777777',
] as const;

/** Okabe–Ito (colour-blind safe) for pools and programs, darkest hues first; yellow left out, it is
 * unreadable on white. */
export const POOL_PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#000000',
] as const;

export interface ColorScale {
  domain: string[];
  range: string[];
}

/** The values of a domain coloured in palette order (the palette repeats past its end). */
export function paletteScale(domain: string[], palette: readonly string[]): ColorScale {
  return { domain, range: domain.map((_, i) => palette[i % palette.length] ?? '#777777') };
}

/** Colour scale for a field holding group ids: every group of the summary, in summary order. */
export function groupColorScale(summary: Pick<Summary, 'groups'>): ColorScale {
  return paletteScale(
    summary.groups.map((g) => g.id),
    GROUP_PALETTE,
  );
}

/** Colour scale for a field holding program titles. */
export function programColorScale(summary: Pick<Summary, 'programs'>): ColorScale {
  return paletteScale(
    summary.programs.map((p) => p.title),
    POOL_PALETTE,
  );
}

/**
 * A colour channel on the field `groupName` for the groups `ids` (in that order), each in the colour
 * it has in every chart, with a legend of names along the top.
 */
export function groupNameColor(summary: Pick<Summary, 'groups'>, ids: readonly string[]) {
  const scale = groupColorScale(summary);
  return {
    field: 'groupName',
    type: 'nominal' as const,
    title: null,
    scale: {
      domain: ids.map((id) => groupName(summary, id)),
      range: ids.map((id) => scale.range[scale.domain.indexOf(id)] ?? '#555555'),
    },
    legend: { orient: 'top' as const, direction: 'horizontal' as const, title: null },
  };
}

export function groupName(summary: { groups: readonly { id: string; name: string }[] }, id: string): string {
  return summary.groups.find((g) => g.id === id)?.name ?? id;
}

export function programTitle(
  summary: { programs: readonly { id: string; title: string }[] },
  id: string,
): string {
  return summary.programs.find((p) => p.id === id)?.title ?? id;
}

export interface PoolRef {
  /** `program/pool`, unique across programs */
  key: string;
  program: string;
  pool: string;
  /** what readers see: the pool title, prefixed by the program title when there are several */
  label: string;
}

/** Every pool of every program, in declaration order, then the ceilings ("Ceiling: <title>"). */
export function poolRefs(summary: Summary): PoolRef[] {
  const several = summary.programs.length > 1;
  return [
    ...summary.programs.flatMap((p) =>
      p.pools.map((pool) => ({
        key: `${p.id}/${pool.id}`,
        program: p.id,
        pool: pool.id,
        label: several ? `${p.title}: ${pool.title}` : pool.title,
      })),
    ),
    ...(summary.ceilings ?? []).map((c) => ({
      key: `/ceiling:${c.id}`,
      program: '',
      pool: `ceiling:${c.id}`,
      label: `Ceiling: ${c.title}`,
    })),
  ];
}

/** The reference for a row's pool; pools missing from `summary.programs` get their id as label. */
export function poolRefOf(refs: PoolRef[], row: Pick<QuantileRow, 'program' | 'pool'>): PoolRef {
  return (
    refs.find((r) => r.program === row.program && r.pool === row.pool) ?? {
      key: `${row.program}/${row.pool}`,
      program: row.program,
      pool: row.pool,
      label: row.pool,
    }
  );
}

/** Colour scale for a field holding pool labels: every pool of the summary (fixed across charts). */
export function poolColorScale(refs: PoolRef[], extra: string[] = []): ColorScale {
  const domain = [...refs.map((r) => r.label), ...extra.filter((l) => !refs.some((r) => r.label === l))];
  return paletteScale(domain, POOL_PALETTE);
}

/** A darker shade of a `#rrggbb` colour (for whiskers and ticks drawn over bars of that colour). */
export function darken(hex: string, factor = 0.55): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) =>
    Math.round(((n >> shift) & 0xff) * factor)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** The same scale in darker shades: whiskers and ticks over bars of the scale's colours. */
export function darkScale(scale: ColorScale): ColorScale {
  return { domain: scale.domain, range: scale.range.map((c) => darken(c)) };
}

/** A legend above the plot: one row when the labels fit in the chart width, else one per line. */
export function topLegend(title: string | null, labels: string[], symbolType?: string) {
  // ~7 px per character at 11 px, plus symbol and gap: keep the row within CHART_WIDTH
  const rowWidth = labels.reduce((w, l) => w + 7 * l.length + 40, 0);
  return {
    title,
    orient: 'top' as const,
    direction: rowWidth > CHART_WIDTH - 80 ? ('vertical' as const) : ('horizontal' as const),
    ...(symbolType ? { symbolType } : {}),
  };
}

/** The colour channel of a per-program mark: a legend above the plot only when there are several. */
export function programColor(scale: ColorScale, severalPrograms: boolean) {
  return {
    field: 'program',
    type: 'nominal' as const,
    scale,
    legend: severalPrograms ? topLegend(null, scale.domain) : null,
  };
}
