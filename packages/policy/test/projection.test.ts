import type { SignedEnvelope } from '@gds/crypto';
import { createGrant, type DecisionReason, project, revokeGrant } from '@gds/policy';
import { beforeAll, describe, expect, test } from 'vitest';
import { alice, departments, ledger, NOW, testStandard } from './_setup.js';

type Row = [outcome: 'clear' | 'masked' | 'dropped', reason: DecisionReason, value?: unknown];

let ctx: Awaited<ReturnType<typeof departments>> & Awaited<ReturnType<typeof ledger>>;
let grants: Record<string, { grants: unknown[]; revocations?: unknown[] }>;

const fullGrant = {
  grantee: 'health',
  entity: 'resident',
  purposes: ['follow-up'],
  fields: [
    { path: '/name', form: 'masked' as const },
    { path: '/identity/number', form: 'clear' as const },
    { path: '/birthDate', form: 'masked' as const },
    { path: '/ethnicity', form: 'masked' as const },
    { path: '/secret', form: 'clear' as const },
  ],
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2027-01-01T00:00:00Z',
};

beforeAll(async () => {
  ctx = { ...(await departments()), ...(await ledger()) };
  const police = ctx.signers['public-security']!;
  const valid = await createGrant({
    ...fullGrant,
    signer: police,
    id: 'g-valid',
    iat: '2026-01-01T00:00:00Z',
  });
  const expired = await createGrant({
    ...fullGrant,
    signer: police,
    id: 'g-expired',
    validFrom: '2025-01-01T00:00:00Z',
    validUntil: '2026-01-01T00:00:00Z',
    iat: '2025-01-01T00:00:00Z',
  });
  const revoked = await createGrant({
    ...fullGrant,
    signer: police,
    id: 'g-revoked',
    iat: '2026-01-01T00:00:00Z',
  });
  const revocation = await revokeGrant('g-revoked', {
    signer: police,
    reason: '协议终止',
    at: '2026-05-01T00:00:00Z',
  });
  const otherPurpose = await createGrant({
    ...fullGrant,
    signer: police,
    id: 'g-purpose',
    purposes: ['statistics'],
    iat: '2026-01-01T00:00:00Z',
  });
  const narrow = await createGrant({
    ...fullGrant,
    signer: police,
    id: 'g-narrow',
    fields: [{ path: '/name', form: 'masked' }],
    iat: '2026-01-01T00:00:00Z',
  });
  const tampered = structuredClone(valid) as SignedEnvelope & { payload: { fields: unknown[] } };
  tampered.payload.fields.push({ path: '/phone', form: 'clear' });
  const gridGrantsName = await createGrant({
    ...fullGrant,
    signer: ctx.signers['grid-management']!,
    id: 'g-grid',
    fields: [{ path: '/name', form: 'clear' }, '/contacts'],
    iat: '2026-01-01T00:00:00Z',
  });
  const dataAdmin = await createGrant({
    ...fullGrant,
    signer: ctx.signers['data-administration']!,
    id: 'g-admin',
    fields: ['/phone', { path: '/identity', form: 'masked' }],
    iat: '2026-01-01T00:00:00Z',
  });
  grants = {
    none: { grants: [] },
    valid: { grants: [valid] },
    expired: { grants: [expired] },
    revoked: { grants: [revoked], revocations: [revocation] },
    'wrong purpose': { grants: [otherPurpose] },
    'fields not covered': { grants: [narrow] },
    tampered: { grants: [tampered] },
    'grantor not the source': { grants: [gridGrantsName] },
    'data administration': { grants: [dataAdmin] },
  };
});

const always: Record<string, Row> = {
  '/id': ['clear', 'sharing.unconditional', 'r-1'],
  '/identity/type': ['clear', 'sharing.unconditional', 'resident-id'],
  '/contacts/*/kind': ['clear', 'sharing.unconditional'],
  '/secret': ['dropped', 'sharing.none'],
  '/guardian/name': ['dropped', 'sharing.none'],
};

function refusedAll(reason: DecisionReason): Record<string, Row> {
  return {
    '/name': ['dropped', reason],
    '/identity/number': ['dropped', reason],
    '/birthDate': ['dropped', reason],
    '/ethnicity': ['dropped', reason],
  };
}

const table: Array<[state: string, rows: Record<string, Row>]> = [
  [
    'none',
    {
      ...refusedAll('grant.missing'),
      '/phone': ['dropped', 'grant.missing'],
      '/contacts/*/value': ['dropped', 'grant.missing'],
    },
  ],
  [
    'valid',
    {
      '/name': ['masked', 'grant.masked', '张**'],
      '/identity/number': ['clear', 'grant.clear', '110101199003074514'],
      '/birthDate': ['masked', 'grant.masked', '1990-03'],
      '/ethnicity': ['dropped', 'masking.no_rule'],
      '/phone': ['dropped', 'grant.field_not_covered'],
      '/contacts/*/value': ['dropped', 'grant.field_not_covered'],
    },
  ],
  [
    'expired',
    {
      ...refusedAll('grant.expired'),
      '/phone': ['dropped', 'grant.missing'],
      '/contacts/*/value': ['dropped', 'grant.missing'],
    },
  ],
  [
    'revoked',
    {
      ...refusedAll('grant.revoked'),
      '/phone': ['dropped', 'grant.missing'],
      '/contacts/*/value': ['dropped', 'grant.missing'],
    },
  ],
  [
    'tampered',
    {
      ...refusedAll('grant.tampered'),
      '/phone': ['dropped', 'grant.tampered'],
      '/contacts/*/value': ['dropped', 'grant.missing'],
    },
  ],
  [
    'wrong purpose',
    {
      ...refusedAll('grant.wrong_purpose'),
      '/phone': ['dropped', 'grant.field_not_covered'],
      '/contacts/*/value': ['dropped', 'grant.field_not_covered'],
    },
  ],
  [
    'fields not covered',
    {
      '/name': ['masked', 'grant.masked', '张**'],
      '/identity/number': ['dropped', 'grant.field_not_covered'],
      '/birthDate': ['dropped', 'grant.field_not_covered'],
      '/ethnicity': ['dropped', 'grant.field_not_covered'],
      '/phone': ['dropped', 'grant.field_not_covered'],
      '/contacts/*/value': ['dropped', 'grant.field_not_covered'],
    },
  ],
  [
    'grantor not the source',
    {
      '/name': ['dropped', 'grant.not_authoritative'],
      '/identity/number': ['dropped', 'grant.field_not_covered'],
      '/birthDate': ['dropped', 'grant.field_not_covered'],
      '/ethnicity': ['dropped', 'grant.field_not_covered'],
      '/phone': ['dropped', 'grant.field_not_covered'],
      '/contacts/*/value': ['clear', 'grant.clear'],
    },
  ],
  [
    'data administration',
    {
      '/name': ['dropped', 'grant.field_not_covered'],
      '/identity/number': ['masked', 'grant.masked', '110101********4514'],
      '/birthDate': ['dropped', 'grant.field_not_covered'],
      '/ethnicity': ['dropped', 'grant.field_not_covered'],
      '/phone': ['clear', 'grant.clear', '13812345678'],
      '/contacts/*/value': ['dropped', 'grant.field_not_covered'],
    },
  ],
];

function expectedRecord(rows: Record<string, Row>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, [outcome, , value]] of Object.entries(rows)) {
    if (outcome === 'dropped' || path.includes('*')) continue;
    const parts = path.split('/').slice(1);
    let o = out;
    for (const p of parts.slice(0, -1)) {
      o[p] ??= {};
      o = o[p] as Record<string, unknown>;
    }
    o[parts.at(-1)!] = value;
  }
  const kind = rows['/contacts/*/kind']![0] !== 'dropped';
  const value = rows['/contacts/*/value']![0] !== 'dropped';
  if (kind || value) {
    out.contacts = alice.contacts.map((c) => ({
      ...(kind ? { kind: c.kind } : {}),
      ...(value ? { value: c.value } : {}),
    }));
  }
  return out;
}

describe('projection over every sharing type and grant state', () => {
  test.each(table)('grant state: %s', async (state, stateRows) => {
    const rows = { ...always, ...stateRows };
    const p = await project([alice], {
      standard: testStandard,
      requester: { department: 'health', purpose: 'follow-up' },
      keys: ctx.ring,
      ledger: ctx.log,
      now: NOW,
      ...grants[state]!,
    });
    // Exactly the allowed fields, masked as their rule says.
    expect(p.records).toEqual([expectedRecord(rows)]);
    // Every field explained, with the reason of each removal.
    const byPath = Object.fromEntries(p.decisions.map((d) => [d.path, d]));
    expect(Object.keys(byPath).sort()).toEqual(Object.keys(rows).sort());
    for (const [path, [outcome, reason]] of Object.entries(rows)) {
      expect(byPath[path], path).toMatchObject({ outcome, reason });
      expect(byPath[path]!.messageZh.length).toBeGreaterThan(0);
      expect(byPath[path]!.message).toBe(`${byPath[path]!.messageZh}（${byPath[path]!.messageEn}）`);
    }
    // The input is untouched.
    expect(alice.name).toBe('张三丰');
  });

  test('a refused grant is named in the explanation', async () => {
    const p = await project([alice], {
      standard: testStandard,
      requester: { department: 'health', purpose: 'follow-up' },
      keys: ctx.ring,
      ledger: ctx.log,
      now: NOW,
      ...grants.expired!,
    });
    const name = p.decisions.find((d) => d.path === '/name')!;
    expect(name.grant).toBe('g-expired');
    expect(name.messageEn).toContain('expired');
    expect(p.grants[0]).toMatchObject({ valid: false, refusal: { code: 'grant.expired' } });
  });

  test('members the standard does not define never leave, and are explained', async () => {
    const p = await project([{ ...alice, religion: 'x', identity: { ...alice.identity, issuer: 'y' } }], {
      standard: testStandard,
      requester: { department: 'health', purpose: 'follow-up' },
      keys: ctx.ring,
      ledger: ctx.log,
      now: NOW,
    });
    expect(p.records[0]).not.toHaveProperty('religion');
    expect(p.records[0]!.identity).toEqual({ type: 'resident-id' });
    const unknown = p.decisions.filter((d) => d.reason === 'not_in_standard').map((d) => d.path);
    expect(unknown).toEqual(['/identity/issuer', '/religion']);
  });

  test('a grant for another department is refused', async () => {
    const p = await project([alice], {
      standard: testStandard,
      requester: { department: 'education', purpose: 'follow-up' },
      keys: ctx.ring,
      ledger: ctx.log,
      now: NOW,
      ...grants.valid!,
    });
    expect(p.grants[0]).toMatchObject({ valid: false, refusal: { code: 'grant.wrong_grantee' } });
    expect(p.records[0]).not.toHaveProperty('name');
  });
});

describe('the shipped standards', () => {
  test('case: nothing inside the non-shareable /reporter/identity leaves, even its unconditional type', async () => {
    const { getStandard } = await import('@gds/schema');
    const standard = getStandard('case')!;
    const p = await project(
      [
        {
          id: 'c-1',
          channel: '12345',
          reporter: { name: '张三', identity: { type: 'resident-id', number: '110101199003074514' } },
        },
      ],
      {
        standard,
        requester: { department: 'urban-management', purpose: 'dispatch' },
        keys: ctx.ring,
        ledger: ctx.log,
        now: NOW,
      },
    );
    expect(p.records[0]).toEqual({ id: 'c-1', channel: '12345' });
    const type = p.decisions.find((d) => d.path === '/reporter/identity/type')!;
    expect(type).toMatchObject({ outcome: 'dropped', reason: 'sharing.none' });
    expect(type.messageEn).toContain('/reporter/identity');
  });
});
