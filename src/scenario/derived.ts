/**
 * Derived group columns (`groups.derived`): columns worked out from the others by formulas, in the
 * order given, each one visible to the next and to every later formula as an ordinary column. A
 * derived formula is evaluated per group and may sum over groups (`total`, `count`, `own`), so a
 * statutory formula of several steps (the diversity visa's regional shares) reads as its steps.
 * They read group columns only: a group's columns are fixed for the whole simulation.
 */
import { compileFormula, FormulaError, type Scope, type Value } from '../formula/formula.js';
import * as msg from './messages.js';
import type { Path, Report } from './reporter.js';
import type { Scenario } from './schema.js';

/**
 * Add each derived column to every row of `scenario.groups.rows` (in place). Problems go to
 * `report` when given (validation), else they throw (a model compiled from an unchecked scenario).
 * Stops at the first derived column that fails: the later ones may read it.
 */
export function deriveColumns(scenario: Scenario, report?: Report): void {
  const derived = scenario.groups.derived;
  const rows = scenario.groups.rows ?? [];
  if (!derived || rows.length === 0) return;
  const given = new Set(rows.flatMap((r) => Object.keys(r)));
  const fail = (path: Path, message: string, offset?: number) => {
    if (!report) throw new FormulaError(message, offset);
    report('formula', path, message, offset === undefined ? {} : { offset });
  };
  const known = [...given];
  for (const [name, text] of Object.entries(derived)) {
    const path: Path = ['groups', 'derived', name];
    if (given.has(name)) {
      fail(path, msg.derivedClash(name));
      return;
    }
    let values: Value[];
    try {
      const f = compileFormula(text, { symbols: known, rows: rows as unknown as Scope[] });
      values = rows.map((row) => f.evaluate(row as unknown as Scope));
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e;
      fail(path, msg.formulaInvalid(e.message), e.offset);
      return;
    }
    const bad = values.findIndex((v) => typeof v === 'number' && !Number.isFinite(v));
    if (bad >= 0) {
      fail(path, msg.derivedNotFinite(rows[bad]?.id ?? '', String(values[bad])));
      return;
    }
    rows.forEach((row, i) => {
      (row as Record<string, unknown>)[name] = values[i];
    });
    known.push(name);
  }
}

/** Have the derived columns been added already (validation adds them before the model is made)? */
export function isDerived(scenario: Scenario): boolean {
  const names = Object.keys(scenario.groups.derived ?? {});
  return (scenario.groups.rows ?? []).every((row) => names.every((n) => n in row));
}
