import { GdsConvertError } from '../errors.js';

/** The encodings legacy files come in. GBK and GB2312 are read as GB18030, their superset. */
export type TextEncodingName = 'utf-8' | 'gb18030';

/** Which encoding a caller asked for. `auto` decides from a BOM and the first chunk, then verifies the rest. */
export type EncodingOption = 'auto' | 'utf-8' | 'utf8' | 'gb18030' | 'gbk' | 'gb2312';

export function normaliseEncoding(name: string): TextEncodingName | 'auto' {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'auto') return 'auto';
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  if (n === 'gb18030' || n === 'gbk' || n === 'gb2312' || n === 'cp936') return 'gb18030';
  throw new GdsConvertError(
    'GDS_CONVERT_UNSUPPORTED_ENCODING',
    `不支持的编码 ${name}，可用 utf-8、gb18030、gbk、auto`,
    `unsupported encoding ${name}; use utf-8, gb18030, gbk or auto`,
  );
}

/** A span of bytes the encoding cannot decode, relative to the scanned buffer. */
export interface InvalidSpan {
  offset: number;
  length: number;
}

/** Finds undecodable byte sequences in UTF-8 (WHATWG rules: overlongs, surrogates and > U+10FFFF are invalid). */
export function scanUtf8(b: Uint8Array): InvalidSpan[] {
  const out: InvalidSpan[] = [];
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else {
      out.push({ offset: i, length: 1 });
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need; j++) {
      const t = b[i + j];
      if (t === undefined || t < (j === 1 ? lo : 0x80) || t > (j === 1 ? hi : 0xbf)) break;
    }
    if (j <= need) {
      out.push({ offset: i, length: j });
      i += j;
    } else i += need + 1;
  }
  return out;
}

/** Finds undecodable byte sequences in GB18030 (WHATWG decoder rules, four-byte ranges included). */
export function scanGb18030(b: Uint8Array): InvalidSpan[] {
  const out: InvalidSpan[] = [];
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c === 0x80 || c === 0xff) {
      out.push({ offset: i, length: 1 });
      i++;
      continue;
    }
    const c2 = b[i + 1];
    if (c2 === undefined) {
      out.push({ offset: i, length: 1 });
      break;
    }
    if ((c2 >= 0x40 && c2 <= 0x7e) || (c2 >= 0x80 && c2 <= 0xfe)) {
      i += 2;
      continue;
    }
    if (c2 >= 0x30 && c2 <= 0x39) {
      const c3 = b[i + 2];
      const c4 = b[i + 3];
      if (c3 !== undefined && c3 >= 0x81 && c3 <= 0xfe && c4 !== undefined && c4 >= 0x30 && c4 <= 0x39) {
        const pointer = (c - 0x81) * 12600 + (c2 - 0x30) * 1260 + (c3 - 0x81) * 10 + (c4 - 0x30);
        if (pointer <= 39419 || (pointer >= 189000 && pointer <= 1237575)) {
          i += 4;
          continue;
        }
        out.push({ offset: i, length: 4 });
        i += 4;
        continue;
      }
      // Per WHATWG the lead and the digit are consumed; what follows is decoded afresh.
      out.push({ offset: i, length: 2 });
      i += 2;
      continue;
    }
    // An ASCII byte after a lead byte is not swallowed: only the lead is undecodable.
    out.push({ offset: i, length: c2 < 0x80 ? 1 : 2 });
    i += c2 < 0x80 ? 1 : 2;
  }
  return out;
}

export function scanInvalid(encoding: TextEncodingName, bytes: Uint8Array): InvalidSpan[] {
  return encoding === 'utf-8' ? scanUtf8(bytes) : scanGb18030(bytes);
}

/**
 * Decodes whole pieces (cut by the caller at a character boundary), verifying every byte: the fast fatal
 * decoder first, and only when it fails a scan that locates each undecodable sequence.
 */
export class VerifyingDecoder {
  readonly encoding: TextEncodingName;
  private readonly fatal: TextDecoder;
  private readonly lenient: TextDecoder;
  constructor(encoding: TextEncodingName) {
    this.encoding = encoding;
    this.fatal = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    this.lenient = new TextDecoder(encoding, { ignoreBOM: true });
  }
  decode(piece: Uint8Array): { text: string; invalid: InvalidSpan[] | null } {
    try {
      return { text: this.fatal.decode(piece), invalid: null };
    } catch {
      const invalid = scanInvalid(this.encoding, piece);
      return {
        text: this.lenient.decode(piece),
        invalid: invalid.length > 0 ? invalid : [{ offset: 0, length: 0 }],
      };
    }
  }
}

/** Whether a buffer starts with a UTF-8 byte-order mark. */
export function hasUtf8Bom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/**
 * Guesses the encoding from a piece of the file: a BOM or valid non-ASCII UTF-8 means UTF-8, other
 * non-ASCII bytes mean GB18030, and pure ASCII (`null`) leaves the decision to a later piece.
 */
export function sniffEncoding(head: Uint8Array): TextEncodingName | null {
  if (hasUtf8Bom(head)) return 'utf-8';
  // Cut the sample at the last newline so that a character split by the chunk boundary is not held against UTF-8.
  let end = head.lastIndexOf(0x0a);
  if (end < 0) end = head.length;
  const sample = head.subarray(0, end);
  let nonAscii = false;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i]! >= 0x80) {
      nonAscii = true;
      break;
    }
  }
  if (!nonAscii) return null;
  return scanUtf8(sample).length === 0 ? 'utf-8' : 'gb18030';
}
