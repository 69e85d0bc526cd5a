import {
  GdsCryptoError,
  type GdsCryptoErrorCode,
  type KeyResolver,
  type Suite,
  verifyEnvelope,
} from '@gds/crypto';
import { toMillis } from './_internal/time.js';
import type { Grant, GrantRevocation } from './Grant.js';

/**
 * Why a grant was refused. A closed union.
 *
 * @example
 * ```ts
 * import type { GrantRefusalCode } from '@gds/policy';
 * const code: GrantRefusalCode = 'grant.expired';
 * ```
 */
export type GrantRefusalCode =
  | 'grant.malformed'
  | 'grant.tampered'
  | 'grant.unknown_key'
  | 'grant.key_revoked'
  | 'grant.untrusted'
  | 'grant.expired'
  | 'grant.not_yet_valid'
  | 'grant.revoked'
  | 'grant.wrong_grantee';

/**
 * A refused grant's reason: a stable code and a bilingual message.
 *
 * @example
 * ```ts
 * import type { GrantRefusal } from '@gds/policy';
 * function show(r: GrantRefusal) { return `${r.code}: ${r.message}`; }
 * ```
 */
export interface GrantRefusal {
  code: GrantRefusalCode;
  message: string;
  messageZh: string;
  messageEn: string;
  /** The underlying `GdsCryptoError` code, when the envelope check failed. */
  cryptoCode?: GdsCryptoErrorCode;
}

/**
 * The outcome of checking one grant: the verified grant, or the refusal with what the (unverified)
 * envelope claimed, so explanations can name the grant that was refused.
 *
 * @example
 * ```ts
 * import type { GrantCheck } from '@gds/policy';
 * function id(c: GrantCheck) { return c.valid ? c.grant.id : c.claimed?.id; }
 * ```
 */
export type GrantCheck =
  | { valid: true; grant: Grant; signedBy: string[] }
  | { valid: false; refusal: GrantRefusal; claimed?: Partial<Grant> };

/**
 * Options of {@link verifyGrant}.
 *
 * @example
 * ```ts
 * import type { VerifyGrantOptions } from '@gds/policy';
 * const o: VerifyGrantOptions = { keys: keyring, grantee: 'health' };
 * ```
 */
export interface VerifyGrantOptions {
  /** Where the grantors' signing keys are looked up (a `Keyring` or any `KeyResolver`). */
  keys: KeyResolver;
  /** The department using the grant; it must be the grantee. */
  grantee?: string;
  /** Signed revocations (from {@link revokeGrant}); those not signed by the grantor are ignored. */
  revocations?: readonly unknown[];
  /** Accepted suites (default: the sodium suite). */
  suites?: Suite[];
  /** Verification time; default now. */
  now?: Date | number | string;
  /** Tolerated clock difference in seconds (default 0: a grant ends when it says). */
  clockSkew?: number;
}

function refusal(
  code: GrantRefusalCode,
  zh: string,
  en: string,
  cryptoCode?: GdsCryptoErrorCode,
): GrantRefusal {
  const r: GrantRefusal = { code, message: `${zh}（${en}）`, messageZh: zh, messageEn: en };
  if (cryptoCode !== undefined) r.cryptoCode = cryptoCode;
  return r;
}

const CRYPTO_TO_REFUSAL: Partial<Record<GdsCryptoErrorCode, GrantRefusalCode>> = {
  GDS_CRYPTO_MALFORMED: 'grant.malformed',
  GDS_CRYPTO_JSON_SYNTAX: 'grant.malformed',
  GDS_CRYPTO_JSON_DUPLICATE_KEY: 'grant.malformed',
  GDS_CRYPTO_BAD_SIGNATURE: 'grant.tampered',
  GDS_CRYPTO_UNKNOWN_KEY: 'grant.unknown_key',
  GDS_CRYPTO_REVOKED_KEY: 'grant.key_revoked',
  GDS_CRYPTO_EXPIRED: 'grant.expired',
  GDS_CRYPTO_NOT_YET_VALID: 'grant.not_yet_valid',
  GDS_CRYPTO_WRONG_AUDIENCE: 'grant.wrong_grantee',
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** What an envelope claims, read without trusting it: only to name a refused grant in explanations. */
function claimedOf(envelope: unknown): Partial<Grant> | undefined {
  let env = envelope;
  if (typeof env === 'string') {
    try {
      env = JSON.parse(env);
    } catch {
      return undefined;
    }
  }
  const payload = (env as { payload?: unknown } | null)?.payload;
  if (payload === null || typeof payload !== 'object') return undefined;
  const p = payload as Partial<Grant>;
  const out: Partial<Grant> = {};
  if (typeof p.id === 'string') out.id = p.id;
  if (typeof p.grantor === 'string') out.grantor = p.grantor;
  if (typeof p.grantee === 'string') out.grantee = p.grantee;
  if (typeof p.entity === 'string') out.entity = p.entity;
  if (Array.isArray(p.fields)) out.fields = p.fields.filter((f) => typeof f?.path === 'string');
  return out;
}

function checkShape(p: unknown): p is Grant {
  if (p === null || typeof p !== 'object') return false;
  const g = p as Grant;
  return (
    g.type === 'gds-grant/v1' &&
    typeof g.id === 'string' &&
    typeof g.grantor === 'string' &&
    typeof g.grantee === 'string' &&
    typeof g.entity === 'string' &&
    Array.isArray(g.purposes) &&
    g.purposes.every((x) => typeof x === 'string') &&
    Array.isArray(g.fields) &&
    g.fields.every(
      (f) =>
        typeof f?.path === 'string' && f.path.startsWith('/') && (f.form === 'clear' || f.form === 'masked'),
    ) &&
    typeof g.validFrom === 'string' &&
    RFC3339.test(g.validFrom) &&
    typeof g.validUntil === 'string' &&
    RFC3339.test(g.validUntil) &&
    (g.basis === undefined || typeof g.basis === 'string')
  );
}

/**
 * Verifies a grant before it is used: the envelope's signature by a key of the grantor (tampering,
 * unknown or revoked keys are refused), header and payload agreeing, the validity period at `now`, the
 * grantee, and the grantor's revocations. Never throws for a bad grant: the result names the reason.
 * Throws only what is not about the grant (an unusable key resolver).
 *
 * @example
 * ```ts
 * import { verifyGrant } from '@gds/policy';
 * const check = await verifyGrant(grantEnvelope, { keys: keyring, grantee: 'health' });
 * if (!check.valid) check.refusal.code; // 'grant.expired', 'grant.revoked', 'grant.tampered', …
 * ```
 */
export async function verifyGrant(envelope: unknown, options: VerifyGrantOptions): Promise<GrantCheck> {
  const claimed = claimedOf(envelope);
  const refuse = (r: GrantRefusal): GrantCheck =>
    claimed ? { valid: false, refusal: r, claimed } : { valid: false, refusal: r };
  const now = options.now === undefined ? Date.now() : toMillis(options.now, 'now');
  const skew = (options.clockSkew ?? 0) * 1000;
  let verified: Awaited<ReturnType<typeof verifyEnvelope>>;
  try {
    verified = await verifyEnvelope(envelope, {
      keys: options.keys,
      suites: options.suites,
      audience: options.grantee ?? claimed?.grantee,
      now,
      clockSkew: options.clockSkew ?? 0,
    });
  } catch (e) {
    if (!(e instanceof GdsCryptoError)) throw e;
    const code = CRYPTO_TO_REFUSAL[e.code] ?? 'grant.untrusted';
    return refuse(refusal(code, `授权被拒绝：${e.messageZh}`, `grant refused: ${e.messageEn}`, e.code));
  }
  const g = verified.payload;
  if (!checkShape(g)) {
    return refuse(refusal('grant.malformed', '授权内容格式错误', 'the grant payload is malformed'));
  }
  const h = verified.header;
  if (h.iss !== g.grantor || h.jti !== g.id || !h.aud?.includes(g.grantee) || h.exp !== g.validUntil) {
    return refuse(
      refusal('grant.malformed', '信封头与授权内容不一致', 'the envelope header and the grant disagree'),
    );
  }
  if (options.grantee !== undefined && g.grantee !== options.grantee) {
    return refuse(
      refusal(
        'grant.wrong_grantee',
        `授权 ${g.id} 是给 ${g.grantee} 的，不是 ${options.grantee}`,
        `grant ${g.id} is for ${g.grantee}, not ${options.grantee}`,
      ),
    );
  }
  if (now + skew < Date.parse(g.validFrom)) {
    return refuse(
      refusal(
        'grant.not_yet_valid',
        `授权 ${g.id} 自 ${g.validFrom} 起生效`,
        `grant ${g.id} is valid from ${g.validFrom}`,
      ),
    );
  }
  if (now - skew >= Date.parse(g.validUntil)) {
    return refuse(
      refusal(
        'grant.expired',
        `授权 ${g.id} 已于 ${g.validUntil} 过期`,
        `grant ${g.id} expired at ${g.validUntil}`,
      ),
    );
  }
  for (const r of options.revocations ?? []) {
    let rv: GrantRevocation;
    try {
      const v = await verifyEnvelope<GrantRevocation>(r, {
        keys: options.keys,
        suites: options.suites,
        issuer: g.grantor,
        now,
        clockSkew: options.clockSkew ?? 0,
      });
      rv = v.payload;
    } catch (e) {
      // A revocation that does not verify as the grantor's is not a revocation of this grant.
      if (e instanceof GdsCryptoError) continue;
      throw e;
    }
    if (rv?.type !== 'gds-grant-revocation/v1' || rv.grant !== g.id) continue;
    const at = Date.parse(rv.revokedAt);
    if (Number.isFinite(at) && at <= now) {
      return refuse(
        refusal(
          'grant.revoked',
          `授权 ${g.id} 已于 ${rv.revokedAt} 被 ${g.grantor} 撤销：${rv.reason}`,
          `grant ${g.id} was revoked by ${g.grantor} at ${rv.revokedAt}: ${rv.reason}`,
        ),
      );
    }
  }
  return { valid: true, grant: g, signedBy: verified.proofs.map((p) => p.kid) };
}
