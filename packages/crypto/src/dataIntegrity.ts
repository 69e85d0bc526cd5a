import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase58, toBase58 } from './_internal/base58.js';
import { concatBytes, utf8 } from './_internal/bytes.js';
import { type TimeInput, toIso } from './_internal/time.js';
import { canonicalize, type JsonValue } from './canonicalize.js';
import { GdsCryptoError } from './errors.js';
import { loadSodiumSuite } from './loadSodiumSuite.js';
import { fromMultikey } from './multikey.js';
import type { Signer } from './Signer.js';

/** A W3C Data Integrity proof (`type: "DataIntegrityProof"`, `cryptosuite: "eddsa-jcs-2022"`). */
export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-jcs-2022';
  verificationMethod: string;
  proofPurpose: string;
  created?: string;
  expires?: string;
  domain?: string;
  challenge?: string;
  nonce?: string;
  '@context'?: JsonValue;
  proofValue: string;
  [member: string]: JsonValue | undefined;
}

/** Options of {@link signDataIntegrity}. */
export interface SignDataIntegrityOptions {
  /** An Ed25519 signer (sodium suite). */
  signer: Signer;
  /** URL or DID URL of the Multikey verification method, e.g. `did:key:z6Mk…#z6Mk…`. */
  verificationMethod: string;
  proofPurpose?: string;
  /** Creation time; now by default (`false` leaves it out). */
  created?: TimeInput | false;
  expires?: TimeInput;
  domain?: string;
  challenge?: string;
  nonce?: string;
}

function hashData(proofConfig: Record<string, unknown>, document: Record<string, unknown>): Uint8Array {
  // eddsa-jcs-2022 section 3.3.4: SHA-256(JCS(proof config)) ‖ SHA-256(JCS(document)), config first.
  return concatBytes(sha256(utf8(canonicalize(proofConfig))), sha256(utf8(canonicalize(document))));
}

function unsecured(document: Record<string, unknown>): Record<string, unknown> {
  const { proof: _p, ...rest } = document;
  return rest;
}

/**
 * Adds a W3C Data Integrity proof with the `eddsa-jcs-2022` cryptosuite (W3C Recommendation
 * 2025-05-15) to a JSON document, so Verifiable Credential tooling can check a GDS signature. A
 * document that already has proofs gets one more (a proof set).
 *
 * @example
 * ```ts
 * import { signDataIntegrity, toMultikey } from '@gds/crypto';
 * const mk = toMultikey(keyInfo).publicKeyMultibase;
 * const vc = await signDataIntegrity(credential, {
 *   signer: keyring.signer(keyInfo.kid),
 *   verificationMethod: `did:key:${mk}#${mk}`,
 * });
 * ```
 */
export async function signDataIntegrity<T extends Record<string, unknown>>(
  document: T,
  options: SignDataIntegrityOptions,
): Promise<T & { proof: DataIntegrityProof | DataIntegrityProof[] }> {
  if (options.signer.suite !== 'sodium') {
    throw new GdsCryptoError(
      'GDS_CRYPTO_UNSUPPORTED',
      'eddsa-jcs-2022 只支持 Ed25519 密钥',
      'eddsa-jcs-2022 takes Ed25519 keys only',
    );
  }
  const config: Record<string, JsonValue> = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-jcs-2022',
  };
  if (options.created !== false) config.created = toIso(options.created ?? Date.now());
  config.verificationMethod = options.verificationMethod;
  config.proofPurpose = options.proofPurpose ?? 'assertionMethod';
  if (options.expires !== undefined) config.expires = toIso(options.expires);
  for (const k of ['domain', 'challenge', 'nonce'] as const)
    if (options[k] !== undefined) config[k] = options[k]!;
  const doc = unsecured(document);
  if (doc['@context'] !== undefined) config['@context'] = doc['@context'] as JsonValue;
  const sig = await options.signer.sign(hashData(config, doc));
  const proof = { ...config, proofValue: `z${toBase58(sig)}` } as DataIntegrityProof;
  const existing = document.proof as DataIntegrityProof | DataIntegrityProof[] | undefined;
  const proofs =
    existing === undefined ? proof : [...(Array.isArray(existing) ? existing : [existing]), proof];
  return { ...document, proof: proofs };
}

/** Options of {@link verifyDataIntegrity}. */
export interface VerifyDataIntegrityOptions {
  /**
   * The Ed25519 public key of a verification method. Default: the Multikey in the method's fragment
   * or `did:key` identifier (`…#z6Mk…`, `did:key:z6Mk…`). Return undefined for an unknown method.
   */
  resolve?: (verificationMethod: string) => Uint8Array | undefined | Promise<Uint8Array | undefined>;
  /** Expected proof purpose (default `assertionMethod`). */
  proofPurpose?: string;
}

function defaultResolve(vm: string): Uint8Array | undefined {
  const m =
    /(?:#|did:key:)(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(vm) ?? /did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)/.exec(vm);
  if (!m) return undefined;
  const k = fromMultikey(m[1]!);
  return k.suite === 'sodium' && k.use === 'sign' ? k.publicKey : undefined;
}

/**
 * Verifies every `eddsa-jcs-2022` Data Integrity proof of a document and returns the verification
 * methods that signed; throws `GdsCryptoError` when a proof does not verify (`GDS_CRYPTO_BAD_SIGNATURE`),
 * its method is unknown (`GDS_CRYPTO_UNKNOWN_KEY`), its suite or purpose is not the expected one
 * (`GDS_CRYPTO_SUITE_NOT_ALLOWED`, `GDS_CRYPTO_MALFORMED`), or it has expired (`GDS_CRYPTO_EXPIRED`).
 *
 * @example
 * ```ts
 * import { verifyDataIntegrity } from '@gds/crypto';
 * const methods = await verifyDataIntegrity(signedCredential);
 * ```
 */
export async function verifyDataIntegrity(
  document: Record<string, unknown>,
  options: VerifyDataIntegrityOptions = {},
): Promise<string[]> {
  const suite = await loadSodiumSuite();
  const raw = document.proof;
  const proofs = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as DataIntegrityProof[];
  if (proofs.length === 0)
    throw new GdsCryptoError('GDS_CRYPTO_BAD_SIGNATURE', '文档没有证明', 'the document has no proof');
  const doc = unsecured(document);
  const out: string[] = [];
  for (const proof of proofs) {
    if (proof?.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-jcs-2022') {
      throw new GdsCryptoError(
        'GDS_CRYPTO_SUITE_NOT_ALLOWED',
        `不接受的证明类型 ${String(proof?.cryptosuite)}`,
        `proof type ${String(proof?.cryptosuite)} is not accepted`,
      );
    }
    if (proof.proofPurpose !== (options.proofPurpose ?? 'assertionMethod')) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_MALFORMED',
        `证明用途 ${proof.proofPurpose} 不符`,
        `proof purpose ${proof.proofPurpose} does not match`,
      );
    }
    if (
      proof['@context'] !== undefined &&
      canonicalize(proof['@context']) !== canonicalize(doc['@context'] ?? null)
    ) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_MALFORMED',
        '证明的 @context 与文档不符',
        'the proof @context does not match the document',
      );
    }
    if (proof.expires !== undefined && Date.parse(proof.expires) <= Date.now()) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_EXPIRED',
        `证明已于 ${proof.expires} 过期`,
        `the proof expired at ${proof.expires}`,
      );
    }
    const publicKey = await (options.resolve ?? defaultResolve)(proof.verificationMethod);
    if (!publicKey) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_UNKNOWN_KEY',
        `未知的验证方法 ${proof.verificationMethod}`,
        `unknown verification method ${proof.verificationMethod}`,
      );
    }
    const { proofValue, ...config } = proof;
    let sig: Uint8Array;
    try {
      if (typeof proofValue !== 'string' || !proofValue.startsWith('z')) throw new Error('not base58btc');
      sig = fromBase58(proofValue.slice(1));
    } catch (cause) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_MALFORMED',
        'proofValue 不是 base58-btc',
        'proofValue is not base58-btc',
        { cause },
      );
    }
    if (!suite.verify(sig, hashData(config, doc), publicKey)) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_BAD_SIGNATURE',
        `${proof.verificationMethod} 的证明无效`,
        `the proof by ${proof.verificationMethod} does not verify`,
      );
    }
    out.push(proof.verificationMethod);
  }
  return out;
}
