import type { FieldMeta } from '@gds/schema';

/** A standard's fields as a tree: object members by name, array items under `*`. */
export interface FieldNode {
  key: string;
  /** The field-metadata path of this node (`/members/*\/name`); '' for the root. */
  path: string;
  meta?: FieldMeta;
  children: Map<string, FieldNode>;
  items?: FieldNode;
}

export function buildFieldTree(fields: readonly FieldMeta[]): FieldNode {
  const root: FieldNode = { key: '', path: '', children: new Map() };
  for (const meta of fields) {
    let node = root;
    const segments = meta.path.split('/').slice(1);
    for (const seg of segments) {
      const path = `${node.path}/${seg}`;
      if (seg === '*') {
        node.items ??= { key: '*', path, children: new Map() };
        node = node.items;
      } else {
        let next = node.children.get(seg);
        if (!next) {
          next = { key: seg, path, children: new Map() };
          node.children.set(seg, next);
        }
        node = next;
      }
    }
    node.meta = meta;
  }
  return root;
}

export function isLeaf(node: FieldNode): boolean {
  return node.children.size === 0 && node.items === undefined;
}

/** Does a grant path cover a field path (the field itself or a field below it)? */
export function covers(grantPath: string, fieldPath: string): boolean {
  return fieldPath === grantPath || (fieldPath.startsWith(grantPath) && fieldPath[grantPath.length] === '/');
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
