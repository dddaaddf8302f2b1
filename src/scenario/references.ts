/**
 * Semantic checks on a scenario that passed the schema: ids are unique, every reference names
 * something that exists (sources, pools in `unused.spill` and `opens_after`, programs in
 * `divert_to` and `checks`, groups, metrics), spill and opens_after chains do not loop, plus the
 * number, date and formula checks of numbers.ts and formulas.ts. Returns errors and warnings; the
 * warnings flag legal but suspicious input (a parameter nothing uses, a source nothing cites).
 */
import { METRICS } from '../core/types.js';
import { decodeCap, decodeOpensAfter } from './decode.js';
import { deriveColumns } from './derived.js';
import { checkFormulas } from './formulas.js';
import type { ScenarioIssue } from './issues.js';
import * as msg from './messages.js';
import { checkNumbers } from './numbers.js';
import { type Locator, makeReporter, type Path, placeOf, type Report } from './reporter.js';
import type { Check, Pool, Program, Scenario } from './schema.js';
import { checkSeries } from './series.js';

function checkUnique(
  kind: string,
  items: readonly { id?: string | undefined; path: Path }[],
  where: Locator,
  report: Report,
): void {
  const first = new Map<string, Path>();
  for (const { id, path } of items) {
    if (id === undefined) continue;
    const earlier = first.get(id);
    if (earlier)
      report('duplicate_id', [...path, 'id'], msg.duplicateId(kind, id, placeOf(where, [...earlier, 'id'])));
    else first.set(id, path);
  }
}

function checkRef(
  kind: string,
  name: string,
  known: readonly string[],
  path: Path,
  report: Report,
  extra: { key?: boolean } = {},
): boolean {
  if (known.includes(name)) return true;
  report('bad_reference', path, msg.unknownReference(kind, name, msg.nearest(name, known), known), extra);
  return false;
}

/** Report each loop of a "points to" relation once, at the first member in file order. */
function checkLoops(
  edges: readonly { from: string; to: string; path: Path }[],
  message: (cycle: string[]) => string,
  report: Report,
): void {
  const next = new Map(edges.map((e) => [e.from, e]));
  const reported = new Set<string>();
  for (const start of edges) {
    const seen: string[] = [];
    let at: string | undefined = start.from;
    while (at !== undefined && !seen.includes(at)) {
      seen.push(at);
      at = next.get(at)?.to;
    }
    if (at !== start.from || reported.has(start.from)) continue;
    for (const id of seen) reported.add(id);
    report('semantic', start.path, message([...seen, start.from]));
  }
}

/** Every `source:` value in the scenario (not inside group rows, whose columns are free). */
function sourceRefs(scenario: Scenario): { id: string; path: Path }[] {
  const refs: { id: string; path: Path }[] = [];
  const visit = (v: unknown, path: Path): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        visit(x, [...path, i]);
      });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (path.length === 1 && path[0] === 'groups' && k === 'rows') continue;
        if (k === 'source' && typeof x === 'string') refs.push({ id: x, path: [...path, k] });
        else if (k === 'source' && Array.isArray(x)) {
          x.forEach((s, i) => {
            if (typeof s === 'string') refs.push({ id: s, path: [...path, k, i] });
          });
        } else visit(x, [...path, k]);
      }
    }
  };
  visit(scenario, []);
  return refs;
}

/** What a pool's numbers are counted per, in words: "per fiscal-year", "in tranches". */
function periodKind(pool: Pool): string {
  const cap = decodeCap(pool);
  if (!cap) return '';
  if (cap.kind === 'tranches') return `in tranches (${cap.tranches.map((t) => t.id).join(', ')})`;
  return cap.per === 'total'
    ? `in total (${cap.from ?? 'start'} to ${cap.until ?? 'end'})`
    : `per ${cap.per}`;
}

/** fall_down: pools of this program, each falling one way, between pools with the same periods. */
function checkFallDown(program: Program, path: Path, report: Report): void {
  const own = program.pools.map((p) => p.id);
  const byId = new Map(program.pools.map((p) => [p.id, p]));
  const falling = new Set<string>();
  (program.fall_down ?? []).forEach((step, k) => {
    const at: Path = [...path, 'fall_down', k];
    const froms = Array.isArray(step.from) ? step.from : [step.from];
    const to = byId.get(step.to);
    if (!to) report('bad_reference', [...at, 'to'], msg.poolNotInProgram(step.to, program.id, own));
    froms.forEach((id, j) => {
      const fromPath: Path = Array.isArray(step.from) ? [...at, 'from', j] : [...at, 'from'];
      const from = byId.get(id);
      if (!from) {
        report('bad_reference', fromPath, msg.poolNotInProgram(id, program.id, own));
        return;
      }
      if (id === step.to) {
        report('bad_reference', fromPath, msg.selfReference('fall down to', id));
        return;
      }
      if (falling.has(id)) report('semantic', fromPath, msg.fallDownTwice(id));
      falling.add(id);
      if (to && periodKind(from) !== periodKind(to))
        report('semantic', fromPath, msg.fallDownPeriods(id, periodKind(from), step.to, periodKind(to)));
    });
  });
}

/**
 * Cross-reference, number and formula checks; errors and warnings, located. `csvColumns`: the
 * columns of the groups CSV's header, which rows leave out where every cell of a column is empty.
 */
/**
 * A check's bounds as ISO dates: for final_action_date, and for the day a cap was reached
 * (days_to_fill, days_to_fill_receipt) of one pool, all bounds dates; other metrics take numbers.
 */
function checkDateBounds(check: Check, path: Path, report: Report): void {
  const bounds = (['equals', 'at_most', 'at_least'] as const).filter((k) => check[k] !== undefined);
  const dates = bounds.filter((k) => typeof check[k] === 'string');
  if (dates.length === 0) return;
  const days = check.metric === 'days_to_fill' || check.metric === 'days_to_fill_receipt';
  if (!days && check.metric !== 'final_action_date') {
    for (const k of dates) report('invalid_value', [...path, k], msg.checkDateMetric(check.metric));
    return;
  }
  if (!days) return;
  if (dates.length < bounds.length)
    for (const k of bounds.filter((b) => typeof check[b] !== 'string'))
      report('invalid_value', [...path, k], msg.checkDaysMixed(check.metric));
  if (check.pools?.length !== 1)
    report('semantic', check.pools ? [...path, 'pools'] : path, msg.checkDaysOnePool(check.metric));
}

export function checkReferences(
  scenario: Scenario,
  where: Locator,
  csvColumns: readonly string[] = [],
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const report = makeReporter(where, issues);
  // derived columns first: every later check sees them as columns
  deriveColumns(scenario, report);
  const rows = scenario.groups.rows ?? [];
  const programIds = scenario.programs.map((p) => p.id);
  const pools = scenario.programs.flatMap((p, i) =>
    p.pools.map((pool, j) => ({ pool, path: ['programs', i, 'pools', j] as Path })),
  );
  const poolIds = pools.map((p) => p.pool.id);

  checkUnique(
    'program',
    scenario.programs.map((p, i) => ({ id: p.id, path: ['programs', i] })),
    where,
    report,
  );
  checkUnique(
    'pool',
    pools.map((p) => ({ id: p.pool.id, path: p.path })),
    where,
    report,
  );
  checkUnique(
    'group',
    rows.map((r, i) => ({ id: r.id, path: ['groups', 'rows', i] })),
    where,
    report,
  );
  checkUnique(
    'parameter',
    scenario.parameters.map((p, i) => ({ id: p.id, path: ['parameters', i] })),
    where,
    report,
  );
  checkUnique(
    'attribute',
    scenario.attributes.map((a, i) => ({ id: a.id, path: ['attributes', i] })),
    where,
    report,
  );
  checkUnique(
    'source',
    scenario.sources.map((s, i) => ({ id: s.id, path: ['sources', i] })),
    where,
    report,
  );
  checkUnique(
    'check',
    scenario.checks.map((c, i) => ({ id: c.id, path: ['checks', i] })),
    where,
    report,
  );
  checkUnique(
    'ceiling',
    scenario.ceilings.map((c, i) => ({ id: c.id, path: ['ceilings', i] })),
    where,
    report,
  );
  const ceilingIds = scenario.ceilings.map((c) => c.id);
  const groupIds = rows.map((r) => r.id);
  scenario.ceilings.forEach((ceiling, i) => {
    const path: Path = ['ceilings', i];
    if (programIds.includes(ceiling.id) || poolIds.includes(ceiling.id))
      report('semantic', [...path, 'id'], msg.ceilingIdClash(ceiling.id));
    const seen = new Set<string>();
    ceiling.pools.forEach((pool, k) => {
      if (seen.has(pool)) report('semantic', [...path, 'pools', k], msg.memberTwice(pool));
      seen.add(pool);
      checkRef('pool', pool, poolIds, [...path, 'pools', k], report);
    });
    // A ceiling counts one unit: programs whose applications carry several persons must agree.
    const counting = new Map<string, string>();
    for (const program of scenario.programs) {
      if (!program.units || !program.pools.some((p) => ceiling.pools.includes(p.id))) continue;
      counting.set(program.units.caps_count, program.id);
    }
    if (counting.size > 1)
      report(
        'semantic',
        [...path, 'pools'],
        msg.ceilingMixesUnits(
          ceiling.id,
          [...counting].map(([unit, program]) => `${program}: ${unit}`).join(', '),
          'one per unit',
        ),
      );
    if (ceiling.share === 'by_demand') {
      const at = [...path, 'share'];
      const owners = [
        ...new Set(
          scenario.programs.filter((p) => p.pools.some((x) => ceiling.pools.includes(x.id))).map((p) => p.id),
        ),
      ];
      if (ceiling.amount === undefined) report('semantic', at, msg.shareNeedsAmount(ceiling.id));
      else if (new Set(ceiling.pools).size < 2) report('semantic', at, msg.shareOnePool(ceiling.id));
      else if (owners.length > 1) report('semantic', at, msg.shareAcrossPrograms(ceiling.id, owners));
    }
    (ceiling.per_group?.prorate ?? []).forEach((g, k) => {
      checkRef('group', g, groupIds, [...path, 'per_group', 'prorate', k], report);
    });
    (ceiling.per_group?.exempt ?? []).forEach((e, k) => {
      if (!ceiling.pools.includes(e.pool))
        report(
          'bad_reference',
          [...path, 'per_group', 'exempt', k, 'pool'],
          msg.exemptNotMember(e.pool, ceiling.id, [...new Set(ceiling.pools)]),
        );
    });
  });
  for (const { pool, path } of pools) {
    checkUnique(
      'tranche',
      (pool.tranches ?? []).map((t, k) => ({ id: t.id, path: [...path, 'tranches', k] })),
      where,
      report,
    );
  }

  const sourceIds = scenario.sources.map((s) => s.id);
  const cited = new Set<string>();
  for (const ref of sourceRefs(scenario)) {
    if (checkRef('source', ref.id, sourceIds, ref.path, report)) cited.add(ref.id);
  }

  const spills: { from: string; to: string; path: Path }[] = [];
  const opens: { from: string; to: string; path: Path }[] = [];
  for (const { pool, path } of pools) {
    if (typeof pool.unused === 'object') {
      const to = pool.unused.spill;
      const p = [...path, 'unused', 'spill'];
      if (to === pool.id) report('bad_reference', p, msg.selfReference('spill its unused numbers to', to));
      else if (checkRef('pool', to, poolIds, p, report)) spills.push({ from: pool.id, to, path: p });
    }
    const after = decodeOpensAfter(pool);
    if (after) {
      const p =
        typeof pool.opens_after === 'object' ? [...path, 'opens_after', 'pool'] : [...path, 'opens_after'];
      if (after.pool === pool.id) report('bad_reference', p, msg.selfReference('open after', pool.id));
      else if (checkRef('pool', after.pool, poolIds, p, report)) {
        opens.push({ from: pool.id, to: after.pool, path: p });
        if (after.tranche !== undefined) {
          // its tranches, or the halves of a cap per half
          const target = pools.find((x) => x.pool.id === after.pool)?.pool;
          const cap = target ? decodeCap(target) : undefined;
          const ids =
            cap?.kind === 'tranches'
              ? cap.tranches.map((t) => t.id)
              : cap?.kind === 'amount' && cap.per === 'half'
                ? ['H1', 'H2']
                : [];
          if (!ids.includes(after.tranche))
            report(
              'bad_reference',
              [...path, 'opens_after', 'tranche'],
              msg.unknownReference('tranche', after.tranche, msg.nearest(after.tranche, ids), ids),
            );
        }
      }
    }
  }
  checkLoops(spills, msg.spillLoop, report);
  scenario.programs.forEach((program, i) => {
    checkFallDown(program, ['programs', i], report);
  });
  checkLoops(opens, msg.opensAfterLoop, report);

  const divertedTo = new Set<string>();
  scenario.programs.forEach((program, i) => {
    const to = program.not_selected?.divert_to;
    if (
      to !== undefined &&
      checkRef('program', to, programIds, ['programs', i, 'not_selected', 'divert_to'], report)
    ) {
      divertedTo.add(to);
    }
  });

  const columns = [...new Set([...csvColumns, ...rows.flatMap((r) => Object.keys(r))])];
  for (const column of Object.keys(scenario.groups.columns ?? {})) {
    checkRef('column', column, columns, ['groups', 'columns', column], report, { key: true });
  }
  // Stages after selection: unique ids per program, a flow_to that names a program.
  scenario.programs.forEach((program, i) => {
    checkUnique(
      'stage',
      (program.stages ?? []).map((st, k) => ({ id: st.id, path: ['programs', i, 'stages', k] })),
      where,
      report,
    );
    (program.stages ?? []).forEach((st, k) => {
      if (st.flow_to !== undefined)
        checkRef('program', st.flow_to, programIds, ['programs', i, 'stages', k, 'flow_to'], report);
    });
  });

  // A pace needs a pool that selects at each step.
  for (const { pool, path } of pools) {
    if (!pool.pace) continue;
    if ((pool.pace.share === undefined) === (pool.pace.amount === undefined))
      report('semantic', [...path, 'pace'], msg.paceShareOrAmount(pool.pace.share !== undefined), {
        key: true,
      });
    const method = typeof pool.select === 'string' ? pool.select : pool.select.method;
    if (['lottery', 'weighted-lottery', 'pro-rata'].includes(method))
      report('semantic', [...path, 'pace'], msg.paceNeedsStepMethod(method), { key: true });
  }

  // Backlogs at the start: rows name a group and a pool of their program, before the calendar starts.
  scenario.programs.forEach((program, i) => {
    const inv = program.inventory;
    if (!inv) return;
    const path: Path = ['programs', i, 'inventory'];
    if (inv.rows.length === 0 && inv.from === undefined) report('semantic', path, msg.inventoryNoRows());
    if (inv.counts === 'principals' && inv.per_principal === undefined)
      report('semantic', [...path, 'counts'], msg.inventoryNeedsRatio());
    const own = program.pools.map((p) => p.id);
    const startMonth = scenario.calendar.start.slice(0, 7);
    const notQueue = new Set<string>();
    inv.rows.forEach((row, k) => {
      const at: Path = [...path, 'rows', k];
      checkRef('group', row.group, groupIds, [...at, 'group'], report);
      const pool = program.pools.find((p) => p.id === row.pool);
      if (!pool) report('bad_reference', [...at, 'pool'], msg.poolNotInProgram(row.pool, program.id, own));
      else if (pool.select !== 'queue' && !notQueue.has(pool.id)) {
        notQueue.add(pool.id);
        report('semantic', [...at, 'pool'], msg.inventoryPoolNotQueue(pool.id), { severity: 'warning' });
      }
      if (row.priority_date >= startMonth)
        report(
          'invalid_value',
          [...at, 'priority_date'],
          msg.inventoryAfterStart(row.priority_date, scenario.calendar.start),
        );
    });
  });

  scenario.checks.forEach((check, i) => {
    const path: Path = ['checks', i];
    if (check.program !== undefined && check.ceiling !== undefined)
      report('semantic', [...path, 'ceiling'], msg.checkProgramOrCeiling(true), { key: true });
    else if (check.program === undefined && check.ceiling === undefined)
      report('semantic', path, msg.checkProgramOrCeiling(false));
    if (check.ceiling !== undefined) {
      checkRef('ceiling', check.ceiling, ceilingIds, [...path, 'ceiling'], report);
      if (check.pools) report('semantic', [...path, 'pools'], msg.checkCeilingPools(), { key: true });
      const ceiling = scenario.ceilings.find((c) => c.id === check.ceiling);
      if (ceiling && !ceiling.per_group && check.group !== undefined)
        report('semantic', [...path, 'group'], msg.checkCeilingGroup(ceiling.id), { key: true });
      if (!['cap', 'issued', 'unused'].includes(check.metric))
        report('invalid_value', [...path, 'metric'], msg.checkCeilingMetric(check.metric));
    }
    const program = scenario.programs.find((p) => p.id === check.program);
    if (check.program !== undefined)
      checkRef('program', check.program, programIds, [...path, 'program'], report);
    if (check.stage !== undefined && program) {
      checkRef(
        'stage',
        check.stage,
        (program.stages ?? []).map((st) => st.id),
        [...path, 'stage'],
        report,
      );
      if (check.pools) report('semantic', [...path, 'pools'], msg.checkStagePools(), { key: true });
      if (check.metric !== 'reached')
        report('invalid_value', [...path, 'metric'], msg.checkStageMetric(check.metric));
    }
    const own = program?.pools.map((p) => p.id) ?? [];
    (check.pools ?? []).forEach((pool, k) => {
      if (program && !own.includes(pool))
        report('bad_reference', [...path, 'pools', k], msg.poolNotInProgram(pool, program.id, own));
    });
    if (check.group !== undefined) checkRef('group', check.group, groupIds, [...path, 'group'], report);
    checkRef('metric', check.metric, METRICS, [...path, 'metric'], report);
    checkDateBounds(check, path, report);
  });

  checkNumbers(scenario, report);
  const series = checkSeries(scenario, report);
  const usage = checkFormulas(scenario, report, series.tables, series.broken);

  const warn = { severity: 'warning' as const };
  scenario.parameters.forEach((p, i) => {
    if (!usage.parameters.has(p.id))
      report('unused', ['parameters', i, 'id'], msg.unusedParameter(p.id), warn);
  });
  scenario.attributes.forEach((a, i) => {
    if (!usage.attributes.has(a.id))
      report('unused', ['attributes', i, 'id'], msg.unusedAttribute(a.id), warn);
  });
  scenario.sources.forEach((s, i) => {
    if (!cited.has(s.id)) report('unused', ['sources', i, 'id'], msg.unusedSource(s.id), warn);
  });
  scenario.programs.forEach((p, i) => {
    if (!p.demand && !divertedTo.has(p.id))
      report('unused', ['programs', i], msg.programWithoutDemand(p.id), warn);
  });
  return issues;
}
