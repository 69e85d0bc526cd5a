import type { SignedEnvelope } from '@gds/crypto';
import {
  createGrant,
  GdsPolicyError,
  project,
  revokeGrant,
  verifyDisclosure,
  verifyGrant,
} from '@gds/policy';
import { person } from '@gds/schema';
import { beforeAll, describe, expect, test } from 'vitest';
import { alice, departments, ledger, NOW, testStandard } from './_setup.js';

type Tampered = {
  payload: { fields: Array<{ path: string; form: string }>; validUntil: string; grantee: string };
};

let ctx: Awaited<ReturnType<typeof departments>> & Awaited<ReturnType<typeof ledger>>;
let valid: SignedEnvelope;

beforeAll(async () => {
  ctx = { ...(await departments()), ...(await ledger()) };
  valid = await createGrant({
    signer: ctx.signers['public-security']!,
    id: 'g-1',
    grantee: 'health',
    entity: 'resident',
    purposes: ['follow-up'],
    fields: ['/name', { path: '/identity/number', form: 'masked' }],
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2027-01-01T00:00:00Z',
    iat: '2026-01-01T00:00:00Z',
  });
});

describe('grants are verified before every use', () => {
  test('a valid grant verifies', async () => {
    const c = await verifyGrant(valid, { keys: ctx.ring, grantee: 'health', now: NOW });
    expect(c).toMatchObject({
      valid: true,
      grant: { id: 'g-1', grantor: 'public-security', grantee: 'health' },
    });
  });

  test.each([
    ['a field added', (g: Tampered) => g.payload.fields.push({ path: '/phone', form: 'clear' })],
    ['the validity extended', (g: Tampered) => (g.payload.validUntil = '2099-01-01T00:00:00Z')],
    ['the grantee changed', (g: Tampered) => (g.payload.grantee = 'education')],
    ['the form changed', (g: Tampered) => (g.payload.fields[1]!.form = 'clear')],
  ])('tampered (%s): refused', async (_, change) => {
    const t = structuredClone(valid);
    change(t as unknown as Tampered);
    const c = await verifyGrant(t, { keys: ctx.ring, grantee: 'health', now: NOW });
    expect(c.valid).toBe(false);
    if (!c.valid) {
      expect(['grant.tampered', 'grant.malformed']).toContain(c.refusal.code);
      expect(c.refusal.message).toContain('（');
    }
  });

  test('tampered in transit as text: refused', async () => {
    const text = JSON.stringify(valid).replace('"/name"', '"/phone"');
    const c = await verifyGrant(text, { keys: ctx.ring, grantee: 'health', now: NOW });
    expect(c).toMatchObject({
      valid: false,
      refusal: { code: 'grant.tampered', cryptoCode: 'GDS_CRYPTO_BAD_SIGNATURE' },
    });
  });

  test('expired and not yet valid: refused with the date', async () => {
    const late = await verifyGrant(valid, { keys: ctx.ring, grantee: 'health', now: '2027-01-01T00:00:00Z' });
    expect(late).toMatchObject({ valid: false, refusal: { code: 'grant.expired' } });
    if (!late.valid) expect(late.refusal.messageEn).toContain('2027-01-01T00:00:00Z');
    const early = await createGrant({
      signer: ctx.signers['public-security']!,
      grantee: 'health',
      entity: 'resident',
      purposes: ['follow-up'],
      fields: ['/name'],
      validFrom: '2026-09-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
      iat: '2026-01-01T00:00:00Z',
    });
    expect(await verifyGrant(early, { keys: ctx.ring, grantee: 'health', now: NOW })).toMatchObject({
      valid: false,
      refusal: { code: 'grant.not_yet_valid' },
    });
  });

  test('revoked by the grantor: refused from the revocation time, with the reason', async () => {
    const rev = await revokeGrant('g-1', {
      signer: ctx.signers['public-security']!,
      reason: '协议终止',
      at: '2026-05-01T00:00:00Z',
    });
    const before = await verifyGrant(valid, {
      keys: ctx.ring,
      grantee: 'health',
      now: '2026-04-01T00:00:00Z',
      revocations: [rev],
    });
    expect(before.valid).toBe(true);
    const after = await verifyGrant(valid, {
      keys: ctx.ring,
      grantee: 'health',
      now: NOW,
      revocations: [rev],
    });
    expect(after).toMatchObject({ valid: false, refusal: { code: 'grant.revoked' } });
    if (!after.valid) expect(after.refusal.messageZh).toContain('协议终止');
  });

  test('a revocation by another department is ignored', async () => {
    const rev = await revokeGrant('g-1', {
      signer: ctx.signers['grid-management']!,
      reason: 'x',
      at: '2026-05-01T00:00:00Z',
    });
    expect(
      (await verifyGrant(valid, { keys: ctx.ring, grantee: 'health', now: NOW, revocations: [rev] })).valid,
    ).toBe(true);
  });

  test('the signing key revoked: refused', async () => {
    const { ring, signers } = await departments();
    const g = await createGrant({
      signer: signers['public-security']!,
      grantee: 'health',
      entity: 'resident',
      purposes: ['p'],
      fields: ['/name'],
      validUntil: '2099-01-01T00:00:00Z',
    });
    ring.revoke(signers['public-security']!.kid, { at: '2000-01-01T00:00:00Z', reason: 'compromised' });
    expect(await verifyGrant(g, { keys: ring, grantee: 'health' })).toMatchObject({
      valid: false,
      refusal: { code: 'grant.key_revoked' },
    });
  });

  test('unknown signer: refused', async () => {
    const other = await departments();
    expect(await verifyGrant(valid, { keys: other.ring, grantee: 'health', now: NOW })).toMatchObject({
      valid: false,
      refusal: { code: 'grant.unknown_key' },
    });
  });

  test('an inconsistent grant is a caller fault at creation', async () => {
    await expect(
      createGrant({
        signer: ctx.signers['public-security']!,
        grantee: 'health',
        entity: 'resident',
        purposes: [],
        fields: ['/name'],
        validUntil: '2099-01-01T00:00:00Z',
      }),
    ).rejects.toThrow(GdsPolicyError);
  });
});

describe('disclosure receipts', () => {
  test('every projection appends a disclosure to the ledger whose receipt verifies', async () => {
    const sizes: number[] = [];
    for (const grants of [[], [valid]]) {
      const p = await project([alice, { ...alice, id: 'r-2' }], {
        standard: testStandard,
        requester: { department: 'health', purpose: 'follow-up' },
        keys: ctx.ring,
        ledger: ctx.log,
        grants,
        now: NOW,
      });
      sizes.push(ctx.log.size);
      expect(p.disclosure).toMatchObject({
        type: 'gds-disclosure/v1',
        at: NOW,
        to: { department: 'health', purpose: 'follow-up' },
        records: ['r-1', 'r-2'],
      });
      expect(await verifyDisclosure(p.disclosure, p.receipt, ctx.policy)).toEqual({
        valid: true,
        index: p.receipt.index,
      });
      // An altered disclosure does not match its receipt.
      const altered = { ...p.disclosure, records: ['r-1'] };
      const bad = await verifyDisclosure(altered, p.receipt, ctx.policy);
      expect(bad).toMatchObject({ valid: false, issue: { code: 'GDS_LEDGER_ENTRY_MISMATCH' } });
      if (grants.length) {
        expect(p.disclosure.grants).toEqual(['g-1']);
        expect(p.disclosure.fields).toContainEqual({
          path: '/identity/number',
          form: 'masked',
          rule: 'id-6-4',
          source: 'public-security',
          basis: 'grant',
          grant: 'g-1',
        });
      } else {
        expect(p.disclosure.grants).toEqual([]);
        expect(p.disclosure.fields.every((f) => f.basis === 'unconditional')).toBe(true);
      }
    }
    expect(sizes[1]).toBe(sizes[0]! + 1);
  });

  test('a ledger that cannot sign checkpoints is an environment fault', async () => {
    const { Log } = await import('@gds/ledger');
    const { createMemoryStore } = await import('@gds/ledger/memory');
    const log = await Log.open(createMemoryStore());
    await expect(
      project([alice], {
        standard: testStandard,
        requester: { department: 'health', purpose: 'follow-up' },
        keys: ctx.ring,
        ledger: log,
      }),
    ).rejects.toMatchObject({ code: 'GDS_POLICY_LEDGER' });
  });

  test('the person standard, end to end', async () => {
    const g = await createGrant({
      signer: ctx.signers['public-security']!,
      grantee: 'health',
      entity: 'person',
      purposes: ['vaccination-follow-up'],
      fields: [{ path: '/name', form: 'masked' }, '/birthDate', { path: '/identity/number', form: 'masked' }],
      validUntil: '2099-01-01T00:00:00Z',
    });
    const record = {
      id: 'ps-1',
      identity: { type: 'resident-id', number: '110101199003074514' },
      name: '王小明',
      sex: '1',
      birthDate: '1990-03-07',
      phone: '13812345678',
      residence: { divisionCode: '110101001001', detail: '东华门街道多福巷社区银闸胡同12号' },
    };
    expect(person.validate(record).ok).toBe(true);
    const p = await project([record], {
      standard: person,
      requester: { department: 'health', purpose: 'vaccination-follow-up' },
      keys: ctx.ring,
      ledger: ctx.log,
      grants: [g],
    });
    expect(p.records[0]).toEqual({
      id: 'ps-1',
      identity: { type: 'resident-id', number: '110101********4514' },
      name: '王**',
      sex: '1',
      birthDate: '1990-03-07',
      residence: { divisionCode: '110101001001' },
    });
  });
});
