import { type JsonValue, type SignedEnvelope, type Signer, signEnvelope } from '@gds/crypto';
import { randomId, toIso } from './_internal/time.js';
import { GdsPolicyError } from './errors.js';
import type { Grant, GrantField, GrantForm } from './Grant.js';

/**
 * What {@link createGrant} needs: the grant's content (fields as `GrantField`s or bare paths, which
 * mean clear) and the grantor's signer.
 *
 * @example
 * ```ts
 * import type { CreateGrantOptions } from '@gds/policy';
 * const spec: CreateGrantOptions = { signer, grantee: 'health', entity: 'person', purposes: ['follow-up'],
 *   fields: ['/sex', { path: '/name', form: 'masked' }], validUntil: '2027-01-01T00:00:00Z' };
 * ```
 */
export interface CreateGrantOptions {
  /** Signs as the grantor; its `issuer` is the grantor unless `grantor` is given. */
  signer: Signer;
  grantor?: string;
  grantee: string;
  entity: string;
  purposes: string | string[];
  fields: Array<string | GrantField>;
  /** Default: now. */
  validFrom?: Date | number | string;
  validUntil: Date | number | string;
  basis?: string;
  /** Default: a random id. */
  id?: string;
  /** Signing time; default now. */
  iat?: Date | number | string;
}

const FORMS: readonly GrantForm[] = ['clear', 'masked'];

/**
 * Creates a grant and signs it into a `@gds/crypto` envelope (`iss` = grantor, `aud` = grantee,
 * `jti` = grant id, `exp` = end of validity). Throws `GDS_POLICY_INVALID_INPUT` for an inconsistent
 * specification (no fields, a path without a leading `/`, an end before the start).
 *
 * @example
 * ```ts
 * import { Keyring } from '@gds/crypto';
 * import { createGrant } from '@gds/policy';
 * const ring = await Keyring.create();
 * const key = await ring.generate({ use: 'sign', label: '公安局', issuer: 'public-security' });
 * const grant = await createGrant({
 *   signer: ring.signer(key.kid), grantee: 'health', entity: 'person', purposes: ['vaccination-follow-up'],
 *   fields: ['/birthDate', { path: '/identity/number', form: 'masked' }], validUntil: '2027-01-01T00:00:00Z',
 * });
 * ```
 */
export async function createGrant(options: CreateGrantOptions): Promise<SignedEnvelope> {
  const grantor = options.grantor ?? options.signer.issuer;
  const bad = (zh: string, en: string): never => {
    throw new GdsPolicyError('GDS_POLICY_INVALID_INPUT', `授权无效：${zh}`, `invalid grant: ${en}`);
  };
  if (!grantor)
    bad(
      '需要授权部门（grantor 或带 issuer 的签名者）',
      'a grantor is needed (grantor or a signer with an issuer)',
    );
  if (!options.grantee) bad('需要被授权部门', 'a grantee is needed');
  if (!options.entity) bad('需要标准（实体）名称', 'an entity is needed');
  const purposes = Array.isArray(options.purposes) ? [...options.purposes] : [options.purposes];
  if (purposes.length === 0 || purposes.some((p) => typeof p !== 'string' || p === '')) {
    bad('至少需要一个用途', 'at least one purpose is needed');
  }
  if (options.fields.length === 0) bad('至少需要一个字段', 'at least one field is needed');
  const fields: GrantField[] = options.fields.map((f) => {
    const field =
      typeof f === 'string' ? { path: f, form: 'clear' as const } : { path: f.path, form: f.form };
    if (typeof field.path !== 'string' || !field.path.startsWith('/')) {
      bad(
        `字段路径 ${String(field.path)} 必须以 / 开头`,
        `field path ${String(field.path)} must start with /`,
      );
    }
    if (!FORMS.includes(field.form))
      bad(`字段 ${field.path} 的形式必须是 clear 或 masked`, `form of ${field.path} must be clear or masked`);
    return field;
  });
  const validFrom = toIso(options.validFrom ?? Date.now(), 'validFrom');
  const validUntil = toIso(options.validUntil, 'validUntil');
  if (Date.parse(validUntil) <= Date.parse(validFrom))
    bad('有效期结束早于开始', 'validUntil is not after validFrom');
  const grant: Grant = {
    type: 'gds-grant/v1',
    id: options.id ?? randomId(),
    grantor: grantor!,
    grantee: options.grantee,
    entity: options.entity,
    purposes,
    fields,
    validFrom,
    validUntil,
  };
  if (options.basis !== undefined) grant.basis = options.basis;
  return signEnvelope(grant as unknown as JsonValue, {
    signer: options.signer,
    iss: grant.grantor,
    aud: grant.grantee,
    jti: grant.id,
    exp: grant.validUntil,
    iat: options.iat,
  });
}
