/**
 * The state of the report's controls in the URL fragment, so that a link reproduces the view:
 * `#set=PATH%3DVALUE&set=PATH%3DVALUE`, each entry one `--set PATH=VALUE` (percent-encoded), in the
 * order of the controls. Other entries of the fragment (`#charts`, a section's id) are not state.
 * Pure: used by the page's script and by the tests.
 */

/**
 * The fragment for some `--set` strings ("" for none, so the URL has no `#`).
 * @example encodeFragment(['parameters.take_up.uniform.1=0.8']) // '#set=parameters.take_up.uniform.1%3D0.8'
 */
export function encodeFragment(sets: readonly string[]): string {
  return sets.length ? `#${sets.map((s) => `set=${encodeURIComponent(s)}`).join('&')}` : '';
}

/**
 * The `--set` strings of a fragment (with or without its `#`); entries that are not `set=PATH=VALUE`
 * are left out, and a malformed percent-escape leaves its entry out rather than failing.
 * @example decodeFragment('#set=a.b%3D1&set=c%3Dx') // ['a.b=1', 'c=x']
 */
export function decodeFragment(hash: string): string[] {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const out: string[] = [];
  for (const part of text.split('&')) {
    if (!part.startsWith('set=')) continue;
    let value: string;
    try {
      value = decodeURIComponent(part.slice(4).replace(/\+/g, ' '));
    } catch {
      continue;
    }
    if (value.indexOf('=') > 0) out.push(value);
  }
  return out;
}

/** The path of a `PATH=VALUE` string. */
export function setPath(set: string): string {
  return set.slice(0, set.indexOf('='));
}

/** A control as the fragment knows it: its path, the file's value, and whether its text is quoted. */
export interface FragmentControl {
  path: string;
  value: string;
  /** the value is text that YAML must not read (a formula with `?` and `:`): --set gets it quoted */
  quote?: boolean;
}

/**
 * The `--set` strings for the controls' values that differ from the file's, in the controls' order;
 * `values` maps a path to its value as shown. A quoted control's text is written as a JSON string,
 * which YAML reads as that text.
 * @example setsFor([{ path: 'a', value: '1' }], new Map([['a', '2']])) // ['a=2']
 */
export function setsFor(controls: readonly FragmentControl[], values: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const c of controls) {
    const v = values.get(c.path);
    if (v !== undefined && v !== c.value) out.push(`${c.path}=${c.quote ? JSON.stringify(v) : v}`);
  }
  return out;
}

/**
 * The value a control shows for a `--set` string of its path (the inverse of setsFor).
 * @example shownValue({ path: 'a', value: 'x', quote: true }, 'a="1 + 2"') // '1 + 2'
 */
export function shownValue(control: FragmentControl, set: string): string {
  const text = set.slice(set.indexOf('=') + 1);
  if (control.quote && text.startsWith('"'))
    try {
      const v: unknown = JSON.parse(text);
      if (typeof v === 'string') return v;
    } catch {
      // shown as it is
    }
  return text;
}
