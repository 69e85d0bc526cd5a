import type { Issue } from '@gds/schema';
import { SaxesParser } from 'saxes';
import { byteChunks, concatBytes, hexBytes } from '../_internal/bytes.js';
import {
  type EncodingOption,
  hasUtf8Bom,
  normaliseEncoding,
  VerifyingDecoder,
} from '../_internal/encoding.js';
import { sourceIssue } from '../_internal/issues.js';
import type {
  ByteSource,
  ReaderOptions,
  SourceInfo,
  SourceReader,
  SourceRecord,
  SourceValue,
} from '../record.js';

/** Options of {@link readXml}. */
export interface XmlReaderOptions extends ReaderOptions {
  /**
   * The record element as a `/`-separated path of element names, matched against the end of the open
   * elements (`Record`, `Records/Record`, or from the root `/Export/Records/Record`). A plain name
   * matches by local name in any namespace (`Record` matches `<p:Record xmlns:p="urn:x">`); `{uri}name`
   * matches that namespace only (`{urn:x}Record`); `p:Record` matches the prefixed name as written.
   */
  recordPath: string;
  /** `auto` (default) follows the BOM and the XML declaration; GBK is read as GB18030. */
  encoding?: EncodingOption;
}

/**
 * Reads records from XML as a stream. Inside a record element, attributes become columns `@name`, leaf
 * child elements become columns named by their relative path (`address/street`, `phone/@type`), and a
 * repeated element gets an index (`phone[2]`). Names are local names (`<p:Name>` is `Name`), so one
 * mapping reads a document whatever prefixes its producer chose; namespace declarations are not columns.
 * Values stay strings exactly as written: `01` never becomes 1. Malformed XML is reported as
 * `source.invalid_record` on the record it broke, never thrown; a document in which the record path
 * matches nothing is a `source.no_records` issue, not a clean run of 0 records.
 *
 * Subpath: `@gds/convert/xml`.
 *
 * @example
 * ```ts
 * import { readXml } from '@gds/convert/xml';
 * const xml = '<Root><Rec id="7"><Name>张三</Name><Code>01</Code></Rec></Root>';
 * for await (const rec of readXml(new TextEncoder().encode(xml), { recordPath: 'Rec' })) {
 *   rec.columns; // ['@id', 'Name', 'Code']
 *   rec.values; // ['7', '张三', '01']
 * }
 * ```
 */
export function readXml(source: ByteSource, options: XmlReaderOptions): SourceReader {
  const info: SourceInfo = { format: 'xml', bytes: 0, blankRows: 0, issues: [] };
  if (options.file !== undefined) info.file = options.file;
  const anchored = options.recordPath.startsWith('/');
  const want = parseRecordPath(options.recordPath);
  return {
    info,
    async *[Symbol.asyncIterator]() {
      const locale = options.locale ?? 'zh-CN';
      const file = options.file;
      const parser = new SaxesParser({ position: true });
      // Open elements: local names (columns are built from them) and what the path steps compare.
      const stack: string[] = [];
      const qnames: string[] = [];
      const uris: (string | undefined)[] = [];
      // In-scope namespace declarations, innermost last: [prefix, uri] ('' is the default namespace).
      const scopes: [string, string][][] = [];
      const out: SourceRecord[] = [];
      let current: {
        columns: string[];
        values: SourceValue[];
        seen: Map<string, number>;
        issues: Issue[];
      } | null = null;
      let recordDepth = 0;
      let row = 0;
      let line = 0;
      const texts: string[] = [];
      const hasChild: boolean[] = [];
      const add = (name: string, value: string) => {
        if (!current) return;
        const n = (current.seen.get(name) ?? 0) + 1;
        current.seen.set(name, n);
        current.columns.push(n === 1 ? name : `${name}[${n}]`);
        current.values.push(value);
      };
      const matches = () => {
        if (anchored ? stack.length !== want.length : stack.length < want.length) return false;
        for (let i = 1; i <= want.length; i++) {
          const step = want[want.length - i]!;
          const at = stack.length - i;
          if (step.qname !== undefined ? qnames[at] !== step.qname : stack[at] !== step.local) return false;
          if (step.uri !== undefined && uris[at] !== step.uri) return false;
        }
        return true;
      };
      const resolve = (prefix: string): string | undefined => {
        for (let s = scopes.length - 1; s >= 0; s--)
          for (const [p, uri] of scopes[s]!) if (p === prefix) return uri === '' ? undefined : uri;
        return undefined;
      };
      parser.on('opentag', (tag) => {
        if (hasChild.length > 0) hasChild[hasChild.length - 1] = true;
        const attrs: [string, string][] = [];
        const decls: [string, string][] = [];
        for (const [k, v] of Object.entries(tag.attributes)) {
          if (k === 'xmlns') decls.push(['', String(v)]);
          else if (k.startsWith('xmlns:')) decls.push([k.slice(6), String(v)]);
          else attrs.push([localName(k), String(v)]);
        }
        scopes.push(decls);
        const colon = tag.name.indexOf(':');
        stack.push(colon < 0 ? tag.name : tag.name.slice(colon + 1));
        qnames.push(tag.name);
        uris.push(resolve(colon < 0 ? '' : tag.name.slice(0, colon)));
        texts.push('');
        hasChild.push(false);
        if (!current && matches()) {
          row++;
          line = parser.line;
          current = { columns: [], values: [], seen: new Map(), issues: [] };
          recordDepth = stack.length;
          for (const [k, v] of attrs) add(`@${k}`, v);
          return;
        }
        if (current) {
          const rel = stack.slice(recordDepth).join('/');
          for (const [k, v] of attrs) add(`${rel}/@${k}`, v);
        }
      });
      const onText = (t: string) => {
        if (current && texts.length > 0) texts[texts.length - 1] += t;
      };
      parser.on('text', onText);
      parser.on('cdata', onText);
      parser.on('closetag', () => {
        const text = texts.pop() ?? '';
        const leaf = !hasChild.pop();
        if (current) {
          if (stack.length > recordDepth) {
            if (leaf) add(stack.slice(recordDepth).join('/'), text);
          } else if (stack.length === recordDepth) {
            out.push({ row, line, columns: current.columns, values: current.values, issues: current.issues });
            current = null;
          }
        }
        stack.pop();
        qnames.pop();
        uris.pop();
        scopes.pop();
      });
      parser.on('error', (e) => {
        const issue = sourceIssue('source.invalid_record', { reason: e.message }, locale, {
          file,
          row: current ? row : undefined,
        });
        if (current) current.issues.push(issue);
        else info.issues.push(issue);
      });

      let decoder: VerifyingDecoder | null = null;
      let offset = 0;
      let pending: Uint8Array[] = [];
      const feed = (piece: Uint8Array) => {
        if (!decoder) {
          let enc = options.encoding ? normaliseEncoding(options.encoding) : 'auto';
          if (hasUtf8Bom(piece)) {
            info.bom = true;
            enc = 'utf-8';
            piece = piece.subarray(3);
            offset += 3;
          } else if (enc === 'auto') {
            const head = new TextDecoder('latin1').decode(piece.subarray(0, 200));
            const m = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(head);
            enc = m ? normaliseEncoding(m[1]!) : 'utf-8';
          }
          decoder = new VerifyingDecoder(enc === 'auto' ? 'utf-8' : enc);
          info.encoding = decoder.encoding;
        }
        const { text, invalid } = decoder.decode(piece);
        for (const span of invalid ?? []) {
          const issue = sourceIssue(
            'encoding.undecodable',
            {
              byteOffset: offset + span.offset,
              bytes: hexBytes(piece.subarray(span.offset, span.offset + Math.max(1, span.length))),
              encoding: decoder.encoding,
            },
            locale,
            { file, byteOffset: offset + span.offset },
          );
          info.issues.push(issue);
        }
        offset += piece.length;
        parser.write(text);
      };
      for await (const chunk of byteChunks(source, (c) => {
        info.bytes += c.length;
        options.onBytes?.(c);
      })) {
        // Cut at the last '>': in UTF-8 and GB18030 that byte never belongs to a multi-byte character.
        const gt = chunk.lastIndexOf(0x3e);
        if (gt < 0) {
          pending.push(chunk);
          continue;
        }
        pending.push(chunk.subarray(0, gt + 1));
        feed(concatBytes(pending));
        pending = gt + 1 < chunk.length ? [chunk.subarray(gt + 1)] : [];
        yield* out.splice(0);
      }
      if (pending.length > 0) feed(concatBytes(pending));
      parser.close();
      if (current) {
        const c = current as { columns: string[]; values: SourceValue[]; issues: Issue[] };
        out.push({ row, line, columns: c.columns, values: c.values, issues: c.issues });
      }
      yield* out.splice(0);
      if (row === 0) {
        // Nothing matched the record path (a namespaced document, another layout): say so, never a clean 0.
        info.issues.push(
          sourceIssue(
            'source.no_records',
            { expected: `recordPath ${options.recordPath}` },
            locale,
            file !== undefined ? { file } : undefined,
          ),
        );
      }
    },
  };
}

interface PathStep {
  local: string;
  /** `{uri}name`: the element's namespace must be this. */
  uri?: string;
  /** `p:name`: the prefixed name as written. */
  qname?: string;
}

/** Splits a record path on the `/` outside `{uri}` (a namespace URI has slashes of its own). */
function parseRecordPath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const m of path.matchAll(/\{([^}]*)\}([^/]*)|[^/]+/g)) {
    if (m[1] !== undefined) steps.push({ local: m[2]!, uri: m[1] });
    else if (m[0].includes(':')) steps.push({ local: localName(m[0]), qname: m[0] });
    else steps.push({ local: m[0] });
  }
  return steps;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}
