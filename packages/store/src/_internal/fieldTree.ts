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
    for (const seg of meta.path.split('/').slice(1)) {
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

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
