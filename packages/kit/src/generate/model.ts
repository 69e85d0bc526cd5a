// The parts of a GDS-profile schema the generators read. The profile (standards/profile) guarantees the shape.

export interface SchemaNode {
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  $id?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: false;
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: 'date' | 'date-time' | 'email' | 'uri';
  enum?: (string | number | boolean)[];
  const?: string | number | boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  deprecated?: boolean;
  'x-gds-standard'?: { entity: string; version: string; status?: string };
  'x-gds-en'?: { title?: string; description?: string };
  'x-gds-data-class'?: string;
  'x-gds-sensitivity'?: string;
  'x-gds-sharing'?: string;
  'x-gds-source'?: string;
  'x-gds-since'?: string;
  'x-gds-masking'?: string;
  'x-gds-deprecated'?: { since: string; replacedBy?: string; description?: string };
  'x-gds-codelist'?: { list: string; closed: boolean };
  'x-gds-identifier'?: string;
  'x-gds-rules'?: ({ rule: string } & Record<string, string>)[];
}

export interface StandardDoc extends SchemaNode {
  $id: string;
  'x-gds-standard': { entity: string; version: string; status?: string };
}

/** Resolves a local `#/$defs/<name>` reference. */
export function refName(ref: string): string {
  return ref.slice('#/$defs/'.length);
}

export function resolve(doc: StandardDoc, node: SchemaNode): SchemaNode {
  return node.$ref ? (doc.$defs?.[refName(node.$ref)] ?? node) : node;
}

/** PascalCase of a kebab/camel name: `identity-document` -> `IdentityDocument`. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** camelCase of a kebab name: `identity-document` -> `identityDocument`. */
export function camel(name: string): string {
  const p = pascal(name);
  return p[0]!.toLowerCase() + p.slice(1);
}

/** A valid identifier fragment for a version: `1.0.0` -> `1_0_0`. */
export function versionTag(version: string): string {
  return version.replace(/[^A-Za-z0-9]/g, '_');
}
