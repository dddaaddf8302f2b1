/**
 * What a run changed of the scenario it started from, so a report never passes for the shipped
 * scenario when it is not: `--set PATH=VALUE` overrides, and the keys of a user's file that
 * `extends` a shipped one. A shipped file extending another shipped file changes nothing.
 * In: the extends chain (each file's own document and whether it is shipped) and the --set strings.
 * Out: a Modification (the base and one change per path), or undefined. Pure: the caller reads files.
 */

export interface Change {
  /** the path as --set writes it, list items by id: programs.work-visas.pools.mexico.cap */
  path: string;
  /** the value set, as text */
  value: string;
  /** "--set" or the file that set it */
  by: string;
}

export interface Modification {
  /** the scenario the changes apply to: the first shipped file of the chain, or the file given */
  base: string;
  changes: Change[];
}

export interface ChainLayer {
  file: string;
  /** the file lies in the installed scenarios/ folder */
  shipped: boolean;
  /** the file's own YAML document (before merging) */
  doc: unknown;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** A value as a reader reads it: strings bare, the rest as JSON. */
function valueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Every leaf a document sets, with its path; lists whose items all have an `id` are entered by id
 * (as `extends` merges them), other lists are one value.
 * @example leafChanges({ simulation: { runs: 10 } }) // [{ path: 'simulation.runs', value: '10' }]
 */
export function leafChanges(doc: unknown, prefix = ''): { path: string; value: string }[] {
  const join = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (isPlain(doc))
    return Object.entries(doc).flatMap(([k, v]) =>
      prefix === '' && k === 'extends' ? [] : leafChanges(v, join(k)),
    );
  if (Array.isArray(doc) && doc.length > 0 && doc.every((x) => isPlain(x) && typeof x.id === 'string'))
    return doc.flatMap((x) => {
      const { id, ...rest } = x as Record<string, unknown> & { id: string };
      const inner = leafChanges(rest, join(id));
      return inner.length > 0 ? inner : [{ path: join(id), value: '(added)' }];
    });
  return [{ path: prefix, value: valueText(doc) }];
}

/** "PATH=VALUE" → a change by --set (a string without "=" is kept whole as the path). */
function setChange(arg: string): Change {
  const eq = arg.indexOf('=');
  return eq < 0
    ? { path: arg, value: '', by: '--set' }
    : { path: arg.slice(0, eq), value: arg.slice(eq + 1), by: '--set' };
}

/**
 * What was changed, or undefined when the run is a scenario file as it stands.
 * @example describeModification([{ file: 'my.yaml', shipped: false, doc }, { file: 'scenarios/a.yaml', shipped: true, doc: a }], [])
 */
export function describeModification(
  chain: readonly ChainLayer[],
  set: readonly string[],
): Modification | undefined {
  const firstShipped = chain.findIndex((l) => l.shipped);
  // the user's own layers on top of a shipped file; a user's own scenario (no shipped base) is not a change
  const own = firstShipped > 0 ? chain.slice(0, firstShipped) : [];
  const changes: Change[] = [
    // the base's nearest layer last, so the file given comes first
    ...own.flatMap((l) => leafChanges(l.doc).map((c) => ({ ...c, by: l.file }))),
    ...set.map(setChange),
  ];
  if (changes.length === 0) return undefined;
  const base = (firstShipped >= 0 ? chain[firstShipped]?.file : chain[0]?.file) ?? '';
  return { base, changes };
}

/** The modification a run's manifest records (`scenario.modified`), if any. */
export function manifestModification(manifest: object): Modification | undefined {
  const m = (manifest as { scenario?: { modified?: Modification } }).scenario?.modified;
  return m && Array.isArray(m.changes) && m.changes.length > 0 ? m : undefined;
}

/** The title as a report shows it: "… (modified)" when the run changed its scenario. */
export function shownTitle(title: string, m: Modification | undefined): string {
  return m ? `${title} (modified)` : title;
}
