/**
 * The controls of the interactive report: from a resolved scenario document (after `extends`, data
 * tables inlined: manifest.json's `scenario.resolved`), every value a reader may change, each as the
 * `--set PATH=VALUE` it stands for. A moved control is then exactly `visasim run --set PATH=VALUE`.
 *
 *   parameters  every parameter: its fixed value, or its distribution's arguments (normal and
 *               lognormal mean and sd, uniform low and high, triangular min, mode and max, beta a and
 *               b, the values of a choice and their weights), and the weights of a program's
 *               application sizes (`units.size.weights`)
 *   caps        every program's and pool's cap (a number, or a formula as text), every tranche's cap,
 *               every per-group limit (share or amount), every ceiling's amount and per-group limit
 *               (its rate, each class's rate, each exempt pool's share)
 *   splits      every pool split: the column it is split by (among the groups' number columns) and the
 *               apportionment method
 *
 * Pure: no DOM, no file system. Paths name list items by id, as `--set` does.
 */

export type ControlKind = 'number' | 'text' | 'date' | 'select';

export interface Control {
  /** the `--set` path: parameters.take_up.uniform.0 */
  path: string;
  /** what the value is, within its group: "low", "cap", "split by" */
  label: string;
  kind: ControlKind;
  /** the file's value, as `--set` writes it */
  value: string;
  /** for numbers: the slider's range and step (the exact value may be typed beyond them) */
  min?: number;
  max?: number;
  step?: number;
  /** for numbers that must be whole (caps, limits) */
  integer?: boolean;
  /** for selects */
  options?: { value: string; label: string }[];
  /** text (a formula) that `--set` must get quoted, since YAML would read `a ? b : c` as a mapping */
  quote?: boolean;
}

export interface ControlGroup {
  /** unique among the groups (used for element ids) */
  id: string;
  kind: 'parameter' | 'cap' | 'split';
  /** "take_up", "Central American half (150,000)" */
  title: string;
  /** a line that says what it is ("Uniform between low and high", the parameter's description) */
  description?: string;
  controls: Control[];
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const idOf = (v: unknown): string | undefined => (isPlain(v) && typeof v.id === 'string' ? v.id : undefined);
const list = (v: unknown): Plain[] => (Array.isArray(v) ? v.filter(isPlain) : []);

/** A round step for a slider over [min, max]: about 200 steps, 1, 2 or 5 times a power of ten. */
export function niceStep(min: number, max: number, integer = false): number {
  const span = max - min;
  if (!(span > 0)) return integer ? 1 : 0.01;
  const raw = span / 200;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  return integer ? Math.max(1, Math.round(step)) : Number(step.toPrecision(1));
}

/** A round number at or above x (1, 2, 2.5 or 5 times a power of ten). */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return ([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((s) => s >= x - 1e-12) ??
    10 * p) as number;
}

/**
 * A number control for `value`, with a slider range that suits it and its siblings (the other
 * arguments of the same distribution): 0–1 for shares, else 0 (or below, for negative values) to
 * about twice the largest.
 */
function numberControl(
  path: string,
  label: string,
  value: number,
  siblings: readonly number[],
  opts: { integer?: boolean; share?: boolean; positive?: boolean; signed?: boolean } = {},
): Control {
  const all = [value, ...siblings];
  const share = opts.share ?? all.every((v) => v >= 0 && v <= 1);
  const big = Math.max(...all.map(Math.abs));
  const max = share ? Math.min(1, niceCeil(2 * big)) : niceCeil(2 * big);
  let min = opts.signed || all.some((v) => v < 0) ? -max : 0;
  const step = niceStep(min, max, opts.integer);
  if (opts.positive && min === 0) min = step;
  return {
    path,
    label,
    kind: 'number',
    value: String(value),
    min,
    max,
    step,
    ...(opts.integer ? { integer: true } : {}),
  };
}

/** A value that may be a number or a date (a fixed value, a choice's value). */
function valueControl(path: string, label: string, value: unknown, siblings: readonly number[]): Control[] {
  if (isNumber(value)) return [numberControl(path, label, value, siblings)];
  if (isDate(value)) return [{ path, label, kind: 'date', value }];
  return [];
}

const DISTRIBUTIONS: Record<string, { title: string; args: string[] }> = {
  normal: { title: 'Normal', args: ['mean', 'sd'] },
  lognormal: { title: 'Lognormal', args: ['mean', 'sd'] },
  uniform: { title: 'Uniform between low and high', args: ['low', 'high'] },
  triangular: { title: 'Triangular: min, most likely, max', args: ['min', 'most likely', 'max'] },
  beta: { title: 'Beta(a, b) on 0–1', args: ['a', 'b'] },
};

function parameterGroup(p: Plain): ControlGroup | undefined {
  const id = idOf(p);
  if (!id) return undefined;
  const base = `parameters.${id}`;
  const controls: Control[] = [];
  let kind = 'Fixed value';
  if (p.value !== undefined) controls.push(...valueControl(`${base}.value`, 'value', p.value, []));
  for (const [name, d] of Object.entries(DISTRIBUTIONS)) {
    const spec = p[name];
    if (spec === undefined) continue;
    kind = d.title;
    if (Array.isArray(spec)) {
      const nums = spec.filter(isNumber);
      spec.forEach((v, i) => {
        if (isNumber(v))
          controls.push(
            numberControl(
              `${base}.${name}.${i}`,
              d.args[i] ?? String(i),
              v,
              nums.filter((_, j) => j !== i),
            ),
          );
      });
    } else if (isPlain(spec)) {
      const keys = name === 'beta' ? ['a', 'b'] : ['mean', 'sd'];
      const nums = keys.map((k) => spec[k]).filter(isNumber);
      for (const k of keys) {
        const v = spec[k];
        if (!isNumber(v)) continue;
        const others = nums.filter((x) => x !== v);
        controls.push(
          numberControl(`${base}.${name}.${k}`, k, v, others, {
            positive: name === 'beta',
            signed: name === 'normal' && k === 'mean',
          }),
        );
      }
    }
  }
  const choice = p.choice;
  if (isPlain(choice) && Array.isArray(choice.values)) {
    kind = 'One of several values';
    const nums = choice.values.filter(isNumber);
    choice.values.forEach((v, i) => {
      controls.push(...valueControl(`${base}.choice.values.${i}`, `value ${i + 1}`, v, nums));
    });
    if (Array.isArray(choice.weights)) {
      const weights = choice.weights.filter(isNumber);
      choice.weights.forEach((w, i) => {
        if (isNumber(w))
          controls.push(
            numberControl(`${base}.choice.weights.${i}`, `weight of value ${i + 1}`, w, weights, {
              share: false,
            }),
          );
      });
    }
  }
  if (controls.length === 0) return undefined;
  const description = typeof p.description === 'string' ? p.description : undefined;
  return {
    id: `parameter-${id}`,
    kind: 'parameter',
    title: id,
    description: `${kind}${p.assumption === true ? ' (an assumption)' : ''}${description ? `. ${description}` : ''}`,
    controls,
  };
}

/** A cap as a control: a number gets a slider from 0 to about twice it; a formula is text. */
function capControl(path: string, label: string, cap: unknown): Control[] {
  if (isNumber(cap)) return [numberControl(path, label, cap, [], { integer: true, share: false })];
  if (typeof cap === 'string' && cap.trim() !== '')
    return [{ path, label, kind: 'text', value: cap, quote: true }];
  return [];
}

/** A pool's or ceiling's cap, which may be `N`, a formula or `{ amount, per }`. */
function capSpecControls(path: string, cap: unknown): Control[] {
  if (isPlain(cap)) return capControl(`${path}.amount`, 'cap', cap.amount);
  return capControl(path, 'cap', cap);
}

/** A per-group limit's share (0–1) or amount. */
function limitControls(path: string, limit: unknown, label: string): Control[] {
  if (!isPlain(limit)) return [];
  const out: Control[] = [];
  if (isNumber(limit.share))
    out.push(numberControl(`${path}.share`, `${label} (share)`, limit.share, [], { share: true }));
  if (isNumber(limit.amount))
    out.push(
      numberControl(`${path}.amount`, `${label} (number)`, limit.amount, [], { integer: true, share: false }),
    );
  return out;
}

/** A ceiling's per-group limit: its rate, each class's rate, each exempt pool's share. */
function perGroupControls(path: string, perGroup: unknown): Control[] {
  if (!isPlain(perGroup)) return [];
  const classes = list(perGroup.classes).flatMap((c, i) =>
    limitControls(
      `${path}.classes.${i}`,
      c,
      `class ${i + 1}${typeof c.when === 'string' ? ` (${c.when})` : ''}`,
    ),
  );
  const exempt = list(perGroup.exempt).flatMap((e, i) =>
    isNumber(e.share)
      ? [
          numberControl(
            `${path}.exempt.${i}.share`,
            `exempt share of ${typeof e.pool === 'string' ? e.pool : `pool ${i + 1}`}`,
            e.share,
            [],
            { share: true },
          ),
        ]
      : [],
  );
  return [...limitControls(path, perGroup, 'limit per group'), ...classes, ...exempt];
}

/** The relative frequencies of a program's application sizes (`units.size.weights`), where numbers. */
function sizeWeightControls(path: string, units: unknown): Control[] {
  if (!isPlain(units) || !isPlain(units.size) || !Array.isArray(units.size.weights)) return [];
  const values = Array.isArray(units.size.values) ? units.size.values : [];
  const weights = units.size.weights.filter(isNumber);
  return units.size.weights.flatMap((w, i) =>
    isNumber(w)
      ? [
          numberControl(
            `${path}.size.weights.${i}`,
            `weight of size ${String(values[i] ?? i + 1)}`,
            w,
            weights,
            {
              share: false,
            },
          ),
        ]
      : [],
  );
}

/** The groups' columns that hold numbers in every row that has them, and the derived columns. */
export function numberColumns(raw: Plain): string[] {
  const groups = isPlain(raw.groups) ? raw.groups : {};
  const rows = list(groups.rows);
  const seen = new Map<string, boolean>();
  for (const row of rows)
    for (const [k, v] of Object.entries(row)) {
      if (v === null || v === undefined || v === '') continue;
      seen.set(k, (seen.get(k) ?? true) && isNumber(v));
    }
  const derived = isPlain(groups.derived) ? Object.keys(groups.derived) : [];
  return [...[...seen].filter(([, n]) => n).map(([k]) => k), ...derived.filter((k) => !seen.has(k))];
}

export const SPLIT_METHODS: readonly { value: string; label: string }[] = [
  { value: 'largest-remainder', label: 'Largest remainder' },
  { value: 'dhondt', label: "D'Hondt" },
  { value: 'jefferson', label: 'Jefferson' },
  { value: 'sainte-lague', label: 'Sainte-Laguë' },
];

function splitGroup(path: string, id: string, title: string, split: Plain, columns: string[]): ControlGroup {
  const by = typeof split.by === 'string' ? split.by : '';
  const options = [...new Set([by, ...columns])].filter(Boolean).map((c) => ({ value: c, label: c }));
  const method = typeof split.method === 'string' ? split.method : 'largest-remainder';
  return {
    id: `split-${id}`,
    kind: 'split',
    title,
    description: 'How the cap is shared among the groups: in proportion to a column, by a method.',
    controls: [
      { path: `${path}.split.by`, label: 'split by', kind: 'select', value: by, options },
      {
        path: `${path}.split.method`,
        label: 'method',
        kind: 'select',
        value: method,
        options: [...SPLIT_METHODS],
      },
    ],
  };
}

/**
 * Every control of a scenario, in groups: parameters first, then caps (per program: the program's
 * own cap, then each pool's cap, tranches and per-group limit; then each ceiling), then splits.
 * @example scenarioControls(manifest.scenario.resolved).flatMap((g) => g.controls).map((c) => c.path)
 */
export function scenarioControls(resolved: unknown): ControlGroup[] {
  if (!isPlain(resolved)) return [];
  const parameters: ControlGroup[] = [];
  for (const p of list(resolved.parameters)) {
    const g = parameterGroup(p);
    if (g) parameters.push(g);
  }
  const caps: ControlGroup[] = [];
  const splits: ControlGroup[] = [];
  const columns = numberColumns(resolved);
  const programs = list(resolved.programs);
  for (const program of programs) {
    const pid = idOf(program);
    if (!pid) continue;
    const ppath = `programs.${pid}`;
    const ptitle = typeof program.title === 'string' ? program.title : pid;
    const own = capSpecControls(`${ppath}.cap`, program.cap);
    if (own.length)
      caps.push({
        id: `cap-${pid}`,
        kind: 'cap',
        title: ptitle,
        description: 'The whole program',
        controls: own,
      });
    const sizes = sizeWeightControls(`${ppath}.units`, program.units);
    if (sizes.length)
      parameters.push({
        id: `units-${pid}`,
        kind: 'parameter',
        title: `Sizes of applications: ${ptitle}`,
        description: `Relative frequency of each size an application can have${isPlain(program.units) && isPlain(program.units.size) && program.units.size.assumption === true ? ' (an assumption)' : ''}`,
        controls: sizes,
      });
    for (const pool of list(program.pools)) {
      const id = idOf(pool);
      if (!id) continue;
      const path = `${ppath}.pools.${id}`;
      const title = typeof pool.title === 'string' ? pool.title : id;
      const controls = [
        ...capSpecControls(`${path}.cap`, pool.cap),
        ...list(pool.tranches).flatMap((t) =>
          idOf(t) ? capControl(`${path}.tranches.${idOf(t)}.cap`, `tranche ${idOf(t)}`, t.cap) : [],
        ),
        ...limitControls(`${path}.limit_per_group`, pool.limit_per_group, 'limit per group'),
      ];
      if (controls.length)
        caps.push({
          id: `cap-${pid}-${id}`,
          kind: 'cap',
          title,
          description: programs.length > 1 ? `Pool of ${ptitle}` : 'Pool',
          controls,
        });
      if (isPlain(pool.split)) splits.push(splitGroup(path, `${pid}-${id}`, title, pool.split, columns));
    }
  }
  for (const c of list(resolved.ceilings)) {
    const id = idOf(c);
    if (!id) continue;
    const path = `ceilings.${id}`;
    const controls = [
      ...capControl(`${path}.amount`, 'amount', c.amount),
      ...perGroupControls(`${path}.per_group`, c.per_group),
    ];
    if (controls.length)
      caps.push({
        id: `ceiling-${id}`,
        kind: 'cap',
        title: typeof c.title === 'string' ? c.title : id,
        description: 'A ceiling that several pools draw on',
        controls,
      });
  }
  return [...parameters, ...caps, ...splits];
}
