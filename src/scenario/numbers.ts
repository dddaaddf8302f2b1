/**
 * Checks on numbers, dates and windows that the schema alone cannot express: a pool has a cap or
 * tranches, the pools fit in the program's cap, windows lie inside the fiscal year and tranches do
 * not overlap, dates fall inside the simulated calendar, distributions are well formed, shares of a
 * mix add up to 1.
 */
import { type CapPer, capPerPeriod, decodeCap } from './decode.js';
import * as msg from './messages.js';
import type { Path, Report } from './reporter.js';
import type { Pool, Program, Scenario } from './schema.js';

const DAY_MS = 86_400_000;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const dayOf = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** First simulated day and the day after the last (ISO strings are already valid here). */
export function horizon(scenario: Scenario): { start: number; end: number } {
  const [y, m, d] = scenario.calendar.start.split('-').map(Number) as [number, number, number];
  return {
    start: dayOf(scenario.calendar.start),
    end: Math.round(Date.UTC(y + scenario.calendar.years, m - 1, d) / DAY_MS),
  };
}

/** Day of a non-leap year (0–364) of a valid MM-DD, or undefined when it is not a day of every year. */
function dayOfYear(md: string): number | undefined {
  const [m, d] = md.split('-').map(Number) as [number, number];
  const days = MONTH_DAYS[m - 1];
  if (days === undefined || d < 1 || d > days) return undefined;
  return MONTH_DAYS.slice(0, m - 1).reduce((a, b) => a + b, 0) + d - 1;
}

/** Days from the start of the fiscal year. */
function fyOffset(md: string, fyStart: string): number | undefined {
  const a = dayOfYear(md);
  const s = dayOfYear(fyStart) ?? 0;
  return a === undefined ? undefined : (a - s + 365) % 365;
}

function checkWindow(
  window: { from: string; to: string },
  path: Path,
  fyStart: string,
  report: Report,
): { from: number; to: number } | undefined {
  const from = fyOffset(window.from, fyStart);
  const to = fyOffset(window.to, fyStart);
  if (from === undefined) report('invalid_value', [...path, 'from'], msg.notCalendarDay(window.from));
  if (to === undefined) report('invalid_value', [...path, 'to'], msg.notCalendarDay(window.to));
  if (from === undefined || to === undefined) return undefined;
  if (from > to) {
    report('semantic', [...path, 'to'], msg.windowWraps(window.from, window.to, fyStart));
    return undefined;
  }
  return { from, to };
}

function checkDates(
  from: string | undefined,
  until: string | undefined,
  path: Path,
  span: { start: number; end: number },
  report: Report,
): void {
  const range = [isoOf(span.start), isoOf(span.end - 1)] as const;
  if (from !== undefined && (dayOf(from) < span.start || dayOf(from) >= span.end)) {
    report('invalid_value', [...path, 'from'], msg.dateOutsideCalendar(from, ...range));
  }
  if (until !== undefined && (dayOf(until) <= span.start || dayOf(until) > span.end)) {
    report('invalid_value', [...path, 'until'], msg.dateOutsideCalendar(until, ...range));
  }
  if (from !== undefined && until !== undefined && dayOf(from) >= dayOf(until)) {
    report('invalid_value', [...path, 'until'], msg.dateOrder(from, until));
  }
}

type Per = CapPer;

/** A pool's numbers and the period they are per (tranches are per fiscal year). */
function poolCap(pool: Pool): { amount: number; per: Per } | undefined {
  const cap = decodeCap(pool);
  return cap && capPerPeriod(cap);
}

const PER_YEAR: Record<Per, number> = { 'fiscal-year': 1, half: 2, month: 12, total: 0 };

function checkProgramCap(program: Program, path: Path, report: Report): void {
  if (program.cap === undefined) return;
  const caps = program.pools.map(poolCap).filter((c) => c !== undefined);
  if (caps.length === 0) return;
  const pers = new Set(caps.map((c) => c.per));
  const [only] = pers;
  const per: Per = pers.size === 1 && only ? only : 'fiscal-year';
  const sum = caps.reduce((s, c) => s + (pers.size === 1 ? c.amount : c.amount * PER_YEAR[c.per]), 0);
  if (sum > program.cap)
    report('semantic', [...path, 'cap'], msg.poolCapsExceedProgram(sum, program.cap, per));
}

function checkPool(
  pool: Pool,
  path: Path,
  fyStart: string,
  span: { start: number; end: number },
  report: Report,
  sharedCeiling: string | undefined,
): void {
  if (pool.cap !== undefined && pool.tranches)
    report('semantic', [...path, 'tranches'], msg.capOrTranches(true), { key: true });
  // With neither, the pool draws only on a ceiling with an amount that lists it.
  if (pool.cap === undefined && !pool.tranches) {
    if (sharedCeiling === undefined) report('semantic', path, msg.capOrTranches(false));
    else if (pool.unused !== 'lapse')
      report('semantic', [...path, 'unused'], msg.uncappedPoolUnused(sharedCeiling), { key: true });
  }
  const cap = decodeCap(pool);
  const perHalf = cap?.kind === 'amount' && cap.per === 'half';
  if (pool.unused === 'roll' && !pool.tranches && !perHalf)
    report('semantic', [...path, 'unused'], msg.rollWithoutTranches());
  if (typeof pool.cap === 'object') {
    const { from, until, per } = pool.cap;
    if ((from !== undefined || until !== undefined) && per !== 'total') {
      report('semantic', [...path, 'cap', from !== undefined ? 'from' : 'until'], msg.capDatesNeedTotal());
    } else checkDates(from, until, [...path, 'cap'], span, report);
  }
  checkDates(pool.from, pool.until, path, span, report);
  if (pool.window) checkWindow(pool.window, [...path, 'window'], fyStart, report);
  const windows = (pool.tranches ?? []).flatMap((t, i) => {
    const w = checkWindow(t.window, [...path, 'tranches', i, 'window'], fyStart, report);
    return w ? [{ ...w, id: t.id, i }] : [];
  });
  windows.sort((a, b) => a.from - b.from || a.i - b.i);
  // Each window against the earlier one that reaches furthest, so a long window is reported with
  // every window inside it, not only with the next one.
  let reach = windows[0];
  for (const b of windows.slice(1)) {
    if (reach && b.from <= reach.to)
      report('semantic', [...path, 'tranches', b.i, 'window'], msg.tranchesOverlap(reach.id, b.id));
    if (!reach || b.to > reach.to) reach = b;
  }
  const limit = pool.limit_per_group;
  if (limit && (limit.share === undefined) === (limit.amount === undefined)) {
    report('semantic', [...path, 'limit_per_group'], msg.limitOneOf(limit.share !== undefined));
  }
  if (typeof pool.select === 'object' && pool.select.method === 'mix') {
    const sum = pool.select.parts.reduce((s, p) => s + p.share, 0);
    if (Math.abs(sum - 1) > 1e-9)
      report('semantic', [...path, 'select', 'parts'], msg.mixSharesSum(Number(sum.toFixed(9))));
  }
}

const DISTRIBUTIONS = ['value', 'normal', 'lognormal', 'uniform', 'triangular', 'beta', 'choice'] as const;

function checkParameter(p: Scenario['parameters'][number], path: Path, report: Report): void {
  const given = DISTRIBUTIONS.filter((k) => p[k] !== undefined);
  if (given.length !== 1)
    report(
      'semantic',
      given.length ? [...path, given[1] ?? given[0] ?? 'id'] : path,
      msg.parameterOneOf(given),
    );
  if (p.uniform && p.uniform[0] > p.uniform[1])
    report('invalid_value', [...path, 'uniform'], msg.uniformOrder(...p.uniform));
  if (p.triangular) {
    const [min, mode, max] = p.triangular;
    if (!(min <= mode && mode <= max))
      report('invalid_value', [...path, 'triangular'], msg.triangularOrder(min, mode, max));
  }
  if (p.lognormal && p.lognormal.mean <= 0)
    report('invalid_value', [...path, 'lognormal', 'mean'], msg.lognormalMean(p.lognormal.mean));
  if (p.choice) {
    const { values, weights } = p.choice;
    if (new Set(values.map((v) => typeof v)).size > 1)
      report('invalid_value', [...path, 'choice', 'values'], msg.choiceMixedTypes());
    if (weights && weights.length !== values.length) {
      report(
        'invalid_value',
        [...path, 'choice', 'weights'],
        msg.choiceWeightsLength(values.length, weights.length),
      );
    } else if (weights?.every((w) => w === 0))
      report('invalid_value', [...path, 'choice', 'weights'], msg.choiceWeightsZero());
  }
}

/** The calendar lies within these years: JavaScript dates read years 0–99 as 1900–1999. */
export const FIRST_YEAR = 1000;
export const LAST_YEAR = 9999;

export function checkNumbers(scenario: Scenario, report: Report): void {
  const startYear = Number(scenario.calendar.start.slice(0, 4));
  if (startYear < FIRST_YEAR || startYear + scenario.calendar.years > LAST_YEAR + 1) {
    report(
      'invalid_value',
      ['calendar', 'start'],
      msg.calendarYears(scenario.calendar.start, scenario.calendar.years, FIRST_YEAR, LAST_YEAR),
    );
    return; // every other date check would read the wrong years
  }
  const span = horizon(scenario);
  const fyStart = scenario.calendar.fiscal_year_start;
  if (dayOfYear(fyStart) === undefined)
    report('invalid_value', ['calendar', 'fiscal_year_start'], msg.notCalendarDay(fyStart));
  else if (!fyStart.endsWith('-01'))
    report('invalid_value', ['calendar', 'fiscal_year_start'], msg.fiscalYearMidMonth(fyStart));
  if ((scenario.groups.rows ?? []).length === 0) report('semantic', ['groups'], msg.noGroups());
  scenario.parameters.forEach((p, i) => {
    checkParameter(p, ['parameters', i], report);
  });
  scenario.ceilings.forEach((ceiling, i) => {
    const path: Path = ['ceilings', i];
    if (ceiling.amount === undefined && ceiling.per_group === undefined)
      report('semantic', path, msg.ceilingNeedsLimit());
    checkDates(ceiling.from, ceiling.until, path, span, report);
    const pg = ceiling.per_group;
    if (pg) {
      const pgPath: Path = [...path, 'per_group'];
      if ((pg.share === undefined) === (pg.amount === undefined))
        report('semantic', pgPath, msg.perGroupOneOf('per_group', pg.share !== undefined));
      if (pg.of === 'amount' && ceiling.amount === undefined)
        report('semantic', [...pgPath, 'of'], msg.perGroupOfAmount());
      (pg.classes ?? []).forEach((cls, k) => {
        if ((cls.share === undefined) === (cls.amount === undefined))
          report(
            'semantic',
            [...pgPath, 'classes', k],
            msg.perGroupOneOf('a class', cls.share !== undefined),
          );
      });
    }
  });
  scenario.programs.forEach((program, i) => {
    const path: Path = ['programs', i];
    checkProgramCap(program, path, report);
    const demand = program.demand;
    if (demand) {
      if ((demand.per_year === undefined) === (demand.per_month === undefined)) {
        report('semantic', [...path, 'demand'], msg.demandOneOf(demand.per_year !== undefined));
      }
      checkDates(demand.from, demand.until, [...path, 'demand'], span, report);
      if (Array.isArray(demand.profile) && demand.profile.every((w) => w === 0)) {
        report('invalid_value', [...path, 'demand', 'profile'], msg.profileZero());
      }
      (demand.by_group ?? []).forEach((e, k) => {
        const at: Path = [...path, 'demand', 'by_group', k];
        // the entry's window is its own dates, the program's filling in what it leaves out
        if (e.from !== undefined || e.until !== undefined) {
          checkDates(e.from, e.until, at, span, report);
          if (
            e.from === undefined &&
            demand.from !== undefined &&
            dayOf(demand.from) >= dayOf(e.until as string)
          )
            report('invalid_value', [...at, 'until'], msg.dateOrder(demand.from, e.until as string));
          if (
            e.until === undefined &&
            demand.until !== undefined &&
            dayOf(e.from as string) >= dayOf(demand.until)
          )
            report('invalid_value', [...at, 'from'], msg.dateOrder(e.from as string, demand.until));
        }
        if (Array.isArray(e.profile) && e.profile.every((w) => w === 0))
          report('invalid_value', [...at, 'profile'], msg.profileZero());
      });
    }
    const ns = program.not_selected;
    if (ns && ns.reapply + ns.divert > 1 + 1e-9)
      report('invalid_value', [...path, 'not_selected'], msg.notSelectedOverOne(ns.reapply, ns.divert));
    (ns?.rules ?? []).forEach((rule, k) => {
      const reapply = rule.reapply ?? ns?.reapply ?? 0;
      const divert = rule.divert ?? ns?.divert ?? 0;
      if (reapply + divert > 1 + 1e-9)
        report(
          'invalid_value',
          [...path, 'not_selected', 'rules', k],
          msg.notSelectedOverOne(reapply, divert),
        );
      if (rule.reapply === undefined && rule.divert === undefined)
        report('semantic', [...path, 'not_selected', 'rules', k], msg.notSelectedRuleEmpty(), {
          severity: 'warning',
        });
    });
    program.pools.forEach((pool, j) => {
      const shared = scenario.ceilings.find((c) => c.amount !== undefined && c.pools.includes(pool.id));
      checkPool(pool, [...path, 'pools', j], fyStart, span, report, shared?.id);
    });
  });
  scenario.checks.forEach((c, i) => {
    if (c.equals === undefined && c.at_most === undefined && c.at_least === undefined) {
      report('semantic', ['checks', i], msg.checkNeedsBound());
    }
  });
}
