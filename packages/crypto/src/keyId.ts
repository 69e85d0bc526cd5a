import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url } from './_internal/base64.js';
import { utf8 } from './_internal/bytes.js';
import type { KeyUse } from './suite.js';

/**
 * The key id GDS derives from a suite, a use and a public key:
 * `gds:<suite>:<sig|enc>:<base64url(SHA-256("GDS-KEYID/v1" 0 suite 0 use 0 publicKey))[0..22]>`
 * (128 bits). Ids are derived, never chosen, so a key id cannot be claimed for another key; the human
 * label is kept beside it and can change without changing the id.
 *
 * @example
 * ```ts
 * import { keyId } from '@gds/crypto';
 * keyId('sodium', 'sign', publicKey); // 'gds:sodium:sig:Qm3...'
 * ```
 */
export function keyId(suite: string, use: KeyUse, publicKey: Uint8Array): string {
  const prefix = utf8(`GDS-KEYID/v1\0${suite}\0${use}\0`);
  const input = new Uint8Array(prefix.length + publicKey.length);
  input.set(prefix);
  input.set(publicKey, prefix.length);
  return `gds:${suite}:${use === 'sign' ? 'sig' : 'enc'}:${toBase64Url(sha256(input)).slice(0, 22)}`;
}
