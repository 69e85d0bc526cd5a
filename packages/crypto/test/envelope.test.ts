import { fc, test } from '@fast-check/vitest';
import {
  canonicalize,
  cosignEnvelope,
  createSigner,
  ed25519Sign,
  GdsCryptoError,
  generateEd25519KeyPair,
  type KeyInfo,
  Keyring,
  loadSodiumSuite,
  openEnvelope,
  sealEnvelope,
  signEnvelope,
  verifyEnvelope,
} from '@gds/crypto';
import { smSuite } from '@gds/crypto/sm';
import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';

const person = {
  id: 'p-0001',
  name: '张三',
  idNumber: '110101199003077777',
  birthDate: '1990-03-07',
  address: { province: '北京市', line: '东城区某街道 1 号' },
  tags: ['低保', 2, true, null],
};

let mca: Keyring; // 民政局: the sender
let health: Keyring; // 卫健委: a recipient
let directory: Keyring; // what verifiers know: both departments' public keys

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GdsCryptoError);
    return (e as GdsCryptoError).code;
  }
  return 'verified';
}

async function publicCopy(into: Keyring, k: KeyInfo) {
  await into.add({ ...k });
}

beforeAll(async () => {
  mca = await Keyring.create();
  health = await Keyring.create();
  directory = await Keyring.create();
  const s = await mca.generate({ use: 'sign', label: '民政局签名', issuer: 'dept:mca' });
  const hs = await health.generate({ use: 'sign', label: '卫健委签名', issuer: 'dept:health' });
  const he = await health.generate({ use: 'encrypt', label: '卫健委加密', issuer: 'dept:health' });
  for (const k of [s, hs, he]) await publicCopy(directory, k);
});

describe('signed envelopes', () => {
  it('round trip: header fields, payload, proof', async () => {
    const env = await signEnvelope(person, {
      signer: mca.signer(),
      aud: 'dept:health',
      expiresIn: 3600,
      std: { id: 'person', version: '1.0.0' },
    });
    expect(env).toMatchObject({
      gds: 'envelope/v1',
      typ: 'signed',
      suite: 'sodium',
      iss: 'dept:mca',
      aud: ['dept:health'],
    });
    expect(env.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const v = await verifyEnvelope(JSON.stringify(env), { keys: directory, audience: 'dept:health' });
    expect(v.payload).toEqual(person);
    expect(v.header.std).toEqual({ id: 'person', version: '1.0.0' });
    expect(v.proofs.map((p) => p.iss)).toEqual(['dept:mca']);
  });

  it('each failure says why', async () => {
    const env = await signEnvelope(person, { signer: mca.signer(), aud: 'dept:health', expiresIn: 60 });
    const ok = { keys: directory, audience: 'dept:health' };
    expect(await code(verifyEnvelope(env, ok))).toBe('verified');
    expect(await code(verifyEnvelope({ ...env, payload: { ...person, name: '李四' } }, ok))).toBe(
      'GDS_CRYPTO_BAD_SIGNATURE',
    );
    expect(await code(verifyEnvelope(env, { ...ok, keys: await Keyring.create() }))).toBe(
      'GDS_CRYPTO_UNKNOWN_KEY',
    );
    expect(await code(verifyEnvelope(env, { ...ok, audience: 'dept:police' }))).toBe(
      'GDS_CRYPTO_WRONG_AUDIENCE',
    );
    expect(await code(verifyEnvelope(env, { keys: directory }))).toBe('GDS_CRYPTO_WRONG_AUDIENCE');
    expect(await code(verifyEnvelope(env, { ...ok, now: Date.now() + 3600_000 }))).toBe('GDS_CRYPTO_EXPIRED');
    expect(await code(verifyEnvelope(env, { ...ok, now: Date.now() - 3600_000 }))).toBe(
      'GDS_CRYPTO_NOT_YET_VALID',
    );
    expect(await code(verifyEnvelope(env, { ...ok, suites: [smSuite] }))).toBe(
      'GDS_CRYPTO_SUITE_NOT_ALLOWED',
    );
    expect(await code(verifyEnvelope({ ...env, extra: 1 }, ok))).toBe('GDS_CRYPTO_MALFORMED');
    expect(await code(verifyEnvelope({ ...env, proofs: [] }, ok))).toBe('GDS_CRYPTO_BAD_SIGNATURE');
    expect(await code(verifyEnvelope({ ...env, iss: 'dept:health' }, ok))).toBe('GDS_CRYPTO_BAD_SIGNATURE');
    expect(await code(verifyEnvelope(env, { ...ok, issuer: 'dept:other' }))).toBe('GDS_CRYPTO_WRONG_ISSUER');
  });

  it('a signer cannot speak for another department', async () => {
    const env = await signEnvelope(person, { signer: { ...mca.signer(), issuer: 'dept:health' } });
    expect(await code(verifyEnvelope(env, { keys: directory }))).toBe('GDS_CRYPTO_WRONG_ISSUER');
  });

  it('the verifier chooses the suites: an sm envelope verifies only when sm is allowed', async () => {
    const ring = await Keyring.create({ suites: [smSuite] });
    const k = await ring.generate({ use: 'sign', suite: 'sm', label: 'sm', issuer: 'dept:sm' });
    const env = await signEnvelope(person, { signer: ring.signer(k.kid) });
    expect(env.suite).toBe('sm');
    expect(await code(verifyEnvelope(env, { keys: ring }))).toBe('GDS_CRYPTO_SUITE_NOT_ALLOWED');
    expect(await code(verifyEnvelope(env, { keys: ring, suites: [smSuite] }))).toBe('verified');
    // Relabelling the proof as sodium does not help: the key belongs to sm.
    const relabelled = { ...env, proofs: env.proofs.map((p) => ({ ...p, suite: 'sodium' })) };
    expect(
      await code(verifyEnvelope(relabelled, { keys: ring, suites: [await loadSodiumSuite(), smSuite] })),
    ).toBe('GDS_CRYPTO_UNKNOWN_KEY');
  });

  it('co-signing by several departments; required issuers', async () => {
    const env = await signEnvelope(person, { signer: mca.signer() });
    const both = await cosignEnvelope(env, health.signer(health.activeKey({ use: 'sign' }).kid));
    const v = await verifyEnvelope(both, { keys: directory, requiredIssuers: ['dept:mca', 'dept:health'] });
    expect(v.proofs.map((p) => p.iss)).toEqual(['dept:mca', 'dept:health']);
    expect(await code(verifyEnvelope(env, { keys: directory, requiredIssuers: ['dept:health'] }))).toBe(
      'GDS_CRYPTO_NOT_ENOUGH_PROOFS',
    );
    const forged = { ...both, proofs: [both.proofs[0]!, { ...both.proofs[1]!, sig: both.proofs[0]!.sig }] };
    expect(await code(verifyEnvelope(forged, { keys: directory }))).toBe('GDS_CRYPTO_BAD_SIGNATURE');
  });
});

describe('rotation and revocation (acceptance 4)', () => {
  it('a rotated key still verifies what it signed before rotation', async () => {
    const ring = await Keyring.create();
    const k1 = await ring.generate({ use: 'sign', label: 'l', issuer: 'dept:x', at: '2026-01-01T00:00:00Z' });
    const before = await signEnvelope(person, { signer: ring.signer(k1.kid), iat: '2026-02-01T00:00:00Z' });
    await ring.rotate(k1.kid, { at: '2026-03-01T00:00:00Z' });
    const v = await verifyEnvelope(before, { keys: ring, now: '2026-04-01T00:00:00Z' });
    expect(v.proofs[0]!.key.status).toBe('retired');
    await expect(ring.signer(k1.kid).sign(new Uint8Array(1))).rejects.toMatchObject({
      code: 'GDS_CRYPTO_RETIRED_KEY',
    });
    // A signature claiming a date after retirement is refused even though its bytes verify.
    const seed = new Uint8Array(32).fill(3);
    const r2 = await Keyring.create();
    const a = await r2.generate({ use: 'sign', label: 'l', issuer: 'dept:x', seed });
    const late = await signEnvelope(person, { signer: r2.signer(a.kid), iat: '2026-05-01T00:00:00Z' });
    await r2.rotate(a.kid, { at: '2026-03-01T00:00:00Z' });
    expect(await code(verifyEnvelope(late, { keys: r2, now: '2026-05-01T00:00:00Z' }))).toBe(
      'GDS_CRYPTO_RETIRED_KEY',
    );
  });
  it('a revoked key fails for signatures dated after its revocation time, not before', async () => {
    const ring = await Keyring.create();
    const k = await ring.generate({ use: 'sign', label: 'l', issuer: 'dept:x' });
    const early = await signEnvelope(person, { signer: ring.signer(k.kid), iat: '2026-01-01T00:00:00Z' });
    const late = await signEnvelope(person, { signer: ring.signer(k.kid), iat: '2026-06-01T00:00:00Z' });
    ring.revoke(k.kid, { at: '2026-03-01T00:00:00Z', reason: 'key compromise' });
    const opts = { keys: ring, now: '2026-07-01T00:00:00Z' };
    expect(await code(verifyEnvelope(early, opts))).toBe('verified');
    expect(await code(verifyEnvelope(late, opts))).toBe('GDS_CRYPTO_REVOKED_KEY');
  });
});

describe('sealed envelopes', () => {
  it('only the recipient reads it; anyone with the directory can check the sender without decrypting', async () => {
    const to = health.activeKey({ use: 'encrypt' });
    const env = await sealEnvelope(person, { signer: mca.signer(), to, aud: 'dept:health' });
    expect(JSON.stringify(env)).not.toContain('110101199003077777');
    const opened = await openEnvelope(JSON.stringify(env), {
      keys: directory,
      decryptWith: health,
      audience: 'dept:health',
    });
    expect(opened.payload).toEqual(person);
    expect(opened.proofs[0]!.iss).toBe('dept:mca');
    expect(
      await code(openEnvelope(env, { keys: directory, decryptWith: mca, audience: 'dept:health' })),
    ).toBe('GDS_CRYPTO_NOT_A_RECIPIENT');
    expect(await code(verifyEnvelope(env, { keys: directory, audience: 'dept:health' }))).toBe(
      'GDS_CRYPTO_MALFORMED',
    );
  });
  it('the sender cannot be swapped: re-signing as another department breaks decryption', async () => {
    const to = health.activeKey({ use: 'encrypt' });
    const env = await sealEnvelope(person, { signer: mca.signer(), to });
    // An attacker holding a valid key of its own strips the proof and re-signs as itself.
    const attacker = await Keyring.create();
    const ak = await attacker.generate({ use: 'sign', label: 'attacker', issuer: 'dept:attacker' });
    await directory.add({ ...ak });
    const stripped = { ...env, iss: 'dept:attacker', proofs: [] };
    const resigned = await cosignEnvelope(stripped, attacker.signer(ak.kid));
    expect(await code(openEnvelope(resigned, { keys: directory, decryptWith: health }))).toBe(
      'GDS_CRYPTO_DECRYPT_FAILED',
    );
  });
  it('several recipients, and SM: SM2 + SM4-GCM', async () => {
    const ring = await Keyring.create({ suites: [smSuite] });
    const s = await ring.generate({ use: 'sign', suite: 'sm', label: 's', issuer: 'dept:a' });
    const e1 = await ring.generate({ use: 'encrypt', suite: 'sm', label: 'e1', issuer: 'dept:b' });
    const e2 = await ring.generate({ use: 'encrypt', suite: 'sm', label: 'e2', issuer: 'dept:c' });
    const env = await sealEnvelope(person, { signer: ring.signer(s.kid), to: [e1, e2], suite: smSuite });
    expect(env.sealed.aead).toBe('SM4-GCM');
    const v = await openEnvelope(env, { keys: ring, decryptWith: ring, suites: [smSuite] });
    expect(v.payload).toEqual(person);
  });
});

describe('tampering with any single byte fails, with a typed error (acceptance 2)', () => {
  let signedText: string;
  let sealedText: string;
  beforeAll(async () => {
    signedText = canonicalize(
      await signEnvelope(person, { signer: mca.signer(), aud: 'dept:health', expiresIn: 3600 }),
    );
    sealedText = canonicalize(
      await sealEnvelope(person, {
        signer: mca.signer(),
        to: health.activeKey({ use: 'encrypt' }),
        aud: 'dept:health',
        expiresIn: 3600,
      }),
    );
  });
  const flip = (text: string, i: number, bit: number) => {
    const b = new TextEncoder().encode(text);
    b[i % b.length]! ^= 1 << bit;
    return b;
  };
  test.prop([fc.nat(), fc.integer({ min: 0, max: 7 })], { numRuns: 300 })(
    'signed envelope',
    async (i, bit) => {
      const c = await code(
        verifyEnvelope(flip(signedText, i, bit), { keys: directory, audience: 'dept:health' }),
      );
      expect(c).not.toBe('verified');
      expect(c).toMatch(/^GDS_CRYPTO_/);
    },
  );
  test.prop([fc.nat(), fc.integer({ min: 0, max: 7 })], { numRuns: 300 })(
    'sealed envelope',
    async (i, bit) => {
      const c = await code(
        openEnvelope(flip(sealedText, i, bit), {
          keys: directory,
          decryptWith: health,
          audience: 'dept:health',
        }),
      );
      expect(c).not.toBe('verified');
      expect(c).toMatch(/^GDS_CRYPTO_/);
    },
  );
  it('every byte position of the signed envelope, one bit each', async () => {
    const n = new TextEncoder().encode(signedText).length;
    const codes = new Set<string>();
    for (let i = 0; i < n; i++) {
      const c = await code(
        verifyEnvelope(flip(signedText, i, i % 7), { keys: directory, audience: 'dept:health' }),
      );
      expect(c, `byte ${i}`).not.toBe('verified');
      codes.add(c);
    }
    expect(codes.has('GDS_CRYPTO_BAD_SIGNATURE')).toBe(true);
    expect(codes.has('GDS_CRYPTO_MALFORMED')).toBe(true);
  });
});

describe('proof input (the documented signing input)', () => {
  it('is the domain tag and the JCS of the envelope without proofs, with the proof metadata as "proof"', async () => {
    const suite = await loadSodiumSuite();
    const kp = await generateEd25519KeyPair(new Uint8Array(32).fill(5));
    const signer = createSigner(suite, kp.secretKey, { issuer: 'dept:mca' });
    const env = await signEnvelope(
      { std: 'nested keys that sort like header members', sealed: 1, proof: 2 },
      { signer, aud: 'x', std: { id: 'person', version: '1.0.0' } },
    );
    const { proofs, ...body0 } = env;
    const p = proofs[0]!;
    const body = canonicalize({
      ...body0,
      proof: { suite: p.suite, kid: p.kid, iss: p.iss, created: p.created },
    });
    // Signed: "GDS-ENVELOPE-PROOF/v1\n" ‖ BLAKE2b-256(JCS(body + proof metadata)), the sodium suite's digest.
    await sodium.ready;
    const expected = new Uint8Array([
      ...new TextEncoder().encode('GDS-ENVELOPE-PROOF/v1\n'),
      ...sodium.crypto_generichash(32, new TextEncoder().encode(body), null),
    ]);
    // Ed25519 is deterministic: signing the expected bytes ourselves gives the proof's signature.
    const sig = await ed25519Sign(expected, kp.secretKey);
    expect(Buffer.from(sig).toString('base64url')).toBe(p.sig);
  });
});

describe('every input form verifies the same payload', () => {
  // Text written by canonicalize is read back on a fast path (members already in order: the engine's
  // JSON.stringify re-canonicalises it); other text and caller objects go through the checked writer and
  // a private copy. Any difference between the paths would show up here as a failed signature.
  test.prop([fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 })], { numRuns: 150 })(
    'object, canonical text, indented text and bytes of one envelope all verify, to one payload',
    async (value, record) => {
      const payload = { value, record, '10': 'numeric-looking name', '9': ['order'], é: '\u2028' };
      let writable = true;
      try {
        canonicalize(payload);
      } catch {
        writable = false; // unsafe integers: refused when signing, tested in jcs.test.ts
      }
      fc.pre(writable);
      const env = await signEnvelope(payload, { signer: mca.signer(), aud: 'dept:health' });
      const opts = { keys: directory, audience: 'dept:health' };
      const canonical = canonicalize(env);
      const expected = JSON.parse(canonicalize(payload));
      for (const input of [
        env,
        canonical,
        JSON.stringify(env, null, 2),
        new TextEncoder().encode(canonical),
      ]) {
        const { payload: got } = await verifyEnvelope(input, opts);
        expect(canonicalize(got)).toBe(canonicalize(expected));
      }
    },
  );

  it('verifies what it copied: changing the caller object during verification changes nothing', async () => {
    const payload = { id: 'p-1', name: '张三' };
    const env = await signEnvelope(payload, { signer: mca.signer() });
    const keys = {
      resolveKey: async (kid: string) => {
        (env.payload as { name: string }).name = '李四';
        return directory.resolveKey(kid);
      },
    };
    const { payload: got } = await verifyEnvelope<{ name: string }>(env, { keys });
    expect(got.name).toBe('张三');
  });

  it('refuses a "__proto__" member as unknown rather than setting a prototype', async () => {
    const env = await signEnvelope({ id: 'p-1' }, { signer: mca.signer() });
    const evil = JSON.parse(`{"__proto__":{"polluted":true},${canonicalize(env).slice(1)}`);
    expect(await code(verifyEnvelope(evil, { keys: directory }))).toBe('GDS_CRYPTO_MALFORMED');
    expect(await code(verifyEnvelope(JSON.stringify(evil), { keys: directory }))).toBe(
      'GDS_CRYPTO_MALFORMED',
    );
  });
});
