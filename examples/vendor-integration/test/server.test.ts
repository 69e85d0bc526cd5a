import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KeyInfo, Keyring, openEnvelope, type SealedEnvelope } from '@gds/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchReply, createApp } from '../src/app.js';
import { loadOrCreateKey, readPublicKey } from '../src/keys.js';
import { type Listening, listen } from '../src/listen.js';

// A real server on a free port, real HTTP requests with fetch; the platform is played by the test.
const PASSPHRASE = 'test passphrase, not a real secret';
const person = {
  id: 'ps-370101-0042',
  identity: { type: 'resident-id', number: '370101190102039973' },
  name: '阿依古丽',
  sex: '1',
  birthDate: '1901-02-03',
  residence: { divisionCode: '370102001001', detail: '历下区解放路街道' },
};
// Same person with the GB 11643 check character changed (3 -> 4).
const wrongCheckDigit = { ...person, identity: { type: 'resident-id', number: '370101190102039974' } };
const household = {
  householdNumber: 'JT-0009',
  type: 'collective',
  registrationDivision: '510107',
  members: [
    { name: '张伟', relationship: '99' },
    { name: '刘洋', relationship: '99' },
  ],
};

let dir: string;
let platform: Keyring;
let platformKey: KeyInfo;
let vendorKid: string;
let server: Listening;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gds-vendor-'));
  platform = await Keyring.create();
  platformKey = await platform.generate({
    use: 'encrypt',
    label: '数据局平台',
    issuer: 'data-administration',
  });
  const vendor = await loadOrCreateKey({
    dir: join(dir, 'keys'),
    passphrase: PASSPHRASE,
    use: 'sign',
    issuer: 'grid-management',
  });
  vendorKid = vendor.key.kid;
  server = await listen(
    createApp({ keyring: vendor.keyring, platform: { department: 'data-administration', key: platformKey } }),
  );
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** What the platform does with an envelope: verify the vendor from its registered key, then decrypt. */
async function platformOpens(envelope: SealedEnvelope) {
  const directory = await Keyring.create();
  const keyFile = join(dir, 'vendor.jwk.json');
  await writeFile(keyFile, await (await fetch(`${server.url}/keys`)).text());
  const vendorKey = await readPublicKey(keyFile);
  await directory.add({ ...vendorKey, label: vendorKey.label });
  return openEnvelope(envelope, {
    keys: directory,
    decryptWith: platform,
    audience: 'data-administration',
    issuer: 'grid-management',
  });
}

describe('vendor-integration over HTTP', () => {
  it('reports health with the sender and the platform key', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      department: 'grid-management',
      signingKey: vendorKid,
      platform: { department: 'data-administration', key: platformKey.kid },
    });
  });

  it('seals a valid person for the platform, which opens it and verifies the sender', async () => {
    const res = await post('/records/person', JSON.stringify(person));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; id: string; envelope: SealedEnvelope };
    expect(body.status).toBe('accepted');
    expect(body.envelope.typ).toBe('sealed');
    expect(body.id).toBe(body.envelope.jti);
    expect(JSON.stringify(body.envelope)).not.toContain('370101190102039973');

    const opened = await platformOpens(body.envelope);
    expect(opened.payload).toEqual(person);
    expect(opened.header).toMatchObject({ iss: 'grid-management', std: { id: 'person', version: '1.1.0' } });
    expect(opened.proofs.map((p) => p.kid)).toEqual([vendorKid]);
  });

  it('seals a household too', async () => {
    const res = await post('/records/household', JSON.stringify(household));
    expect(res.status).toBe(200);
    const { envelope } = (await res.json()) as { envelope: SealedEnvelope };
    expect((await platformOpens(envelope)).payload).toEqual(household);
  });

  it('answers a wrong ID check character with 422, the GB 11643 issue code and a Chinese message', async () => {
    const res = await post('/records/person', JSON.stringify(wrongCheckDigit));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      status: 'rejected',
      issues: [
        {
          code: 'id_card.check_digit',
          severity: 'error',
          path: ['identity', 'number'],
          message: '公民身份号码校验码错误：应为 3，实际为 4',
        },
      ],
    });
  });

  it('answers in English for Accept-Language: en', async () => {
    const res = await post('/records/person', JSON.stringify(wrongCheckDigit), {
      'accept-language': 'en-GB,en;q=0.9,zh-CN;q=0.8',
    });
    expect(res.status).toBe(422);
    const { issues } = (await res.json()) as { issues: Array<{ code: string; message: string }> };
    expect(issues[0]?.code).toBe('id_card.check_digit');
    expect(issues[0]?.message).toMatch(/^[\x20-\x7e]+$/);
    expect(issues[0]?.message).toContain('3');
  });

  it('answers malformed JSON with 400 and a bilingual message', async () => {
    const res = await post('/records/person', '{"id": "ps-1", "name": ');
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: Record<string, string> };
    expect(error.code).toBe('malformed_json');
    expect(error.messageZh).toMatch(/^请求体无法解析：JSON/);
    expect(error.messageEn).toMatch(/^the body cannot be parsed: invalid JSON/);
    expect(error.message).toBe(`${error.messageZh}（${error.messageEn}）`);
  });

  it('refuses duplicate member names instead of picking one', async () => {
    const res = await post('/records/person', '{"id":"a","id":"b"}');
    expect(res.status).toBe(400);
  });

  it('answers every line of a mixed NDJSON batch, in order, with counts that add up', async () => {
    const lines = [
      JSON.stringify(person),
      JSON.stringify(wrongCheckDigit),
      '{not json',
      '',
      JSON.stringify({ ...person, id: 'ps-370101-0043' }),
    ];
    const res = await post('/records/person', `${lines.join('\n')}\n`, {
      'content-type': 'application/x-ndjson',
    });
    expect(res.status).toBe(200);
    const batch = (await res.json()) as BatchReply;
    expect(batch.results.map((r) => [r.line, r.status])).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
      [3, 'malformed'],
      [5, 'accepted'],
    ]);
    expect(batch).toMatchObject({ received: 4, accepted: 2, rejected: 1, malformed: 1 });
    expect(batch.accepted + batch.rejected + batch.malformed).toBe(batch.received);
    const last = batch.results[3]!;
    if (last.status !== 'accepted') throw new Error('line 5 should be accepted');
    expect((await platformOpens(last.envelope)).payload).toMatchObject({ id: 'ps-370101-0043' });
  });

  it('answers 404 for an unknown standard, 413 for an oversize body, 415 for another content type', async () => {
    const unknown = await post('/records/spaceship', JSON.stringify(person));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_standard' } });

    const big = await post('/records/person', JSON.stringify({ ...person, name: '张'.repeat(400_000) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'payload_too_large' } });

    const text = await post('/records/person', JSON.stringify(person), { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('keeps its keys: a second start loads the signing key generated by the first', async () => {
    const again = await loadOrCreateKey({
      dir: join(dir, 'keys'),
      passphrase: PASSPHRASE,
      use: 'sign',
      issuer: 'grid-management',
    });
    expect(again).toMatchObject({ created: false, key: { kid: vendorKid } });
  });
});
