/**
 * How a granted field may be seen: in clear, or only in its masked form (the rule named by the field's
 * `x-gds-masking`, as configured in the jurisdiction's {@link MaskingRules}).
 *
 * @example
 * ```ts
 * import type { GrantForm } from '@gds/policy';
 * const form: GrantForm = 'masked';
 * ```
 */
export type GrantForm = 'clear' | 'masked';

/**
 * One field a grant covers. `path` uses the field-metadata syntax (`/identity/number`,
 * `/members/*\/name`); a path covers the field itself and everything below it.
 *
 * @example
 * ```ts
 * import type { GrantField } from '@gds/policy';
 * const f: GrantField = { path: '/identity/number', form: 'masked' };
 * ```
 */
export interface GrantField {
  path: string;
  form: GrantForm;
}

/**
 * The payload of a grant (授权): the granting department lets the grantee see these fields of one
 * standard's records for these purposes during this period. Travels as the payload of a signed
 * `@gds/crypto` envelope whose `iss` is the grantor, `aud` the grantee, `jti` the grant id and `exp` the
 * end of validity; {@link verifyGrant} checks that header and payload agree.
 *
 * @example
 * ```ts
 * import type { Grant } from '@gds/policy';
 * const g: Grant = {
 *   type: 'gds-grant/v1', id: 'g-2026-001', grantor: 'public-security', grantee: 'health',
 *   entity: 'person', purposes: ['vaccination-follow-up'], fields: [{ path: '/name', form: 'masked' }],
 *   validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z',
 * };
 * ```
 */
export interface Grant {
  type: 'gds-grant/v1';
  id: string;
  /** The granting department (code list `department`). */
  grantor: string;
  /** The department allowed to see the fields. */
  grantee: string;
  /** The standard (entity) whose fields are granted, e.g. `person`. */
  entity: string;
  /** The purposes the data may be used for; a request names one of them. */
  purposes: string[];
  fields: GrantField[];
  /** RFC 3339 UTC. */
  validFrom: string;
  /** RFC 3339 UTC; also the envelope's `exp`. */
  validUntil: string;
  /** The legal or policy basis (agreement number, catalogue entry), free text. */
  basis?: string;
}

/**
 * The payload of a grant revocation: signed by the grantor, effective from `revokedAt`.
 *
 * @example
 * ```ts
 * import type { GrantRevocation } from '@gds/policy';
 * const r: GrantRevocation = { type: 'gds-grant-revocation/v1', grant: 'g-2026-001',
 *   revokedAt: '2026-06-01T00:00:00Z', reason: '协议终止' };
 * ```
 */
export interface GrantRevocation {
  type: 'gds-grant-revocation/v1';
  /** The id of the revoked grant. */
  grant: string;
  revokedAt: string;
  reason: string;
}
