// The fast path of canonicalize(): checks a value and brings its members into RFC 8785 order, then lets
// the engine's JSON.stringify write it. For JSON data that is exactly the JCS text: JSON.stringify
// escapes strings as RFC 8785 section 3.2.2.2 asks (once lone surrogates are excluded), writes numbers
// as Number::toString (-0 as 0), and writes members in property order, which for string keys is
// insertion order. Anything else (a lone surrogate, a non-finite or unsafe number, a class instance,
// undefined in an array, a key that looks like an array index, whose property order the engine fixes
// numerically, `__proto__`, deep nesting, a `toJSON` on a prototype) declines, and the careful writer
// in canonicalize.ts decides and names the error. So this path never accepts what the writer refuses.

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const FAST_DEPTH = 200;
const SURROGATE = /[\uD800-\uDFFF]/;
// With the `u` flag a well-formed pair is one code point outside this range: only lone ones match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

class Decline {}
const DECLINE = new Decline();

function okString(s: string): void {
  if (SURROGATE.test(s) && LONE_SURROGATE.test(s)) throw DECLINE;
}

function okKey(k: string): void {
  const c = k.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || k === '__proto__') throw DECLINE;
  okString(k);
}

// Returns v itself when it can be written as it is (no copy asked, members already in order), else a
// copy whose objects have their members inserted in JCS order.
function prep(v: unknown, depth: number, copy: boolean): unknown {
  switch (typeof v) {
    case 'string':
      okString(v);
      return v;
    case 'number': {
      if (!Number.isFinite(v)) throw DECLINE;
      const a = v < 0 ? -v : v;
      if (a > MAX_SAFE && a < 1e21) throw DECLINE;
      return v;
    }
    case 'boolean':
      return v;
    case 'object': {
      if (v === null) return v;
      if (depth > FAST_DEPTH) throw DECLINE;
      const proto = Object.getPrototypeOf(v);
      if (proto === Array.prototype) {
        const a = v as unknown[];
        const n = a.length;
        let out: unknown[] | undefined = copy ? new Array(n) : undefined;
        for (let i = 0; i < n; i++) {
          const item = a[i];
          if (item === undefined) throw DECLINE;
          const p = prep(item, depth + 1, copy);
          if (out === undefined && p !== item) {
            out = a.slice(0, i);
            out.length = n;
          }
          if (out !== undefined) out[i] = p;
        }
        return out ?? a;
      }
      if (proto !== Object.prototype && proto !== null) throw DECLINE;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      let sorted = true;
      let changed = copy;
      const vals: unknown[] = new Array(keys.length);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        okKey(k);
        if (i > 0 && keys[i - 1]! > k) sorted = false;
        const item = o[k];
        const p = item === undefined ? undefined : prep(item, depth + 1, copy);
        if (p !== item) changed = true;
        vals[i] = p;
      }
      if (sorted && !changed) return o;
      const order = sorted ? undefined : sortedIndexes(keys);
      const out: Record<string, unknown> = {};
      for (let j = 0; j < keys.length; j++) {
        const i = order ? order[j]! : j;
        const p = vals[i];
        if (p !== undefined) out[keys[i]!] = p;
      }
      return out;
    }
    default:
      throw DECLINE;
  }
}

// Insertion sort of indexes by key (UTF-16 code units, `<` on strings): records have few members.
function sortedIndexes(keys: string[]): number[] {
  const idx = keys.map((_, i) => i);
  if (keys.length > 32) return idx.sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
  for (let i = 1; i < idx.length; i++) {
    const x = idx[i]!;
    const k = keys[x]!;
    let j = i - 1;
    while (j >= 0 && keys[idx[j]!]! > k) {
      idx[j + 1] = idx[j]!;
      j--;
    }
    idx[j + 1] = x;
  }
  return idx;
}

function prototypesClean(): boolean {
  return (
    (Object.prototype as { toJSON?: unknown }).toJSON === undefined &&
    (Array.prototype as { toJSON?: unknown }).toJSON === undefined
  );
}

/**
 * The JCS text of `value` and, with `copy`, a private deep copy of it (plain objects with members in
 * JCS order, arrays, primitives) that serialises to that text; `undefined` when the fast path declines.
 * Without `copy` the value is serialised in place where it already is in order: only for values nobody
 * else holds (fresh from JSON.parse), since getters would otherwise run twice.
 */
export function fastCanonical(value: unknown, copy: boolean): { text: string; copy: unknown } | undefined {
  if (!prototypesClean()) return undefined;
  let p: unknown;
  try {
    p = prep(value, 0, copy);
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
  return { text: JSON.stringify(p), copy: p };
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
