/**
 * summarize: Model × Accumulator → Summary, the one structure every output is written from.
 * Rows follow the model's cell layout; rows of a group in a pool or program where that group never
 * had an applicant, an eligible application or a number (in any run) are left out, so the tables
 * list who actually takes part.
 */

import type {
  CellStats,
  DailyAcceptance,
  Headline,
  Metric,
  QuantileRow,
  ReferenceSeries,
  Summary,
} from '../core/types.js';
import { referencePoints } from '../formula/series.js';
import { ceilingKey } from '../model/cells.js';
import type { Model } from '../model/model.js';
import type { Accumulator } from './accumulate.js';
import { dailyAcceptances } from './daily.js';

export function summarize(model: Model, acc: Accumulator, opts: { runs: number; seed: string }): Summary {
  const layout = model.cells;
  const present = new Map<string, boolean>();
  const key = (program: string, pool: string, group: string) => `${program}\0${pool}\0${group}`;
  for (const row of layout.rows) {
    if (!row.group) continue;
    if (row.metric !== 'eligible' && row.metric !== 'applicants' && row.metric !== 'cap') continue;
    const k = key(row.program, row.pool, row.group);
    if (present.get(k)) continue;
    // some run had a value above 0 (however the cell is kept: a constant, a column, counts)
    present.set(k, !acc.every(row.offset, (v) => !(v > 0)));
  }
  const rows: QuantileRow[] = [];
  const statsByKey = new Map<string, CellStats>();
  for (const row of layout.rows) {
    if (row.group && !present.get(key(row.program, row.pool, row.group))) continue;
    const stats = acc.stats(row.offset);
    rows.push({
      program: row.program,
      pool: row.pool,
      group: row.group,
      period: row.period,
      metric: row.metric,
      stats,
    });
    statsByKey.set(`${row.program}\0${row.pool}\0${row.group}\0${row.period}\0${row.metric}`, stats);
  }

  const headline: Headline[] = [];
  const push = (k: string, label: string, program: string, pool: string, metric: Metric) => {
    const stats = statsByKey.get(`${program}\0${pool}\0\0\0${metric}`);
    if (stats && stats.n > 0) headline.push({ key: k, label, program, pool, metric, stats });
  };
  const years = model.calendar.fiscalYears.length;
  const first = model.calendar.fiscalYears[0]?.label ?? '';
  const last = model.calendar.fiscalYears[years - 1]?.label ?? '';
  const span = first === last ? first : `${first}–${last}`;
  for (const program of model.programs) {
    const t = model.programs.length > 1 ? `${program.title}: ` : '';
    push(`${program.id}.applicants`, `${t}People who applied, ${span}`, program.id, '', 'applicants');
    push(`${program.id}.issued`, `${t}Visas issued, ${span}`, program.id, '', 'issued');
    push(`${program.id}.unused`, `${t}Numbers left unused`, program.id, '', 'unused');
    push(`${program.id}.backlog`, `${t}Applicants still waiting at the end`, program.id, '', 'backlog');
    push(`${program.id}.diverted`, `${t}Applicants who took another route`, program.id, '', 'diverted');
    push(
      `${program.id}.selection_rate`,
      `${t}Chance that an applicant gets a visa`,
      program.id,
      '',
      'selection_rate',
    );
  }

  for (const c of model.ceilings) {
    if (!c.hasAmount) continue;
    const pool = ceilingKey(c.id);
    push(`ceiling:${c.id}.issued`, `${c.title}: numbers issued under it`, '', pool, 'issued');
    push(`ceiling:${c.id}.unused`, `${c.title}: numbers left unused`, '', pool, 'unused');
  }

  return {
    scenario: model.info,
    runs: opts.runs,
    seed: opts.seed,
    fiscalYears: model.calendar.fiscalYears.map((f) => f.label),
    groups: model.groupInfo,
    programs: model.programInfo,
    ...(model.ceilings.length
      ? {
          ceilings: model.ceilings.map((c) => ({
            id: c.id,
            title: c.title,
            pools: c.pools.map((k) => model.pools[k]?.id ?? ''),
            periods: c.periods.map((p) => p.label),
          })),
        }
      : {}),
    headline,
    rows,
    ...referenceOf(model),
    ...dailyOf(model, acc),
  };
}

/** Daily acceptances of pools that select by the final receipt date (none: no key). */
function dailyOf(model: Model, acc: Accumulator): { daily?: DailyAcceptance[] } {
  const daily = dailyAcceptances(model, acc);
  return daily.length ? { daily } : {};
}

/** The model's reference series, as the reports show them (none: no key, so outputs stay as they were). */
function referenceOf(model: Model): { reference?: ReferenceSeries[] } {
  const refs = (model.series ?? []).filter((t) => t.reference);
  if (refs.length === 0) return {};
  return {
    reference: refs.map((t) => ({
      id: t.id,
      title: t.title ?? t.id,
      ...(t.unit !== undefined ? { unit: t.unit } : {}),
      kind: t.kind,
      ...(t.beside ? { beside: t.beside } : {}),
      points: referencePoints(t),
    })),
  };
}
