import { toBase64Url } from './_internal/base64.js';
import { utf8 } from './_internal/bytes.js';
import type { Suite } from './suite.js';

/**
 * The default normalisation before a blind index: Unicode NFKC, trimmed, upper case (so the check
 * character of a 身份证号 matches as `X` or `x`, and full-width digits match ASCII ones).
 *
 * @example
 * ```ts
 * import { normalizeForIndex } from '@gds/crypto';
 * normalizeForIndex(' 11010119900307777x '); // '11010119900307777X'
 * ```
 */
export function normalizeForIndex(value: unknown): string {
  const s = String(value);
  // ASCII is already in NFKC; skipping normalize() saves most of the cost for ID numbers.
  return (ASCII.test(s) ? s : s.normalize('NFKC')).trim().toUpperCase();
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * A keyed blind index for equality lookup without decryption: base64url of the first 16 bytes of
 * `suite.mac(key, "GDS-BLIND-INDEX/v1" 0 standard 0 path 0 normalised value)`. The same value in the
 * same field of the same standard gives the same index under the same key, so an encrypted ID number
 * can be found by computing the index of the number looked for. Holders of `key` can test guesses, so
 * give it only to those allowed to search; the index reveals equality between records, nothing else.
 *
 * @example
 * ```ts
 * import { blindIndex, loadSodiumSuite } from '@gds/crypto';
 * const suite = await loadSodiumSuite();
 * const idx = blindIndex(suite, searchKey, 'person@1.0.0', '/idNumber', '110101199003077777');
 * // find records whose ["gds:fields"].bi["/idNumber"] === idx
 * ```
 */
export function blindIndex(
  suite: Suite,
  key: Uint8Array,
  standard: string,
  path: string,
  value: unknown,
  normalize: (value: unknown) => string = normalizeForIndex,
): string {
  // The input holds the clear value: wiped once hashed.
  const input = utf8(blindIndexInput(standard, path, normalize(value)));
  try {
    return toBase64Url(suite.mac(key, input).subarray(0, 16));
  } finally {
    input.fill(0);
  }
}

/**
 * The text a blind index MACs (shared with field encryption's fused path). Not exported from the package.
 *
 * @example
 * ```ts
 * blindIndexInput('person@1.0.0', '/idNumber', '11010119900307777X'); // "GDS-BLIND-INDEX/v1\0person@1.0.0\0…"
 * ```
 */
export function blindIndexInput(standard: string, path: string, normalized: string): string {
  return `GDS-BLIND-INDEX/v1\0${standard}\0${path}\0${normalized}`;
}
