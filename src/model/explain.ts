/**
 * explainModel: the compiled model in plain words, for a journalist or a lawyer checking the
 * scenario against the rule it models: each program and pool, its cap, who is eligible, how the
 * numbers are split and who is chosen, what happens to unused numbers and to applicants who lose,
 * and which numbers are cited (with the source) and which are assumptions.
 */

import type { Distribution } from '../scenario/decode.js';
import { decodeOpensAfter } from '../scenario/decode.js';
import type { Pool, Scenario } from '../scenario/schema.js';
import { isoOfDay } from './calendar.js';
import { checkBoundsText, explainSeries } from './explain-series.js';
import type { Model, PoolModel } from './model.js';

const n = (x: number) => x.toLocaleString('en-US');

function cites(scenario: Scenario, src: string | string[] | undefined): string {
  if (!src || src.length === 0) return '';
  const ids = Array.isArray(src) ? src : [src];
  const titles = ids.map((id) => {
    const s = scenario.sources.find((x) => x.id === id);
    return s ? `${s.title}${s.date ? `, ${s.date}` : ''}` : id;
  });
  return ` [source: ${titles.join('; ')}]`;
}

function describeParameter(d: Distribution): string {
  const show = (v: number, date: boolean) => (date ? isoOfDay(v) : String(v));
  switch (d.kind) {
    case 'fixed':
      return `fixed at ${show(d.value, d.date)}`;
    case 'normal':
      return `normal, mean ${d.mean}, sd ${d.sd}`;
    case 'lognormal':
      return `lognormal, mean ${d.mean}, sd ${d.sd}`;
    case 'uniform':
      return `anywhere between ${d.low} and ${d.high} (uniform)`;
    case 'triangular':
      return `between ${d.min} and ${d.max}, most likely ${d.mode} (triangular)`;
    case 'beta':
      return `beta(${d.a}, ${d.b})`;
    case 'choice': {
      const weighted = d.weights.some((w) => w !== d.weights[0]);
      const list = d.values.map((v, i) => `${show(v, d.date)}${weighted ? ` (weight ${d.weights[i]})` : ''}`);
      return `one of ${list.join(', ')}`;
    }
  }
}

function describeCap(pm: PoolModel): string {
  const cap = pm.cap;
  if (cap.kind === 'tranches') {
    return `${cap.tranches.map((t) => `${n(t.amount)} for arrivals (start dates) ${t.window.from} to ${t.window.to} ("${t.id}")`).join('; ')}, each fiscal year`;
  }
  const per = {
    'fiscal-year': 'per fiscal year',
    half: 'per half year (Oct–Mar, Apr–Sep)',
    month: 'per month',
    total: 'in total',
  }[cap.per];
  if (cap.kind === 'ceiling')
    return `no numbers of its own: it draws on the ceiling "${cap.ceiling}" (up to ${n(pm.periods[0]?.capBase ?? 0)} ${per}, shared with the ceiling's other pools), from ${pm.periods[0] ? isoOfDay(pm.periods[0].start) : '–'}`;
  const window =
    cap.per === 'total' && pm.periods[0]
      ? ` (usable ${isoOfDay(pm.periods[0].start)} to ${isoOfDay(pm.periods[0].end - 1)})`
      : '';
  if (cap.formula !== undefined && pm.capResults)
    return `${cap.formula} ${per}, worked out at the start of each fiscal year${pm.capFormula?.symbols.some((x) => x.includes('_before:')) ? ' from the results of the year before (0 before the first year)' : ''}, rounded to a whole number${window}`;
  if (cap.formula !== undefined)
    return Number.isNaN(cap.amount)
      ? `${cap.formula} ${per}, drawn in each run (rounded to a whole number)${window}`
      : `${n(cap.amount)} ${per} (${cap.formula})${window}`;
  return `${n(cap.amount)} ${per}${window}`;
}

function describeSelect(pool: Pool): string {
  const s = pool.select;
  if (typeof s === 'string') {
    return {
      lottery: 'a uniform random lottery among all eligible applications of the period',
      fcfs: 'first come, first served',
      uscis:
        "first come, first served; on the day the cap is reached, a random draw among that day's petitions (USCIS rule, 8 CFR 214.2(h)(8)); daily.csv gives each filing day's chance of acceptance",
      queue: 'a queue: oldest filing date first, carried across periods',
      'pro-rata': 'pro rata: every applicant is cut by the same proportion',
    }[s];
  }
  if (s.method === 'weighted-lottery') return `a weighted lottery (weight: ${s.weight})`;
  if (s.method === 'uscis')
    return `first come, first served, with a random draw on the final receipt date, or among all received in the first ${s.first_days} days if the cap is reached that early (USCIS rule); daily.csv gives each filing day's chance of acceptance`;
  return s.parts
    .map(
      (p) =>
        `${Math.round(p.share * 100)}% by ${p.method === 'queue' ? 'filing date (oldest first)' : p.method === 'lottery' ? 'random selection' : 'arrival'}`,
    )
    .join(', then ');
}

function describeUnused(pool: Pool): string {
  const u = pool.unused;
  if (typeof u === 'object') return `go to the pool "${u.spill}"`;
  return {
    lapse: 'lapse (they are lost)',
    roll: 'roll into the next tranche of this pool in the same fiscal year',
    carry: 'carry over to this pool in the next period',
  }[u];
}

export function explainModel(scenario: Scenario, model: Model): string {
  const lines: string[] = [];
  const p = (s = '') => lines.push(s);
  p(`${scenario.title}`);
  p(`${'='.repeat(Math.min(100, scenario.title.length))}`);
  p(`Status: ${scenario.status}.`);
  if (scenario.description) p(scenario.description);
  p();
  const fys = model.calendar.fiscalYears;
  p(
    `Time: ${fys.length} fiscal year${fys.length === 1 ? '' : 's'}, ${fys[0]?.label} to ${fys[fys.length - 1]?.label} (${isoOfDay(model.calendar.start)} to ${isoOfDay(model.calendar.end - 1)}), in ${model.calendar.steps.length} steps.`,
  );
  p(
    `Applicant groups (${model.groups.length}): ${model.groups.map((g) => `${g.name} (${g.id})`).join(', ')}.`,
  );
  const derived = Object.entries(scenario.groups.derived ?? {});
  if (derived.length) {
    p('Columns worked out for each group, in this order:');
    const show = (v: unknown) => (typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v));
    for (const [name, formula] of derived)
      p(`  ${name} = ${formula}: ${model.groups.map((g) => `${g.id} ${show(g.columns[name])}`).join(', ')}.`);
  }
  for (const a of scenario.attributes) {
    p(
      `Some applicants are "${a.id}": ${a.description} Share: ${a.share}${a.clamp ? CLAMPED_SHARE : ''}.${a.assumption ? ' (assumption)' : ''}${cites(scenario, a.source)}`,
    );
  }
  p();
  for (const program of scenario.programs) {
    const pm = model.programs.find((x) => x.id === program.id);
    p(
      `Program "${program.title}" (${program.id})${program.status ? `, ${program.status}` : ''}${cites(scenario, program.source)}`,
    );
    if (program.description) p(`  ${program.description}`);
    if (program.cap !== undefined) p(`  Program total: ${n(program.cap)} per period.`);
    if (program.demand) {
      const d = program.demand;
      p(
        `  ${program.units ? 'Applications' : 'Applicants'}: ${d.per_year !== undefined ? `${d.per_year} per group per fiscal year` : `${d.per_month} per group per month`}, with ${
          typeof d.noise === 'string'
            ? d.noise === 'none'
              ? 'no random variation'
              : 'Poisson variation'
            : `negative-binomial variation (dispersion ${d.noise.negative_binomial.dispersion})`
        }${d.from ? `, from ${d.from}` : ''}${d.until ? `, until ${d.until}` : ''}.${d.clamp ? CLAMPED_DEMAND : ''}${d.note ? ` ${d.note}` : ''}${cites(scenario, d.source)}`,
      );
      const taken = pm?.demand?.byGroup;
      (d.by_group ?? []).forEach((e, k) => {
        const ids = model.groups.flatMap((grp, g) => {
          const segs = taken?.segmentEntry?.[g];
          if (!segs) return taken?.entry[g] === k ? [grp.id] : [];
          const mine = segs.flatMap((x, s) => (x === k ? [s] : []));
          return mine.length
            ? [
                `${grp.id} ${segmentsText(
                  model.attributes.map((a) => a.id),
                  mine,
                )}`,
              ]
            : [];
        });
        const own = (key: 'from' | 'until') =>
          e[key] !== undefined
            ? `${key} ${e[key]}`
            : d[key] !== undefined
              ? `${key} ${d[key]} (the program's)`
              : undefined;
        const window = [
          own('from') ?? 'from the start',
          own('until') ?? 'with no end',
          e.profile !== undefined
            ? `spread over the months as ${Array.isArray(e.profile) ? `[${e.profile.join(', ')}]` : e.profile}`
            : "spread as the program's",
        ].join(', ');
        p(
          `    ${ids.length ? ids.join(', ') : 'No group'} (${e.when}): arrivals ${window}${ids.length ? '' : ' — no group takes this window'}; ${taken?.segmentEntry ? 'other groups and segments' : 'other groups'} keep the program's.${e.note ? ` ${e.note}` : ''}${cites(scenario, e.source)}`,
        );
      });
    }
    const units = program.units;
    if (units) {
      const size =
        typeof units.size === 'string'
          ? `as many as the group's column ${units.size} says`
          : `${units.size.values.map((v) => n(v)).join(', ')} ${units.carries}, with relative weights ${units.size.weights.join(', ')}${units.size.assumption ? ' (an assumption)' : ''}${cites(scenario, units.size.source)}`;
      p(
        `  Each applicant is an application carrying several ${units.carries}: ${size}. Every method selects an application whole.`,
      );
      p(
        units.caps_count === 'persons'
          ? `  Caps, limits and ceilings count ${units.carries}, and so do applicants, issued, unused and backlog; applications and applications_issued count the applications. ${
              units.crossing === 'skip'
                ? `An application that would take a cap past its numbers is not selected (a later, smaller one may still fit), so no cap is exceeded.`
                : `An application that would take a cap past its numbers is selected whole, so a cap can be exceeded by part of one application.`
            }${cites(scenario, units.source)}`
          : `  Caps, limits and ceilings count applications, and so do applicants, issued, unused and backlog; persons and persons_issued count the ${units.carries} they carry.${cites(scenario, units.source)}`,
      );
    }
    const inv = program.inventory;
    if (inv) {
      const total = inv.rows.reduce((a, r) => a + r.count, 0);
      const months = inv.rows.map((r) => r.priority_date).sort();
      p(
        `  Waiting at the start: ${n(total)} ${inv.counts}${inv.counts === 'principals' ? ` (× ${inv.per_principal} persons each)` : ''} with priority dates from ${months[0]} to ${months[months.length - 1]}${inv.from ? ` (read from ${inv.from})` : ''}${inv.assumption ? ' (an assumption)' : ''}. A queue serves them oldest first, before anyone who files later.${inv.note ? ` ${inv.note}` : ''}${cites(scenario, inv.source)}`,
      );
      const pools = pm?.cutoffPools.map((k) => model.pools[k]?.id) ?? [];
      if (pools.length)
        p(
          `  Final action dates (the Visa Bulletin's cut-off) are reported each month for ${pools.map((x) => `"${x}"`).join(', ')}: per group, the priority date of the oldest applicant still waiting after the month's selections; "current" when nobody waits, "unavailable" when someone waits and the pool's numbers are used up. By filing year: the months from filing to selection of those selected, and the share selected by the end.`,
        );
    }
    const clock = program.receipt_clock;
    if (clock) {
      const lead =
        typeof clock.lead_days === 'number'
          ? `${n(clock.lead_days)} days`
          : `${clock.lead_days} days (drawn once per run when uncertain)`;
      p(
        `  Two clocks: cap periods, windows and tranches go by start date; applications are received (filed) ${lead} before their start date, so each pool's cap is also reported as reached by receipt date (days_to_fill_receipt), the date USCIS announces.${clock.assumption ? ' The lead is an assumption.' : ''}${clock.note ? ` ${clock.note}` : ''}${cites(scenario, clock.source)}`,
      );
    }
    if (program.stages?.length) {
      p('  After selection, in order:');
      program.stages.forEach((st, k) => {
        const before = k === 0 ? 'those selected' : `those who reached "${program.stages?.[k - 1]?.id}"`;
        p(
          `  - "${st.title ?? st.id}" (${st.id}): ${typeof st.rate === 'number' ? percent(st.rate) : `a share ${st.rate}${st.clamp ? CLAMPED_SHARE : ''}`} of ${before}, ${st.lag_months === 0 ? 'in the same month' : `${st.lag_months} month${st.lag_months === 1 ? '' : 's'} later`}${st.flow_to ? `; they become applicants of "${st.flow_to}"` : ''}${st.assumption ? ' (an assumption)' : ''}.${st.note ? ` ${st.note}` : ''}${cites(scenario, st.source)}`,
        );
      });
    }
    if (pm?.inflowFrom.length)
      p(
        `  Also receives the applicants diverted from: ${pm.inflowFrom.map((i) => model.programs[i]?.title).join(', ')}.`,
      );
    const ns = program.not_selected;
    if (ns) {
      const pc = (x: number) => `${Math.round(x * 1000) / 10}%`;
      // 1 − 0.7 − 0.3 is 5.6e-17 in floating point: a share that rounds to 0.0% is nobody
      const leave = Math.round(Math.max(0, 1 - ns.reapply - ns.divert) * 1000) / 1000;
      const when = {
        step: 'at the next step',
        month: 'the next month',
        'fiscal-year': 'the next fiscal year',
      }[ns.wait];
      const parts = [
        ...(ns.reapply > 0 ? [`${pc(ns.reapply)} apply again ${when}`] : []),
        ...(ns.divert > 0
          ? [
              `${pc(ns.divert)} take another route${ns.divert_to ? ` (becoming applicants of "${ns.divert_to}" at the next step)` : ''}`,
            ]
          : []),
        ...(leave > 0 ? [`${pc(leave)} give up`] : []),
      ];
      p(`  Applicants not selected: ${parts.join(', ')}.`);
      const why = {
        ineligible: 'eligible for no pool',
        not_drawn: 'not drawn (the pools they could use ran out of numbers)',
        over_limit: 'held back by a per-group limit, a ceiling or a pace while numbers were left',
      };
      for (const rule of ns.rules ?? []) {
        const who = [
          rule.reason ? `those ${why[rule.reason]}` : 'those',
          ...(rule.when ? [`of the groups where ${rule.when}`] : []),
        ].join(' ');
        const reapply = rule.reapply ?? ns.reapply;
        const divert = rule.divert ?? ns.divert;
        const leaveR = Math.round(Math.max(0, 1 - reapply - divert) * 1000) / 1000;
        p(
          `    Except ${who}: ${pc(reapply)} apply again, ${pc(divert)} take another route, ${pc(leaveR)} give up (the first rule that matches applies).${rule.assumption ? ' An assumption.' : ''}${rule.note ? ` ${rule.note}` : ''}${cites(scenario, rule.source)}`,
        );
      }
    } else p('  Applicants not selected give up.');
    p(`  Pools, tried in this order by an applicant eligible for several:`);
    program.pools.forEach((pool, i) => {
      const pm2 = model.pools.find((x) => x.id === pool.id) as PoolModel;
      p(
        `  ${i + 1}. "${pool.title ?? pool.id}" (${pool.id}): ${describeCap(pm2)}${cites(scenario, pm2.source)}`,
      );
      if (pool.description) p(`     ${pool.description}`);
      p(
        `     Who may use it: ${pool.eligible === undefined ? 'every applicant of the program' : `applicants for whom ${pool.eligible}`}.`,
      );
      if (pool.window)
        p(
          `     Open only to applicants who arrive (or start work) from ${pool.window.from} to ${pool.window.to} each fiscal year.`,
        );
      if (pool.from || pool.until)
        p(
          `     In force ${pool.from ? `from ${pool.from}` : 'from the start'}${pool.until ? ` until ${pool.until} (no longer on that day; its period ends then)` : ''}: it selects no one outside these dates.`,
        );
      const after = decodeOpensAfter(pool);
      if (after)
        p(
          `     Opens only once the pool "${after.pool}"${after.tranche ? ` (its ${after.tranche})` : ''} has reached its cap in the same fiscal year${after.lag ? `, ${after.lag} days later` : ''}.`,
        );
      if (pool.split) {
        p(
          pool.split.within === undefined
            ? `     Split among the eligible groups in proportion to ${pool.split.by} (${pool.split.method}; parts sum exactly, ties by group id)${pool.split.resplit ? '; what a group cannot use is re-split among the groups still short' : ''}.${cites(scenario, pool.split.source)}`
            : `     Split in two levels (${pool.split.method}; parts sum exactly, ties by id): first among the values of ${pool.split.within}, each in proportion to the sum of ${pool.split.by} over its eligible groups, then each value's part among its groups in proportion to ${pool.split.by}${pool.split.resplit ? `; what a group cannot use is re-split among the groups still short, whatever their ${pool.split.within}` : ''}.${cites(scenario, pool.split.source)}`,
        );
      }
      if (pool.limit_per_group) {
        const l = pool.limit_per_group;
        p(
          `     No group may receive more than ${l.amount !== undefined ? n(l.amount) : `${percent(l.share ?? 0)} of the numbers (rounded ${l.rounding === 'floor' ? 'down' : 'to the nearest whole number'})`}.`,
        );
      }
      if (pool.pace)
        p(
          `     Paced: by the end of its k-th ${pool.pace.per} of a period it may use at most k × ${pool.pace.amount !== undefined ? n(pool.pace.amount) : `${percent(pool.pace.share ?? 0)} of the period's numbers`} (what one ${pool.pace.per} leaves stays usable later).${cites(scenario, pool.pace.source)}`,
        );
      p(`     When more apply than there are numbers: ${describeSelect(pool)}.`);
      if (pm2.cap.kind === 'ceiling')
        p(
          `     It has no numbers of its own to leave unused: the ceiling's unused numbers lapse. Its applicants wait until ${pool.from ? 'both the pool and the ceiling are' : 'the ceiling is'} in force${pm2.periods[0] ? ` (${isoOfDay(pm2.periods[0].start)})` : ''}.`,
        );
      else p(`     Unused numbers at the end of each period ${describeUnused(pool)}.`);
      if (pool.note) p(`     Note: ${pool.note}`);
    });
    if (program.fall_down?.length) {
      p(
        '  Fall-down: at the end of each period, numbers a pool leaves unused pass on within the same period, in this order:',
      );
      for (const f of program.fall_down) {
        const from = Array.isArray(f.from) ? f.from : [f.from];
        p(
          `    - unused numbers of ${from.map((x) => `"${x}"`).join(' and ')} go to "${f.to}", which draws again among its applicants still waiting.${f.note ? ` ${f.note}` : ''}`,
        );
      }
      p(
        "    This is repeated until no pool can use what it receives. Numbers still unused then follow their pool's own rule (lapse, carry, spill).",
      );
    }
    p();
  }
  if (model.ceilings.length) {
    p(
      `Ceilings shared by several pools (every selection method respects them). When one binds, pools take from it in the order they select: programs in file order at each step, pools in their order; a pool that selects at every step takes its numbers as its applicants come, a lottery at the end of its period. Nothing is shared out among the pools, except the per-group limit of the groups a ceiling prorates${model.ceilings.some((c) => c.shareByDemand) ? ', and the numbers of a ceiling shared by demand' : ''} (said below).`,
    );
    for (const c of model.ceilings) {
      const spec = scenario.ceilings.find((x) => x.id === c.id);
      const members = c.pools.map((k) => `"${model.pools[k]?.id}"`).join(', ');
      const per = { 'fiscal-year': 'per fiscal year', month: 'per month', total: 'in total' }[
        spec?.per ?? 'fiscal-year'
      ];
      const when =
        spec?.from || spec?.until
          ? ` (in force${spec.from ? ` from ${spec.from}` : ''}${spec.until ? ` until ${spec.until}` : ''})`
          : '';
      p(
        `  "${c.title}" (${c.id}): pools ${members} together${when}${cites(scenario, c.source.length ? c.source : undefined)}`,
      );
      if (spec?.amount !== undefined) {
        const amount =
          typeof spec.amount === 'number'
            ? n(spec.amount)
            : c.perRun?.amount
              ? `${spec.amount} (drawn in each run, rounded to a whole number)`
              : `${n(c.periods[0]?.amount ?? 0)} (${spec.amount})`;
        p(`     may issue at most ${amount} numbers ${per}.`);
      }
      if (c.perRun?.poolsDrawn)
        p(
          "     Its per-group limits are worked out in each run, from the member pools' numbers drawn for it.",
        );
      const first = c.periods[0];
      const lastP = c.periods[c.periods.length - 1];
      if (spec?.per !== 'total' && (spec?.from || spec?.until) && first && lastP)
        p(
          `     Its periods run from ${isoOfDay(first.start)} to ${isoOfDay(lastP.end - 1)}; a period its dates cut short counts only what is issued while it is in force, with its full amount (not prorated).`,
        );
      if (c.shareByDemand)
        p(
          '     Shared by demand: at each step the numbers it still has are divided among its pools that select in that step (a pool that selects at every step while in force, a lottery at the end of its period) in proportion to the applicants each has eligible and waiting, in what the caps count (largest remainder; ties to the pool listed first). Each pool selects within its part (a mix divides its part among its parts by their shares); then, in pool order, each is tried again without its part, so numbers one pool cannot use go to the others instead of lapsing. An applicant eligible for several of the pools counts in the demand of each.',
        );
      const pg = spec?.per_group;
      if (pg) {
        const of = pg.of ?? (spec.amount !== undefined ? 'amount' : 'pools');
        const base = of === 'amount' ? 'the ceiling' : "the member pools' numbers in the period";
        const rate = (x: { share?: number | undefined; amount?: number | string | undefined }) =>
          typeof x.amount === 'string'
            ? `${x.amount} (a formula: each group its own limit, rounded to a whole number${c.perRun?.limits ? ', worked out in each run' : ''})`
            : x.amount !== undefined
              ? n(x.amount)
              : `${percent(x.share ?? 0)} of ${base}`;
        p(
          `     No group may receive more than ${rate(pg)} from them together, ${per}${pg.share !== undefined ? ` (rounded ${pg.rounding === 'floor' ? 'down' : 'to the nearest whole number'})` : ''}.`,
        );
        for (const k of pg.classes ?? []) p(`     Groups for whom ${k.when}: at most ${rate(k)}.`);
        for (const e of pg.exempt ?? [])
          p(
            `     ${percent(e.share)} of the numbers of "${e.pool}" do not count against this per-group limit.`,
          );
        if (pg.prorate?.length)
          p(
            `     Prorated (INA 202(e)) for ${pg.prorate.join(', ')}: each member pool may give such a group at most its limit times the pool's share of the member pools' numbers in the period.`,
          );
        if (pg.lift_when_unused === 'quarter')
          p(
            '     Lifted when numbers would go unused (INA 202(a)(3), (a)(5)): at the end of each calendar quarter a member pool that selects at every step, with numbers left that its pace allows by then, draws again among applicants held back only by this limit, who may then exceed it; and so does every member pool at the end of its period.',
          );
        else if (pg.lift_when_unused)
          p(
            '     Lifted when numbers would go unused (INA 202(a)(3), (a)(5)): at the end of each period a member pool with numbers left draws again among applicants held back only by this limit, who may then exceed it.',
          );
        const limits = c.periods[0]?.groupLimit;
        if (limits && !c.perRun)
          p(
            `     In ${c.periods[0]?.label}: ${model.groups.map((g, i) => `${g.id} ${n(limits[i] as number)}`).join(', ')}.`,
          );
      }
      if (c.note) p(`     Note: ${c.note}`);
    }
    p();
  }
  if (scenario.parameters.length) {
    p('Uncertain and fixed values (each run draws its own):');
    for (const par of scenario.parameters) {
      const dist = (model.parameters.find((x) => x.id === par.id) as Model['parameters'][number]).dist;
      p(
        `  ${par.id}: ${describeParameter(dist)}${par.description ? ` — ${par.description}` : ''}${par.assumption ? ' (ASSUMPTION)' : ''}${cites(scenario, par.source)}`,
      );
      if (par.note) p(`      ${par.note}`);
    }
    p();
  }
  for (const line of explainSeries(scenario, model, (src) => cites(scenario, src))) p(line);
  if (scenario.checks.length) {
    p('Published numbers this scenario must reproduce (checks):');
    for (const c of scenario.checks)
      p(`  - ${c.description}${checkBoundsText(c, model)}${cites(scenario, c.source)}`);
    p();
  }
  if (scenario.sources.length) {
    p('Sources:');
    for (const s of scenario.sources) {
      p(
        `  [${s.id}] ${s.title}${s.publisher ? `, ${s.publisher}` : ''}${s.date ? `, ${s.date}` : ''}${s.confidence ? ` (confidence ${s.confidence})` : ''}${s.url ? ` — ${s.url}` : ''}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** What `clamp: true` beside a formula means (engine/domain.ts). */
const CLAMPED_SHARE =
  ' (clamped to 0–1 where a parameter draw takes it outside; the runs in which that happens are counted in manifest.json and the report)';
const CLAMPED_DEMAND =
  ' Where the formula gives less than 0 or more than 16,777,216 (2^24), the value is clamped to that range; the runs in which that happens are counted in manifest.json and the report.';

/** A share as a percentage without floating-point noise: 0.07 → "7%", 0.125 → "12.5%". */
function percent(share: number): string {
  return `${Number((share * 100).toPrecision(10))}%`;
}

/**
 * Some segments of a group in words: "with returning_worker" when they are exactly the segments
 * with that attribute, else each combination ("with a and without b or without a and with b").
 */
function segmentsText(attrs: readonly string[], segs: readonly number[]): string {
  const word = (a: string, on: boolean) => `${on ? 'with' : 'without'} ${a}`;
  const fixed = attrs.flatMap((a, bit) => {
    const v = ((segs[0] as number) >> bit) & 1;
    return segs.every((s) => ((s >> bit) & 1) === v) ? [{ a, on: v === 1 }] : [];
  });
  if (segs.length === 2 ** (attrs.length - fixed.length))
    return fixed.map((f) => word(f.a, f.on)).join(' and ');
  return segs.map((s) => attrs.map((a, bit) => word(a, ((s >> bit) & 1) === 1)).join(' and ')).join(' or ');
}
