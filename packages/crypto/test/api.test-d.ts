import type {
  Envelope,
  FieldMeta,
  GdsCryptoErrorCode,
  KeyInfo,
  Signer,
  Suite,
  VerifiedEnvelope,
} from '@gds/crypto';
import { canonicalize, ed25519Sign, parseJson, sha256, signEnvelope, verifyEnvelope } from '@gds/crypto';
import { smSuite } from '@gds/crypto/sm';
import { describe, expectTypeOf, it } from 'vitest';

describe('public API types', () => {
  it('stable primitives used by @gds/ledger', () => {
    expectTypeOf(canonicalize).returns.toEqualTypeOf<string>();
    expectTypeOf(sha256).returns.toEqualTypeOf<Uint8Array>();
    expectTypeOf(ed25519Sign).returns.resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(parseJson).returns.toEqualTypeOf<unknown>();
  });
  it('verification is typed by the caller and never returns an unverified shape', () => {
    expectTypeOf(verifyEnvelope<{ id: string }>).returns.resolves.toEqualTypeOf<
      VerifiedEnvelope<{ id: string }>
    >();
    expectTypeOf<VerifiedEnvelope['proofs'][number]['key']>().toEqualTypeOf<KeyInfo>();
    expectTypeOf(signEnvelope).returns.resolves.toMatchTypeOf<Envelope>();
  });
  it('field metadata is structural: { path, sensitivity }', () => {
    expectTypeOf<{ path: string; sensitivity: 'sensitive' }>().toMatchTypeOf<FieldMeta>();
  });
  it('suites, signers and error codes', () => {
    expectTypeOf(smSuite).toEqualTypeOf<Suite>();
    expectTypeOf<Signer['suite']>().toEqualTypeOf<string>();
    expectTypeOf<'GDS_CRYPTO_BAD_SIGNATURE'>().toMatchTypeOf<GdsCryptoErrorCode>();
  });
});
