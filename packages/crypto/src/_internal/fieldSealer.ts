import { canonicalize } from '../canonicalize.js';
import { GdsCryptoError } from '../errors.js';
import type { Suite } from '../suite.js';
import { toBase64Url } from './base64.js';
import { concatBytes, utf8 } from './bytes.js';

/**
 * What field encryption needs per record, for one record at a time: data keys drawn fresh for the
 * record (one per reader group, on first use), each field sealed under its group's key, each used key
 * wrapped under its group's KEK, and every key wiped at `end`. Work is queued and done by `finish`,
 * which returns one string per queued call, in order:
 *
 * - `seal(g, value, adTail, prefix)` → prefix + base64url(suite.encrypt(dk[g], JCS bytes of value, UTF-8(adHead) ‖ adTail))
 * - `wrap(g, kek, ad)` → base64url(suite.encrypt(kek, dk[g], UTF-8(ad))), only for a group that sealed
 *
 * `suiteSealer` does this through any `Suite` (the general path); the sodium suite's fast path uses the
 * fused {@link RecordSealer} instead (sodiumRaw.ts), producing the same bytes.
 */
export interface FieldSealer {
  begin(groups: number, adHead: string): void;
  seal(group: number, value: unknown, adTail: Uint8Array, prefix: string): void;
  wrap(group: number, kek: Uint8Array, ad: string): void;
  finish(): string[];
  end(): void;
}

/**
 * The record sealer of the sodium suite's fast path: like {@link FieldSealer}, but the record id is
 * written once per record and every associated data is assembled from bytes prepared per encryptor,
 * and the blind index is computed in the same pass through the wasm heap. `finish` returns one string
 * per queued call, in order:
 *
 * - `mac(key, prefix, text)` → base64url(first 16 bytes of keyed BLAKE2b-256(key, prefix ‖ UTF-8(text)));
 *   the key and the input are wiped from the staging buffer and the heap once hashed
 * - `seal(g, value, adTail, pathLength, prefix)` → prefix + base64url(nonce ‖ XChaCha20-Poly1305(dk[g],
 *   JCS bytes of value, "GDS-FIELD/v1" 0 rid ‖ adTail)), where adTail is 0 path 0 std 0 kekId and
 *   `pathLength` the byte length of its path
 * - `wrap(g, kek, adMid)` → base64url(nonce ‖ XChaCha20-Poly1305(kek, dk[g], "GDS-FIELD-DK/v1" 0 rid ‖
 *   adMid ‖ the paths of g's seals joined by 0)), adMid being 0 std 0 kekId 0; only for a group that sealed
 */
export interface RecordSealer {
  begin(groups: number, rid: string): void;
  mac(key: Uint8Array, prefix: Uint8Array, text: string): void;
  seal(group: number, value: unknown, adTail: Uint8Array, pathLength: number, prefix: string): void;
  wrap(group: number, kek: Uint8Array, adMid: Uint8Array): void;
  finish(): string[];
  end(): void;
}

export function suiteSealer(suite: Suite): FieldSealer {
  let keys: (Uint8Array | undefined)[] = [];
  let head = new Uint8Array(0) as Uint8Array;
  let queue: (() => string)[] = [];
  return {
    begin(groups, adHead) {
      keys = new Array(groups);
      head = utf8(adHead);
      queue = [];
    },
    seal(g, value, adTail, prefix) {
      keys[g] ??= suite.randomBytes(suite.symmetricKeyLength);
      const dk = keys[g];
      const text = canonicalize(value);
      queue.push(() => prefix + toBase64Url(suite.encrypt(dk, utf8(text), concatBytes(head, adTail))));
    },
    wrap(g, kek, ad) {
      const dk = keys[g];
      if (!dk)
        throw new GdsCryptoError(
          'GDS_CRYPTO_INVALID_INPUT',
          '没有字段的组不需要包装密钥',
          'a group with no field has no data key to wrap',
        );
      queue.push(() => toBase64Url(suite.encrypt(kek, dk, utf8(ad))));
    },
    finish: () => queue.map((job) => job()),
    end() {
      for (const k of keys) k?.fill(0);
      keys = [];
      queue = [];
    },
  };
}
