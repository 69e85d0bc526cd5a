// The fast path of canonicalize() for bytes: writes a value's RFC 8785 text straight as UTF-8 into a
// reused staging buffer, without building it as a JavaScript string first (a string of a thousand
// pieces costs about as much to flatten and encode as to write). It writes what canonicalize writes:
// members sorted by UTF-16 code units (the same sortKeys), strings escaped as JSON.stringify escapes
// them (RFC 8785 section 3.2.2.2), numbers as Number::toString with -0 as 0, members whose value is
// undefined left out. Anything else (a lone surrogate, a non-finite or unsafe number, a class instance,
// undefined in an array, deep nesting or a cycle, bigint, a function, a symbol) declines, and the caller
// takes canonicalize's path, which decides and names the error. So this path never accepts what
// canonicalize refuses, and property tests hold the two to the same bytes.

import { utf8Into } from './bytes.js';
import { sortKeys } from './sortKeys.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const FAST_DEPTH = 200;
// With the `u` flag a well-formed pair is one code point outside this range: only lone ones match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

class Decline {}
/** Thrown by {@link JcsWriter.value} when the fast path declines; never escapes {@link withWriter}. */
const DECLINE = new Decline();

/**
 * Writes canonical UTF-8 into `bytes[0..at)`. One is reused (see {@link withWriter}); its buffer grows
 * as needed and is wiped after each use, since payloads may be confidential.
 */
export class JcsWriter {
  bytes = new Uint8Array(4096);
  at = 0;

  room(n: number): Uint8Array {
    if (this.at + n > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.at + n, 2 * this.bytes.length));
      bigger.set(this.bytes.subarray(0, this.at));
      this.bytes.fill(0);
      this.bytes = bigger;
    }
    return this.bytes;
  }

  byte(c: number): void {
    this.room(1)[this.at++] = c;
  }

  /** `"name":` of a member. */
  name(k: string): void {
    this.string(k);
    this.byte(0x3a);
  }

  string(s: string): void {
    const b = this.room(3 * s.length + 2);
    const n = jcsStringInto(s, b, this.at);
    if (n >= 0) {
      this.at += n;
      return;
    }
    // Something to escape, or a surrogate: as canonicalize writes it (JSON.stringify's escapes).
    if (LONE_SURROGATE.test(s)) throw DECLINE;
    const t = JSON.stringify(s);
    this.at += utf8Into(t, this.room(3 * t.length), this.at);
  }

  /**
   * Writes `v` and returns it, or with `copy` a private deep copy of it (plain objects with their
   * members inserted in JCS order, arrays, primitives) read in the same pass, so the copy is exactly
   * what was written whatever getters or the caller do. Throws the internal decline signal.
   */
  value(v: unknown, depth: number, copy: boolean): unknown {
    switch (typeof v) {
      case 'string':
        this.string(v);
        return v;
      case 'number': {
        const a = v < 0 ? -v : v;
        if (!(a <= MAX_SAFE || (a >= 1e21 && a !== Number.POSITIVE_INFINITY))) throw DECLINE;
        const t = v === 0 ? '0' : String(v);
        const b = this.room(t.length);
        let o = this.at;
        for (let i = 0; i < t.length; i++) b[o++] = t.charCodeAt(i);
        this.at = o;
        return v;
      }
      case 'boolean': {
        const b = this.room(5);
        let o = this.at;
        if (v) {
          b[o++] = 0x74;
          b[o++] = 0x72;
          b[o++] = 0x75;
          b[o++] = 0x65;
        } else {
          b[o++] = 0x66;
          b[o++] = 0x61;
          b[o++] = 0x6c;
          b[o++] = 0x73;
          b[o++] = 0x65;
        }
        this.at = o;
        return v;
      }
      case 'object': {
        if (v === null) {
          const b = this.room(4);
          b[this.at++] = 0x6e;
          b[this.at++] = 0x75;
          b[this.at++] = 0x6c;
          b[this.at++] = 0x6c;
          return v;
        }
        if (depth > FAST_DEPTH) throw DECLINE;
        if (Array.isArray(v)) {
          const n = v.length;
          const out: unknown[] | undefined = copy ? new Array(n) : undefined;
          this.byte(0x5b);
          for (let i = 0; i < n; i++) {
            const item = v[i];
            if (item === undefined) throw DECLINE;
            if (i > 0) this.byte(0x2c);
            const c = this.value(item, depth + 1, copy);
            if (out) out[i] = c;
          }
          this.byte(0x5d);
          return out ?? v;
        }
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) throw DECLINE;
        const o = v as Record<string, unknown>;
        const keys = sortKeys(Object.keys(o));
        const out: Record<string, unknown> | undefined = copy ? {} : undefined;
        this.byte(0x7b);
        let first = true;
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          const item = o[k];
          if (item === undefined) continue;
          if (!first) this.byte(0x2c);
          first = false;
          this.name(k);
          const c = this.value(item, depth + 1, copy);
          if (out) {
            // Assigning "__proto__" would set the copy's prototype instead of a member.
            if (k === '__proto__') throw DECLINE;
            out[k] = c;
          }
        }
        this.byte(0x7d);
        return out ?? o;
      }
      default:
        throw DECLINE;
    }
  }
}

let spare: JcsWriter | undefined;

/**
 * Runs `write` with a writer (the spare one unless it is in use: a getter may sign while a value is
 * being written) and returns its result, or `undefined` when the fast path declined. The bytes written
 * are wiped afterwards: take what is needed (`bytes.slice`) inside `write`.
 */
export function withWriter<T>(write: (w: JcsWriter) => T): T | undefined {
  const w = spare ?? new JcsWriter();
  spare = undefined;
  w.at = 0;
  try {
    return write(w);
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  } finally {
    w.bytes.fill(0, 0, Math.min(w.bytes.length, 4 * w.at + 8));
    w.at = 0;
    spare = w;
  }
}

/** The canonical UTF-8 of `value`, or `undefined` when the fast path declines (see the file header). */
export function jcsBytes(value: unknown): Uint8Array | undefined {
  return withWriter((w) => {
    w.value(value, 0, false);
    return w.bytes.slice(0, w.at);
  });
}

/**
 * Writes the JCS text of string `s` (quoted, as UTF-8) into `out` at `at` (room for `3 * s.length + 2`
 * bytes is the caller's to make) and returns the bytes written; -1, having written an unspecified
 * prefix, when `s` has a character JCS escapes or any surrogate: canonicalize() then decides. Field
 * values are mostly such plain strings, and this skips building the quoted string.
 */
export function jcsStringInto(s: string, out: Uint8Array, at: number): number {
  let o = at;
  out[o++] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 || c === 0x22 || c === 0x5c) return -1;
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) return -1;
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  out[o++] = 0x22;
  return o - at;
}
