/**
 * The series of a scenario in plain words, for `visasim explain`: what each table holds (its period
 * kind, range and columns), whether formulas read it or it is a reference drawn beside the results,
 * and the bounds that checks read from series, worked out.
 */
import { boundValue, periodCount, rangeText, type SeriesTable } from '../formula/series.js';
import type { Check, Scenario } from '../scenario/schema.js';
import type { Model } from './model.js';

const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 6 });

const KIND: Record<SeriesTable['kind'], string> = {
  year: 'calendar year',
  fiscal_year: 'fiscal year',
  month: 'month',
};

const PERIOD_EXAMPLE: Record<SeriesTable['kind'], string> = {
  year: 'fy - 1',
  fiscal_year: 'fy - 1',
  month: 'today - 365',
};

/** Lines describing every series (none when the scenario has none). */
export function explainSeries(
  scenario: Scenario,
  model: Model,
  cites: (src: Scenario['series'][number]['source']) => string,
): string[] {
  if (scenario.series.length === 0) return [];
  const lines = ['Series (per-period tables):'];
  for (const s of scenario.series) {
    const t = model.series.find((x) => x.id === s.id);
    if (!t) continue;
    const where = s.from ? ` from ${s.from}` : ' (inline)';
    const columns = t.byGroup
      ? `one column per group (${t.columns.join(', ')})`
      : `${t.columns.length === 1 ? 'the column' : 'the columns'} ${t.columns.join(', ')}`;
    lines.push(
      `  ${s.id}${s.title ? ` — ${s.title}` : ''}: by ${KIND[t.kind]}, ${rangeText(t)} (${periodCount(t)} period${periodCount(t) === 1 ? '' : 's'})${where}, ${columns}${s.unit ? `, in ${s.unit}` : ''}.${s.assumption ? ' (ASSUMPTION)' : ''}${cites(s.source)}`,
    );
    const col = t.byGroup || t.columns.length === 1 ? '' : `, "${t.columns[0]}"`;
    if (t.reference)
      lines.push(
        `      A reference: observed values the simulation does not read, written to reference.csv${s.beside ? ` and drawn beside the simulated ${s.beside.metric} of "${s.beside.program}"${s.beside.pool ? ` (pool "${s.beside.pool}")` : ''} per fiscal year` : ''}; checks may compare with it.`,
      );
    else
      lines.push(
        `      Formulas read it with series("${s.id}"${col}) — the step's ${KIND[t.kind]}${t.byGroup ? ", the group's column" : ''} — or another period, series("${s.id}"${col}, ${PERIOD_EXAMPLE[t.kind]}); validation refuses a period outside ${rangeText(t)}.`,
      );
    if (s.note) lines.push(`      ${s.note}`);
  }
  lines.push('');
  return lines;
}

/** What a check's bounds read from series, worked out: " (at least 445,197: the max of series "bracero")". */
export function checkBoundsText(check: Check, model: Model): string {
  const parts: string[] = [];
  const words = { equals: 'equal to', at_most: 'at most', at_least: 'at least' } as const;
  for (const key of ['equals', 'at_most', 'at_least'] as const) {
    const b = check[key];
    if (b === undefined || typeof b !== 'object') continue;
    const t = model.series.find((x) => x.id === b.series);
    const v = t ? boundValue(t, b) : undefined;
    const what = b.stat
      ? `the ${b.stat} of series "${b.series}"`
      : b.period !== undefined
        ? `series "${b.series}" in ${b.period}`
        : `series "${b.series}" in each period checked`;
    parts.push(
      `${words[key]} ${v !== undefined ? `${n(v)}: ` : ''}${what}${key === 'equals' && check.within !== undefined ? `, within ${n(check.within * 100)}%` : ''}`,
    );
  }
  return parts.length ? ` (${parts.join('; ')})` : '';
}
