/** A sweep in words: what was run, how the headline figures move from the first value to the last,
 * and which uncertain parameter matters most. */
import type { SweepSummary } from '../../core/types.js';
import { formatValue } from '../cell-text.js';
import { countRuns } from '../charts/format.js';
import {
  formatParamValue,
  isFlat,
  pointValue,
  SWEEP_METRICS,
  type SweepOptions,
  sortedTornado,
  sweepParamLabel,
  tornadoFigure,
} from './common.js';

export interface LeadParts {
  intro: string;
  /** "From 100,000 to 200,000 (medians):" */
  changesIntro: string;
  /** e.g. ["Visas issued, FY2024–FY2028", "1,104,000", "1,546,000"] */
  changes: [label: string, from: string, to: string][];
  unchanged: string[];
  tornado: string | null;
}

/** The lead's parts; report.html shows the changes as a list, `sweepLead` as sentences. */
export function leadParts(ss: SweepSummary, opts: SweepOptions): LeadParts {
  const paramLabel = opts.paramLabel ?? sweepParamLabel(ss.param);
  const n = ss.points.length;
  const parts: LeadParts = { intro: '', changesIntro: '', changes: [], unchanged: [], tornado: null };
  if (n > 0) {
    parts.intro = `The scenario was run at ${n} ${n === 1 ? 'value' : 'values'} of ${paramLabel} (${ss.points
      .map(pointValue)
      .join('; ')}), each with ${countRuns(ss.runs)} and the same seed.`;
    const first = ss.points[0];
    const last = ss.points[n - 1];
    if (first && last && n > 1) {
      parts.changesIntro = `From ${pointValue(first)} to ${pointValue(last)} (medians):`;
      for (const metric of SWEEP_METRICS) {
        for (const h of first.headline.filter((x) => x.metric === metric && x.pool === '')) {
          const end = last.headline.find((x) => x.key === h.key);
          if (!end || h.stats.n === 0 || end.stats.n === 0) continue;
          if (isFlat(ss, metric)) parts.unchanged.push(h.label);
          else
            parts.changes.push([
              h.label,
              formatValue(metric, h.stats.p50),
              formatValue(metric, end.stats.p50),
            ]);
        }
      }
    }
  }
  const top = sortedTornado(ss)[0];
  if (top) {
    const { label, metric } = tornadoFigure(ss);
    parts.tornado = `Of the uncertain parameters, ${top.parameter} moves “${label}” most: ${formatValue(
      metric,
      top.low.p50,
    )} with ${top.parameter} at ${formatParamValue(top.lowValue)}, ${formatValue(metric, top.high.p50)} at ${formatParamValue(
      top.highValue,
    )}.`;
  }
  return parts;
}

/**
 * The plain-language lead of a sweep, as sentences (report.html shows the changes as a list).
 * @example sweepLead(ss)[0] // 'The scenario was run at 5 values of the mexico pool's cap (100,000; …), …'
 */
export function sweepLead(ss: SweepSummary, opts: SweepOptions = {}): string[] {
  const p = leadParts(ss, opts);
  return [
    p.intro,
    p.changes.length > 0
      ? `${p.changesIntro} ${p.changes.map(([l, a, b]) => `${l}: ${a} → ${b}`).join('; ')}.`
      : '',
    p.unchanged.length > 0 ? `The same at every value: ${p.unchanged.join('; ')}.` : '',
    p.tornado ?? '',
  ].filter(Boolean);
}
