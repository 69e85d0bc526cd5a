import { escapeXml } from '../_internal/xmlEscape.js';
import type { SourceValue } from '../record.js';
import type { TableWriter } from '../writer.js';

/** Options of {@link createXmlWriter}. */
export interface XmlWriterOptions {
  /** The document element, `Records` by default. */
  root?: string;
  /** The record element, `Record` by default. */
  record?: string;
  /** The default namespace of the document (`xmlns` on the root), so that a `{uri}name` record path reads it back. */
  namespace?: string;
}

const enc = new TextEncoder();

/**
 * Creates an XML writer (UTF-8). Column names follow the reader's convention, so what `readXml` reads
 * this writes back: `@id` is an attribute of the record, `address/street` a nested element,
 * `address/@type` an attribute of a nested element. Empty values are omitted.
 *
 * Subpath: `@gds/convert/xml`.
 *
 * @example
 * ```ts
 * import { createXmlWriter } from '@gds/convert/xml';
 * const w = createXmlWriter({ root: 'Checkups', record: 'Checkup' });
 * const bytes = [w.begin(['@id', 'Name']), w.row(['7', '张三']), w.end()];
 * ```
 */
export function createXmlWriter(options: XmlWriterOptions = {}): TableWriter {
  const root = options.root ?? 'Records';
  const rec = options.record ?? 'Record';
  let columns: readonly string[] = [];
  return {
    extension: 'xml',
    begin(cols) {
      columns = cols;
      const ns = options.namespace !== undefined ? ` xmlns="${escapeXml(options.namespace)}"` : '';
      return enc.encode(`<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>\n`);
    },
    row(values) {
      // Build a small tree so that columns sharing a parent element share it in the output.
      interface Node {
        attrs: [string, string][];
        children: Map<string, Node>;
        text: string | null;
      }
      const mk = (): Node => ({ attrs: [], children: new Map(), text: null });
      const top = mk();
      columns.forEach((col, i) => {
        const v: SourceValue | undefined = values[i];
        if (v === null || v === undefined || v === '') return;
        const steps = col.replace(/\[\d+\]/g, '').split('/');
        let node = top;
        for (let s = 0; s < steps.length; s++) {
          const step = steps[s]!;
          if (step.startsWith('@')) {
            node.attrs.push([step.slice(1), String(v)]);
            return;
          }
          let child = node.children.get(
            col
              .split('/')
              .slice(0, s + 1)
              .join('/'),
          );
          if (!child) {
            child = mk();
            node.children.set(
              col
                .split('/')
                .slice(0, s + 1)
                .join('/'),
              child,
            );
          }
          node = child;
        }
        node.text = String(v);
      });
      const render = (name: string, n: Node, indent: string): string => {
        const attrs = n.attrs.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
        if (n.children.size === 0) return `${indent}<${name}${attrs}>${escapeXml(n.text ?? '')}</${name}>\n`;
        let s = `${indent}<${name}${attrs}>\n`;
        for (const [path, c] of n.children)
          s += render(
            path
              .split('/')
              .pop()!
              .replace(/\[\d+\]$/, ''),
            c,
            `${indent}  `,
          );
        return `${s}${indent}</${name}>\n`;
      };
      return enc.encode(render(rec, top, '  '));
    },
    end: () => enc.encode(`</${root}>\n`),
  };
}
