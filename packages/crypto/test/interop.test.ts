import {
  createSigner,
  fromMultikey,
  Keyring,
  loadSodiumSuite,
  signDataIntegrity,
  signJws,
  toMultikey,
  verifyDataIntegrity,
  verifyJws,
} from '@gds/crypto';
import { describe, expect, it } from 'vitest';

// w3c/vc-di-eddsa TestVectors/keyPair.json and TestVectors/eddsa-jcs-2022/signedJCS.json (the example
// of Verifiable Credential Data Integrity EdDSA Cryptosuites v1.0, appendix "eddsa-jcs-2022").
const keyPair = {
  publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
  privateKeyMultibase: 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq',
};
const unsigned = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
  type: ['VerifiableCredential', 'AlumniCredential'],
  name: 'Alumni Credential',
  description: 'A minimum viable example of an Alumni Credential.',
  issuer: 'https://vc.example/issuers/5678',
  validFrom: '2023-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
};
const signedProof = {
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-jcs-2022',
  created: '2023-02-24T23:36:38Z',
  verificationMethod: 'https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
  proofPurpose: 'assertionMethod',
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  proofValue: 'z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4',
};

describe('W3C Data Integrity, eddsa-jcs-2022', () => {
  it('verifies the published signed credential (w3c/vc-di-eddsa signedJCS.json)', async () => {
    expect(await verifyDataIntegrity({ ...unsigned, proof: signedProof })).toEqual([
      signedProof.verificationMethod,
    ]);
    const tampered = { ...unsigned, name: 'Alumni Credential!', proof: signedProof };
    await expect(verifyDataIntegrity(tampered)).rejects.toMatchObject({ code: 'GDS_CRYPTO_BAD_SIGNATURE' });
  });
  it('signing with the published key pair reproduces the published proofValue (Ed25519 is deterministic)', async () => {
    const k = fromMultikey(keyPair.publicKeyMultibase, keyPair.privateKeyMultibase);
    const suite = await loadSodiumSuite();
    const signer = createSigner(suite, suite.generateKeyPair('sign', k.secretKey).secretKey);
    const signed = await signDataIntegrity(unsigned, {
      signer,
      verificationMethod: signedProof.verificationMethod,
      created: signedProof.created,
    });
    expect(signed.proof).toEqual(signedProof);
  });
  it('GDS keys sign credentials that verify; proof sets; unknown methods fail', async () => {
    const ring = await Keyring.create();
    const a = await ring.generate({ use: 'sign', label: 'a' });
    const b = await ring.generate({ use: 'sign', label: 'b' });
    const vm = (k: typeof a) => `did:key:${toMk(k)}#${toMk(k)}`;
    const once = await signDataIntegrity(
      { id: 'p-1' },
      { signer: ring.signer(a.kid), verificationMethod: vm(a) },
    );
    const twice = await signDataIntegrity(once, { signer: ring.signer(b.kid), verificationMethod: vm(b) });
    expect(await verifyDataIntegrity(twice)).toEqual([vm(a), vm(b)]);
    await expect(verifyDataIntegrity(twice, { resolve: () => undefined })).rejects.toMatchObject({
      code: 'GDS_CRYPTO_UNKNOWN_KEY',
    });
  });
});

function toMk(k: { suite: string; use: 'sign' | 'encrypt'; publicKey: Uint8Array }): string {
  return toMultikey(k).publicKeyMultibase;
}

describe('JWS JSON serialization', () => {
  it('RFC 8037 appendix A.4: Ed25519 JWS of "Example of Ed25519 signing"', async () => {
    // The key of RFC 8037 appendix A.1. A.4's payload is not JSON, so its signing input is signed as is.
    const x = Buffer.from('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', 'base64url');
    const suite = await loadSodiumSuite();
    const seed = Buffer.from('nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', 'base64url');
    const kp = suite.generateKeyPair('sign', new Uint8Array(seed));
    expect(Buffer.from(kp.publicKey).toString('hex')).toBe(x.toString('hex'));
    const input = new TextEncoder().encode('eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc');
    expect(Buffer.from(suite.sign(input, kp.secretKey)).toString('base64url')).toBe(
      'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg',
    );
  });
  it('unencoded payload (RFC 7797): the signed bytes are exactly the canonical JSON', async () => {
    const ring = await Keyring.create();
    const a = await ring.generate({ use: 'sign', label: 'a' });
    const payload = { b: 1, a: '张三' };
    const jws = await signJws(payload, [ring.signer(a.kid)]);
    expect(jws.payload).toBe('{"a":"张三","b":1}');
    const header = JSON.parse(Buffer.from(jws.signatures[0]!.protected, 'base64url').toString());
    expect(header).toEqual({ alg: 'EdDSA', b64: false, crit: ['b64'], kid: a.kid });
    const suite = await loadSodiumSuite();
    const input = new TextEncoder().encode(`${jws.signatures[0]!.protected}.${jws.payload}`);
    expect(suite.verify(Buffer.from(jws.signatures[0]!.signature, 'base64url'), input, a.publicKey)).toBe(
      true,
    );
    expect(await verifyJws(jws, { keys: ring })).toEqual({ payload, kids: [a.kid] });
    await expect(verifyJws({ ...jws, payload: '{"a":"李四","b":1}' }, { keys: ring })).rejects.toMatchObject({
      code: 'GDS_CRYPTO_BAD_SIGNATURE',
    });
    const detached = await signJws(payload, [ring.signer(a.kid)], { detached: true });
    expect(detached.payload).toBeUndefined();
    expect((await verifyJws(detached, { keys: ring, payload })).kids).toEqual([a.kid]);
    const plain = await signJws(payload, [ring.signer(a.kid)], { b64: true });
    expect((await verifyJws(plain, { keys: ring })).payload).toEqual(payload);
  });
});
