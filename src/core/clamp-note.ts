/**
 * A formula's clamp note as manifest.json and the reports show it: pure, so that the report's page
 * can show it too (src/report/interactive/). pipeline.ts builds the notes from a simulation.
 */
/**
 * A formula that declares `clamp: true` (engine/domain.ts), in manifest.json: where it is, the range
 * it is clamped to, and in how many of the manifest's runs (and how many values) it clamped.
 */
export interface ClampNote {
  /** its YAML path, list items by id (`programs.work-visas.demand.per_year`) */
  path: string;
  /** FILE:LINE:COL of the formula */
  at: string;
  /** share or demand (the domains a formula may declare `clamp: true` for: engine/domain.ts) */
  domain: 'share' | 'demand';
  range: [number, number];
  runs: number;
  values: number;
}

/** "demand clamped to [0, 16,777,216] in 37 of 1,000 runs (52 values) at FILE:LINE:COL (PATH)" */
export function clampLine(note: ClampNote, runs: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${note.domain} clamped to [${n(note.range[0])}, ${n(note.range[1])}] in ${n(note.runs)} of ${n(runs)} runs${note.values ? ` (${n(note.values)} value${note.values === 1 ? '' : 's'})` : ''} at ${note.at} (${note.path})`;
}
