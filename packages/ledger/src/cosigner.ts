import { ed25519Sign, generateEd25519KeyPair } from '@gds/crypto';
import { GdsLedgerError } from './errors.js';
import {
  cosignedMessage,
  NOTE_TYPE_COSIGNATURE,
  type NoteSigner,
  noteKeyId,
  noteSignerFromKey,
  signerKeySeed,
} from './noteKeys.js';

/**
 * A C2SP tlog-cosignature/v1 signer: signs `cosignature/v1\ntime <T>\n` followed by the checkpoint body,
 * and emits `timestamp (u64, big-endian) || Ed25519 signature` under key ID type 0x04. It plugs into
 * {@link signNote} like any signer. The key is an ordinary Ed25519 signer key string (type 0x01); the
 * verifier key to publish is `formatVerifierKey(name, signer.publicKey, NOTE_TYPE_COSIGNATURE)`.
 *
 * @example
 * ```ts
 * import { createCosigner, formatVerifierKey, NOTE_TYPE_COSIGNATURE, signNote } from '@gds/ledger';
 * const cosigner = await createCosigner(witnessSignerKey);
 * const witnessVkey = formatVerifierKey(cosigner.name, cosigner.publicKey, NOTE_TYPE_COSIGNATURE);
 * ```
 */
export async function createCosigner(signerKey: string, clock: () => number = Date.now): Promise<NoteSigner> {
  const base = await noteSignerFromKey(signerKey);
  const kp = await generateEd25519KeyPair(signerKeySeed(signerKey));
  return {
    name: base.name,
    keyId: noteKeyId(base.name, NOTE_TYPE_COSIGNATURE, base.publicKey),
    type: NOTE_TYPE_COSIGNATURE,
    publicKey: base.publicKey,
    async sign(text) {
      const seconds = BigInt(Math.floor(clock() / 1000));
      if (seconds < 0n)
        throw new GdsLedgerError('GDS_LEDGER_INVALID_INPUT', '时间戳为负', 'negative timestamp');
      const sig = await ed25519Sign(cosignedMessage(text, seconds), kp.secretKey);
      const out = new Uint8Array(72);
      new DataView(out.buffer).setBigUint64(0, seconds, false);
      out.set(sig, 8);
      return out;
    },
  };
}
