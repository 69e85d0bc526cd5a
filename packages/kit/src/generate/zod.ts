import { codelistConst } from './checker.js';
import { camel, pascal, refName, type SchemaNode, type StandardDoc, versionTag } from './model.js';

/**
 * Emits a zod 4 schema of one standard version, built from the GDS nodes of `@gds/schema`
 * (`_internal/zod-refine.ts`): each node reports what the compiled checker reports at that node, as zod
 * `custom` issues carrying `params.gdsCode` and the GDS params at the GDS path, with GDS's message in the
 * locale zod is configured to; errors only (warnings never fail a parse). The rules JSON Schema cannot
 * express run the same rule functions as the compiled checker.
 */
export function emitZod(
  doc: StandardDoc,
  importBase: string,
  codelistImport: (id: string) => string = (id) => `../../codelists/${id}.js`,
): { code: string; exportName: string } {
  const e = new ZodEmitter();
  const entity = doc['x-gds-standard'].entity;
  const tag = versionTag(doc['x-gds-standard'].version);
  const defs = topoDefs(doc);
  const lines: string[] = [];
  for (const name of defs) {
    lines.push(`const ${defConst(name)} = ${e.node(doc.$defs![name]!)};`);
  }
  const exportName = `${camel(entity)}Zod_${tag}`;
  lines.push('');
  lines.push(`/** zod schema of ${doc.$id}. */`);
  lines.push(`export const ${exportName} = ${e.node(doc)};`);
  const imports = [
    `import { ${[...e.helpers].sort().join(', ')} } from '${importBase}/_internal/zod-refine.js';`,
    ...[...e.codelists].sort().map((id) => `import { ${codelistConst(id)} } from '${codelistImport(id)}';`),
  ];
  return { code: `${imports.join('\n')}\n\n${lines.join('\n')}\n`, exportName };
}

function defConst(name: string): string {
  return `${pascal(name)}Def`;
}

/** $defs in an order where each comes after the defs it references (the profile forbids cycles). */
function topoDefs(doc: StandardDoc): string[] {
  const defs = doc.$defs ?? {};
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const ref of refsOf(defs[name]!)) visit(ref);
    order.push(name);
  };
  for (const name of Object.keys(defs)) visit(name);
  return order;
}

function refsOf(node: SchemaNode): string[] {
  const out: string[] = [];
  const walk = (n: SchemaNode) => {
    if (n.$ref) out.push(refName(n.$ref));
    for (const c of Object.values(n.properties ?? {})) walk(c);
    if (n.items) walk(n.items);
  };
  walk(node);
  return out;
}

/** `{ a: 1, b: 'x' }` of the defined entries, or '' when there are none. */
function options(entries: Record<string, string | undefined>): string {
  const set = Object.entries(entries).filter(([, v]) => v !== undefined);
  return set.length ? `{ ${set.map(([k, v]) => `${k}: ${v}`).join(', ')} }` : '';
}

const json = (v: unknown): string | undefined => (v === undefined ? undefined : JSON.stringify(v));

class ZodEmitter {
  codelists = new Set<string>();
  helpers = new Set<string>();

  private call(helper: string, ...args: string[]): string {
    this.helpers.add(helper);
    return `${helper}(${args.filter(Boolean).join(', ')})`;
  }

  node(node: SchemaNode): string {
    if (node.$ref) return defConst(refName(node.$ref));
    if (node.enum) {
      return this.call('gdsEnum', `${JSON.stringify(node.enum)} as const`, json(node.type) ?? '');
    }
    if (node.const !== undefined)
      return this.call('gdsConst', JSON.stringify(node.const), json(node.type) ?? '');
    switch (node.type) {
      case 'string':
        return this.call('gdsString', this.stringRules(node));
      case 'integer':
      case 'number':
        return this.call(
          'gdsNumber',
          JSON.stringify(node.type),
          options({
            minimum: json(node.minimum),
            maximum: json(node.maximum),
            exclusiveMinimum: json(node.exclusiveMinimum),
            exclusiveMaximum: json(node.exclusiveMaximum),
          }),
        );
      case 'boolean':
        return this.call('gdsBoolean');
      case 'array':
        return this.call(
          'gdsArray',
          this.node(node.items ?? {}),
          options({
            minItems: json(node.minItems),
            maxItems: json(node.maxItems),
            uniqueItems: node.uniqueItems ? 'true' : undefined,
          }),
        );
      case 'object': {
        const required = new Set(node.required ?? []);
        const fields = Object.entries(node.properties ?? {}).map(([name, child]) => {
          const inner = this.node(child);
          return `${JSON.stringify(name)}: ${required.has(name) ? inner : `${inner}.optional()`}`;
        });
        const shape = `{\n${fields.map((f) => `  ${f.replace(/\n/g, '\n  ')},`).join('\n')}\n}`;
        const rules = (node['x-gds-rules'] ?? []).map(({ rule, ...binding }) =>
          JSON.stringify([rule, binding]),
        );
        return this.call(
          'gdsObject',
          shape,
          options({
            required: required.size ? JSON.stringify([...required]) : undefined,
            closed: node.additionalProperties === false ? 'true' : undefined,
            rules: rules.length ? `[${rules.join(', ')}]` : undefined,
          }),
        );
      }
      default:
        return this.call('gdsUnknown');
    }
  }

  private stringRules(node: SchemaNode): string {
    const list = node['x-gds-codelist'];
    if (list?.closed) this.codelists.add(list.list);
    return options({
      minLength: node.minLength ? json(node.minLength) : undefined,
      maxLength: json(node.maxLength),
      pattern: json(node.pattern),
      format: json(node.format),
      codelist: list?.closed
        ? `{ list: ${JSON.stringify(list.list)}, table: ${codelistConst(list.list)} }`
        : undefined,
      identifier: json(node['x-gds-identifier']),
    });
  }
}
