import { GdsCryptoError } from '../errors.js';
import { utf8 } from './bytes.js';
import { toPointer } from './fieldPaths.js';

/** Associated data of one field: binds record id, concrete path, standard and key-encryption key id. */
export function fieldAd(rid: string, path: string, std: string, kek: string): Uint8Array {
  return utf8(fieldAdText(rid, path, std, kek));
}

export function fieldAdText(rid: string, path: string, std: string, kek: string): string {
  return `GDS-FIELD/v1\0${rid}\0${path}\0${std}\0${kek}`;
}

/** Associated data of a wrapped data key: binds record id, standard, key-encryption key and paths. */
export function dataKeyAd(rid: string, std: string, kek: string, paths: readonly string[]): Uint8Array {
  return utf8(dataKeyAdText(rid, std, kek, paths));
}

export function dataKeyAdText(rid: string, std: string, kek: string, paths: readonly string[]): string {
  return `GDS-FIELD-DK/v1\0${rid}\0${std}\0${kek}\0${paths.join('\0')}`;
}

export function recordIdOf(record: Record<string, unknown>, segments: readonly string[]): string {
  let v: unknown = record;
  for (const s of segments)
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[s] : undefined;
  if ((typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v))) return String(v);
  throw new GdsCryptoError(
    'GDS_CRYPTO_INVALID_INPUT',
    `记录缺少标识（${toPointer(segments)}）：字段密文必须绑定记录标识`,
    `the record has no id at ${toPointer(segments)}: field ciphertexts are bound to it`,
  );
}
