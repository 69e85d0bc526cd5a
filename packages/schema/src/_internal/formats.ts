// JSON Schema formats of the GDS profile, written as character scans: no regex on the hot path.

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// The last string isDate read and its day (yyyymmdd, or -1 when it is no date). A cross-field rule of
// the same record (a birth date against the one in an ID number) takes the day from here instead of
// reading the string again. Compared by content, a stale entry can only miss, never mislead.
let lastDate = '';
let lastDay = -1;

/** RFC 3339 full-date: YYYY-MM-DD, a real calendar date. */
export function isDate(s: string): boolean {
  const day = s.length === 10 ? dayAt(s) : -1;
  lastDate = s;
  lastDay = day;
  return day >= 0;
}

/** The day of an RFC 3339 full-date as the number yyyymmdd, or -1 when `s` is not one. */
export function dateNumber(s: string): number {
  if (s === lastDate) return lastDay;
  return s.length === 10 ? dayAt(s) : -1;
}

// The YYYY-MM-DD at the start of s as yyyymmdd (or -1), unrolled: every record has a date or two.
function dayAt(s: string): number {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48;
  const m1 = s.charCodeAt(6) - 48;
  const d0 = s.charCodeAt(8) - 48;
  const d1 = s.charCodeAt(9) - 48;
  // A character outside 0-9 gives a negative or > 9 value: unsigned, both are > 9.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9
  )
    return -1;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? y * 10_000 + m * 100 + d : -1;
}

/**
 * RFC 3339 §5.6 `date-time`: full-date, `T` (or `t`), hh:mm:ss with an optional fraction, then `Z` (or
 * `z`) or ±hh:mm. A leap second (ss = 60) only where one can be, at 23:59:60 UTC on the last day of a
 * month (ITU-R TF.460-6), the offset applied first: `1998-12-31T15:59:60-08:00` is one, `…23:59:60+01:00`
 * is not. The space that §5.6 lets applications agree on instead of `T` is not the interchange format.
 */
export function isDateTime(s: string): boolean {
  if (s.length < 20) return false;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 116) return false;
  const day = dayAt(s);
  if (day < 0) return false;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const se = digits(s, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    i++;
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return false;
  }
  const z = s.charCodeAt(i);
  let offset = 0;
  if (z === 90 || z === 122) {
    if (i + 1 !== s.length) return false;
  } else if ((z === 43 || z === 45) && i + 6 === s.length && s.charCodeAt(i + 3) === 58) {
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return false;
    offset = (z === 43 ? 1 : -1) * (oh * 60 + om);
  } else return false;
  return se !== 60 || isLeapSecondMinute(day, h * 60 + mi - offset);
}

// Whether the UTC minute `utc` (minutes after local midnight of the day yyyymmdd, the offset taken off:
// -1439 to 2878) is 23:59 on the last day of a month: of this day (1439), or of the day before (-1).
function isLeapSecondMinute(day: number, utc: number): boolean {
  if (utc === 1439) return day % 100 === daysInMonth(Math.floor(day / 10_000), Math.floor(day / 100) % 100);
  return utc === -1 && day % 100 === 1;
}

// Character classes of RFC 3986 and RFC 5321, one bit each, for the ASCII range.
const ALPHA = 1;
const DIGIT = 2;
const UNRESERVED = 4; // ALPHA / DIGIT / - . _ ~
const SUB_DELIM = 8; // ! $ & ' ( ) * + , ; =
const ATEXT = 16; // RFC 5322 atext: ALPHA / DIGIT / ! # $ % & ' * + - / = ? ^ _ ` { | } ~
const HEX = 32;
const SCHEME = 64; // ALPHA / DIGIT / + - .
const CLASS = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  const add = (chars: string, bit: number) => {
    for (const c of chars) table[c.charCodeAt(0)]! |= bit;
  };
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const digits = '0123456789';
  add(letters, ALPHA | UNRESERVED | ATEXT);
  add(digits, DIGIT | UNRESERVED | ATEXT | HEX);
  add('ABCDEFabcdef', HEX);
  add('-._~', UNRESERVED);
  add(`${letters}${digits}+-.`, SCHEME);
  add("!$&'()*+,;=", SUB_DELIM);
  add("!#$%&'*+-/=?^_`{|}~", ATEXT);
  return table;
})();

function is(c: number, bits: number): boolean {
  return c < 128 && (CLASS[c]! & bits) !== 0;
}

/**
 * Scans s[from, to) as characters of `bits` (plus each of `extra`) and pct-encoded triplets: true when
 * all of it is.
 */
function run(s: string, from: number, to: number, bits: number, extra: string): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (is(c, bits)) continue;
    if (c === 37) {
      if (i + 2 >= to || !is(s.charCodeAt(i + 1), HEX) || !is(s.charCodeAt(i + 2), HEX)) return false;
      i += 2;
      continue;
    }
    if (c < 128 && extra.indexOf(s[i]!) >= 0) continue;
    return false;
  }
  return true;
}

// RFC 3986 dec-octet: 0-255 without leading zeros.
function decOctet(s: string): boolean {
  if (s.length === 0 || s.length > 3 || (s.length > 1 && s.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < s.length; i++) if (!is(s.charCodeAt(i), DIGIT)) return false;
  return Number(s) <= 255;
}

function ipv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every(decOctet);
}

/**
 * An IPv6 address as RFC 4291 §2.2 writes it (RFC 3986 `IPv6address`): eight groups of 1-4 hex digits,
 * the last two possibly an IPv4 address, with at most one `::` standing for `minElided` or more groups
 * of zeros (1 in RFC 3986; RFC 5321 says 2).
 */
export function isIpv6(s: string, minElided = 1): boolean {
  const gap = s.indexOf('::');
  if (gap >= 0 && s.indexOf('::', gap + 1) >= 0) return false;
  const groups = (part: string): number => {
    if (part === '') return 0;
    const items = part.split(':');
    let n = 0;
    for (let k = 0; k < items.length; k++) {
      const g = items[k]!;
      if (k === items.length - 1 && g.indexOf('.') >= 0) {
        if (!ipv4(g)) return -1;
        n += 2;
        continue;
      }
      if (g.length < 1 || g.length > 4) return -1;
      for (let i = 0; i < g.length; i++) if (!is(g.charCodeAt(i), HEX)) return -1;
      n++;
    }
    return n;
  };
  if (gap < 0) return groups(s) === 8;
  const head = s.slice(0, gap);
  const tail = s.slice(gap + 2);
  // An IPv4 tail may only close the address.
  if (head.indexOf('.') >= 0) return false;
  const a = groups(head);
  const b = groups(tail);
  return a >= 0 && b >= 0 && a + b <= 8 - minElided;
}

/**
 * RFC 3986 §3 `URI` (absolute, a fragment allowed): scheme ":" hier-part ["?" query] ["#" fragment],
 * each part of the characters its grammar allows, percent signs only in %XX triplets, a host that is an
 * IP-literal (IPv6 or IPvFuture), an IPv4 address or a reg-name, and a port of digits. ASCII only:
 * an IRI (RFC 3987) is not a URI until its other characters are percent-encoded.
 */
export function isUri(s: string): boolean {
  const n = s.length;
  if (n === 0 || !is(s.charCodeAt(0), ALPHA)) return false;
  let i = 1;
  while (i < n && is(s.charCodeAt(i), SCHEME)) i++;
  if (i >= n || s.charCodeAt(i) !== 58) return false;
  i++;
  let end = n;
  const hash = s.indexOf('#', i);
  if (hash >= 0) {
    if (!run(s, hash + 1, n, UNRESERVED | SUB_DELIM, ':@/?')) return false;
    end = hash;
  }
  const query = s.indexOf('?', i);
  if (query >= 0 && query < end) {
    if (!run(s, query + 1, end, UNRESERVED | SUB_DELIM, ':@/?')) return false;
    end = query;
  }
  if (s.charCodeAt(i) === 47 && s.charCodeAt(i + 1) === 47) {
    const start = i + 2;
    let slash = s.indexOf('/', start);
    if (slash < 0 || slash > end) slash = end;
    if (!authority(s.slice(start, slash))) return false;
    i = slash;
  }
  return run(s, i, end, UNRESERVED | SUB_DELIM, ':@/');
}

// RFC 3986 §3.2 authority: [userinfo "@"] host [":" port].
function authority(a: string): boolean {
  const at = a.lastIndexOf('@');
  if (at >= 0 && !run(a, 0, at, UNRESERVED | SUB_DELIM, ':')) return false;
  let host = a.slice(at + 1);
  if (host.charCodeAt(0) === 91) {
    const close = host.indexOf(']');
    if (close < 0) return false;
    const literal = host.slice(1, close);
    const rest = host.slice(close + 1);
    if (rest !== '' && !port(rest)) return false;
    return isIpv6(literal) || ipvFuture(literal);
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0) {
    if (!port(host.slice(colon))) return false;
    host = host.slice(0, colon);
  }
  // reg-name; an IPv4address is one too, so "999.999.999.999" is a (registered) name.
  return run(host, 0, host.length, UNRESERVED | SUB_DELIM, '');
}

function port(p: string): boolean {
  if (p.charCodeAt(0) !== 58) return false;
  for (let i = 1; i < p.length; i++) if (!is(p.charCodeAt(i), DIGIT)) return false;
  return true;
}

// RFC 3986 IPvFuture: "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ).
function ipvFuture(s: string): boolean {
  if (s.charCodeAt(0) !== 118 && s.charCodeAt(0) !== 86) return false;
  const dot = s.indexOf('.');
  if (dot < 2 || dot + 1 >= s.length) return false;
  for (let i = 1; i < dot; i++) if (!is(s.charCodeAt(i), HEX)) return false;
  for (let i = dot + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!is(c, UNRESERVED | SUB_DELIM) && c !== 58) return false;
  }
  return true;
}

/**
 * An e-mail address as SMTP carries it: RFC 5321 §4.1.2 `Mailbox`, in ASCII. The local part is a
 * dot-string of RFC 5322 atext atoms or a quoted string; the domain is a fully qualified name (two or
 * more labels of letters, digits and inner hyphens, RFC 5321 §2.3.5) or an address literal
 * `[192.0.2.1]` / `[IPv6:2001:db8::1]`; the lengths stay within RFC 5321 §4.5.3.1 (local part 64,
 * domain 255, label 63 octets, the whole 254). Not accepted: what only RFC 5322 message headers allow
 * (comments, folding white space, display names, obsolete forms), internationalized addresses (RFC 6531,
 * JSON Schema's `idn-email`) and general address literals with an unregistered tag.
 */
export function isEmail(s: string): boolean {
  if (s.length > 254) return false;
  const at = s.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  return localPart(s, at) && domain(s.slice(at + 1));
}

function localPart(s: string, at: number): boolean {
  if (s.charCodeAt(0) === 34) {
    // Quoted-string: DQUOTE *(qtextSMTP / "\" %d32-126) DQUOTE, ending right before the "@".
    if (at < 2 || s.charCodeAt(at - 1) !== 34) return false;
    for (let i = 1; i < at - 1; i++) {
      const c = s.charCodeAt(i);
      if (c === 92) {
        const q = s.charCodeAt(++i);
        if (i >= at - 1 || q < 32 || q > 126) return false;
      } else if (c < 32 || c > 126 || c === 34) return false;
    }
    return true;
  }
  // Dot-string: Atom *("." Atom).
  let atom = 0;
  for (let i = 0; i < at; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (atom === 0) return false;
      atom = 0;
    } else if (is(c, ATEXT)) atom++;
    else return false;
  }
  return atom > 0;
}

function domain(d: string): boolean {
  if (d.charCodeAt(0) === 91) {
    if (d.charCodeAt(d.length - 1) !== 93) return false;
    const literal = d.slice(1, -1);
    if (literal.startsWith('IPv6:')) return isIpv6(literal.slice(5), 2);
    // IPv4-address-literal: Snum 3("." Snum), Snum = 1*3DIGIT of value 0-255.
    const parts = literal.split('.');
    return (
      parts.length === 4 &&
      parts.every(
        (p) =>
          p.length >= 1 &&
          p.length <= 3 &&
          [...p].every((c) => is(c.charCodeAt(0), DIGIT)) &&
          Number(p) <= 255,
      )
    );
  }
  // Labels of letters, digits and inner hyphens, 1 to 63 long, two or more: one pass, no allocation.
  const n = d.length;
  if (n === 0 || n > 255) return false;
  let start = 0;
  let labels = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? d.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - start;
      if (len === 0 || len > 63 || d.charCodeAt(i - 1) === 45) return false;
      labels++;
      start = i + 1;
    } else if (c === 45) {
      if (i === start) return false;
    } else if (!is(c, ALPHA | DIGIT)) return false;
  }
  return labels >= 2;
}
