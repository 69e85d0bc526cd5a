import { resolve, type SchemaNode, type StandardDoc } from './model.js';

/** Field metadata as `@gds/schema` publishes it (`FieldMeta`); kept structural so kit stays independent. */
export interface FieldRecord {
  path: string;
  type: string;
  required: boolean;
  title: { zh: string; en: string };
  description: { zh: string | null; en: string | null };
  dataClass: string;
  sensitivity: string;
  sharing: string;
  source: string;
  since: string;
  masking: string;
  codelist: { list: string; closed: boolean } | null;
  identifier: string | null;
  deprecated: { since: string; replacedBy?: string; description?: string } | null;
}

/**
 * Every field of a standard, depth first in schema order, with `$ref`s expanded in place. Array items
 * appear as `*` in paths (`/contacts/*\/value`).
 *
 * @example
 * ```ts
 * import { collectFields } from '@gds/kit';
 * collectFields(schema).map((f) => f.path); // ['/id', '/identity', '/identity/type', …]
 * ```
 */
export function collectFields(doc: StandardDoc): FieldRecord[] {
  const out: FieldRecord[] = [];
  const walk = (node: SchemaNode, prefix: string) => {
    const target = resolve(doc, node);
    const required = new Set(target.required ?? []);
    for (const [name, child] of Object.entries(target.properties ?? {})) {
      const path = `${prefix}/${name}`;
      const resolved = resolve(doc, child);
      out.push({
        path,
        type: resolved.type ?? 'any',
        required: required.has(name),
        title: { zh: child.title ?? name, en: child['x-gds-en']?.title ?? name },
        description: { zh: child.description ?? null, en: child['x-gds-en']?.description ?? null },
        dataClass: child['x-gds-data-class'] ?? '',
        sensitivity: child['x-gds-sensitivity'] ?? '',
        sharing: child['x-gds-sharing'] ?? '',
        source: child['x-gds-source'] ?? '',
        since: child['x-gds-since'] ?? '',
        masking: child['x-gds-masking'] ?? 'none',
        codelist: resolved['x-gds-codelist'] ?? null,
        identifier: resolved['x-gds-identifier'] ?? null,
        deprecated: child['x-gds-deprecated'] ?? null,
      });
      if (resolved.type === 'object') walk(resolved, path);
      if (resolved.type === 'array' && resolved.items) {
        const item = resolve(doc, resolved.items);
        if (item.type === 'object') walk(item, `${path}/*`);
      }
    }
  };
  walk(doc, '');
  return out;
}
