import { fromBase58, toBase58 } from './_internal/base58.js';
import { GdsCryptoError } from './errors.js';
import type { KeyMaterial } from './jwk.js';

// Multicodec varints: ed25519-pub 0xed, x25519-pub 0xec, sm2-pub 0x1206; ed25519-priv 0x1300,
// x25519-priv 0x1302, sm2-priv 0x1306.
const PUB: Record<string, [number, number]> = {
  'sodium:sign': [0xed, 0x01],
  'sodium:encrypt': [0xec, 0x01],
  'sm:sign': [0x86, 0x24],
  'sm:encrypt': [0x86, 0x24],
};
const PRIV: Record<string, [number, number]> = {
  'sodium:sign': [0x80, 0x26],
  'sodium:encrypt': [0x82, 0x26],
  'sm:sign': [0x86, 0x26],
  'sm:encrypt': [0x86, 0x26],
};

function encode(prefix: [number, number], bytes: Uint8Array): string {
  const b = new Uint8Array(2 + bytes.length);
  b.set(prefix);
  b.set(bytes, 2);
  return `z${toBase58(b)}`;
}

/**
 * Multibase (base58-btc, `z…`) encodings of a key as W3C Multikey uses them: `publicKeyMultibase`
 * (Ed25519 0xed01 ‖ 32 bytes, X25519 0xec01 ‖ 32 bytes, SM2 0x8624 ‖ 65-byte uncompressed point) and,
 * when the secret key is given, `secretKeyMultibase` (Ed25519: the 32-byte seed).
 *
 * @example
 * ```ts
 * import { toMultikey } from '@gds/crypto';
 * toMultikey({ suite: 'sodium', use: 'sign', publicKey }).publicKeyMultibase; // 'z6Mk...'
 * ```
 */
export function toMultikey(key: KeyMaterial): { publicKeyMultibase: string; secretKeyMultibase?: string } {
  const id = `${key.suite}:${key.use}`;
  const pub = PUB[id];
  const priv = PRIV[id];
  if (!pub || !priv)
    throw new GdsCryptoError(
      'GDS_CRYPTO_UNSUPPORTED',
      `不支持的密钥类型 ${id}`,
      `unsupported key type ${id}`,
    );
  const out: { publicKeyMultibase: string; secretKeyMultibase?: string } = {
    publicKeyMultibase: encode(pub, key.publicKey),
  };
  if (key.secretKey) out.secretKeyMultibase = encode(priv, key.secretKey.subarray(0, 32));
  return out;
}

/**
 * Decodes a `publicKeyMultibase` (and optionally `secretKeyMultibase`) written by {@link toMultikey}.
 * An SM2 multikey is read as a signing key unless `use` says otherwise (the codec does not say).
 *
 * @example
 * ```ts
 * import { fromMultikey } from '@gds/crypto';
 * const { suite, use, publicKey } = fromMultikey('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
 * ```
 */
export function fromMultikey(
  publicKeyMultibase: string,
  secretKeyMultibase?: string,
  use?: 'sign' | 'encrypt',
): KeyMaterial {
  const dec = (s: string) => {
    if (typeof s !== 'string' || !s.startsWith('z')) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_MALFORMED',
        'Multikey 必须是 base58-btc（z 开头）',
        'a Multikey must be base58-btc (z prefix)',
      );
    }
    return fromBase58(s.slice(1));
  };
  const p = dec(publicKeyMultibase);
  const match = (table: Record<string, [number, number]>, b: Uint8Array, len: number) =>
    Object.entries(table).find(
      ([id, [a, c]]) => b[0] === a && b[1] === c && b.length === len + 2 && (!use || id.endsWith(`:${use}`)),
    )?.[0];
  const id = match(PUB, p, 32) ?? match(PUB, p, 65);
  if (!id)
    throw new GdsCryptoError('GDS_CRYPTO_UNSUPPORTED', '不支持的 Multikey 类型', 'unsupported Multikey type');
  const [suite, u] = id.split(':') as [string, 'sign' | 'encrypt'];
  const out: KeyMaterial = { suite, use: u, publicKey: p.slice(2) };
  if (secretKeyMultibase !== undefined) {
    const s = dec(secretKeyMultibase);
    const [a, c] = PRIV[id]!;
    if (s[0] !== a || s[1] !== c || s.length !== 34) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_INVALID_KEY',
        'Multikey 私钥与公钥类型不符',
        'the Multikey secret key does not match the public key type',
      );
    }
    out.secretKey = s.slice(2);
  }
  return out;
}
