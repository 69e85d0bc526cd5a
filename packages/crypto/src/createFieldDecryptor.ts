import { fromBase64Url } from './_internal/base64.js';
import { fromUtf8 } from './_internal/bytes.js';
import { parsePath, setAt, toPointer } from './_internal/fieldPaths.js';
import { dataKeyAd, fieldAd, fieldAdText, recordIdOf } from './_internal/fields.js';
import { rawFor } from './_internal/sodiumRaw.js';
import { ENC_MEMBER, type EncryptedFieldsInfo, FIELDS_MEMBER } from './createFieldEncryptor.js';
import { GdsCryptoError } from './errors.js';
import type { KeyStore } from './KeyStore.js';
import { loadSodiumSuite } from './loadSodiumSuite.js';
import { parseJson } from './parseJson.js';
import type { Suite } from './suite.js';

/** Options of {@link createFieldDecryptor}. */
export interface FieldDecryptorOptions {
  /** The reader's encryption keys: a `Keyring` or any `KeyStore`. */
  keys: Pick<KeyStore, 'has' | 'open'>;
  /** Suites this reader accepts (default: sodium). */
  suites?: Suite[];
  /** Path of the record id (default `/id`), as given to the encryptor. */
  recordIdPath?: string;
  /** When given, records of another standard are refused. */
  standard?: string;
}

/** What {@link FieldDecryptor.decrypt} returns. */
export interface FieldDecryptResult {
  /** The record with every field this reader may read decrypted; others keep their ciphertext. */
  record: Record<string, unknown>;
  /** JSON pointers of the decrypted fields. */
  decrypted: string[];
  /** JSON pointers of the fields this reader has no key for. */
  withheld: string[];
}

/**
 * Decrypts the encrypted fields of records.
 *
 * @example
 * ```ts
 * import { createFieldDecryptor } from '@gds/crypto';
 * const dec = createFieldDecryptor({ keys: myKeyring });
 * const { record, withheld } = await dec.decrypt(encryptedRecord);
 * ```
 */
export interface FieldDecryptor {
  decrypt(record: Record<string, unknown>): Promise<FieldDecryptResult>;
}

function failed(zh: string, en: string, cause?: unknown): GdsCryptoError {
  return new GdsCryptoError(
    'GDS_CRYPTO_DECRYPT_FAILED',
    `字段解密失败：${zh}`,
    `field decryption failed: ${en}`,
    { cause },
  );
}

function malformed(what: string): GdsCryptoError {
  return new GdsCryptoError(
    'GDS_CRYPTO_MALFORMED',
    `gds:fields 格式错误：${what}`,
    `malformed gds:fields: ${what}`,
  );
}

function checkInfo(v: unknown): EncryptedFieldsInfo {
  const i = v as EncryptedFieldsInfo;
  if (typeof i !== 'object' || i === null || i.v !== 1) throw malformed('v');
  if (typeof i.suite !== 'string' || typeof i.std !== 'string' || typeof i.rid !== 'string')
    throw malformed('suite/std/rid');
  if (!Array.isArray(i.groups) || typeof i.keks !== 'object' || i.keks === null)
    throw malformed('groups/keks');
  for (const g of i.groups) {
    if (typeof g?.kek !== 'string' || typeof g.dk !== 'string' || !Array.isArray(g.paths))
      throw malformed('group');
  }
  return i;
}

/**
 * Creates a field decryptor for one reader. For each record it checks that the record's own id is the
 * one the ciphertexts are bound to, opens the key-encryption keys the reader holds (cached across
 * records), unwraps the record's data keys, and decrypts exactly the fields of the groups it may read;
 * fields of other groups are reported in `withheld` and left encrypted. A ciphertext moved to another
 * record or field, or any altered byte, throws `GDS_CRYPTO_DECRYPT_FAILED`.
 *
 * @example
 * ```ts
 * import { createFieldDecryptor } from '@gds/crypto';
 * const dec = createFieldDecryptor({ keys: healthKeyring, standard: 'person@1.0.0' });
 * const { record, decrypted, withheld } = await dec.decrypt(encrypted);
 * ```
 */
export function createFieldDecryptor(options: FieldDecryptorOptions): FieldDecryptor {
  const ridSegments = parsePath(options.recordIdPath ?? '/id');
  const kekCache = new Map<string, Uint8Array>();
  let suites: Map<string, Suite> | undefined;

  async function kekFor(info: EncryptedFieldsInfo, kekId: string): Promise<Uint8Array | undefined> {
    const entries = info.keks[kekId];
    if (!Array.isArray(entries)) throw malformed(`keks.${kekId}`);
    for (const e of entries) {
      const cacheKey = `${kekId}\0${e.kid}\0${e.key}`;
      const hit = kekCache.get(cacheKey);
      if (hit) return hit;
      if (await options.keys.has(e.kid)) {
        let kek: Uint8Array;
        try {
          kek = await options.keys.open(e.kid, fromBase64Url(e.key));
        } catch (cause) {
          throw failed(
            `无法用 ${e.kid} 打开密钥加密密钥`,
            `cannot open the key-encryption key with ${e.kid}`,
            cause,
          );
        }
        kekCache.set(cacheKey, kek);
        return kek;
      }
    }
    return undefined;
  }

  return {
    async decrypt(record) {
      suites ??= new Map((options.suites ?? [await loadSodiumSuite()]).map((s) => [s.id, s]));
      const info = checkInfo(record?.[FIELDS_MEMBER]);
      const suite = suites.get(info.suite);
      if (!suite) {
        throw new GdsCryptoError(
          'GDS_CRYPTO_SUITE_NOT_ALLOWED',
          `不接受算法套件 ${info.suite}`,
          `suite ${info.suite} is not allowed`,
        );
      }
      const raw = rawFor(suite);
      if (options.standard !== undefined && info.std !== options.standard) {
        throw failed(
          `记录属于标准 ${info.std}`,
          `the record is of standard ${info.std}, not ${options.standard}`,
        );
      }
      // The id comes from the record itself, so moving ciphertexts and metadata together still fails.
      const rid = recordIdOf(record, ridSegments);
      if (rid !== info.rid)
        throw failed('记录标识与密文不符', 'the record id does not match its ciphertexts');

      const dks: (Uint8Array | undefined)[] = [];
      for (const g of info.groups) {
        if (g.dk === '') {
          dks.push(undefined);
          continue;
        }
        const kek = await kekFor(info, g.kek);
        if (!kek) {
          dks.push(undefined);
          continue;
        }
        try {
          dks.push(suite.decrypt(kek, fromBase64Url(g.dk), dataKeyAd(rid, info.std, g.kek, g.paths)));
        } catch (cause) {
          throw failed('数据密钥与记录不符', 'the data key does not belong to this record', cause);
        }
      }

      const out: Record<string, unknown> = { ...record };
      const copied = new Set<unknown>([out]);
      const decrypted: string[] = [];
      const withheld: string[] = [];
      // The path to the node being visited, as a stack (copied only where a ciphertext sits).
      const segs: string[] = [];
      const visit = (node: unknown) => {
        if (typeof node !== 'object' || node === null) return;
        const keys = Object.keys(node);
        if (keys.length === 1 && keys[0] === ENC_MEMBER && segs.length > 0) {
          const marker = (node as Record<string, unknown>)[ENC_MEMBER];
          const p = toPointer(segs);
          const m = typeof marker === 'string' ? /^(\d+)\.([A-Za-z0-9_-]+)$/.exec(marker) : null;
          const gi = m ? Number(m[1]) : -1;
          const g = info.groups[gi];
          if (!m || !g?.paths.includes(p))
            throw failed(
              `${p} 的密文不属于本记录的任何字段组`,
              `the ciphertext at ${p} belongs to no field group of this record`,
            );
          const dk = dks[gi];
          if (!dk) {
            withheld.push(p);
            return;
          }
          let value: unknown;
          try {
            // The sodium suite's fast path decodes, decrypts and reads the text in one pass through the
            // wasm heap; any other suite goes through its operations. Both read the same format.
            let text: string;
            if (raw) {
              const t = raw.openText(dk, m[2]!, fieldAdText(rid, p, info.std, g.kek));
              if (t === undefined) throw new Error('authentication failed');
              text = t;
            } else {
              text = fromUtf8(suite.decrypt(dk, fromBase64Url(m[2]!), fieldAd(rid, p, info.std, g.kek)));
            }
            value = parseJson(text);
          } catch (cause) {
            throw failed(
              `${p} 的密文无法解密（被移动或篡改）`,
              `the ciphertext at ${p} does not decrypt (moved or altered)`,
              cause,
            );
          }
          setAt(out, segs.slice(), value, copied);
          decrypted.push(p);
          return;
        }
        for (const k of keys) {
          if (segs.length === 0 && k === FIELDS_MEMBER) continue;
          segs.push(k);
          visit((node as Record<string, unknown>)[k]);
          segs.pop();
        }
      };
      visit(record);
      if (withheld.length === 0) delete out[FIELDS_MEMBER];
      for (const dk of dks) dk?.fill(0);
      return { record: out, decrypted, withheld };
    },
  };
}
