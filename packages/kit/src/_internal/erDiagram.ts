import { collectFields, isObject, type JsonSchema, refName, resolveNode } from './fields.js';
import { escapeHtml } from './html.js';

interface Box {
  id: string;
  title: string;
  rows: string[];
  x: number;
  y: number;
  w: number;
  h: number;
}

const ROW = 18;
const HEAD = 26;
const CHAR = 7.2;

/**
 * An entity-relationship diagram of one standard as inline SVG: the record and each object definition
 * (`$defs`) as a box listing its fields, and an arrow for each `$ref` from a field to a definition (`1`
 * for an object, `*` for an array of them). Plain SVG, no script, no external resource.
 */
export function erDiagramSvg(schema: JsonSchema, entity: string): string {
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const objects: Array<{ id: string; title: string; node: JsonSchema }> = [
    {
      id: entity,
      title: typeof schema.title === 'string' ? `${entity} · ${schema.title}` : entity,
      node: schema,
    },
  ];
  for (const [name, def] of Object.entries(defs)) {
    if (isObject(def) && (def.type === 'object' || isObject(def.properties))) {
      objects.push({
        id: name,
        title: typeof def.title === 'string' ? `${name} · ${def.title}` : name,
        node: def,
      });
    }
  }
  const links: Array<{ from: string; field: number; to: string; many: boolean }> = [];
  const boxes: Box[] = objects.map((o) => {
    const props = isObject(o.node.properties) ? o.node.properties : {};
    const required = new Set(Array.isArray(o.node.required) ? (o.node.required as string[]) : []);
    const rows = Object.entries(props).map(([name, raw], i) => {
      const p = isObject(raw) ? raw : {};
      const items = isObject(p.items) ? p.items : undefined;
      const target = refName(p.$ref) ?? refName(items?.$ref);
      if (target !== undefined && objects.some((x) => x.id === target))
        links.push({ from: o.id, field: i, to: target, many: items !== undefined });
      const { node } = resolveNode(schema, p);
      const type = target
        ? items
          ? `${target}[]`
          : target
        : typeof node.type === 'string'
          ? node.type
          : 'any';
      return `${required.has(name) ? '● ' : '○ '}${name}: ${type}`;
    });
    const w = Math.max(
      180,
      Math.ceil(Math.max(o.title.length * 1.6, ...rows.map((r) => r.length)) * CHAR) + 24,
    );
    return { id: o.id, title: o.title, rows, x: 0, y: 0, w, h: HEAD + Math.max(1, rows.length) * ROW + 10 };
  });
  // The record on the left, definitions stacked on the right: simple, readable, no layout engine.
  const [main, ...rest] = boxes as [Box, ...Box[]];
  main.x = 20;
  main.y = 20;
  const colX = main.x + main.w + 120;
  let y = 20;
  for (const b of rest) {
    b.x = colX;
    b.y = y;
    y += b.h + 30;
  }
  const width = Math.max(main.x + main.w, ...rest.map((b) => b.x + b.w)) + 20;
  const height = Math.max(main.y + main.h, y) + 20;
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="er-diagram" role="img" aria-label="${escapeHtml(`${entity} entity-relationship diagram`)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    '<defs><marker id="er-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#445"/></marker></defs>',
  );
  for (const l of links) {
    const a = byId.get(l.from)!;
    const b = byId.get(l.to)!;
    const y1 = a.y + HEAD + l.field * ROW + ROW / 2;
    const self = a === b;
    const x1 = a.x + a.w;
    const x2 = self ? a.x + a.w : b.x;
    const y2 = self ? a.y + 12 : b.y + HEAD / 2;
    const mid = self ? x1 + 40 : (x1 + x2) / 2;
    parts.push(
      `<path class="er-link" data-from="${escapeHtml(l.from)}" data-to="${escapeHtml(l.to)}" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" fill="none" stroke="#445" stroke-width="1.4" marker-end="url(#er-arrow)"/>`,
      `<text x="${x2 - 14}" y="${y2 - 6}" font-size="11" fill="#445">${l.many ? '*' : '1'}</text>`,
    );
  }
  for (const b of boxes) {
    parts.push(
      `<g class="er-entity" data-entity="${escapeHtml(b.id)}"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="6" fill="#fff" stroke="#2b4c7e" stroke-width="1.5"/>`,
      `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${HEAD}" rx="6" fill="#2b4c7e"/>`,
      `<text x="${b.x + 10}" y="${b.y + 18}" font-size="13" font-weight="bold" fill="#fff">${escapeHtml(b.title)}</text>`,
      ...b.rows.map(
        (r, i) =>
          `<text x="${b.x + 10}" y="${b.y + HEAD + 14 + i * ROW}" font-size="12" font-family="monospace" fill="#222">${escapeHtml(r)}</text>`,
      ),
      '</g>',
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** How many object boxes and reference links the diagram of a schema has (for tests and the docs' summary). */
export function erDiagramStats(schema: JsonSchema): { entities: number; links: number } {
  const defs = isObject(schema.$defs) ? Object.keys(schema.$defs).length : 0;
  let links = 0;
  for (const f of collectFields(schema).values()) if (f.ref !== undefined) links++;
  return { entities: 1 + defs, links };
}
