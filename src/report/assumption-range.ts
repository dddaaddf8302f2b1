/**
 * The range of an assumption, in words, from the resolved scenario the manifest records: a
 * parameter's distribution ("uniform from 0.2 to 0.6"), an attribute's share (a number, or the
 * formula that gives it), a demand formula. The report shows it beside the assumption's text.
 * Pure: it reads the document it is given.
 */

type Doc = Record<string, unknown>;
const isPlain = (v: unknown): v is Doc => !!v && typeof v === 'object' && !Array.isArray(v);

/** 0.25 → "0.25", 150000 → "150,000", ISO dates as they are. */
function num(v: unknown): string {
  if (typeof v !== 'number') return String(v);
  return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(v);
}

/** A parameter's value or distribution in words. */
export function distributionText(p: Doc): string | undefined {
  if (p.value !== undefined) return `fixed at ${num(p.value)}`;
  const u = p.uniform;
  if (Array.isArray(u)) return `uniform from ${num(u[0])} to ${num(u[1])}`;
  const t = p.triangular;
  if (Array.isArray(t)) return `triangular from ${num(t[0])} to ${num(t[2])}, most likely ${num(t[1])}`;
  for (const kind of ['normal', 'lognormal'] as const) {
    const d = p[kind];
    if (isPlain(d)) return `${kind}, mean ${num(d.mean)}, sd ${num(d.sd)}`;
  }
  const b = p.beta;
  if (isPlain(b)) {
    const a = Number(b.a);
    const bb = Number(b.b);
    return `beta(${num(a)}, ${num(bb)}) on 0–1, mean ${num(Math.round((a / (a + bb)) * 1000) / 1000)}`;
  }
  const c = p.choice;
  if (isPlain(c) && Array.isArray(c.values)) {
    const w = Array.isArray(c.weights) ? ` (weights ${c.weights.map(num).join(', ')})` : ', equally likely';
    return `one of ${c.values.map(num).join(', ')}${w}`;
  }
  return undefined;
}

function byId(list: unknown, id: string): Doc | undefined {
  return Array.isArray(list) ? (list.find((x) => isPlain(x) && x.id === id) as Doc | undefined) : undefined;
}

/**
 * The range of the assumption with this id ("interest", "returning_worker", "work-visas.demand") in
 * the resolved scenario, or undefined when the scenario does not say.
 * @example assumptionRange(resolved, 'take_up') // 'uniform from 0.2 to 0.6'
 */
export function assumptionRange(resolved: unknown, id: string): string | undefined {
  if (!isPlain(resolved)) return undefined;
  const param = byId(resolved.parameters, id);
  if (param) return distributionText(param);
  const attr = byId(resolved.attributes, id);
  if (attr) {
    const share = attr.share;
    if (typeof share === 'number') return `a share of ${num(share)}`;
    if (typeof share === 'string') return `share given by ${share}`;
    return isPlain(share) ? distributionText(share) : undefined;
  }
  const demand = id.endsWith('.demand')
    ? byId(resolved.programs, id.slice(0, -'.demand'.length))?.demand
    : undefined;
  if (isPlain(demand)) {
    if (typeof demand.per_year === 'string') return `demand per year: ${demand.per_year}`;
    if (typeof demand.per_month === 'string') return `demand per month: ${demand.per_month}`;
  }
  return undefined;
}

/** The resolved scenario a run's manifest records (`scenario.resolved`), or a side's of a comparison. */
export function resolvedOf(manifest: object, side?: 'a' | 'b'): unknown {
  const m = (side ? (manifest as Record<string, unknown>)[side] : manifest) as
    | { scenario?: { resolved?: unknown } }
    | undefined;
  return m?.scenario?.resolved;
}

/**
 * Assumptions with their ranges, where the resolved scenarios say them: one scenario, or both sides
 * of a comparison (an assumption tagged "A", "B" or "A and B"; a range that differs is given per side).
 */
export function withRanges<T extends { id: string; tag?: string }>(
  assumptions: readonly T[],
  resolved: { a: unknown; b?: unknown },
): (T & { range?: string })[] {
  return assumptions.map((x) => {
    const ra = x.tag === 'B' ? undefined : assumptionRange(resolved.a, x.id);
    const rb = resolved.b === undefined || x.tag === 'A' ? undefined : assumptionRange(resolved.b, x.id);
    const range = ra && rb && ra !== rb ? `A: ${ra}; B: ${rb}` : (ra ?? rb);
    return range ? { ...x, range } : x;
  });
}
