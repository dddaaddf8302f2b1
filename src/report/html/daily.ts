/**
 * The report's "Filing day and the chance of acceptance" section, from daily.csv's tables (pools
 * that select by the final receipt date, `select: uscis`): for each cap period, the last filing day
 * on which an application is still accepted with a 90%, 50% and 10% chance, and the most likely
 * final receipt date. daily.csv has every day.
 */
import type { DailyAcceptance, Summary } from '../../core/types.js';
import { formatDate } from '../dates.js';
import { escapeHtml } from './escape.js';
import { figuresTable, headCell, note, poolNames, section } from './sections.js';

const CHANCES = [0.9, 0.5, 0.1] as const;

/** The last day on which the chance of acceptance is at least p ("–" when no day is). */
function lastDayAtLeast(t: DailyAcceptance, p: number): string {
  let found: string | undefined;
  for (const d of t.days) if (d.accepted >= p) found = d.date;
  return found === undefined ? '–' : formatDate(found);
}

/** The day most often the final receipt date, with the share of runs (HTML). */
function likeliest(t: DailyAcceptance): string {
  let best = t.days[0];
  for (const d of t.days) if (best === undefined || d.final > best.final) best = d;
  if (!best || best.final <= 0) return '–';
  const pct = Math.round(best.final * 100);
  return `${escapeHtml(formatDate(best.date))}<br><span class="range nowrap">${pct < 1 ? '<1' : pct}% of runs</span>`;
}

export function dailySection(summary: Summary): string {
  const tables = summary.daily ?? [];
  if (tables.length === 0) return '';
  const several = summary.programs.length > 1;
  const receipt = tables.some((t) => t.clock === 'receipt');
  const rows = tables.map((t) => {
    const n = poolNames(summary, t.program, t.pool);
    return `<tr>${several ? `<td>${escapeHtml(n.program)}</td>` : ''}<th scope="row">${escapeHtml(n.pool)}</th><td class="nowrap">${escapeHtml(t.period)}</td>${CHANCES.map((p) => `<td class="num">${escapeHtml(lastDayAtLeast(t, p))}</td>`).join('')}<td class="num">${likeliest(t)}</td></tr>`;
  });
  return section(
    'daily',
    'Filing day and the chance of acceptance',
    note(
      `These pools accept applications in the order they are received until the cap is reached, and draw at random among those received on the final receipt date. An application received on a given day is accepted in every run whose final receipt date is later, drawn in the run whose final receipt date it is, and rejected in the others. The table gives the last ${receipt ? 'filing (receipt) day' : 'day received'} on which that chance is still 90%, 50% and 10%, and the likeliest final receipt date with the share of runs in which it was the final one. Within a month, applications are taken to arrive evenly from day to day. daily.csv has every day.`,
    ),
    figuresTable(
      [
        ...(several ? [headCell('Program')] : []),
        headCell('Pool'),
        headCell('Cap period'),
        ...CHANCES.map((p) => headCell(`${Math.round(p * 100)}% chance by`, 'num')),
        headCell('Likeliest final day', 'num'),
      ],
      rows,
    ),
  );
}
