import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareVersions } from '@gds/standards/fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { TYPE_KEYWORDS } from './checker.js';
import { refName, type SchemaNode, type StandardDoc } from './model.js';

/** One way a standard breaks the GDS profile, with where (a JSON Pointer into the schema). */
export interface ProfileProblem {
  pointer: string;
  message: string;
}

export interface LintContext {
  /** Ids of the code lists that exist. */
  codelists: ReadonlySet<string>;
  /** Codes of the `department` code list. */
  departments: ReadonlySet<string>;
  /** Folder names the file was found under, which `$id` must agree with. */
  entity: string;
  version: string;
}

let compiled: ((doc: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string; params: unknown }[] | null;
};

/**
 * Checks a standard against the GDS profile: the meta-schema (`standards/profile/gds-profile.schema.json`)
 * and what a meta-schema cannot say (references resolve without cycles, code lists and departments exist,
 * `$id` matches the folder, `since` is not later than the version, rule bindings name real fields).
 *
 * @example
 * ```ts
 * import { lintStandard } from '@gds/kit';
 * lintStandard(schema, { standardsRoot, codelists, departments, entity: 'person', version: 'next' }); // []
 * ```
 */
export function lintStandard(doc: unknown, ctx: LintContext & { standardsRoot: string }): ProfileProblem[] {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const meta = JSON.parse(
      readFileSync(join(ctx.standardsRoot, 'profile', 'gds-profile.schema.json'), 'utf8'),
    );
    compiled = ajv.compile(meta) as typeof compiled;
  }
  if (!compiled(doc)) {
    return (compiled.errors ?? []).map((e) => ({
      pointer: e.instancePath || '/',
      message: `${e.message} ${JSON.stringify(e.params)}`,
    }));
  }
  return semantic(doc as StandardDoc, ctx);
}

function semantic(doc: StandardDoc, ctx: LintContext): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const add = (pointer: string, message: string) => problems.push({ pointer, message });
  const expectedId = `urn:gds:schema:${ctx.entity}:${ctx.version}`;
  if (doc.$id !== expectedId) add('/$id', `must be ${expectedId} (the folder it is in)`);
  const std = doc['x-gds-standard'];
  if (std.entity !== ctx.entity || std.version !== ctx.version) {
    add('/x-gds-standard', `must say entity ${ctx.entity}, version ${ctx.version}`);
  }
  const defs = doc.$defs ?? {};
  const walk = (node: SchemaNode, pointer: string) => {
    if (node.$ref && !Object.hasOwn(defs, refName(node.$ref)))
      add(pointer, `$ref ${node.$ref} does not resolve`);
    if (pointer !== '') {
      // Below the root these would change what a generic validator resolves `#/$defs/...` against
      // (a nested $id is a new base URI) or be definitions no reference can reach.
      for (const k of ['$schema', '$id', 'x-gds-standard', '$defs'] as const)
        if ((node as Record<string, unknown>)[k] !== undefined)
          add(pointer, `${k} belongs at the document level only`);
    }
    dead(node, pointer, add);
    if (node.$ref) {
      const structural = Object.keys(node).filter(
        (k) =>
          !k.startsWith('x-gds') &&
          !['$ref', 'title', 'description', '$comment', 'deprecated', 'examples'].includes(k),
      );
      if (structural.length) add(pointer, `a $ref may carry only annotations, not ${structural.join(', ')}`);
    }
    const list = node['x-gds-codelist'];
    if (list && !ctx.codelists.has(list.list))
      add(pointer, `code list ${list.list} does not exist (codelists/${list.list}.csv)`);
    const source = node['x-gds-source'];
    if (source && !ctx.departments.has(source))
      add(pointer, `department ${source} is not in code list department`);
    const since = node['x-gds-since'];
    if (since === 'next' && ctx.version !== 'next')
      add(pointer, `since next in a released version (the release writes ${ctx.version})`);
    else if (since && since !== 'next' && ctx.version !== 'next' && compareVersions(since, ctx.version) > 0)
      add(pointer, `since ${since} is later than ${ctx.version}`);
    if (node.pattern) {
      try {
        new RegExp(node.pattern, 'u');
      } catch (error) {
        add(pointer, `pattern does not compile: ${(error as Error).message}`);
      }
      if (/\(\?<[=!]/.test(node.pattern))
        add(pointer, 'lookbehind is outside the profile (Java and Python read patterns too)');
    }
    for (const req of node.required ?? []) {
      if (!Object.hasOwn(node.properties ?? {}, req))
        add(pointer, `required names ${req}, which is not a property`);
    }
    for (const [i, rule] of (node['x-gds-rules'] ?? []).entries()) {
      for (const [key, value] of Object.entries(rule)) {
        if (key === 'rule') continue;
        const first = value.split('/')[0]!;
        if (!Object.hasOwn(node.properties ?? {}, first))
          add(`${pointer}/x-gds-rules/${i}`, `binding ${key} names ${value}, not a property here`);
      }
    }
    for (const [name, child] of Object.entries(node.properties ?? {}))
      walk(child, `${pointer}/properties/${name}`);
    if (node.items) walk(node.items, `${pointer}/items`);
  };
  walk(doc, '');
  for (const [name, def] of Object.entries(defs)) walk(def, `/$defs/${name}`);
  // Reference cycles would make the checker recurse without end: the profile forbids them.
  const visiting = new Set<string>();
  const done = new Set<string>();
  const refs = (node: SchemaNode, out: string[] = []): string[] => {
    if (node.$ref) out.push(refName(node.$ref));
    for (const c of Object.values(node.properties ?? {})) refs(c, out);
    if (node.items) refs(node.items, out);
    return out;
  };
  const visit = (name: string): void => {
    if (done.has(name) || !defs[name]) return;
    if (visiting.has(name)) {
      add(`/$defs/${name}`, 'reference cycle');
      return;
    }
    visiting.add(name);
    for (const r of refs(defs[name])) visit(r);
    visiting.delete(name);
    done.add(name);
  };
  for (const name of Object.keys(defs)) visit(name);
  return problems;
}

const FAMILY: Record<NonNullable<SchemaNode['type']>, keyof typeof TYPE_KEYWORDS | null> = {
  string: 'string',
  integer: 'number',
  number: 'number',
  array: 'array',
  object: 'object',
  boolean: null,
};

/**
 * Constraints that can never apply: a keyword about another type than the node's (JSON Schema applies
 * `minimum` to numbers only, so on a string it is silently nothing), and enum or const values of
 * another type (no value could match them).
 */
function dead(node: SchemaNode, pointer: string, add: (pointer: string, message: string) => void): void {
  const type = node.type;
  if (type === undefined) return;
  const own = FAMILY[type];
  for (const [family, keywords] of Object.entries(TYPE_KEYWORDS)) {
    if (family === own) continue;
    for (const k of keywords)
      if (node[k] !== undefined) add(pointer, `${k} applies to ${family} values only, never to type ${type}`);
  }
  const fits = (v: unknown) =>
    type === 'integer'
      ? Number.isInteger(v)
      : type === 'number'
        ? typeof v === 'number'
        : typeof v === type && (type === 'string' || type === 'boolean');
  for (const v of node.enum ?? [])
    if (!fits(v)) add(pointer, `enum value ${JSON.stringify(v)} is not a ${type}: no value can match it`);
  if (node.const !== undefined && !fits(node.const))
    add(pointer, `const ${JSON.stringify(node.const)} is not a ${type}: no value can match it`);
}
