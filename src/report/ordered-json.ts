/**
 * JSON text with a key order fixed by the code, not by the engine: an `OrderedObject` keeps its
 * entries exactly as given, even keys that JavaScript objects would move to the front (a group id
 * such as "1"). The layout matches `JSON.stringify(value, null, 2)`; NaN and ±Infinity become null.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | OrderedObject;

export class OrderedObject {
  readonly entries: [string, JsonValue][] = [];

  /** Add a key; `undefined` values are left out, as JSON.stringify does. */
  set(key: string, value: JsonValue | undefined): this {
    if (value !== undefined) this.entries.push([key, value]);
    return this;
  }
}

/** An ordered object from pairs, in the given order. */
export function ordered(pairs: [string, JsonValue | undefined][]): OrderedObject {
  const o = new OrderedObject();
  for (const [k, v] of pairs) o.set(k, v);
  return o;
}

function write(value: JsonValue, indent: string, out: string[]): void {
  if (value === null || typeof value === 'boolean') {
    out.push(String(value));
  } else if (typeof value === 'number') {
    out.push(Number.isFinite(value) ? JSON.stringify(value) : 'null');
  } else if (typeof value === 'string') {
    out.push(JSON.stringify(value));
  } else if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    const inner = `${indent}  `;
    out.push('[\n');
    value.forEach((item, i) => {
      out.push(inner);
      write(item, inner, out);
      out.push(i < value.length - 1 ? ',\n' : '\n');
    });
    out.push(`${indent}]`);
  } else {
    const { entries } = value;
    if (entries.length === 0) {
      out.push('{}');
      return;
    }
    const inner = `${indent}  `;
    out.push('{\n');
    entries.forEach(([k, v], i) => {
      out.push(`${inner}${JSON.stringify(k)}: `);
      write(v, inner, out);
      out.push(i < entries.length - 1 ? ',\n' : '\n');
    });
    out.push(`${indent}}`);
  }
}

/** 2-space JSON text of an ordered value, with a trailing newline. */
export function stringifyOrdered(value: JsonValue): string {
  const out: string[] = [];
  write(value, '', out);
  out.push('\n');
  return out.join('');
}
