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
   * elements (`Record`, `Records/Record`, or from the root `/Export/Records/Record`).
   */
  recordPath: string;
  /** `auto` (default) follows the BOM and the XML declaration; GBK is read as GB18030. */
  encoding?: EncodingOption;
}

/**
 * Reads records from XML as a stream. Inside a record element, attributes become columns `@name`, leaf
 * child elements become columns named by their relative path (`address/street`, `phone/@type`), and a
 * repeated element gets an index (`phone[2]`). Values stay strings exactly as written: `01` never becomes 1.
 * Malformed XML is reported as `source.invalid_record` on the record it broke, never thrown.
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
  const want = options.recordPath.split('/').filter((s) => s !== '');
  return {
    info,
    async *[Symbol.asyncIterator]() {
      const locale = options.locale ?? 'zh-CN';
      const file = options.file;
      const parser = new SaxesParser({ position: true });
      const stack: string[] = [];
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
        for (let i = 1; i <= want.length; i++)
          if (stack[stack.length - i] !== want[want.length - i]) return false;
        return true;
      };
      parser.on('opentag', (tag) => {
        if (hasChild.length > 0) hasChild[hasChild.length - 1] = true;
        stack.push(tag.name);
        texts.push('');
        hasChild.push(false);
        if (!current && matches()) {
          row++;
          line = parser.line;
          current = { columns: [], values: [], seen: new Map(), issues: [] };
          recordDepth = stack.length;
          for (const [k, v] of Object.entries(tag.attributes)) add(`@${k}`, String(v));
          return;
        }
        if (current) {
          const rel = stack.slice(recordDepth).join('/');
          for (const [k, v] of Object.entries(tag.attributes)) add(`${rel}/@${k}`, String(v));
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
    },
  };
}
