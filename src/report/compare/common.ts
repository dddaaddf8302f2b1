/**
 * What the comparison's charts, tables and report share: the merged view of both scenarios (groups,
 * programs, horizon), their merged sources and assumptions, the chart head naming both, and the rows
 * most figures are about.
 */
import type { CellStats, CompareRow, CompareSummary, Metric, SourceRef } from '../../core/types.js';
import {
  type ColorScale,
  countRuns,
  type FrameHead,
  GROUP_PALETTE,
  groupName,
  horizonLabel,
  POOL_PALETTE,
  paletteScale,
  programTitle,
  scenarioLines,
  sourceFooterLines,
} from '../charts/common.js';

export interface CompareOptions {
  /**
   * What B changes, as the end of "What changes if …", e.g. "the Central American half is split by
   * encounters". Without it the titles say "from A to B" and the subtitles name both scenarios.
   */
  change?: string;
}

/** The merged view of both scenarios' groups, programs and horizon (A's first, then B's extras). */
export interface Both {
  groups: { id: string; name: string }[];
  programs: { id: string; title: string }[];
  fiscalYears: string[];
  horizon: string;
}

export function both(cs: CompareSummary): Both {
  const groups = [...cs.a.groups];
  for (const g of cs.b.groups) if (!groups.some((x) => x.id === g.id)) groups.push(g);
  const programs = cs.a.programs.map((p) => ({ id: p.id, title: p.title }));
  for (const p of cs.b.programs) if (!programs.some((x) => x.id === p.id)) programs.push(p);
  return { groups, programs, fiscalYears: [...cs.a.fiscalYears], horizon: horizonLabel(cs.a) };
}

/** The group colour scale of the single-scenario charts of A (B's extra groups after A's). */
export const groupScale = (b: Both): ColorScale =>
  paletteScale(
    b.groups.map((g) => g.id),
    GROUP_PALETTE,
  );

export const programScale = (b: Both): ColorScale =>
  paletteScale(
    b.programs.map((p) => p.title),
    POOL_PALETTE,
  );

export const nameOf = (b: Both, id: string): string => groupName(b, id);
export const programOf = (b: Both, id: string): string => programTitle(b, id);

export const hasStats = (s: CellStats): boolean => s.n > 0 && Number.isFinite(s.p50);

/** "1,000 runs of each scenario" */
export function compareRunsLabel(cs: CompareSummary): string {
  return `${countRuns(cs.runs)} of each scenario`;
}

/** The sources of both scenarios, each once (A's first), and which scenario cites each. */
export function mergedSources(cs: CompareSummary): { sources: SourceRef[]; tags: Map<string, string> } {
  const sources: SourceRef[] = [];
  const tags = new Map<string, string>();
  for (const [side, summary] of [
    ['A', cs.a],
    ['B', cs.b],
  ] as const) {
    for (const s of summary.scenario.sources) {
      if (!sources.some((x) => x.id === s.id)) sources.push(s);
      tags.set(s.id, tags.has(s.id) ? 'A and B' : side);
    }
  }
  return { sources, tags };
}

/** The assumptions of both scenarios; one stated in both (same id and text) once, tagged "A and B". */
export function mergedAssumptions(cs: CompareSummary): { id: string; text: string; tag: string }[] {
  const out = cs.a.scenario.assumptions.map((x) => ({ id: x.id, text: x.text, tag: 'A' }));
  for (const x of cs.b.scenario.assumptions) {
    const same = out.find((y) => y.id === x.id && y.text === x.text);
    if (same) same.tag = 'A and B';
    else out.push({ id: x.id, text: x.text, tag: 'B' });
  }
  return out;
}

/** Subtitle lines naming both scenarios, and the footer with both scenarios' sources. */
export function compareHead(cs: CompareSummary): FrameHead {
  const { sources } = mergedSources(cs);
  return {
    scenario: [
      ...scenarioLines(`A: ${cs.a.scenario.title}`, cs.a.scenario.status),
      ...scenarioLines(`B: ${cs.b.scenario.title}`, cs.b.scenario.status),
    ],
    footer: sourceFooterLines(
      sources.map((s) => s.title),
      `${compareRunsLabel(cs)} with the same random numbers, seed ${cs.seed} · made with visasim`,
    ),
  };
}

/** Program-level issued rows per group over the whole horizon. */
export function issuedByGroupRows(cs: CompareSummary): CompareRow[] {
  return cs.rows.filter(
    (r) =>
      r.metric === 'issued' &&
      r.pool === '' &&
      r.period === '' &&
      r.group !== '' &&
      hasStats(r.a) &&
      hasStats(r.b) &&
      // a group that gets no visa in any run of either scenario would be an empty row
      (r.a.max > 0 || r.b.max > 0),
  );
}

/** The diff row of a whole-horizon, all-groups figure (what a headline figure reports). */
export function headlineRow(
  cs: CompareSummary,
  program: string,
  pool: string,
  metric: Metric,
): CompareRow | undefined {
  return cs.rows.find(
    (r) =>
      r.program === program && r.pool === pool && r.group === '' && r.period === '' && r.metric === metric,
  );
}
