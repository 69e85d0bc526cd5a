import { fromBase64Url, toBase64Url } from './_internal/base64.js';
import { GdsCryptoError } from './errors.js';
import type { KeyUse } from './suite.js';

/** A JSON Web Key as GDS writes it: OKP (RFC 8037) for Ed25519/X25519, EC with crv "SM2" for SM2. */
export interface Jwk {
  kty: 'OKP' | 'EC';
  crv: 'Ed25519' | 'X25519' | 'SM2';
  x: string;
  y?: string;
  d?: string;
  kid?: string;
  use?: 'sig' | 'enc';
  alg?: string;
}

/** Key material named by suite and use, as JWK and Multikey import and export it. */
export interface KeyMaterial {
  suite: string;
  use: KeyUse;
  publicKey: Uint8Array;
  /** sodium sign: the 32-byte seed or libsodium's 64-byte secret key; otherwise 32 bytes. */
  secretKey?: Uint8Array;
}

function unsupported(what: string): GdsCryptoError {
  return new GdsCryptoError(
    'GDS_CRYPTO_UNSUPPORTED',
    `不支持的密钥类型：${what}`,
    `unsupported key type: ${what}`,
  );
}

/**
 * Exports a key as a JWK: Ed25519 signing keys as `{kty:"OKP", crv:"Ed25519"}` (RFC 8037), X25519
 * encryption keys as `{kty:"OKP", crv:"X25519"}`, SM2 keys as `{kty:"EC", crv:"SM2", x, y}`. The secret
 * (`d`) is included only when `secretKey` is given; for Ed25519 it is the 32-byte seed (RFC 8037).
 *
 * @example
 * ```ts
 * import { exportJwk } from '@gds/crypto';
 * const jwk = exportJwk({ suite: 'sodium', use: 'sign', publicKey: info.publicKey }, info.kid);
 * // { kty: 'OKP', crv: 'Ed25519', x: '...', kid: 'gds:sodium:sig:...', use: 'sig', alg: 'EdDSA' }
 * ```
 */
export function exportJwk(key: KeyMaterial, kid?: string): Jwk {
  let jwk: Jwk;
  if (key.suite === 'sodium') {
    jwk = { kty: 'OKP', crv: key.use === 'sign' ? 'Ed25519' : 'X25519', x: toBase64Url(key.publicKey) };
    if (key.secretKey) jwk.d = toBase64Url(key.secretKey.subarray(0, 32));
    if (key.use === 'sign') jwk.alg = 'EdDSA';
  } else if (key.suite === 'sm') {
    jwk = {
      kty: 'EC',
      crv: 'SM2',
      x: toBase64Url(key.publicKey.subarray(1, 33)),
      y: toBase64Url(key.publicKey.subarray(33, 65)),
    };
    if (key.secretKey) jwk.d = toBase64Url(key.secretKey);
    if (key.use === 'sign') jwk.alg = 'SM2';
  } else {
    throw unsupported(key.suite);
  }
  jwk.use = key.use === 'sign' ? 'sig' : 'enc';
  if (kid !== undefined) jwk.kid = kid;
  return jwk;
}

/**
 * Imports a JWK written by {@link exportJwk} (or any RFC 8037 Ed25519/X25519 JWK). For an Ed25519 `d`
 * the returned `secretKey` is the 32-byte seed, which `Keyring.add` accepts as is.
 *
 * @example
 * ```ts
 * import { importJwk } from '@gds/crypto';
 * const { suite, use, publicKey } = importJwk({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' });
 * ```
 */
export function importJwk(jwk: Jwk): KeyMaterial {
  const b = (s: string | undefined, n: number, what: string) => {
    const v = fromBase64Url(s ?? '', `JWK ${what}`);
    if (v.length !== n) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_INVALID_KEY',
        `JWK ${what} 长度错误`,
        `JWK ${what} has the wrong length`,
      );
    }
    return v;
  };
  if (jwk?.kty === 'OKP' && (jwk.crv === 'Ed25519' || jwk.crv === 'X25519')) {
    const out: KeyMaterial = {
      suite: 'sodium',
      use: jwk.crv === 'Ed25519' ? 'sign' : 'encrypt',
      publicKey: b(jwk.x, 32, 'x'),
    };
    if (jwk.d !== undefined) out.secretKey = b(jwk.d, 32, 'd');
    return out;
  }
  if (jwk?.kty === 'EC' && jwk.crv === 'SM2') {
    const publicKey = new Uint8Array(65);
    publicKey[0] = 4;
    publicKey.set(b(jwk.x, 32, 'x'), 1);
    publicKey.set(b(jwk.y, 32, 'y'), 33);
    const out: KeyMaterial = { suite: 'sm', use: jwk.use === 'enc' ? 'encrypt' : 'sign', publicKey };
    if (jwk.d !== undefined) out.secretKey = b(jwk.d, 32, 'd');
    return out;
  }
  throw unsupported(`${jwk?.kty}/${jwk?.crv}`);
}
