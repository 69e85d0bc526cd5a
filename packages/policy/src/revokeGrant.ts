import { type JsonValue, type SignedEnvelope, type Signer, signEnvelope } from '@gds/crypto';
import { toIso } from './_internal/time.js';
import { GdsPolicyError } from './errors.js';
import type { GrantRevocation } from './Grant.js';

/**
 * Revokes a grant: a signed revocation (`gds-grant-revocation/v1`) by the grantor, effective from `at`
 * (default now). Pass it to {@link verifyGrant} (and so to `project`) in `revocations`; a revocation not
 * signed by the grant's own grantor is ignored.
 *
 * @example
 * ```ts
 * import { revokeGrant } from '@gds/policy';
 * const revocation = await revokeGrant('g-2026-001', { signer: policeSigner, reason: '协议终止' });
 * ```
 */
export async function revokeGrant(
  grantId: string,
  options: { signer: Signer; reason: string; at?: Date | number | string; issuer?: string },
): Promise<SignedEnvelope> {
  if (typeof grantId !== 'string' || grantId === '') {
    throw new GdsPolicyError('GDS_POLICY_INVALID_INPUT', '需要授权标识', 'a grant id is needed');
  }
  const at = toIso(options.at ?? Date.now(), 'at');
  const payload: GrantRevocation = {
    type: 'gds-grant-revocation/v1',
    grant: grantId,
    revokedAt: at,
    reason: options.reason,
  };
  return signEnvelope(payload as unknown as JsonValue, {
    signer: options.signer,
    iss: options.issuer,
    iat: options.at,
  });
}
