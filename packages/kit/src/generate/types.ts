import { compile } from 'json-schema-to-typescript';
import { pascal, type SchemaNode, type StandardDoc } from './model.js';

/**
 * Emits TypeScript types with json-schema-to-typescript: one named interface per `$def` and one for the
 * entity, with the bilingual titles and descriptions as TSDoc. Property titles are folded into the
 * descriptions first, because the tool turns every titled schema into a named type. A closed code list
 * becomes the union of its codes.
 */
export async function emitTypes(
  doc: StandardDoc,
  codes: (list: string) => readonly string[] = () => [],
): Promise<{ code: string; rootName: string }> {
  const rootName = pascal(doc['x-gds-standard'].entity);
  const prepared = prepare(doc, rootName, codes) as Parameters<typeof compile>[0];
  const code = await compile(prepared, rootName, {
    bannerComment: '',
    additionalProperties: false,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    format: false,
    style: { singleQuote: true },
  });
  return { code, rootName };
}

function doc(node: SchemaNode): string | undefined {
  const parts = [node.title, node.description, node['x-gds-en']?.title, node['x-gds-en']?.description].filter(
    Boolean,
  );
  if (node['x-gds-deprecated'])
    parts.push(
      `@deprecated since ${node['x-gds-deprecated'].since}${node['x-gds-deprecated'].replacedBy ? `, use ${node['x-gds-deprecated'].replacedBy}` : ''}`,
    );
  return parts.length ? parts.join('\n\n') : undefined;
}

function prepare(root: StandardDoc, rootName: string, codes: (list: string) => readonly string[]): unknown {
  const strip = (node: SchemaNode, name?: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-gds') || k === 'title' || k === 'description' || k === '$schema' || k === '$id')
        continue;
      if (k === 'properties') {
        out[k] = Object.fromEntries(
          Object.entries(v as Record<string, SchemaNode>).map(([pk, pv]) => [pk, strip(pv)]),
        );
      } else if (k === 'items') {
        out[k] = strip(v as SchemaNode);
      } else if (k === '$defs') {
        out[k] = Object.fromEntries(
          Object.entries(v as Record<string, SchemaNode>).map(([dk, dv]) => [dk, strip(dv, pascal(dk))]),
        );
      } else out[k] = v;
    }
    // A closed code list types as the union of its codes, so editors complete them and typos fail to compile.
    const list = node['x-gds-codelist'];
    if (list?.closed) {
      const all = codes(list.list);
      if (all.length) out.tsType = all.map((c) => JSON.stringify(c).replace(/"/g, "'")).join(' | ');
    }
    if (name) out.title = name;
    const text = doc(node);
    if (text) out.description = text;
    return out;
  };
  return strip(root, rootName);
}
