import { fromBase64Url } from './_internal/base64.js';
import { headerOnly, malformed, parseEnvelope, proofInputs } from './_internal/envelope.js';
import { type TimeInput, toMillis } from './_internal/time.js';
import type { Envelope, EnvelopeHeader, Proof } from './Envelope.js';
import { GdsCryptoError } from './errors.js';
import type { KeyInfo, KeyResolver } from './KeyInfo.js';
import { loadSodiumSuite } from './loadSodiumSuite.js';
import type { Suite } from './suite.js';

/** Options of {@link verifyEnvelope} and `openEnvelope`. */
export interface VerifyEnvelopeOptions {
  /** Where signing keys are looked up (a `Keyring`, a directory). Unknown keys fail. */
  keys: KeyResolver;
  /**
   * The allow-list: suites this verifier accepts, as suite objects. Default: the sodium suite only.
   * The sender's choice is never negotiated: an envelope or proof naming another suite fails with
   * `GDS_CRYPTO_SUITE_NOT_ALLOWED`.
   */
  suites?: Suite[];
  /** This verifier's identity; required when the envelope names an audience. */
  audience?: string;
  /** Issuers this verifier accepts as the envelope's `iss`. */
  issuer?: string | string[];
  /** Issuers that must each have a valid proof (co-signature requirements). */
  requiredIssuers?: string[];
  /** Verification time; now by default. */
  now?: TimeInput;
  /** Tolerated clock difference in seconds (default 60). */
  clockSkew?: number;
}

/** A proof that verified, with the key that made it. */
export interface VerifiedProof {
  suite: string;
  kid: string;
  iss: string;
  created: string;
  key: KeyInfo;
}

/** What verification returns: only ever built after every check passed. */
export interface VerifiedEnvelope<T = unknown> {
  header: EnvelopeHeader;
  payload: T;
  proofs: VerifiedProof[];
}

// The default allow-list, made once the sodium suite has loaded (no map and no await per envelope).
let sodiumOnly: Map<string, Suite> | undefined;

function fail(code: ConstructorParameters<typeof GdsCryptoError>[0], zh: string, en: string): never {
  throw new GdsCryptoError(code, zh, en);
}

function isThenable<T>(v: T | PromiseLike<T>): v is PromiseLike<T> {
  return typeof (v as { then?: unknown } | undefined)?.then === 'function';
}

/** Checks every proof and the header claims; returns the verified proofs. Shared with openEnvelope. */
export async function verifyProofsAndClaims(
  env: Envelope,
  options: VerifyEnvelopeOptions,
): Promise<VerifiedProof[]> {
  if (!options.suites && !sodiumOnly) {
    const sodium = await loadSodiumSuite();
    sodiumOnly = new Map([[sodium.id, sodium]]);
  }
  const suites = options.suites ? new Map(options.suites.map((s) => [s.id, s])) : sodiumOnly!;
  const now = toMillis(options.now ?? Date.now(), 'now');
  const skew = (options.clockSkew ?? 60) * 1000;

  if (!suites.has(env.suite)) {
    fail(
      'GDS_CRYPTO_SUITE_NOT_ALLOWED',
      `不接受算法套件 ${env.suite}`,
      `suite ${env.suite} is not allowed by this verifier`,
    );
  }
  if (env.proofs.length === 0) fail('GDS_CRYPTO_BAD_SIGNATURE', '信封没有签名', 'the envelope has no proof');

  const verified: VerifiedProof[] = [];
  const inputOf = proofInputs(env);
  for (const p of env.proofs as Proof[]) {
    const suite = suites.get(p.suite);
    if (!suite) {
      fail(
        'GDS_CRYPTO_SUITE_NOT_ALLOWED',
        `不接受算法套件 ${p.suite}`,
        `suite ${p.suite} is not allowed by this verifier`,
      );
    }
    // A resolver that answers synchronously (a Keyring does) costs no promise.
    const found = options.keys.resolveKey(p.kid);
    const key = isThenable(found) ? await found : found;
    if (!key) fail('GDS_CRYPTO_UNKNOWN_KEY', `未知的签名密钥 ${p.kid}`, `unknown signing key ${p.kid}`);
    if (key.kid !== p.kid || key.suite !== p.suite) {
      fail(
        'GDS_CRYPTO_UNKNOWN_KEY',
        `密钥 ${p.kid} 不属于套件 ${p.suite}`,
        `key ${p.kid} does not belong to suite ${p.suite}`,
      );
    }
    if (key.use !== 'sign')
      fail('GDS_CRYPTO_WRONG_KEY_USE', `密钥 ${p.kid} 不是签名密钥`, `key ${p.kid} is not a signing key`);
    let sig: Uint8Array;
    try {
      sig = fromBase64Url(p.sig, 'signature');
    } catch {
      fail(
        'GDS_CRYPTO_BAD_SIGNATURE',
        `密钥 ${p.kid} 的签名编码无效`,
        `the signature by ${p.kid} is not valid base64url`,
      );
    }
    if (!suite.verify(sig, inputOf(p, suite.digest), key.publicKey)) {
      fail(
        'GDS_CRYPTO_BAD_SIGNATURE',
        `密钥 ${p.kid} 的签名无效`,
        `the signature by ${p.kid} does not verify`,
      );
    }
    const created = Date.parse(p.created);
    if (key.revokedAt !== undefined && created >= Date.parse(key.revokedAt)) {
      fail(
        'GDS_CRYPTO_REVOKED_KEY',
        `密钥 ${p.kid} 已于 ${key.revokedAt} 吊销，签名时间 ${p.created} 在其后`,
        `key ${p.kid} was revoked at ${key.revokedAt}; the signature is dated ${p.created}`,
      );
    }
    if (key.retiredAt !== undefined && created > Date.parse(key.retiredAt)) {
      fail(
        'GDS_CRYPTO_RETIRED_KEY',
        `密钥 ${p.kid} 已于 ${key.retiredAt} 退役，不应有其后的签名（${p.created}）`,
        `key ${p.kid} was retired at ${key.retiredAt} and cannot have signed at ${p.created}`,
      );
    }
    if (created > now + skew) {
      fail(
        'GDS_CRYPTO_NOT_YET_VALID',
        `签名时间 ${p.created} 在未来`,
        `the signature is dated in the future (${p.created})`,
      );
    }
    if (key.issuer !== undefined && key.issuer !== p.iss) {
      fail(
        'GDS_CRYPTO_WRONG_ISSUER',
        `密钥 ${p.kid} 属于 ${key.issuer}，不能代表 ${p.iss} 签名`,
        `key ${p.kid} belongs to ${key.issuer} and cannot sign for ${p.iss}`,
      );
    }
    verified.push({ suite: p.suite, kid: p.kid, iss: p.iss, created: p.created, key });
  }

  if (!verified.some((v) => v.iss === env.iss)) {
    fail('GDS_CRYPTO_WRONG_ISSUER', `签发部门 ${env.iss} 没有签名`, `the issuer ${env.iss} has not signed`);
  }
  if (options.issuer !== undefined) {
    const ok = Array.isArray(options.issuer) ? options.issuer : [options.issuer];
    if (!ok.includes(env.iss))
      fail('GDS_CRYPTO_WRONG_ISSUER', `不接受签发部门 ${env.iss}`, `issuer ${env.iss} is not accepted`);
  }
  for (const r of options.requiredIssuers ?? []) {
    if (!verified.some((v) => v.iss === r)) {
      fail('GDS_CRYPTO_NOT_ENOUGH_PROOFS', `缺少 ${r} 的签名`, `a proof by ${r} is required`);
    }
  }
  if (Date.parse(env.iat) > now + skew) {
    fail('GDS_CRYPTO_NOT_YET_VALID', `签发时间 ${env.iat} 在未来`, `issued in the future (${env.iat})`);
  }
  if (env.exp !== undefined && now - skew >= Date.parse(env.exp)) {
    fail('GDS_CRYPTO_EXPIRED', `信封已于 ${env.exp} 过期`, `the envelope expired at ${env.exp}`);
  }
  if (env.aud !== undefined) {
    if (options.audience === undefined) {
      fail(
        'GDS_CRYPTO_WRONG_AUDIENCE',
        `信封是发给 ${env.aud.join('、')} 的；请提供 audience`,
        `the envelope is addressed to ${env.aud.join(', ')}; pass audience`,
      );
    }
    if (!env.aud.includes(options.audience)) {
      fail(
        'GDS_CRYPTO_WRONG_AUDIENCE',
        `信封不是发给 ${options.audience} 的`,
        `the envelope is not addressed to ${options.audience}`,
      );
    }
  }
  return verified;
}

/**
 * Verifies a signed envelope given as text, bytes or a parsed object and returns its payload, or throws
 * a `GdsCryptoError` whose code says why: `GDS_CRYPTO_MALFORMED`, `GDS_CRYPTO_SUITE_NOT_ALLOWED`,
 * `GDS_CRYPTO_UNKNOWN_KEY`, `GDS_CRYPTO_WRONG_KEY_USE`, `GDS_CRYPTO_BAD_SIGNATURE`,
 * `GDS_CRYPTO_REVOKED_KEY`, `GDS_CRYPTO_RETIRED_KEY`, `GDS_CRYPTO_WRONG_ISSUER`,
 * `GDS_CRYPTO_NOT_ENOUGH_PROOFS`, `GDS_CRYPTO_NOT_YET_VALID`, `GDS_CRYPTO_EXPIRED`,
 * `GDS_CRYPTO_WRONG_AUDIENCE`. Every proof must verify; the issuer must be among the signers. There is
 * no "unverified" result: a payload is returned only when every check passed.
 *
 * @example
 * ```ts
 * import { verifyEnvelope } from '@gds/crypto';
 * const { payload, proofs } = await verifyEnvelope(text, { keys: keyring, audience: 'dept:health' });
 * ```
 */
export async function verifyEnvelope<T = unknown>(
  envelope: unknown,
  options: VerifyEnvelopeOptions,
): Promise<VerifiedEnvelope<T>> {
  const env = parseEnvelope(envelope);
  if (env.typ !== 'signed')
    throw malformed('这是密封信封，请用 openEnvelope', 'this is a sealed envelope: use openEnvelope');
  const proofs = await verifyProofsAndClaims(env, options);
  return { header: headerOnly(env), payload: env.payload as T, proofs };
}
