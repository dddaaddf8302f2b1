/**
 * Data tables that items of the scenario name with `from:` — a series' table (`series[i].from`) and a
 * program's backlog (`programs[i].inventory.from`): the CSV is read into the item's `rows`, as the
 * inline rows would be written, and a source-map layer points every row and cell at the CSV, so the
 * checks that run on `rows` (schema, references, the series' periods) report at its line and column.
 *
 * In: the merged document (after `extends` and `--set`) and the layers that built it. Out: the data
 * layers, most derived first; the document's items get their `rows`. A file is found relative to the
 * scenario file that names it (or the current directory for a `--set`), inside the same roots as
 * `groups.from` unless --allow-any-path. An item with both `from` and `rows` is refused at `from`.
 */
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import { parseDataCsv } from './csv.js';
import { issueAt, pathToString, type ScenarioIssue, type SourcePosition } from './issues.js';
import { isPlainObject, type Plain } from './merge.js';
import * as msg from './messages.js';
import { canonicalPath, displayPath, type Layer, locateInLayers } from './source-map.js';

/** Columns of a data table kept as text even when they look like numbers. */
const INVENTORY_TEXT = ['group', 'pool', 'priority_date'];

export interface DataSite {
  /** path of the item whose `from` names the table */
  path: (string | number)[];
  item: Plain;
  textColumns: readonly string[];
}

/** Every item of the document that may name a data table with `from`. */
export function dataSites(raw: Plain): DataSite[] {
  const sites: DataSite[] = [];
  const series = raw.series;
  if (Array.isArray(series))
    series.forEach((s, i) => {
      if (isPlainObject(s) && Object.hasOwn(s, 'from'))
        sites.push({ path: ['series', i], item: s, textColumns: [] });
    });
  const programs = raw.programs;
  if (Array.isArray(programs))
    programs.forEach((p, i) => {
      const inv = isPlainObject(p) ? p.inventory : undefined;
      if (isPlainObject(inv) && Object.hasOwn(inv, 'from'))
        sites.push({ path: ['programs', i, 'inventory'], item: inv, textColumns: INVENTORY_TEXT });
    });
  return sites;
}

export type ReadText = (
  abs: string,
  restricted: boolean,
) => Promise<{ text: string } | { reason: string; tooLarge?: number }>;

/** The scenario files of the chain: how each is shown and where it is. */
export interface ChainFile {
  display: string;
  abs: string;
}

/**
 * Read every `from:` table of `raw` into its item's `rows`; returns the layers for the source map.
 * Problems go to `issues`: a file that cannot be read (at `from`), CSV syntax (at the CSV).
 */
export async function readDataTables(
  raw: Plain,
  layers: readonly Layer[],
  chain: readonly ChainFile[],
  read: ReadText,
  unreadable: (
    r: { reason: string; tooLarge?: number },
    display: string,
    key: string,
    at: SourcePosition,
    path: (string | number)[],
  ) => ScenarioIssue,
  issues: ScenarioIssue[],
): Promise<Layer[]> {
  const out: Layer[] = [];
  for (const site of dataSites(raw)) {
    const fromPath = [...site.path, 'from'];
    const at = locateInLayers(layers, canonicalPath(raw, fromPath));
    const value = site.item.from;
    const shown = displayPath(canonicalPath(raw, fromPath));
    const key = pathToString(shown);
    if (typeof value !== 'string' || value === '') {
      issues.push(
        issueAt(
          at,
          'invalid_type',
          shown,
          msg.wrongType('a file name', value === '' ? 'an empty text' : msg.describeValue(value)),
        ),
      );
      continue;
    }
    if (Object.hasOwn(site.item, 'rows')) {
      issues.push(issueAt(at, 'semantic', shown, msg.fromAndRows()));
      continue;
    }
    // the file named by a scenario file is found beside it; one typed in --set, from here
    const namedBy = chain.find((f) => f.display === at.file);
    const abs = namedBy ? resolve(dirname(namedBy.abs), value) : resolve(value);
    const display = namedBy
      ? isAbsolute(value)
        ? normalize(value)
        : normalize(join(dirname(namedBy.display), value))
      : normalize(value);
    const r = await read(abs, namedBy !== undefined);
    if (!('text' in r)) {
      issues.push(unreadable(r, display, key, at, shown));
      continue;
    }
    const parsed = parseDataCsv(r.text, display, site.textColumns);
    issues.push(...parsed.issues);
    if (!parsed.table) continue;
    site.item.rows = parsed.table.rows;
    out.push({ kind: 'data', table: parsed.table, prefix: canonicalPath(raw, site.path) });
  }
  return out;
}
