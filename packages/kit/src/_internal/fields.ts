/**
 * Flattens a GDS schema into its fields, keyed by a path: `/name`, `/contacts/*` (array items),
 * `/contacts/* /phone` (without the space). Local `$ref`s (`#/$defs/<name>`) are resolved in place, so the
 * diff, the docs and the migrations all see the structure a validator sees.
 */

export type JsonSchema = Record<string, unknown>;

export interface FieldNode {
  /** `''` for the root, `/a/b` for properties, `*` for array items. */
  path: string;
  /** The node with its `$ref` resolved (the reference's siblings win over the definition). */
  node: JsonSchema;
  /** Whether the parent object lists this property in `required` (array items and the root: true). */
  required: boolean;
  /** Set when the node was reached through `$ref`: the definition's name. */
  ref?: string;
  /** Set when the `$ref` chain came back to a definition already being expanded; children are not walked. */
  recursive?: boolean;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function refName(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /^#\/\$defs\/(.+)$/.exec(ref);
  return m ? m[1] : undefined;
}

/** Resolves one level of `$ref` (repeatedly, for chains), returning the merged node and the definition name. */
export function resolveNode(root: JsonSchema, node: JsonSchema): { node: JsonSchema; ref?: string } {
  let current = node;
  let ref: string | undefined;
  const seen = new Set<string>();
  while (typeof current.$ref === 'string') {
    const name = refName(current.$ref);
    const defs = isObject(root.$defs) ? root.$defs : {};
    const def = name !== undefined ? defs[name] : undefined;
    if (name === undefined || !isObject(def) || seen.has(name)) break;
    seen.add(name);
    ref ??= name;
    const { $ref: _dropped, ...siblings } = current;
    current = { ...def, ...siblings };
  }
  return { node: current, ref };
}

export function escapeSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Splits a field path into its segments (`''` gives `[]`). */
export function pathSegments(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '' : path.slice(0, i);
}

export function lastSegment(path: string): string {
  const segments = pathSegments(path);
  return segments[segments.length - 1] ?? '';
}

/** Every field of a schema in document order, the root first. */
export function collectFields(schema: JsonSchema): Map<string, FieldNode> {
  const out = new Map<string, FieldNode>();
  const walk = (raw: JsonSchema, path: string, required: boolean, stack: readonly string[]) => {
    const { node, ref } = resolveNode(schema, raw);
    const recursive = ref !== undefined && stack.includes(ref);
    out.set(path, {
      path,
      node,
      required,
      ...(ref !== undefined ? { ref } : {}),
      ...(recursive ? { recursive } : {}),
    });
    if (recursive) return;
    const nextStack = ref !== undefined ? [...stack, ref] : stack;
    if (isObject(node.properties)) {
      const req = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
      for (const [name, child] of Object.entries(node.properties)) {
        if (isObject(child)) walk(child, `${path}/${escapeSegment(name)}`, req.has(name), nextStack);
      }
    }
    if (isObject(node.items)) walk(node.items, `${path}/*`, true, nextStack);
  };
  walk(schema, '', true, []);
  return out;
}

/** The code list a field is bound to, if any. */
export function codeListOf(node: JsonSchema): { list: string; closed: boolean } | undefined {
  const binding = node['x-gds-codelist'];
  if (!isObject(binding) || typeof binding.list !== 'string') return undefined;
  return { list: binding.list, closed: binding.closed === true };
}

/** Every code list id a schema binds, sorted. */
export function boundCodeLists(schema: JsonSchema): string[] {
  const ids = new Set<string>();
  for (const field of collectFields(schema).values()) {
    const binding = codeListOf(field.node);
    if (binding) ids.add(binding.list);
  }
  return [...ids].sort();
}

/** A short display of a node's type: `string`, `array<object>`, `object`, `→ address`. */
export function typeLabel(field: FieldNode, fields: Map<string, FieldNode>): string {
  const type = typeof field.node.type === 'string' ? field.node.type : field.node.enum ? 'enum' : 'any';
  if (type === 'array') {
    const items = fields.get(`${field.path}/*`);
    return `array<${items ? typeLabel(items, fields) : 'any'}>`;
  }
  return type;
}
