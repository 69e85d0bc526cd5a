import { Keyring } from '@gds/crypto';
import { generateNoteKey, Log, noteSignerFromKey, parsePolicy } from '@gds/ledger';
import { createMemoryStore } from '@gds/ledger/memory';
import type { FieldMeta } from '@gds/schema';

export const NOW = '2026-06-01T00:00:00Z';

/** A keyring with one signing key per department that grants in these tests. */
export async function departments() {
  const ring = await Keyring.create();
  const signers: Record<string, ReturnType<Keyring['signer']>> = {};
  for (const dept of ['public-security', 'grid-management', 'data-administration', 'civil-affairs']) {
    const key = await ring.generate({ use: 'sign', label: dept, issuer: dept });
    signers[dept] = ring.signer(key.kid);
  }
  return { ring, signers };
}

/** A memory ledger that signs a checkpoint per append, and the policy that verifies its receipts. */
export async function ledger() {
  const { signerKey, verifierKey } = await generateNoteKey('test.example/disclosures');
  const log = await Log.open(createMemoryStore(), { signer: await noteSignerFromKey(signerKey) });
  return { log, policy: parsePolicy(`log ${verifierKey}\nquorum none\n`) };
}

function meta(
  path: string,
  sharing: FieldMeta['sharing'],
  source: string,
  masking: FieldMeta['masking'] = 'none',
): FieldMeta {
  return {
    path,
    type: 'string',
    required: false,
    title: { zh: path, en: path },
    description: { zh: null, en: null },
    dataClass: 'general',
    sensitivity: 'personal',
    sharing,
    source,
    since: '1.0.0',
    masking,
    codelist: null,
    identifier: null,
    deprecated: null,
  };
}

/** A small standard with every sharing type, a container, a non-shareable container and an array. */
export const testStandard = {
  entity: 'resident',
  version: '1.0.0',
  fields: [
    meta('/id', 'unconditional', 'grid-management'),
    { ...meta('/identity', 'conditional', 'public-security', 'id-6-4'), type: 'object' },
    meta('/identity/type', 'unconditional', 'public-security'),
    meta('/identity/number', 'conditional', 'public-security', 'id-6-4'),
    meta('/name', 'conditional', 'public-security', 'name-family'),
    meta('/birthDate', 'conditional', 'public-security', 'date-year-month'),
    meta('/ethnicity', 'conditional', 'public-security'),
    meta('/phone', 'conditional', 'grid-management', 'phone-3-4'),
    meta('/secret', 'none', 'public-security', 'redact'),
    { ...meta('/guardian', 'none', 'civil-affairs'), type: 'object' },
    meta('/guardian/name', 'conditional', 'civil-affairs', 'name-family'),
    { ...meta('/contacts', 'conditional', 'grid-management'), type: 'array' },
    meta('/contacts/*/kind', 'unconditional', 'grid-management'),
    meta('/contacts/*/value', 'conditional', 'grid-management', 'phone-3-4'),
  ] satisfies FieldMeta[],
};

export const alice = {
  id: 'r-1',
  identity: { type: 'resident-id', number: '110101199003074514' },
  name: '张三丰',
  birthDate: '1990-03-07',
  ethnicity: '01',
  phone: '13812345678',
  secret: 'x',
  guardian: { name: '李四' },
  contacts: [
    { kind: 'mobile', value: '13900001111' },
    { kind: 'home', value: '01088889999' },
  ],
};
