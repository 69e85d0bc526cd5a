import { codelistConst } from './checker.js';
import { camel, pascal, refName, type SchemaNode, type StandardDoc, versionTag } from './model.js';

/**
 * Emits a zod 4 schema of one standard version. Structure maps onto zod's own checks; what JSON Schema
 * cannot say (code lists, identifier and cross-field rules) runs the same rule functions as the compiled
 * checker in a refinement, and only error-severity issues fail the parse (warnings never invalidate).
 * Lengths count code points, as JSON Schema does, so zod's UTF-16 `min`/`max` are not used for them.
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
    `import * as z from 'zod';`,
    `import { gdsRefine } from '${importBase}/_internal/zod-refine.js';`,
    e.formats.size
      ? `import { ${[...e.formats].sort().join(', ')} } from '${importBase}/_internal/formats.js';`
      : '',
    e.usesCodePoints
      ? `import { codePointLength, firstDuplicate } from '${importBase}/_internal/runtime.js';`
      : '',
    e.usesIdentifiers ? `import { IDENTIFIER_RULES } from '${importBase}/rules/identifier-rules.js';` : '',
    e.usesObjectRules ? `import { OBJECT_RULES } from '${importBase}/rules/object-rules.js';` : '',
    ...[...e.codelists].sort().map((id) => `import { ${codelistConst(id)} } from '${codelistImport(id)}';`),
  ].filter(Boolean);
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

class ZodEmitter {
  formats = new Set<string>();
  codelists = new Set<string>();
  usesCodePoints = false;
  usesIdentifiers = false;
  usesObjectRules = false;

  node(node: SchemaNode): string {
    if (node.$ref) return defConst(refName(node.$ref));
    let base: string;
    const checks: string[] = [];
    switch (node.type) {
      case 'string':
        base = 'z.string()';
        this.stringChecks(node, checks);
        break;
      case 'integer':
        base = 'z.number()';
        checks.push(`.refine((n) => Number.isInteger(n), { message: 'expected integer' })`);
        this.numberChecks(node, checks);
        break;
      case 'number':
        base = 'z.number()';
        this.numberChecks(node, checks);
        break;
      case 'boolean':
        base = 'z.boolean()';
        break;
      case 'array': {
        base = `z.array(${this.node(node.items ?? {})})`;
        if (node.minItems !== undefined) checks.push(`.min(${node.minItems})`);
        if (node.maxItems !== undefined) checks.push(`.max(${node.maxItems})`);
        if (node.uniqueItems) {
          this.usesCodePoints = true;
          checks.push(`.refine((a) => firstDuplicate(a) === undefined, { message: 'duplicate items' })`);
        }
        break;
      }
      case 'object': {
        const required = new Set(node.required ?? []);
        const fields = Object.entries(node.properties ?? {}).map(([name, child]) => {
          const inner = this.node(child);
          return `${JSON.stringify(name)}: ${required.has(name) ? inner : `${inner}.optional()`}`;
        });
        base = `z.strictObject({\n${fields.map((f) => `  ${f.replace(/\n/g, '\n  ')},`).join('\n')}\n})`;
        for (const rule of node['x-gds-rules'] ?? []) {
          this.usesObjectRules = true;
          const { rule: name, ...binding } = rule;
          checks.push(
            `.superRefine(gdsRefine((o, ctx) => OBJECT_RULES[${JSON.stringify(name)}](o as Record<string, unknown>, ${JSON.stringify(binding)}, ctx)))`,
          );
        }
        break;
      }
      default:
        base = 'z.unknown()';
    }
    if (node.enum) {
      const literals = node.enum.map((x) => `z.literal(${JSON.stringify(x)})`);
      return literals.length === 1 ? literals[0]! : `z.union([${literals.join(', ')}])`;
    }
    if (node.const !== undefined) return `z.literal(${JSON.stringify(node.const)})`;
    return base + checks.join('');
  }

  private stringChecks(node: SchemaNode, checks: string[]): void {
    if (node.minLength !== undefined && node.minLength > 0) {
      this.usesCodePoints = true;
      checks.push(`.refine((s) => codePointLength(s) >= ${node.minLength}, { message: 'too short' })`);
    }
    if (node.maxLength !== undefined) {
      this.usesCodePoints = true;
      checks.push(`.refine((s) => codePointLength(s) <= ${node.maxLength}, { message: 'too long' })`);
    }
    if (node.pattern !== undefined) checks.push(`.regex(new RegExp(${JSON.stringify(node.pattern)}, 'u'))`);
    if (node.format !== undefined) {
      const fn = { date: 'isDate', 'date-time': 'isDateTime', email: 'isEmail', uri: 'isUri' }[node.format];
      this.formats.add(fn);
      checks.push(`.refine(${fn}, { message: 'invalid ${node.format}' })`);
    }
    const list = node['x-gds-codelist'];
    if (list?.closed) {
      this.codelists.add(list.list);
      checks.push(
        `.refine((s) => ${codelistConst(list.list)}.has(s), { message: 'code not in list ${list.list}' })`,
      );
    }
    const identifier = node['x-gds-identifier'];
    if (identifier) {
      this.usesIdentifiers = true;
      checks.push(
        `.superRefine(gdsRefine((s, ctx) => IDENTIFIER_RULES[${JSON.stringify(identifier)}](s as string, ctx)))`,
      );
    }
  }

  private numberChecks(node: SchemaNode, checks: string[]): void {
    if (node.minimum !== undefined) checks.push(`.gte(${node.minimum})`);
    if (node.maximum !== undefined) checks.push(`.lte(${node.maximum})`);
    if (node.exclusiveMinimum !== undefined) checks.push(`.gt(${node.exclusiveMinimum})`);
    if (node.exclusiveMaximum !== undefined) checks.push(`.lt(${node.exclusiveMaximum})`);
  }
}
