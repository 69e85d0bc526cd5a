import type { Suite } from '../suite.js';
import { toBase64Url } from './base64.js';
import { concatBytes, utf8 } from './bytes.js';

/**
 * What field encryption needs per record, for one record at a time: data keys drawn fresh for the
 * record (one per reader group, on first use), each field sealed under its group's key, each used key
 * wrapped under its group's KEK, and every key wiped at `end`.
 *
 * - `seal(g, text, adTail)` = base64url(suite.encrypt(dk[g], UTF-8(text), UTF-8(adHead) ‖ adTail))
 * - `wrap(g, kek, ad)` = base64url(suite.encrypt(kek, dk[g], UTF-8(ad))), or '' when dk[g] was never
 *   drawn (the group had no field in this record)
 *
 * `suiteSealer` does this through any `Suite`; the sodium suite has a fused one (sodiumRaw.ts) that
 * keeps the data keys inside the wasm heap and writes inputs and reads outputs there, producing the
 * same bytes without allocating per field.
 */
export interface FieldSealer {
  begin(groups: number, adHead: string): void;
  seal(group: number, text: string, adTail: Uint8Array): string;
  wrap(group: number, kek: Uint8Array, ad: string): string;
  end(): void;
}

export function suiteSealer(suite: Suite): FieldSealer {
  let keys: (Uint8Array | undefined)[] = [];
  let head = new Uint8Array(0) as Uint8Array;
  return {
    begin(groups, adHead) {
      keys = new Array(groups);
      head = utf8(adHead);
    },
    seal(g, text, adTail) {
      keys[g] ??= suite.randomBytes(suite.symmetricKeyLength);
      return toBase64Url(suite.encrypt(keys[g], utf8(text), concatBytes(head, adTail)));
    },
    wrap(g, kek, ad) {
      const dk = keys[g];
      return dk ? toBase64Url(suite.encrypt(kek, dk, utf8(ad))) : '';
    },
    end() {
      for (const k of keys) k?.fill(0);
      keys = [];
    },
  };
}
