import type { KeyUse } from './suite.js';

/** Lifecycle of a key: `active` signs and verifies; `retired` only verifies; `revoked` fails after its time. */
export type KeyStatus = 'active' | 'retired' | 'revoked';

/**
 * The public description of a key, as a keyring keeps it and a verifier resolves it. Times are
 * RFC 3339 UTC strings.
 *
 * @example
 * ```ts
 * import type { KeyInfo } from '@gds/crypto';
 * const info: KeyInfo = await keyring.generate({ use: 'sign', label: '民政局签名密钥', issuer: 'dept:mca' });
 * info.kid; // 'gds:sodium:sig:...'
 * ```
 */
export interface KeyInfo {
  /** Derived from suite, use and public key (see `keyId`). */
  kid: string;
  suite: string;
  use: KeyUse;
  /** Human label, e.g. "民政局 2026 签名密钥"; kept across rotations. */
  label: string;
  /** The department (or system) the key speaks for; envelopes' `iss` must match it. */
  issuer?: string;
  publicKey: Uint8Array;
  createdAt: string;
  status: KeyStatus;
  /** When the key stopped signing (rotation). Signatures dated later are refused. */
  retiredAt?: string;
  /** When the key was revoked. Signatures dated at or after this time are refused. */
  revokedAt?: string;
  revocationReason?: string;
  /** The key that replaced it at rotation. */
  replacedBy?: string;
}

/**
 * Looks up keys by id for verification: a `Keyring`, a directory service, or a fixed list.
 *
 * @example
 * ```ts
 * import type { KeyResolver } from '@gds/crypto';
 * const resolver: KeyResolver = { resolveKey: (kid) => trustedKeys.get(kid) };
 * ```
 */
export interface KeyResolver {
  resolveKey(kid: string): KeyInfo | undefined | Promise<KeyInfo | undefined>;
}
