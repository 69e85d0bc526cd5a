import { GdsCryptoError } from './errors.js';

const MAX_DEPTH = 1000;

/**
 * Parses JSON text (RFC 8259) strictly, for input that will be canonicalised, hashed or verified. Unlike
 * `JSON.parse` it refuses, with a `GdsCryptoError` that gives the offset: duplicate member names
 * (`GDS_CRYPTO_JSON_DUPLICATE_KEY`, where `JSON.parse` silently keeps the last), escapes that leave a
 * lone surrogate (`GDS_CRYPTO_JSON_LONE_SURROGATE`), integer literals beyond ±(2^53 - 1), which a double
 * would round (`GDS_CRYPTO_JSON_UNSAFE_INTEGER`: send such numbers as strings), numbers that overflow to
 * infinity (`GDS_CRYPTO_JSON_NON_FINITE`), and any syntax error (`GDS_CRYPTO_JSON_SYNTAX`). A leading
 * byte-order mark is a syntax error too. Literals with a fraction or exponent (`1E30`, `4.50`) are
 * ordinary doubles and are accepted.
 *
 * @example
 * ```ts
 * import { canonicalize, parseJson } from '@gds/crypto';
 * canonicalize(parseJson('{ "b": 1E30, "a": [4.50] }')); // '{"a":[4.5],"b":1e+30}'
 * parseJson('{"a":1,"a":2}'); // throws GDS_CRYPTO_JSON_DUPLICATE_KEY
 * parseJson('12345678901234567890'); // throws GDS_CRYPTO_JSON_UNSAFE_INTEGER
 * ```
 */
export function parseJson(text: string): unknown {
  return parseJsonInOrder(text).value;
}

/**
 * {@link parseJson}, also telling whether the value is in canonical order: every object's member names
 * strictly ascending by UTF-16 code units and none starting with a digit (whose property order the
 * engine fixes numerically), no surrogates and only safe numbers. Such a value, fresh from the parser and
 * held by no one else, is written by `JSON.stringify` exactly as `canonicalize` writes it: GDS's own
 * output (canonical text) is read back and re-canonicalised natively. Not exported from the package.
 *
 * @example
 * ```ts
 * const { value, inOrder } = parseJsonInOrder('{"a":1,"b":[2]}'); // inOrder: true
 * ```
 */
export function parseJsonInOrder(
  text: string,
  parsed?: { value: unknown },
): { value: unknown; inOrder: boolean } {
  if (typeof text !== 'string') {
    throw new GdsCryptoError('GDS_CRYPTO_INVALID_INPUT', 'parseJson 需要字符串', 'parseJson needs a string');
  }
  // Fast path: the engine's JSON.parse (or what it gave a caller for this text: `parsed`, fresh and held
  // by no one else), then checks for what it silently accepts. Any doubt (a syntax error, fewer members
  // than member names in the text, a surrogate, a number beyond 2^53, deep nesting) goes to the strict
  // parser below, which decides and says where.
  let value: unknown;
  if (parsed) value = parsed.value;
  else {
    try {
      value = JSON.parse(text);
    } catch {
      return { value: strictParse(text), inOrder: false };
    }
  }
  const stats: Stats = { keys: 0, suspicious: false, inOrder: true };
  walk(value, 0, stats);
  if (stats.suspicious || stats.keys !== countMemberNames(text))
    return { value: strictParse(text), inOrder: false };
  return { value, inOrder: stats.inOrder };
}

/**
 * The value of `text` when the text is canonical, exactly as GDS writes JSON: no whitespace, every
 * string written as RFC 8785 writes it (only `"`, `\\` and control characters escaped, those in their
 * short or lower-case `\u00xx` form; no lone surrogate), every number in its ECMAScript shortest form
 * and safe (no `-0`, no magnitude beyond 2^53 - 1), and every object's member names strictly ascending
 * by UTF-16 code units (so no duplicates). Such text is the value's canonical (RFC 8785) text, and
 * {@link parseJson} would read the same value from it without error. `undefined` for any other text
 * (and for member names with escapes, whose order the text does not show), which is then for the
 * strict parser to read. Not exported from the package.
 *
 * @example
 * ```ts
 * parseCanonicalJson('{"a":1,"b":[2]}'); // { a: 1, b: [2] }
 * parseCanonicalJson('{"b":1,"a":2}'); // undefined (not in canonical order)
 * ```
 */
export function parseCanonicalJson(text: string): unknown {
  const read = readCanonicalJson(text);
  return read?.members ? read.value : undefined;
}

/**
 * What `JSON.parse` reads from `text` (`undefined` when it throws) and, when the text is canonical as
 * {@link parseCanonicalJson} says, where the top-level object's members are in it: for each member,
 * the offset of its name's opening quote and the offset just after its value (`members` is empty when
 * the value is not an object, and absent when the text is not canonical, for `parseJsonInOrder` to
 * check the value). Not exported from the package.
 *
 * @example
 * ```ts
 * readCanonicalJson('{"a":1,"b":[2]}'); // { value: { a: 1, b: [2] }, members: [1, 6, 7, 14] }
 * readCanonicalJson('{"b":1,"a":2}'); // { value: { b: 1, a: 2 }, members: undefined }
 * ```
 */
export function readCanonicalJson(
  text: string,
): { value: unknown; members: number[] | undefined } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const members: number[] = [];
  return { value, members: canonicalText(text, members) ? members : undefined };
}

const FAST_DEPTH = 200;
// Per nesting level of the scan: 1 for an object, 2 for an array; an object's last member name as
// [start, end) of its characters in the text (start -1 before the first).
const levelKind = new Uint8Array(FAST_DEPTH + 2);
const lastNameStart = new Int32Array(FAST_DEPTH + 2);
const lastNameEnd = new Int32Array(FAST_DEPTH + 2);

// Whether text that JSON.parse accepted (so well-formed JSON) is canonical as parseCanonicalJson says:
// one pass over the characters, each token checked in place. Fills `members` for a top-level object.
function canonicalText(text: string, members: number[]): boolean {
  const n = text.length;
  // Text with no backslash and no surrogate (the common case) has strings that need no checking: each
  // ends at the next quote, found natively (as the backslash is: faster than the regular expression).
  const plain = text.indexOf('\\') === -1 && !ANY_SURROGATE.test(text);
  let depth = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: a member name when it opens an object's member (after `{` or `,` in an object).
      const start = i + 1;
      let j = start;
      let escaped = false;
      if (plain) {
        // JSON.parse read a closing quote; the bounds here only guard against a mistake looping.
        j = text.indexOf('"', start);
        if (j < 0) return false;
      } else
        for (;;) {
          if (j >= n) return false;
          const d = text.charCodeAt(j);
          if (d === 0x22) break;
          if (d === 0x5c) {
            escaped = true;
            const e = text.charCodeAt(j + 1);
            if (e === 0x75) {
              // \u00xx, lower-case hex, only for a control character without a short form.
              if (text.charCodeAt(j + 2) !== 0x30 || text.charCodeAt(j + 3) !== 0x30) return false;
              const h = text.charCodeAt(j + 4);
              const l = text.charCodeAt(j + 5);
              const lo = l >= 0x30 && l <= 0x39 ? l - 0x30 : l >= 0x61 && l <= 0x66 ? l - 0x57 : -1;
              if ((h !== 0x30 && h !== 0x31) || lo < 0) return false;
              const code = (h - 0x30) * 16 + lo;
              if (code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d)
                return false;
              j += 6;
            } else if (
              e === 0x22 ||
              e === 0x5c ||
              e === 0x62 ||
              e === 0x66 ||
              e === 0x6e ||
              e === 0x72 ||
              e === 0x74
            ) {
              j += 2;
            } else {
              return false; // \/ (never written escaped)
            }
          } else if ((d & 0xf800) === 0xd800) {
            // A surrogate: only a high one followed by a low one, else it would be written escaped.
            if (d > 0xdbff || (text.charCodeAt(j + 1) & 0xfc00) !== 0xdc00) return false;
            j += 2;
          } else {
            j++;
          }
        }
      const p = text.charCodeAt(i - 1);
      if (depth > 0 && levelKind[depth] === 1 && (p === 0x7b || p === 0x2c)) {
        if (escaped) return false;
        // Strictly after the last name of this object, by UTF-16 code units.
        const ls = lastNameStart[depth]!;
        if (ls >= 0) {
          const le = lastNameEnd[depth]!;
          let k = 0;
          for (;;) {
            if (ls + k === le) {
              if (start + k === j) return false; // equal: a duplicate
              break; // the last name is a proper prefix
            }
            if (start + k === j) return false; // this name is a proper prefix of the last
            const a = text.charCodeAt(ls + k);
            const b = text.charCodeAt(start + k);
            if (a !== b) {
              if (a > b) return false;
              break;
            }
            k++;
          }
        }
        lastNameStart[depth] = start;
        lastNameEnd[depth] = j;
        if (depth === 1) members.push(i);
      }
      i = j + 1;
    } else if (c === 0x2c || c === 0x7d || c === 0x5d) {
      // The end of a top-level member's value (an empty object has none).
      if (depth === 1 && c !== 0x5d && (members.length & 1) === 1) members.push(i);
      if (c !== 0x2c) depth--;
      i++;
    } else if (c === 0x3a) {
      i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > FAST_DEPTH) return false;
      levelKind[depth] = c === 0x7b ? 1 : 2;
      lastNameStart[depth] = -1;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      let plain = c !== 0x2d && c !== 0x30;
      for (;;) {
        const d = text.charCodeAt(j);
        if (d >= 0x30 && d <= 0x39) j++;
        else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) {
          plain = false;
          j++;
        } else break;
      }
      // An unsigned integer of up to 15 digits without a leading zero is its own shortest form and safe.
      if (!plain || j - i > 15) {
        const t = text.slice(i, j);
        const v = Number(t);
        if (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER || String(v) !== t) return false;
      }
      i = j;
    } else if (c === 0x74 || c === 0x6e) {
      i += 4; // true, null
    } else if (c === 0x66) {
      i += 5; // false
    } else {
      return false; // whitespace
    }
  }
  return true;
}

interface Stats {
  keys: number;
  suspicious: boolean;
  inOrder: boolean;
}

const ANY_SURROGATE = /[\uD800-\uDFFF]/;
// In valid JSON every '"' outside a string opens a string token, so scanning string tokens left to right
// stays aligned; a token followed by ':' is a member name.
// String tokens are found with indexOf (native) rather than a regular expression, whose match objects
// cost more than the scan for records of short strings.
function countMemberNames(text: string): number {
  let n = 0;
  let i = text.indexOf('"');
  while (i !== -1) {
    // The closing quote is the next one not escaped: preceded by an even number of backslashes.
    let j = text.indexOf('"', i + 1);
    for (;;) {
      let b = 0;
      while (text.charCodeAt(j - 1 - b) === 0x5c) b++;
      if ((b & 1) === 0) break;
      j = text.indexOf('"', j + 1);
    }
    let k = j + 1;
    let c = text.charCodeAt(k);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++k);
    if (c === 0x3a) n++;
    i = text.indexOf('"', k);
  }
  return n;
}

function walk(v: unknown, depth: number, stats: Stats): void {
  if (stats.suspicious) return;
  if (typeof v === 'string') {
    if (ANY_SURROGATE.test(v)) stats.suspicious = true;
  } else if (typeof v === 'number') {
    if (!Number.isFinite(v) || v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER)
      stats.suspicious = true;
  } else if (typeof v === 'object' && v !== null) {
    if (depth > MAX_DEPTH) {
      stats.suspicious = true;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], depth + 1, stats);
    } else {
      const keys = Object.keys(v);
      stats.keys += keys.length;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        if (ANY_SURROGATE.test(k)) stats.suspicious = true;
        if ((k.charCodeAt(0) ^ 0x30) < 10 || (i > 0 && keys[i - 1]! >= k)) stats.inOrder = false;
        walk((v as Record<string, unknown>)[k], depth + 1, stats);
      }
    }
  }
}

function strictParse(text: string): unknown {
  const p = new Parser(text);
  p.ws();
  const value = p.value(0);
  p.ws();
  if (p.i !== text.length) p.fail('多余的内容', 'unexpected content after the value');
  return value;
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(
    zh: string,
    en: string,
    code:
      | 'GDS_CRYPTO_JSON_SYNTAX'
      | 'GDS_CRYPTO_JSON_DUPLICATE_KEY'
      | 'GDS_CRYPTO_JSON_LONE_SURROGATE'
      | 'GDS_CRYPTO_JSON_UNSAFE_INTEGER'
      | 'GDS_CRYPTO_JSON_NON_FINITE' = 'GDS_CRYPTO_JSON_SYNTAX',
    at = this.i,
  ): never {
    throw new GdsCryptoError(code, `JSON 无效：${zh}，偏移 ${at}`, `invalid JSON: ${en}, at offset ${at}`);
  }

  ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail('嵌套过深', 'nested too deep');
    const c = this.s.charCodeAt(this.i);
    switch (c) {
      case 0x7b:
        return this.object(depth);
      case 0x5b:
        return this.array(depth);
      case 0x22:
        return this.string();
      case 0x74:
        return this.literal('true', true);
      case 0x66:
        return this.literal('false', false);
      case 0x6e:
        return this.literal('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
        if (Number.isNaN(c)) this.fail('意外的结尾', 'unexpected end of input');
        return this.fail(
          `意外的字符 ${JSON.stringify(this.s[this.i])}`,
          `unexpected character ${JSON.stringify(this.s[this.i])}`,
        );
    }
  }

  literal<T>(word: string, v: T): T {
    if (this.s.startsWith(word, this.i)) {
      this.i += word.length;
      return v;
    }
    return this.fail('无效的字面量', 'invalid literal');
  }

  object(depth: number): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.ws();
    if (this.s.charCodeAt(this.i) === 0x7d) {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.i) !== 0x22) this.fail('成员名必须是字符串', 'member name must be a string');
      const at = this.i;
      const key = this.string();
      if (seen.has(key)) {
        this.fail(
          `重复的成员名 ${JSON.stringify(key)}`,
          `duplicate member name ${JSON.stringify(key)}`,
          'GDS_CRYPTO_JSON_DUPLICATE_KEY',
          at,
        );
      }
      seen.add(key);
      this.ws();
      if (this.s.charCodeAt(this.i) !== 0x3a) this.fail('缺少冒号', 'expected ":"');
      this.i++;
      this.ws();
      const v = this.value(depth + 1);
      // defineProperty so that a member named "__proto__" is data, not a prototype change.
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      this.ws();
      const c = this.s.charCodeAt(this.i);
      this.i++;
      if (c === 0x2c) continue;
      if (c === 0x7d) return out;
      this.i--;
      this.fail('应为 "," 或 "}"', 'expected "," or "}"');
    }
  }

  array(depth: number): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.ws();
    if (this.s.charCodeAt(this.i) === 0x5d) {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.s.charCodeAt(this.i);
      this.i++;
      if (c === 0x2c) continue;
      if (c === 0x5d) return out;
      this.i--;
      this.fail('应为 "," 或 "]"', 'expected "," or "]"');
    }
  }

  string(): string {
    const s = this.s;
    const start = this.i;
    let i = this.i + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= s.length) this.fail('字符串未结束', 'unterminated string', 'GDS_CRYPTO_JSON_SYNTAX', start);
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20)
        this.fail(
          '字符串中有未转义的控制字符',
          'unescaped control character in string',
          'GDS_CRYPTO_JSON_SYNTAX',
          i,
        );
      if (c >= 0xd800 && c <= 0xdfff) {
        // A raw surrogate must be a high one followed by a low one.
        const d = s.charCodeAt(i + 1);
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          i += 2;
          continue;
        }
        this.fail('孤立的代理项', 'lone surrogate', 'GDS_CRYPTO_JSON_LONE_SURROGATE', i);
      }
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += s.slice(chunk, i);
      const e = s.charCodeAt(i + 1);
      i += 2;
      switch (e) {
        case 0x22:
          out += '"';
          break;
        case 0x5c:
          out += '\\';
          break;
        case 0x2f:
          out += '/';
          break;
        case 0x62:
          out += '\b';
          break;
        case 0x66:
          out += '\f';
          break;
        case 0x6e:
          out += '\n';
          break;
        case 0x72:
          out += '\r';
          break;
        case 0x74:
          out += '\t';
          break;
        case 0x75: {
          const u = this.hex4(i);
          i += 4;
          if (u >= 0xd800 && u <= 0xdbff) {
            if (s.charCodeAt(i) === 0x5c && s.charCodeAt(i + 1) === 0x75) {
              const lo = this.hex4(i + 2);
              if (lo >= 0xdc00 && lo <= 0xdfff) {
                out += String.fromCharCode(u, lo);
                i += 6;
                break;
              }
            }
            this.fail('孤立的代理项', 'lone surrogate', 'GDS_CRYPTO_JSON_LONE_SURROGATE', i - 6);
          }
          if (u >= 0xdc00 && u <= 0xdfff)
            this.fail('孤立的代理项', 'lone surrogate', 'GDS_CRYPTO_JSON_LONE_SURROGATE', i - 6);
          out += String.fromCharCode(u);
          break;
        }
        default:
          this.fail('无效的转义', 'invalid escape', 'GDS_CRYPTO_JSON_SYNTAX', i - 2);
      }
      chunk = i;
    }
    out += s.slice(chunk, i);
    this.i = i + 1;
    return out;
  }

  hex4(at: number): number {
    const h = this.s.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h))
      this.fail('无效的 \\u 转义', 'invalid \\u escape', 'GDS_CRYPTO_JSON_SYNTAX', at);
    return Number.parseInt(h, 16);
  }

  number(): number {
    const s = this.s;
    const start = this.i;
    const m = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = start;
    const r = m.exec(s);
    if (!r) return this.fail('无效的数字', 'invalid number');
    const text = r[0];
    this.i = start + text.length;
    const n = Number(text);
    if (!Number.isFinite(n)) {
      this.fail(
        `数字 ${text} 超出双精度范围`,
        `number ${text} is beyond the range of a double`,
        'GDS_CRYPTO_JSON_NON_FINITE',
        start,
      );
    }
    if (r[1] === undefined && r[2] === undefined && !Number.isSafeInteger(n)) {
      this.fail(
        `整数 ${text} 超出 ±(2^53-1)，会被舍入；请以字符串传递`,
        `integer ${text} is beyond ±(2^53-1) and would be rounded; send it as a string`,
        'GDS_CRYPTO_JSON_UNSAFE_INTEGER',
        start,
      );
    }
    return n;
  }
}
