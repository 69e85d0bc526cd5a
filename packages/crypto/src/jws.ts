import { fromBase64Url, toBase64Url } from './_internal/base64.js';
import { concatBytes, fromUtf8, utf8 } from './_internal/bytes.js';
import { canonicalize, type JsonValue } from './canonicalize.js';
import { GdsCryptoError } from './errors.js';
import type { KeyResolver } from './KeyInfo.js';
import { loadSodiumSuite } from './loadSodiumSuite.js';
import { parseJson } from './parseJson.js';
import type { Signer } from './Signer.js';

/** JWS JSON Serialization (RFC 7515 section 7.2.1), general form. */
export interface JwsJson {
  /** The payload: with `b64: false` (RFC 7797) the canonical JSON text itself; absent when detached. */
  payload?: string;
  signatures: { protected: string; header?: Record<string, JsonValue>; signature: string }[];
}

/**
 * Signs a JSON value as JWS JSON Serialization over its RFC 8785 canonical bytes, one signature per
 * signer, with `{"alg":"EdDSA","kid":…}` and, by default, an unencoded payload (RFC 7797:
 * `"b64":false,"crit":["b64"]`), so the payload stays readable JSON and the signed bytes are exactly the
 * canonical bytes. `detached: true` leaves the payload out. `b64: true` gives a plain RFC 7515 JWS.
 *
 * @example
 * ```ts
 * import { signJws } from '@gds/crypto';
 * const jws = await signJws({ id: 'p-1' }, [keyring.signer()]);
 * // { payload: '{"id":"p-1"}', signatures: [{ protected: 'eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2Us…', signature: '…' }] }
 * ```
 */
export async function signJws(
  payload: JsonValue,
  signers: Signer[],
  options: { detached?: boolean; b64?: boolean } = {},
): Promise<JwsJson> {
  const b64 = options.b64 ?? false;
  const text = canonicalize(payload);
  const encoded = b64 ? toBase64Url(utf8(text)) : text;
  const signatures: JwsJson['signatures'] = [];
  for (const s of signers) {
    if (s.suite !== 'sodium') {
      throw new GdsCryptoError(
        'GDS_CRYPTO_UNSUPPORTED',
        'JWS 只支持 EdDSA（Ed25519）',
        'JWS supports EdDSA (Ed25519) only',
      );
    }
    const header: Record<string, JsonValue> = b64
      ? { alg: 'EdDSA', kid: s.kid }
      : { alg: 'EdDSA', b64: false, crit: ['b64'], kid: s.kid };
    const protectedB64 = toBase64Url(utf8(JSON.stringify(header)));
    const sig = await s.sign(concatBytes(utf8(`${protectedB64}.`), utf8(encoded)));
    signatures.push({ protected: protectedB64, signature: toBase64Url(sig) });
  }
  return options.detached ? { signatures } : { payload: encoded, signatures };
}

/**
 * Verifies every signature of a JWS JSON Serialization made by {@link signJws} (or any EdDSA JWS whose
 * `kid` the resolver knows) and returns the payload. `payload` supplies a detached payload. Throws
 * `GdsCryptoError`: `GDS_CRYPTO_BAD_SIGNATURE`, `GDS_CRYPTO_UNKNOWN_KEY`, `GDS_CRYPTO_SUITE_NOT_ALLOWED`
 * (an `alg` other than EdDSA), `GDS_CRYPTO_MALFORMED` (unknown `crit`, bad encoding).
 *
 * @example
 * ```ts
 * import { verifyJws } from '@gds/crypto';
 * const { payload, kids } = await verifyJws(jws, { keys: keyring });
 * ```
 */
export async function verifyJws(
  jws: JwsJson,
  options: { keys: KeyResolver; payload?: JsonValue },
): Promise<{ payload: unknown; kids: string[] }> {
  const suite = await loadSodiumSuite();
  if (!jws || !Array.isArray(jws.signatures) || jws.signatures.length === 0) {
    throw new GdsCryptoError('GDS_CRYPTO_MALFORMED', 'JWS 没有签名', 'the JWS has no signature');
  }
  const kids: string[] = [];
  let result: unknown;
  for (const s of jws.signatures) {
    let header: Record<string, unknown>;
    try {
      header = parseJson(fromUtf8(fromBase64Url(s.protected))) as Record<string, unknown>;
    } catch (cause) {
      throw new GdsCryptoError('GDS_CRYPTO_MALFORMED', 'JWS 受保护头无效', 'invalid JWS protected header', {
        cause,
      });
    }
    if (header.alg !== 'EdDSA') {
      throw new GdsCryptoError(
        'GDS_CRYPTO_SUITE_NOT_ALLOWED',
        `不接受的 alg ${String(header.alg)}`,
        `alg ${String(header.alg)} is not accepted`,
      );
    }
    const crit = header.crit as unknown[] | undefined;
    if (crit !== undefined && !(Array.isArray(crit) && crit.every((c) => c === 'b64'))) {
      throw new GdsCryptoError('GDS_CRYPTO_MALFORMED', '不支持的 crit 扩展', 'unsupported crit extension');
    }
    const b64 = header.b64 !== false;
    if (!b64 && !crit?.includes('b64')) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_MALFORMED',
        'b64:false 必须列在 crit 中（RFC 7797）',
        'b64:false must be listed in crit (RFC 7797)',
      );
    }
    const encoded =
      jws.payload ??
      (options.payload === undefined
        ? undefined
        : b64
          ? toBase64Url(utf8(canonicalize(options.payload)))
          : canonicalize(options.payload));
    if (encoded === undefined)
      throw new GdsCryptoError('GDS_CRYPTO_MALFORMED', '缺少载荷', 'the payload is missing');
    const kid = header.kid;
    const key = typeof kid === 'string' ? await options.keys.resolveKey(kid) : undefined;
    if (key?.suite !== 'sodium' || key.use !== 'sign') {
      throw new GdsCryptoError(
        'GDS_CRYPTO_UNKNOWN_KEY',
        `未知的签名密钥 ${String(kid)}`,
        `unknown signing key ${String(kid)}`,
      );
    }
    let sig: Uint8Array;
    try {
      sig = fromBase64Url(s.signature);
    } catch {
      throw new GdsCryptoError(
        'GDS_CRYPTO_BAD_SIGNATURE',
        'JWS 签名编码无效',
        'the JWS signature is not base64url',
      );
    }
    if (!suite.verify(sig, concatBytes(utf8(`${s.protected}.`), utf8(encoded)), key.publicKey)) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_BAD_SIGNATURE',
        `密钥 ${kid} 的 JWS 签名无效`,
        `the JWS signature by ${kid} does not verify`,
      );
    }
    kids.push(kid as string);
    result = parseJson(b64 ? fromUtf8(fromBase64Url(encoded)) : encoded);
  }
  return { payload: result, kids };
}
