import { refName, type SchemaNode, type StandardDoc } from './model.js';
import { emitPatternFunction } from './pattern.js';

/**
 * Emits the compiled checker of one standard version: plain TypeScript that walks a value once and
 * reports every issue with its path. No closures or schema interpretation at run time; regexes, code
 * list tables and issue sites (a code with its fixed params and messages) are hoisted to module constants.
 * Nothing is done for paths on the happy path: each function reports paths relative to the value it
 * checks, and a caller puts its steps in front (`ctx.under`) only when the callee reported something.
 */
export function emitChecker(
  doc: StandardDoc,
  importBase: string,
  codelistImport: (id: string) => string = (id) => `../../codelists/${id}.js`,
): string {
  const e = new Emitter();
  const defs = Object.entries(doc.$defs ?? {});
  const bodies: string[] = [];
  for (const [name, node] of defs) {
    const lines: string[] = [];
    e.node(node, 'v', [], lines, '  ');
    bodies.push(`function check_${name}(v: unknown, ctx: CheckContext): void {\n${lines.join('\n')}\n}`);
  }
  // The exported entry keeps the public `Checker` signature: the path prefix `p` goes in front last.
  const root: string[] = ['  const from = ctx.issues.length;'];
  e.node(doc, 'v', [], root, '  ');
  root.push('  if (p.length && ctx.issues.length !== from) ctx.under(from, p);');
  const usesRuntime = (name: string) =>
    bodies.some((b) => b.includes(`${name}(`)) || root.some((l) => l.includes(`${name}(`));
  const runtime = ['typeName', 'codePointLength', 'firstDuplicate'].filter(usesRuntime);
  const formats = ['isDate', 'isDateTime', 'isEmail', 'isUri'].filter(usesRuntime);
  const imports = [
    `import type { CheckContext } from '${importBase}/_internal/context.js';`,
    formats.length ? `import { ${formats.join(', ')} } from '${importBase}/_internal/formats.js';` : '',
    runtime.length ? `import { ${runtime.join(', ')} } from '${importBase}/_internal/runtime.js';` : '',
    `import { type IssuePath, issueSite } from '${importBase}/issue.js';`,
    e.usesIdentifiers ? `import { IDENTIFIER_RULES } from '${importBase}/rules/identifier-rules.js';` : '',
    e.usesObjectRules ? `import { OBJECT_RULES } from '${importBase}/rules/object-rules.js';` : '',
    e.usesShortcuts ? `import { RULE_SHORTCUTS } from '${importBase}/rules/shortcuts.js';` : '',
    ...[...e.codelists].sort().map((id) => `import { ${codelistConst(id)} } from '${codelistImport(id)}';`),
  ].filter(Boolean);
  return [
    imports.join('\n'),
    '',
    e.constants.join('\n'),
    '',
    ...bodies.map((b) => `${b}\n`),
    `/** Checks a value against ${doc.$id}, reporting every issue into \`ctx\`. */`,
    `export function check(v: unknown, p: IssuePath, ctx: CheckContext): void {\n${root.join('\n')}\n}`,
    '',
  ].join('\n');
}

/**
 * The rules with a shortcut in `@gds/schema` (`RULE_SHORTCUTS`), and the parameters it takes, in order,
 * with the binding a parameter defaults to when the standard leaves it out.
 */
const SHORTCUTS: Readonly<Record<string, readonly (readonly [string, string?])[]>> = {
  'identity-document': [
    ['type', 'type'],
    ['number', 'number'],
  ],
  'id-card-consistency': [['document'], ['birthDate'], ['sex']],
};

/**
 * The keywords that apply to values of one JSON type only, by the type they apply to (`integer` and
 * `number` share theirs). A node without `type` checks each family only on values of that type.
 */
export const TYPE_KEYWORDS = {
  string: ['minLength', 'maxLength', 'pattern', 'format', 'x-gds-codelist', 'x-gds-identifier'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
  array: ['items', 'minItems', 'maxItems', 'uniqueItems'],
  object: ['properties', 'required', 'additionalProperties', 'x-gds-rules'],
} as const satisfies Record<string, readonly (keyof SchemaNode)[]>;

/**
 * Names that a plain object inherits from `Object.prototype`: reading one from a record that lacks it
 * yields the inherited member (a function, or the prototype for `__proto__`), so presence is tested
 * on own properties for these names. Other names keep the plain read, which is what the hot path costs.
 */
const INHERITED = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** The code reading property `name` of object `o`: own properties only, `undefined` when absent. */
function readOwn(o: string, name: string): string {
  const key = JSON.stringify(name);
  return INHERITED.has(name) ? `Object.hasOwn(${o}, ${key}) ? ${o}[${key}] : undefined` : `${o}[${key}]`;
}

/** The code of an issue path relative to the function's value: a fresh array of `steps`. */
function at(steps: readonly string[]): string {
  return `[${steps.join(', ')}]`;
}

export function codelistConst(id: string): string {
  return `CODELIST_${id.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;
}

class Emitter {
  constants: string[] = [];
  codelists = new Set<string>();
  usesIdentifiers = false;
  usesObjectRules = false;
  usesShortcuts = false;
  private counter = 0;
  private regexes = new Map<string, string>();
  private sites = new Map<string, string>();

  private id(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  /**
   * The statement reporting `code` at path `p`. Each (code, fixed params) pair becomes one module
   * constant, an `IssueSite`, which resolves the code's severity and message templates once and, when
   * the params are fixed (a limit, a pattern, a property name), its messages too; `params` are code
   * evaluated at run time.
   */
  private report(code: string, p: string, params: { fixed: unknown } | { runtime: string }): string {
    const fixed = 'fixed' in params ? JSON.stringify(params.fixed) : undefined;
    const key = `${code}\u0000${fixed ?? ''}`;
    let site = this.sites.get(key);
    if (!site) {
      site = `ISSUE_${this.sites.size}`;
      this.sites.set(key, site);
      this.constants.push(
        `const ${site} = /* @__PURE__ */ issueSite(${JSON.stringify(code)}${fixed ? `, ${fixed}` : ''});`,
      );
    }
    return 'runtime' in params
      ? `ctx.report(${site}, ${p}, ${params.runtime});`
      : `ctx.report(${site}, ${p});`;
  }

  /** The code testing a string against a pattern: a character scan when it is simple, else a RegExp. */
  private pattern(pattern: string, v: string): string {
    let name = this.regexes.get(pattern);
    if (!name) {
      const scan = emitPatternFunction(`MATCH_${this.regexes.size}`, pattern);
      name = scan ? `MATCH_${this.regexes.size}` : `RE_${this.regexes.size}.test`;
      this.regexes.set(pattern, name);
      this.constants.push(
        scan ?? `const RE_${this.regexes.size - 1} = new RegExp(${JSON.stringify(pattern)}, 'u');`,
      );
    }
    return `${name}(${v})`;
  }

  /**
   * Emits checks of `node` for the value in variable `v`, whose path (relative to the function's) is the steps
   * `steps` (code expressions: quoted property names, loop indices).
   */
  node(node: SchemaNode, v: string, steps: readonly string[], out: string[], ind: string): void {
    // In 2020-12 the keywords beside a `$ref` apply too. The profile allows only annotations there,
    // but a checker compiled from a document that was not linted still checks them.
    if (node.$ref) this.call(steps, `check_${refName(node.$ref)}(${v}, ctx);`, out, ind);
    const p = at(steps);
    const typeCheck = this.typeTest(node.type, v);
    if (typeCheck) {
      out.push(`${ind}if (${typeCheck}) {`);
      out.push(
        `${ind}  ${this.report('type', p, { runtime: `{ expected: '${node.type}', received: typeName(${v}) }` })}`,
      );
      const body: string[] = [];
      this.keywords(node, v, steps, body, `${ind}  `);
      if (body.length) {
        out.push(`${ind}} else {`);
        out.push(...body);
      }
      out.push(`${ind}}`);
    } else {
      this.keywords(node, v, steps, out, ind);
    }
  }

  /** Emits a call for the value at `steps`, whose issues get the steps in front of their paths. */
  private call(steps: readonly string[], call: string, out: string[], ind: string): void {
    if (!steps.length) {
      out.push(`${ind}${call}`);
      return;
    }
    const from = this.id('from');
    out.push(`${ind}const ${from} = ctx.issues.length;`);
    out.push(`${ind}${call}`);
    out.push(`${ind}if (ctx.issues.length !== ${from}) ctx.under(${from}, ${at(steps)});`);
  }

  private typeTest(type: SchemaNode['type'], v: string): string | null {
    switch (type) {
      case 'object':
        return `typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})`;
      case 'array':
        return `!Array.isArray(${v})`;
      case 'string':
        return `typeof ${v} !== 'string'`;
      case 'integer':
        return `typeof ${v} !== 'number' || !Number.isInteger(${v})`;
      case 'number':
        return `typeof ${v} !== 'number' || !Number.isFinite(${v})`;
      case 'boolean':
        return `typeof ${v} !== 'boolean'`;
      default:
        return null;
    }
  }

  private keywords(node: SchemaNode, v: string, steps: readonly string[], out: string[], ind: string): void {
    const p = at(steps);
    if (node.enum) {
      const tests = node.enum.map((x) => `${v} !== ${JSON.stringify(x)}`).join(' && ');
      out.push(`${ind}if (${tests}) ${this.report('enum', p, { fixed: { allowed: node.enum } })}`);
    }
    if (node.const !== undefined) {
      out.push(
        `${ind}if (${v} !== ${JSON.stringify(node.const)}) ${this.report('const', p, { fixed: { expected: node.const } })}`,
      );
    }
    switch (node.type) {
      case 'string':
        this.string(node, v, steps, out, ind);
        break;
      case 'integer':
      case 'number':
        this.number(node, v, p, out, ind);
        break;
      case 'array':
        this.array(node, v, steps, out, ind);
        break;
      case 'object':
        this.object(node, v, steps, out, ind);
        break;
      default:
        // No `type`: as JSON Schema says, each keyword applies when the value has the type it is
        // about (`minLength` to strings only), and other values pass it.
        this.guarded(node, v, steps, out, ind);
        break;
    }
  }

  /** The type-specific keywords of a node without `type`, each family under a test of its type. */
  private guarded(node: SchemaNode, v: string, steps: readonly string[], out: string[], ind: string): void {
    const families: [keyof typeof TYPE_KEYWORDS, string, (body: string[]) => void][] = [
      ['string', `typeof ${v} === 'string'`, (b) => this.string(node, v, steps, b, `${ind}  `)],
      ['number', `typeof ${v} === 'number'`, (b) => this.number(node, v, at(steps), b, `${ind}  `)],
      ['array', `Array.isArray(${v})`, (b) => this.array(node, v, steps, b, `${ind}  `)],
      [
        'object',
        `typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v})`,
        (b) => this.object(node, v, steps, b, `${ind}  `),
      ],
    ];
    for (const [family, test, emit] of families) {
      if (!TYPE_KEYWORDS[family].some((k) => node[k] !== undefined)) continue;
      const body: string[] = [];
      emit(body);
      if (body.length) out.push(`${ind}if (${test}) {`, ...body, `${ind}}`);
    }
  }

  private string(node: SchemaNode, v: string, steps: readonly string[], out: string[], ind: string): void {
    const p = at(steps);
    if (node.minLength !== undefined && node.minLength > 0) {
      // UTF-16 length is an upper bound of the code point count: count only when it could matter.
      out.push(
        `${ind}if (${v}.length < ${node.minLength} || (${v}.length < ${node.minLength * 2} && codePointLength(${v}) < ${node.minLength})) ${this.report('min_length', p, { fixed: { limit: node.minLength } })}`,
      );
    }
    if (node.maxLength !== undefined) {
      out.push(
        `${ind}if (${v}.length > ${node.maxLength} && codePointLength(${v}) > ${node.maxLength}) ${this.report('max_length', p, { fixed: { limit: node.maxLength } })}`,
      );
    }
    if (node.pattern !== undefined) {
      out.push(
        `${ind}if (!${this.pattern(node.pattern, v)}) ${this.report('pattern', p, { fixed: { pattern: node.pattern } })}`,
      );
    }
    if (node.format !== undefined) {
      const fn = { date: 'isDate', 'date-time': 'isDateTime', email: 'isEmail', uri: 'isUri' }[node.format];
      out.push(`${ind}if (!${fn}(${v})) ${this.report('format', p, { fixed: { format: node.format } })}`);
    }
    const list = node['x-gds-codelist'];
    if (list) {
      this.codelists.add(list.list);
      const d = this.id('d');
      const unknown = list.closed ? 'codelist.unknown_code' : 'codelist.unlisted_code';
      out.push(`${ind}const ${d} = ${codelistConst(list.list)}.get(${v});`);
      out.push(
        `${ind}if (${d} === undefined) ${this.report(unknown, p, { runtime: `{ code: ${v}, list: '${list.list}' }` })}`,
      );
      out.push(
        `${ind}else if (${d}) ${this.report('codelist.deprecated_code', p, { runtime: `{ code: ${v}, list: '${list.list}' }` })}`,
      );
    }
    const identifier = node['x-gds-identifier'];
    if (identifier) {
      this.usesIdentifiers = true;
      this.call(steps, `IDENTIFIER_RULES[${JSON.stringify(identifier)}](${v}, ctx);`, out, ind);
    }
  }

  private number(node: SchemaNode, v: string, p: string, out: string[], ind: string): void {
    const bounds: [keyof SchemaNode, string, string][] = [
      ['minimum', '<', 'minimum'],
      ['maximum', '>', 'maximum'],
      ['exclusiveMinimum', '<=', 'exclusive_minimum'],
      ['exclusiveMaximum', '>=', 'exclusive_maximum'],
    ];
    for (const [key, op, code] of bounds) {
      const limit = node[key];
      if (typeof limit === 'number')
        out.push(`${ind}if (${v} ${op} ${limit}) ${this.report(code, p, { fixed: { limit } })}`);
    }
  }

  private array(node: SchemaNode, v: string, steps: readonly string[], out: string[], ind: string): void {
    const p = at(steps);
    if (node.minItems !== undefined && node.minItems > 0) {
      out.push(
        `${ind}if (${v}.length < ${node.minItems}) ${this.report('min_items', p, { fixed: { limit: node.minItems } })}`,
      );
    }
    if (node.maxItems !== undefined) {
      out.push(
        `${ind}if (${v}.length > ${node.maxItems}) ${this.report('max_items', p, { fixed: { limit: node.maxItems } })}`,
      );
    }
    if (node.uniqueItems) {
      const dup = this.id('dup');
      out.push(`${ind}const ${dup} = firstDuplicate(${v});`);
      out.push(
        `${ind}if (${dup}) ${this.report('unique_items', p, { runtime: `{ first: ${dup}[0], second: ${dup}[1] }` })}`,
      );
    }
    if (node.items) {
      const i = this.id('i');
      const item = this.id('e');
      const body: string[] = [];
      this.node(node.items, item, [...steps, i], body, `${ind}  `);
      if (body.length) {
        out.push(`${ind}for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`);
        out.push(`${ind}  const ${item}: unknown = ${v}[${i}];`);
        out.push(...body);
        out.push(`${ind}}`);
      }
    }
  }

  private object(node: SchemaNode, v: string, steps: readonly string[], out: string[], ind: string): void {
    const p = at(steps);
    const o = this.id('o');
    const props = Object.entries(node.properties ?? {});
    out.push(`${ind}const ${o} = ${v} as Record<string, unknown>;`);
    if (node.additionalProperties === false) {
      const k = this.id('k');
      out.push(`${ind}for (const ${k} in ${o}) {`);
      if (props.length) {
        out.push(`${ind}  switch (${k}) {`);
        for (const [name] of props) out.push(`${ind}    case ${JSON.stringify(name)}:`);
        out.push(`${ind}      break;`);
        out.push(`${ind}    default:`);
        out.push(`${ind}      ${this.report('additional_property', p, { runtime: `{ property: ${k} }` })}`);
        out.push(`${ind}  }`);
      } else {
        out.push(`${ind}  ${this.report('additional_property', p, { runtime: `{ property: ${k} }` })}`);
      }
      out.push(`${ind}}`);
    }
    const required = new Set(node.required ?? []);
    for (const [name, child] of props) {
      const cv = this.id('v');
      out.push(`${ind}const ${cv} = ${readOwn(o, name)};`);
      const body: string[] = [];
      const deprecated = child['x-gds-deprecated'];
      if (deprecated) {
        // Deprecation is data (x-gds-deprecated): a record still using the field gets a warning, never an error.
        const params = { property: name, since: deprecated.since, replacedBy: deprecated.replacedBy ?? '—' };
        body.push(
          `${ind}  ${this.report('field.deprecated', at([...steps, JSON.stringify(name)]), { fixed: params })}`,
        );
      }
      this.node(child, cv, [...steps, JSON.stringify(name)], body, `${ind}  `);
      if (required.has(name)) {
        out.push(
          `${ind}if (${cv} === undefined) ${this.report('required', p, { fixed: { property: name } })}`,
        );
        if (body.length) out.push(`${ind}else {`, ...body, `${ind}}`);
      } else if (body.length) {
        out.push(`${ind}if (${cv} !== undefined) {`, ...body, `${ind}}`);
      }
    }
    // A required name without a schema of its own (JSON Schema allows it; the profile does not).
    for (const name of required) {
      if (Object.hasOwn(node.properties ?? {}, name)) continue;
      out.push(
        `${ind}if ((${readOwn(o, name)}) === undefined) ${this.report('required', p, { fixed: { property: name } })}`,
      );
    }
    for (const rule of node['x-gds-rules'] ?? []) {
      this.usesObjectRules = true;
      const { rule: name, ...binding } = rule;
      const b = this.id('BINDING_');
      this.constants.push(`const ${b} = ${JSON.stringify(binding)} as const;`);
      const full = `OBJECT_RULES[${JSON.stringify(name)}](${o}, ${b}, ctx);`;
      const shortcut = SHORTCUTS[name];
      const args = shortcut?.map(([param, fallback]) => binding[param] ?? fallback);
      if (args?.every((a) => a === undefined || !a.includes('/'))) {
        // Plain property loads and a shortcut that proves the rule has nothing to report; the full
        // rule runs only when it cannot.
        this.usesShortcuts = true;
        const values = args.map((a) => (a === undefined ? 'undefined' : readOwn(o, a)));
        out.push(`${ind}if (!RULE_SHORTCUTS[${JSON.stringify(name)}](${values.join(', ')}, ctx)) {`);
        this.call(steps, full, out, `${ind}  `);
        out.push(`${ind}}`);
      } else this.call(steps, full, out, ind);
    }
  }
}
