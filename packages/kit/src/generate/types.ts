import { compile } from 'json-schema-to-typescript';
import { pascal, refName, type SchemaNode, type StandardDoc, versionTag } from './model.js';

/**
 * Emits TypeScript types with json-schema-to-typescript: one named interface per `$def` and one for the
 * entity, with the bilingual titles and descriptions as TSDoc. Property titles are folded into the
 * descriptions first, because the tool turns every titled schema into a named type. A closed code list
 * becomes the union of its codes.
 *
 * Every interface is named after the schema and the version (`Person_1_1_0`, `Contact_1_1_0`): one entry
 * point bundles all versions of a standard, and names that repeat across versions would be renamed by the
 * declaration bundler (`Person$2`, `Contact$1`) in what editors and compiler errors show. A `$ref` is
 * written as the name of its interface, so a property's own description never makes the tool copy the
 * referenced type under a numbered name (`IdentityDocument1`). Array length limits stay runtime checks:
 * a `maxItems` typed as a union of tuples would make `push` take `never`.
 */
export async function emitTypes(
  doc: StandardDoc,
  codes: (list: string) => readonly string[] = () => [],
): Promise<{ code: string; rootName: string }> {
  const tag = `_${versionTag(doc['x-gds-standard'].version)}`;
  const rootName = `${pascal(doc['x-gds-standard'].entity)}${tag}`;
  const prepared = prepare(doc, codes) as Parameters<typeof compile>[0];
  const code = await compile(prepared, pascal(doc['x-gds-standard'].entity) + VERSION_MARK, {
    bannerComment: '',
    additionalProperties: false,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    unreachableDefinitions: true,
    ignoreMinAndMaxItems: true,
    format: false,
    style: { singleQuote: true },
  });
  // The tool rewrites `_next` in a name as `Next`: names are built with a marker it keeps, then given
  // their version.
  return { code: code.replaceAll(VERSION_MARK, tag), rootName };
}

/** Stands for the version in type names while the tool runs (letters only, so kept as is). */
const VERSION_MARK = 'GdsVersionTagMark';

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

function prepare(root: StandardDoc, codes: (list: string) => readonly string[]): unknown {
  const suffix = VERSION_MARK;
  const rootName = pascal(root['x-gds-standard'].entity) + VERSION_MARK;
  const strip = (node: SchemaNode, name?: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (node.$ref) {
      out.tsType = `${pascal(refName(node.$ref))}${suffix}`;
      const text = doc(node);
      if (text) out.description = text;
      return out;
    }
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
          Object.entries(v as Record<string, SchemaNode>).map(([dk, dv]) => [
            dk,
            strip(dv, `${pascal(dk)}${suffix}`),
          ]),
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
