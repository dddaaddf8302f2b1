/**
 * Checks of `series:` (formula/series.ts has the tables): each table's period column and values,
 * where the rows came from (a CSV's cells or the inline rows: the source map points at either), what
 * a reference draws beside, and the checks whose bounds read a series. The periods formulas ask
 * for are checked with the formulas (formulas.ts, `checkLookups`).
 *
 * In: the validated scenario and a reporter. Out: the tables that hold, by id, for the formulas.
 */
import { METRICS } from '../core/types.js';
import {
  PERIOD_FORMAT,
  PERIOD_KINDS,
  type PeriodKind,
  periodCount,
  periodLabel,
  periodOrdinal,
  rangeText,
  type SeriesTable,
  seriesTable,
} from '../formula/series.js';
import * as msg from './messages.js';
import type { Path, Report } from './reporter.js';
import type { Scenario } from './schema.js';

export function checkSeries(
  scenario: Scenario,
  report: Report,
): { tables: Map<string, SeriesTable>; broken: Set<string> } {
  const tables = new Map<string, SeriesTable>();
  const groupIds = (scenario.groups.rows ?? []).map((r) => r.id);
  const seen = new Set<string>();
  scenario.series.forEach((s, i) => {
    const path: Path = ['series', i];
    if (seen.has(s.id)) {
      report('semantic', [...path, 'id'], msg.seriesDuplicate(s.id));
      return;
    }
    seen.add(s.id);
    if (s.rows.length === 0) {
      report(
        'semantic',
        s.from === undefined ? path : [...path, 'rows'],
        msg.seriesNoRows(s.from !== undefined),
      );
      return;
    }
    const first = s.rows[0] as Record<string, unknown>;
    const kinds = PERIOD_KINDS.filter((k) => Object.hasOwn(first, k));
    if (kinds.length !== 1) {
      report('semantic', [...path, 'rows', 0], msg.seriesPeriodColumn(kinds));
      return;
    }
    const kind = kinds[0] as PeriodKind;
    const columns = Object.keys(first).filter((c) => c !== kind);
    if (columns.length === 0) {
      report('semantic', [...path, 'rows', 0], msg.seriesNoValues());
      return;
    }
    let bad = false;
    if (s.by === 'group')
      for (const c of columns)
        if (!groupIds.includes(c)) {
          report(
            'bad_reference',
            [...path, 'rows', 0, c],
            msg.seriesColumnNotGroup(c, msg.nearest(c, groupIds), groupIds),
          );
          bad = true;
        }
    let previous: number | undefined;
    s.rows.forEach((row, k) => {
      const at: Path = [...path, 'rows', k];
      const label = row[kind];
      const ord = label === undefined ? undefined : periodOrdinal(kind, label);
      if (ord === undefined) {
        report('invalid_value', [...at, kind], msg.wrongType(PERIOD_FORMAT[kind], msg.describeValue(label)));
        bad = true;
      } else if (previous !== undefined && ord !== previous + 1) {
        report(
          'invalid_value',
          [...at, kind],
          msg.seriesNotConsecutive(
            periodLabel(kind, previous),
            periodLabel(kind, previous + 1),
            String(label),
          ),
        );
        bad = true;
      }
      if (ord !== undefined) previous = ord;
      for (const c of Object.keys(row))
        if (c !== kind && !columns.includes(c)) {
          report('semantic', [...at, c], msg.seriesExtraColumn(c, kind, columns));
          bad = true;
        }
      for (const c of columns) {
        const v = row[c];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          report(
            'invalid_value',
            [...at, c],
            msg.wrongType('a number', v === undefined ? 'nothing' : msg.describeValue(v)),
          );
          bad = true;
        }
      }
    });
    if (bad) return;
    tables.set(s.id, seriesTable(s));
    if (s.beside) {
      const program = scenario.programs.find((p) => p.id === s.beside?.program);
      if (!program)
        report(
          'bad_reference',
          [...path, 'beside', 'program'],
          msg.unknownReference(
            'program',
            s.beside.program,
            msg.nearest(
              s.beside.program,
              scenario.programs.map((p) => p.id),
            ),
            scenario.programs.map((p) => p.id),
          ),
        );
      else {
        const own = program.pools.map((p) => p.id);
        const pool = s.beside.pool;
        if (pool !== undefined && !own.includes(pool))
          report('bad_reference', [...path, 'beside', 'pool'], msg.poolNotInProgram(pool, program.id, own));
      }
      if (!(METRICS as readonly string[]).includes(s.beside.metric))
        report(
          'invalid_value',
          [...path, 'beside', 'metric'],
          msg.unknownReference('metric', s.beside.metric, msg.nearest(s.beside.metric, METRICS), METRICS),
        );
      if (!s.reference)
        report('semantic', [...path, 'beside'], msg.besideNeedsReference(), {
          key: true,
          severity: 'warning',
        });
    }
  });

  // checks whose bounds read a series
  scenario.checks.forEach((check, i) => {
    for (const key of ['equals', 'at_most', 'at_least'] as const) {
      const b = check[key];
      if (b === undefined || typeof b !== 'object') continue;
      const at: Path = ['checks', i, key];
      const ids = scenario.series.map((x) => x.id);
      const t = tables.get(b.series);
      if (!t) {
        if (!ids.includes(b.series))
          report(
            'bad_reference',
            [...at, 'series'],
            msg.unknownSeries(b.series, msg.nearest(b.series, ids), ids),
          );
        continue;
      }
      if (b.column !== undefined && !t.columns.includes(b.column))
        report(
          'bad_reference',
          [...at, 'column'],
          msg.unknownReference('column', b.column, msg.nearest(b.column, t.columns), t.columns),
        );
      else if (b.column === undefined && t.columns.length > 1)
        report('semantic', at, msg.seriesBoundColumn(b.series, t.columns));
      if (b.period === undefined && b.stat === undefined) {
        // the value at each period checked: the results' labels are fiscal years, tranches or months
        if (t.kind === 'year') report('semantic', at, msg.seriesBoundCalendarYears(t.id));
        else if (check.period === undefined && !check.every_period)
          report('semantic', at, msg.seriesBoundNeedsPeriod(t.id));
      }
      if (b.period !== undefined && b.stat !== undefined)
        report('semantic', [...at, 'stat'], msg.seriesBoundPeriodAndStat(), { key: true });
      else if (b.period !== undefined) {
        const ord = periodOrdinal(t.kind, b.period);
        if (ord === undefined)
          report(
            'invalid_value',
            [...at, 'period'],
            msg.wrongType(PERIOD_FORMAT[t.kind], msg.describeValue(b.period)),
          );
        else if (ord < t.first || ord >= t.first + periodCount(t))
          report(
            'invalid_value',
            [...at, 'period'],
            msg.seriesOutOfRange(t.id, String(b.period), rangeText(t)),
          );
      }
    }
    if (check.within !== undefined && check.equals === undefined)
      report('semantic', ['checks', i, 'within'], msg.withinNeedsEquals(), { key: true });
  });
  // series already reported: the formulas that read them say nothing more
  const broken = new Set(scenario.series.map((x) => x.id).filter((x) => !tables.has(x)));
  return { tables, broken };
}
