// `npm run bench -- crypto`: the @gds/crypto figures of issue 5, against the BUILT package, each with its
// peer measured in the same process on the same data.
import {
  canonicalize,
  canonicalizeToBytes,
  createFieldDecryptor,
  createFieldEncryptor,
  createSigner,
  type FieldMeta,
  Keyring,
  loadSodiumSuite,
  signEnvelope,
  verifyEnvelope,
} from '@gds/crypto';
import sodium from 'libsodium-wrappers';
import { compare, record } from '../../../bench/harness.js';

await sodium.ready;
const suite = await loadSodiumSuite();

// A person record whose canonical form is about 1 KiB.
const person = {
  id: 'p-000123',
  name: '张三',
  formerNames: ['张老三'],
  gender: '1',
  ethnicity: '01',
  birthDate: '1990-03-07',
  idNumber: '11010119900307777X',
  phone: '13800138000',
  email: 'zhangsan@example.cn',
  maritalStatus: '20',
  education: '61',
  occupation: '4-01-01-00',
  address: {
    province: '110000',
    city: '110100',
    district: '110101',
    street: '110101001',
    community: '110101001001',
    line: '东城区东华门街道某某胡同 12 号院 3 号楼 2 单元 401 室',
    postcode: '100006',
  },
  household: { id: 'h-000045', relation: '02', headName: '张父', registeredAt: '2010-05-01' },
  contacts: [
    { relation: '配偶', name: '李四', phone: '13900139000' },
    { relation: '子女', name: '张小三', phone: '13700137000' },
  ],
  benefits: [
    { program: 'dibao', since: '2021-01-01', amount: 1200, currency: 'CNY' },
    { program: 'medical', since: '2022-07-01', amount: 300.5, currency: 'CNY' },
  ],
  notes: '社区网格员 2026 年走访记录：家庭情况稳定，需持续关注老人照护。',
  source: { department: 'dept:mca', system: 'mca-grassroots', updatedAt: '2026-11-20T08:00:00Z' },
};
const bytes = canonicalizeToBytes(person);

// 1. Envelope sign/verify vs raw libsodium Ed25519 sign/verify of the same canonical bytes.
const kp = sodium.crypto_sign_keypair();
const signer = createSigner(suite, kp.privateKey, { issuer: 'dept:mca' });
const directory = await Keyring.create();
await directory.add({
  suite: 'sodium',
  use: 'sign',
  publicKey: kp.publicKey,
  label: 'mca',
  issuer: 'dept:mca',
});
const env = await signEnvelope(person, { signer, aud: 'dept:health', expiresIn: 86400 });
const envText = canonicalize(env);
const rawSig = sodium.crypto_sign_detached(bytes, kp.privateKey);
const verifyOptions = { keys: directory, audience: 'dept:health' };

await compare('crypto-envelope', [
  {
    name: `signEnvelope, ${bytes.length}-byte canonical record`,
    itemsPerCall: 1,
    unit: 'envelopes',
    target: 0.8,
    ours: {
      name: 'signEnvelope',
      fn: () => signEnvelope(person, { signer, aud: 'dept:health', expiresIn: 86400 }),
    },
    peer: { name: 'crypto_sign_detached', fn: () => sodium.crypto_sign_detached(bytes, kp.privateKey) },
  },
  {
    name: `verifyEnvelope (parsed object), ${bytes.length}-byte canonical record`,
    itemsPerCall: 1,
    unit: 'envelopes',
    target: 0.8,
    ours: { name: 'verifyEnvelope', fn: () => verifyEnvelope(env, verifyOptions) },
    peer: {
      name: 'crypto_sign_verify_detached',
      fn: () => sodium.crypto_sign_verify_detached(rawSig, bytes, kp.publicKey),
    },
  },
  {
    name: `verifyEnvelope (JSON text, strict parse), ${bytes.length}-byte canonical record`,
    itemsPerCall: 1,
    unit: 'envelopes',
    target: 0.8,
    ours: { name: 'verifyEnvelope', fn: () => verifyEnvelope(envText, verifyOptions) },
    peer: {
      name: 'crypto_sign_verify_detached',
      fn: () => sodium.crypto_sign_verify_detached(rawSig, bytes, kp.publicKey),
    },
  },
]);

// 2. Field encryption of person records: ~6 sensitive fields per record.
const fields: FieldMeta[] = [
  { path: '/name', sensitivity: 'sensitive' },
  { path: '/idNumber', sensitivity: 'sensitive' },
  { path: '/phone', sensitivity: 'sensitive' },
  { path: '/email', sensitivity: 'sensitive' },
  { path: '/address/line', sensitivity: 'sensitive' },
  { path: '/contacts/*/phone', sensitivity: 'sensitive' },
  { path: '/birthDate', sensitivity: 'personal' },
  { path: '/gender', sensitivity: 'none' },
];
const reader = await Keyring.create();
const readerKey = await reader.generate({ use: 'encrypt', label: 'health' });
const enc = await createFieldEncryptor({
  standard: 'person@1.0.0',
  fields,
  recipients: [{ key: readerKey }],
  blindIndex: { key: suite.randomBytes(32), paths: ['/idNumber'] },
});
const N = 1000;
const records = Array.from({ length: N }, (_, i) => ({ ...person, id: `p-${i}` }));
const sample = enc.encrypt(records[0]!);
const encryptedCount = (sample['gds:fields'] as { groups: { paths: string[] }[] }).groups[0]!.paths.length;

// Peer: raw libsodium doing the minimal equivalent work, one XChaCha20-Poly1305 per sensitive value
// (its JSON text), with no key management, no associated data, no blind index and one fixed nonce.
const fieldKey = suite.randomBytes(32);
const nonce = suite.randomBytes(24);
const empty = new Uint8Array(0);
const te = new TextEncoder();
const peerValues = records.map((r) => [
  r.name,
  r.idNumber,
  r.phone,
  r.email,
  r.address.line,
  ...r.contacts.map((c) => c.phone),
]);
const peerSeal = (v: unknown) =>
  sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    te.encode(JSON.stringify(v)),
    empty,
    null,
    nonce,
    fieldKey,
  );
if (peerValues[0]!.length !== encryptedCount) throw new Error('the peer must encrypt as many values as ours');

const [fieldResult] = await compare('crypto-fields', [
  {
    name: `encrypt ${encryptedCount} sensitive fields + blind index per person record (${N} records per call)`,
    itemsPerCall: N,
    unit: 'records',
    ours: {
      name: 'FieldEncryptor.encrypt',
      fn: () => {
        for (const r of records) enc.encrypt(r);
      },
    },
    peer: {
      name: `raw libsodium, ${encryptedCount} × crypto_aead_xchacha20poly1305_ietf_encrypt`,
      fn: () => {
        for (const vs of peerValues) {
          for (const v of vs) peerSeal(v);
        }
      },
    },
  },
]);

// Field decryption, informational (no target): the same records, against raw libsodium opening the
// peer's seven ciphertexts per record and parsing their JSON (no metadata, no associated data).
const dec = createFieldDecryptor({ keys: reader });
const encrypted = records.slice(0, 200).map((r) => enc.encrypt(r));
const peerSealed = peerValues.slice(0, 200).map((vs) => vs.map(peerSeal));
const td = new TextDecoder();
const [decryptResult] = await compare('crypto-fields-decrypt', [
  {
    name: `decrypt ${encryptedCount} fields per person record (${encrypted.length} records per call)`,
    itemsPerCall: encrypted.length,
    unit: 'records',
    ours: {
      name: 'FieldDecryptor.decrypt',
      fn: async () => {
        for (const r of encrypted) await dec.decrypt(r);
      },
    },
    peer: {
      name: `raw libsodium, ${encryptedCount} × crypto_aead_xchacha20poly1305_ietf_decrypt`,
      fn: () => {
        for (const cs of peerSealed) {
          for (const c of cs)
            JSON.parse(
              td.decode(sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, c, empty, nonce, fieldKey)),
            );
        }
      },
    },
  },
]);

record('crypto-fields-target', {
  fieldsPerRecord: encryptedCount,
  encryptRecordsPerSecond: fieldResult!.oursPerSecond,
  peerRecordsPerSecond: fieldResult!.peerPerSecond,
  ratioToPeer: fieldResult!.ratio,
  target: 50_000,
  met: fieldResult!.oursPerSecond >= 50_000,
  decryptRecordsPerSecond: decryptResult!.oursPerSecond,
});
