export { blindIndex, normalizeForIndex } from './blindIndex.js';
export type { JsonValue } from './canonicalize.js';
export { canonicalize, canonicalizeToBytes } from './canonicalize.js';
export { cosignEnvelope } from './cosignEnvelope.js';
export type { FieldDecryptor, FieldDecryptorOptions, FieldDecryptResult } from './createFieldDecryptor.js';
export { createFieldDecryptor } from './createFieldDecryptor.js';
export type {
  EncryptedFieldsInfo,
  FieldEncryptor,
  FieldEncryptorOptions,
  FieldMeta,
  FieldRecipient,
  Sensitivity,
} from './createFieldEncryptor.js';
export { createFieldEncryptor, ENC_MEMBER, FIELDS_MEMBER } from './createFieldEncryptor.js';
export type {
  DataIntegrityProof,
  SignDataIntegrityOptions,
  VerifyDataIntegrityOptions,
} from './dataIntegrity.js';
export { signDataIntegrity, verifyDataIntegrity } from './dataIntegrity.js';
export { decryptWithPassphrase } from './decryptWithPassphrase.js';
export type {
  Envelope,
  EnvelopeHeader,
  Proof,
  SealedEnvelope,
  SealedRecipient,
  SignedEnvelope,
  StandardRef,
} from './Envelope.js';
export { ed25519Sign, ed25519SignSync } from './ed25519Sign.js';
export { ed25519Verify, ed25519VerifySync } from './ed25519Verify.js';
export type { PassphraseEncrypted } from './encryptWithPassphrase.js';
export { encryptWithPassphrase } from './encryptWithPassphrase.js';
export type { GdsCryptoErrorCode } from './errors.js';
export { GdsCryptoError } from './errors.js';
export type { Ed25519KeyPair } from './generateEd25519KeyPair.js';
export { generateEd25519KeyPair, generateEd25519KeyPairSync } from './generateEd25519KeyPair.js';
export type { Jwk, KeyMaterial } from './jwk.js';
export { exportJwk, importJwk } from './jwk.js';
export type { JwsJson } from './jws.js';
export { signJws, verifyJws } from './jws.js';
export type { KeyInfo, KeyResolver, KeyStatus } from './KeyInfo.js';
export type { GenerateKeyOptions, KeyInfoJson, KeyringFile } from './Keyring.js';
export { Keyring } from './Keyring.js';
export type { KeyStore, StoredSecretKey } from './KeyStore.js';
export { keyId } from './keyId.js';
export { loadSodiumSuite } from './loadSodiumSuite.js';
export { MemoryKeyStore } from './MemoryKeyStore.js';
export { fromMultikey, toMultikey } from './multikey.js';
export type { OpenEnvelopeOptions } from './openEnvelope.js';
export { openEnvelope } from './openEnvelope.js';
export { parseJson } from './parseJson.js';
export { ready } from './ready.js';
export type { Signer } from './Signer.js';
export { createSigner } from './Signer.js';
export type { SealEnvelopeOptions } from './sealEnvelope.js';
export { sealEnvelope } from './sealEnvelope.js';
export { sha256 } from './sha256.js';
export type { SignEnvelopeOptions } from './signEnvelope.js';
export { signEnvelope } from './signEnvelope.js';
export type { KeyUse, RawKeyPair, Suite } from './suite.js';
export type { VerifiedEnvelope, VerifiedProof, VerifyEnvelopeOptions } from './verifyEnvelope.js';
export { verifyEnvelope } from './verifyEnvelope.js';
export { x25519, x25519Sync } from './x25519.js';
export { xchacha20poly1305Decrypt, xchacha20poly1305Encrypt } from './xchacha20poly1305.js';
