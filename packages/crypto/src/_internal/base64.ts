import { GdsCryptoError } from '../errors.js';

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  DECODE[URL_ALPHABET.charCodeAt(i)] = i;
  DECODE[STD_ALPHABET.charCodeAt(i)] = i;
}

// Two output characters per 12 bits: half the string operations of a 6-bit table.
function pairs(alphabet: string): string[] {
  const t: string[] = new Array(4096);
  for (let i = 0; i < 4096; i++) t[i] = alphabet[i >> 6]! + alphabet[i & 63]!;
  return t;
}
const URL_PAIRS = pairs(URL_ALPHABET);
const STD_PAIRS = pairs(STD_ALPHABET);

function encode(b: Uint8Array, alphabet: string, pad: boolean): string {
  const table = alphabet === URL_ALPHABET ? URL_PAIRS : STD_PAIRS;
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out += table[n >> 12]! + table[n & 4095]!;
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = b[i]! << 16;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

/** base64url without padding (RFC 4648 section 5), as JOSE and GDS envelopes use. */
export function toBase64Url(b: Uint8Array): string {
  return encode(b, URL_ALPHABET, false);
}

/** Standard base64 with padding (RFC 4648 section 4). */
export function toBase64(b: Uint8Array): string {
  return encode(b, STD_ALPHABET, true);
}

/**
 * Strict decoder for base64url (no padding) or, with `standard`, padded base64: refuses other
 * characters and non-canonical trailing bits, so one byte string has exactly one text form.
 */
export function fromBase64Url(s: string, what = 'base64url', standard = false): Uint8Array {
  if (typeof s !== 'string') throw bad(what);
  let str = s;
  if (standard) {
    if (str.length % 4 !== 0) throw bad(what);
    str = str.replace(/={1,2}$/, '');
  }
  if (str.length % 4 === 1) throw bad(what);
  const out = new Uint8Array(Math.floor((str.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) throw bad(what);
    if (standard ? c === 0x2d || c === 0x5f : c === 0x2b || c === 0x2f) throw bad(what);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw bad(what);
  return out;
}

export function fromBase64(s: string, what = 'base64'): Uint8Array {
  return fromBase64Url(s, what, true);
}

function bad(what: string): GdsCryptoError {
  return new GdsCryptoError('GDS_CRYPTO_MALFORMED', `${what} 编码无效`, `invalid ${what} encoding`);
}
