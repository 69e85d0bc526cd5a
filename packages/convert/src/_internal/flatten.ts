import type { SourceValue } from '../record.js';

/** Flattens a JSON value into dotted paths (`a.b`, `list.0.x`), keeping scalar types. */
export function flatten(value: unknown, prefix: string, columns: string[], values: SourceValue[]): void {
  if (value === null || typeof value !== 'object') {
    columns.push(prefix);
    values.push(value === undefined ? null : (value as SourceValue));
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) {
    columns.push(prefix);
    values.push(null);
    return;
  }
  for (const [k, v] of entries) flatten(v, prefix === '' ? k : `${prefix}.${k}`, columns, values);
}

/** Follows a dotted path (`data.items`) into a parsed JSON document. */
export function atPath(doc: unknown, path: string | undefined): unknown {
  if (!path) return doc;
  let cur: unknown = doc;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
