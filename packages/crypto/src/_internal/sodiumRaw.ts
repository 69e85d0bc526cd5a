import { canonicalize } from '../canonicalize.js';
import { GdsCryptoError } from '../errors.js';
import type { Suite } from '../suite.js';
import { decodedLength, fromBase64UrlInto, toBase64UrlRange } from './base64.js';
import { utf8Into } from './bytes.js';
import type { RecordSealer } from './fieldSealer.js';
import { jcsStringInto } from './jcsFast.js';
import { fillRandom, randomInto } from './random.js';
import type { Sodium } from './sodium.js';

// crypto_aead_(x)chacha20poly1305_ietf_encrypt: c ‖ tag written at `c`, from m and ad, under k and npub.
type AeadEncrypt = (
  c: number,
  clenP: number,
  m: number,
  mlenLo: number,
  mlenHi: number,
  ad: number,
  adlenLo: number,
  adlenHi: number,
  nsec: number,
  npub: number,
  k: number,
) => number;

// The emscripten module under libsodium-wrappers (`sodium.libsodium`): the C functions with pointers
// into the wasm heap, 64-bit lengths passed as (low, high) 32-bit halves.
interface RawModule {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _free(p: number): void;
  _crypto_generichash(
    out: number,
    outlen: number,
    m: number,
    mlenLo: number,
    mlenHi: number,
    key: number,
    keylen: number,
  ): number;
  _crypto_aead_xchacha20poly1305_ietf_encrypt: AeadEncrypt;
  _crypto_aead_chacha20poly1305_ietf_encrypt: AeadEncrypt;
  // Writes HChaCha20(k, header[0..16]) into the first 32 bytes of the state (libsodium's public
  // crypto_secretstream_xchacha20poly1305_state struct: k[32], nonce[12], _pad[8]).
  _crypto_secretstream_xchacha20poly1305_init_pull(state: number, header: number, k: number): number;
  _crypto_aead_xchacha20poly1305_ietf_decrypt(
    m: number,
    mlenP: number,
    nsec: number,
    c: number,
    clenLo: number,
    clenHi: number,
    ad: number,
    adlenLo: number,
    adlenHi: number,
    npub: number,
    k: number,
  ): number;
}

/**
 * The libsodium calls GDS makes in hot loops, made on the wasm module directly. libsodium-wrappers
 * mallocs, copies and frees every argument and the result on each call, which costs more than the
 * cryptography for the short inputs of envelopes (a 54-byte signing input) and fields (a phone number).
 * Here inputs are copied into one arena allocated once, and outputs copied out once. Secret inputs
 * (keys) are wiped from the arena after each call. Same functions, same results, same checks.
 */
export interface SodiumRaw {
  /** BLAKE2b of `outLength` bytes, keyed when `key` is given. */
  generichash(outLength: number, data: Uint8Array, key: Uint8Array | null): Uint8Array;
  /** nonce ‖ XChaCha20-Poly1305(key, nonce, plaintext, ad), in one output array. */
  aeadEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array;
  /** The fused {@link RecordSealer} of field encryption's fast path (blind indexes in the same pass). */
  recordSealer(): RecordSealer;
  /** base64url of the first `n` bytes of keyed BLAKE2b-256(key, UTF-8(text)) (blind indexes). */
  macText(key: Uint8Array, text: string, n: number): string;
  /**
   * The UTF-8 text sealed in `sealed` (base64url of nonce ‖ XChaCha20-Poly1305 ciphertext ‖ tag) under
   * `key` with the UTF-8 of `ad`, or undefined when authentication fails or the plaintext is not UTF-8;
   * throws `GDS_CRYPTO_MALFORMED` when `sealed` is not base64url. Decoded and staged in one buffer,
   * copied into the heap with one call, decrypted there and decoded from there; key and plaintext are
   * wiped from both at once (field decryption).
   */
  openText(key: Uint8Array, sealed: string, ad: string): string | undefined;
  /** The plaintext, or undefined when authentication fails. */
  aeadDecrypt(
    key: Uint8Array,
    nonce: Uint8Array,
    ciphertext: Uint8Array,
    ad: Uint8Array,
  ): Uint8Array | undefined;
}

const ARENA = 64 * 1024;

// A libsodium call that cannot fail with valid arguments did, or memory ran out: an environment fault.
function failed(what: string): GdsCryptoError {
  return new GdsCryptoError(
    'GDS_CRYPTO_UNSUPPORTED',
    `libsodium 调用失败：${what}`,
    `libsodium call failed: ${what}`,
  );
}
const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const FIELD_HEAD = ascii('GDS-FIELD/v1\0');
const DK_HEAD = ascii('GDS-FIELD-DK/v1\0');

export function sodiumRaw(s: Sodium): SodiumRaw | undefined {
  const m = (s as unknown as { libsodium?: Partial<RawModule> }).libsodium;
  if (
    !m ||
    typeof m._malloc !== 'function' ||
    typeof m._crypto_aead_xchacha20poly1305_ietf_encrypt !== 'function' ||
    !(m.HEAPU8 instanceof Uint8Array)
  ) {
    return undefined;
  }
  const L = m as RawModule;
  const arena = L._malloc(ARENA);
  if (!arena) return undefined;

  // A call needing more than the arena gets its own block, wiped and freed afterwards.
  function region(n: number): number {
    return n <= ARENA ? arena : alloc(n);
  }
  function alloc(n: number): number {
    const p = L._malloc(n);
    if (!p) throw failed(`malloc(${n})`);
    return p;
  }
  // Wipes the first `secret` bytes of a region (keys, plaintexts) and frees a block of its own.
  function release(p: number, secret: number): void {
    // HEAPU8 is read afresh: a call that grew the heap replaced it.
    if (secret > 0) L.HEAPU8.fill(0, p, p + secret);
    if (p !== arena) L._free(p);
  }

  // key ‖ nonce ‖ ad ‖ input ‖ room for the output, copied into one region (an AEAD call's layout).
  function aeadRegion(key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, input: Uint8Array, outLen: number) {
    const k = region(32 + 24 + ad.length + input.length + outLen);
    const r = {
      key: k,
      nonce: k + 32,
      ad: k + 56,
      input: k + 56 + ad.length,
      out: k + 56 + ad.length + input.length,
    };
    const h = L.HEAPU8;
    h.set(key, r.key);
    h.set(nonce, r.nonce);
    h.set(ad, r.ad);
    h.set(input, r.input);
    return r;
  }

  // Element-wise writes into a typed array over wasm memory cost about twice those into an ordinary
  // one, so small inputs are assembled in a plain staging buffer and copied into the heap in one call,
  // and results copied out in one call.
  let stage = new Uint8Array(4096);
  const staged = (n: number): Uint8Array => {
    if (stage.length < n) stage = new Uint8Array(Math.max(n, 2 * stage.length));
    return stage;
  };

  // Whether XChaCha20-Poly1305 can be computed as libsodium computes it, in two steps: the subkey
  // HChaCha20(k, nonce[0..16]) (through secretstream's init_pull, which writes it at the start of its
  // state) and ChaCha20-Poly1305-IETF under the subkey with the nonce 0^4 ‖ nonce[16..24]. Checked once
  // on fixed bytes against the one-step call, so a libsodium build that laid its state out otherwise
  // (or lacked either function) makes the sealer use the one-step call instead.
  function twoStepXChaCha(at: number): boolean {
    if (
      typeof L._crypto_secretstream_xchacha20poly1305_init_pull !== 'function' ||
      typeof L._crypto_aead_chacha20poly1305_ietf_encrypt !== 'function'
    ) {
      return false;
    }
    // key 32 | nonce 24 | ad 3 | message 5 | one-step out 21 | state 64 | npub 12 | two-step out 21
    const key = at;
    const nonce = at + 32;
    const ad = at + 56;
    const msg = at + 59;
    const one = at + 64;
    const state = at + 85;
    const npub = at + 149;
    const two = at + 161;
    let h = L.HEAPU8;
    h.fill(0, at, at + 182);
    for (let i = 0; i < 64; i++) h[at + i] = (i * 29 + 7) & 255;
    L._crypto_aead_xchacha20poly1305_ietf_encrypt(one, 0, msg, 5, 0, ad, 3, 0, 0, nonce, key);
    L._crypto_secretstream_xchacha20poly1305_init_pull(state, nonce, key);
    h = L.HEAPU8;
    h.copyWithin(npub + 4, nonce + 16, nonce + 24);
    L._crypto_aead_chacha20poly1305_ietf_encrypt(two, 0, msg, 5, 0, ad, 3, 0, 0, npub, state);
    h = L.HEAPU8;
    let same = true;
    for (let i = 0; i < 21; i++) if (h[one + i] !== h[two + i]) same = false;
    h.fill(0, at, at + 182);
    return same;
  }

  // The record sealer (fieldSealer.ts), one per module (field encryption is synchronous, so records
  // never interleave in its block): the record id encoded once per record, associated data copied from
  // bytes prepared per encryptor, and blind indexes hashed in the same pass. Jobs: 0 a field, 1 a
  // wrapped data key, 2 a blind index.
  //
  // A record's fields under one data key share a random 128-bit nonce prefix and are numbered in the
  // last 64 bits (0, 1, 2, … little-endian), so the XChaCha20 subkey HChaCha20(dk, prefix) is derived
  // once per record and group instead of once per field (the fields are still XChaCha20-Poly1305
  // under the data key, byte for byte, and open with the one-step call). Data keys are fresh per
  // record and group, so no nonce repeats under a key; wrapped data keys, all under one long-lived KEK,
  // keep fully random nonces.
  let recordSealer: RecordSealer | undefined;
  function makeRecordSealer(): RecordSealer {
    const size = ARENA;
    const block = L._malloc(size);
    if (!block) throw failed('malloc');
    // block: data keys (32 per group) | a key slot (32) | subkey states (64 per group) | the IETF
    // nonces 0^4 ‖ n (64-bit little-endian) of fields numbered n < 256, 12 bytes each, then one for
    // higher numbers | the record's staged rows and associated data.
    const MAX_GROUPS = 64;
    const NUMBERED = 256;
    const slot = block + 32 * MAX_GROUPS;
    const states = slot + 32;
    const npubs = states + 64 * MAX_GROUPS;
    const npubHigh = npubs + 12 * NUMBERED;
    const rows = npubHigh + 12;
    const derive = twoStepXChaCha(rows);
    {
      const h = L.HEAPU8;
      h.fill(0, npubs, rows);
      for (let n = 0; n < NUMBERED; n++) h[npubs + 12 * n + 4] = n;
    }
    const prefixes = new Uint8Array(16 * MAX_GROUPS);
    const counters: number[] = new Array(MAX_GROUPS).fill(0);
    const derived = new Uint8Array(MAX_GROUPS);
    const POOL = 24 * 256;
    let outs: Uint8Array = new Uint8Array(POOL + 4096);
    let outsUsed = POOL;
    let nonceAt = POOL;
    // `ads` starts with "GDS-FIELD/v1" 0 rid (the template every field's associated data copies),
    // then each job's associated data (a blind index: its key ‖ input).
    let ads: Uint8Array = new Uint8Array(4096);
    let adsUsed = 0;
    let headLen = 0;
    let groups = 0;
    const drawn = new Uint8Array(MAX_GROUPS);
    const dk = new Uint8Array(32);
    let jobs = 0;
    const jobKind: number[] = [];
    const jobOut: number[] = [];
    const jobLen: number[] = [];
    const jobAd: number[] = [];
    const jobAdLen: number[] = [];
    const jobGroup: number[] = [];
    const jobPath: number[] = [];
    const jobNumber: number[] = [];
    const jobKek: (Uint8Array | undefined)[] = [];
    const jobPrefix: string[] = [];
    const grown = (b: Uint8Array, used: number, n: number): Uint8Array => {
      if (used + n <= b.length) return b;
      const bigger = new Uint8Array(Math.max(used + n, 2 * b.length));
      bigger.set(b.subarray(0, used));
      b.fill(0);
      return bigger;
    };
    const start = (n: number) => {
      outs = grown(outs, outsUsed, 24 + n + 16 + 2);
      if (nonceAt === POOL) {
        fillRandom(outs.subarray(0, POOL));
        nonceAt = 0;
      }
      outs.copyWithin(outsUsed, nonceAt, nonceAt + 24);
      nonceAt += 24;
    };
    const push = (kind: number, n: number, room: number, adLen: number, g: number, path: number) => {
      const j = jobs++;
      jobKind[j] = kind;
      jobOut[j] = outsUsed;
      jobLen[j] = n;
      jobAd[j] = adsUsed;
      jobAdLen[j] = adLen;
      jobGroup[j] = g;
      jobPath[j] = path;
      const end = outsUsed + room;
      const padded = end + ((3 - (end % 3)) % 3);
      // Zeros from the end of the room to the multiple of 3, so the base64url of the whole row slices
      // into each job's own. The room's last 16 bytes (the tag; a blind index's whole slot) need none:
      // the AEAD writes them in the heap (the digest, for a blind index) before the row is encoded.
      for (let k = end; k < padded; k++) outs[k] = 0;
      outsUsed = padded;
      adsUsed += adLen;
      return j;
    };
    return {
      begin(n, rid) {
        if (n > drawn.length) throw failed('too many reader groups');
        groups = n;
        drawn.fill(0, 0, n);
        jobs = 0;
        outsUsed = POOL;
        ads = grown(ads, 0, FIELD_HEAD.length + 3 * rid.length);
        ads.set(FIELD_HEAD, 0);
        headLen = FIELD_HEAD.length + utf8Into(rid, ads, FIELD_HEAD.length);
        adsUsed = headLen;
      },
      mac(key, prefix, text) {
        ads = grown(ads, adsUsed, 32 + prefix.length + 3 * text.length);
        ads.set(key, adsUsed);
        ads.set(prefix, adsUsed + 32);
        const n = utf8Into(text, ads, adsUsed + 32 + prefix.length);
        outs = grown(outs, outsUsed, 18);
        const j = push(2, 16, 16, 32 + prefix.length + n, 0, 0);
        jobKek[j] = undefined;
        jobPrefix[j] = '';
      },
      seal(g, value, adTail, pathLength, prefix) {
        if (!drawn[g]) {
          randomInto(dk, 0, 32);
          L.HEAPU8.set(dk, block + 32 * g);
          dk.fill(0);
          drawn[g] = 1;
          if (derive) {
            randomInto(prefixes, 16 * g, 16);
            counters[g] = 0;
          }
        }
        // A plain string is written quoted straight from the value; anything else as canonicalize writes it.
        const plain = typeof value === 'string';
        const text = plain ? value : canonicalize(value);
        let number = 0;
        if (derive) {
          // The nonce: the group's prefix, then the field's number in the group (64-bit little-endian).
          outs = grown(outs, outsUsed, 24 + 3 * text.length + 2 + 16 + 2);
          const o = outsUsed;
          const q = 16 * g;
          for (let i = 0; i < 16; i++) outs[o + i] = prefixes[q + i]!;
          const c = counters[g]!;
          // The number takes the nonce's last 64 bits; GDS writes the low 32 and refuses to go past
          // them (no record comes near: every field costs at least 40 bytes of output).
          if (c >= 0xffffffff) throw failed('more than 2^32 - 1 fields under one data key');
          counters[g] = c + 1;
          number = c;
          outs[o + 16] = c & 255;
          outs[o + 17] = (c >>> 8) & 255;
          outs[o + 18] = (c >>> 16) & 255;
          outs[o + 19] = c >>> 24;
          outs[o + 20] = 0;
          outs[o + 21] = 0;
          outs[o + 22] = 0;
          outs[o + 23] = 0;
        } else {
          start(3 * text.length + 2);
        }
        let len = plain ? jcsStringInto(text, outs, outsUsed + 24) : -1;
        if (len < 0) {
          const t = plain ? canonicalize(value) : text;
          outs = grown(outs, outsUsed + 24, 3 * t.length + 16 + 2);
          len = utf8Into(t, outs, outsUsed + 24);
        }
        ads = grown(ads, adsUsed, headLen + adTail.length);
        ads.copyWithin(adsUsed, 0, headLen);
        ads.set(adTail, adsUsed + headLen);
        const j = push(0, len, 24 + len + 16, headLen + adTail.length, g, pathLength);
        jobKek[j] = undefined;
        jobPrefix[j] = prefix;
        jobNumber[j] = number;
      },
      wrap(g, kek, adMid) {
        if (!drawn[g]) throw failed('wrap of a group that sealed nothing');
        start(32);
        // "GDS-FIELD-DK/v1" 0 rid ‖ adMid ‖ paths: each path is copied from its field's associated data.
        const ridLen = headLen - FIELD_HEAD.length;
        ads = grown(ads, adsUsed, DK_HEAD.length + ridLen + adMid.length + adsUsed);
        let o = adsUsed;
        ads.set(DK_HEAD, o);
        o += DK_HEAD.length;
        ads.copyWithin(o, FIELD_HEAD.length, headLen);
        o += ridLen;
        ads.set(adMid, o);
        o += adMid.length;
        let first = true;
        for (let j = 0; j < jobs; j++) {
          if (jobKind[j] !== 0 || jobGroup[j] !== g) continue;
          if (first) first = false;
          else ads[o++] = 0;
          const p = jobAd[j]! + headLen + 1;
          ads.copyWithin(o, p, p + jobPath[j]!);
          o += jobPath[j]!;
        }
        const j = push(1, 32, 24 + 32 + 16, o - adsUsed, g, 0);
        jobKek[j] = kek;
        jobPrefix[j] = '';
      },
      finish() {
        const sealedLen = outsUsed - POOL;
        const total = sealedLen + adsUsed;
        const inPlace = rows + total <= block + size;
        // A record too large for the block gets one of its own, freed (and wiped) afterwards.
        const region = inPlace ? rows : alloc(total);
        const adBase = region + sealedLen;
        derived.fill(0, 0, groups);
        let h = L.HEAPU8;
        h.set(outs.subarray(POOL, outsUsed), region);
        h.set(ads.subarray(0, adsUsed), adBase);
        let bad = false;
        for (let j = 0; j < jobs; j++) {
          const kind = jobKind[j]!;
          const at = region + jobOut[j]! - POOL;
          const ad = adBase + jobAd[j]!;
          const adLen = jobAdLen[j]!;
          let rc: number;
          if (kind === 0 && derive) {
            // The group's subkey from its first field's nonce (every field of the group has its prefix).
            const g = jobGroup[j]!;
            const state = states + 64 * g;
            if (!derived[g]) {
              L._crypto_secretstream_xchacha20poly1305_init_pull(state, at, block + 32 * g);
              derived[g] = 1;
            }
            // Its IETF nonce 0^4 ‖ number: from the table, or written for a number beyond it.
            const number = jobNumber[j]!;
            let npub = npubs + 12 * number;
            if (number >= NUMBERED) {
              npub = npubHigh;
              h = L.HEAPU8;
              h.copyWithin(npub + 4, at + 16, at + 24);
            }
            rc = L._crypto_aead_chacha20poly1305_ietf_encrypt(
              at + 24,
              0,
              at + 24,
              jobLen[j]!,
              0,
              ad,
              adLen,
              0,
              0,
              npub,
              state,
            );
          } else if (kind === 0) {
            rc = L._crypto_aead_xchacha20poly1305_ietf_encrypt(
              at + 24,
              0,
              at + 24,
              jobLen[j]!,
              0,
              ad,
              adLen,
              0,
              0,
              at,
              block + 32 * jobGroup[j]!,
            );
          } else if (kind === 1) {
            h = L.HEAPU8;
            h.set(jobKek[j]!, slot);
            rc = L._crypto_aead_xchacha20poly1305_ietf_encrypt(
              at + 24,
              0,
              block + 32 * jobGroup[j]!,
              32,
              0,
              ad,
              adLen,
              0,
              0,
              at,
              slot,
            );
            h = L.HEAPU8;
            h.fill(0, slot, slot + 32);
          } else {
            // Keyed BLAKE2b-256 into the slot, its first 16 bytes into the row; the key, the input
            // (a clear ID number) and the rest of the digest are wiped at once, here and in the heap.
            const ja = jobAd[j]!;
            ads.fill(0, ja, ja + adLen);
            rc = L._crypto_generichash(slot, 32, ad + 32, adLen - 32, 0, ad, 32);
            h = L.HEAPU8;
            h.copyWithin(at, slot, slot + 16);
            h.fill(0, slot, slot + 32);
            h.fill(0, ad, ad + adLen);
          }
          if (rc !== 0) bad = true;
        }
        h = L.HEAPU8;
        // The row is encoded where it was sealed, in the heap (every plaintext there overwritten by its
        // ciphertext; the staged copy in `outs` is wiped by end()).
        const all = bad ? '' : toBase64UrlRange(h, region, region + sealedLen);
        if (!inPlace) {
          h.fill(0, region, region + total);
          L._free(region);
        }
        if (bad) throw failed('crypto_aead_xchacha20poly1305_ietf_encrypt / crypto_generichash');
        const results: string[] = new Array(jobs);
        for (let j = 0; j < jobs; j++) {
          const from = ((jobOut[j]! - POOL) / 3) * 4;
          const n = jobKind[j] === 2 ? 16 : 24 + jobLen[j]! + 16;
          const text = all.slice(from, from + Math.ceil((n * 4) / 3));
          results[j] = jobKind[j] === 0 ? jobPrefix[j]! + text : text;
        }
        return results;
      },
      end() {
        const h = L.HEAPU8;
        h.fill(0, block, block + 32 * groups);
        h.fill(0, slot, slot + 32);
        h.fill(0, states, states + 64 * groups);
        outs.fill(0, POOL, outsUsed);
        // Blind-index inputs not yet hashed (an exception before finish) are wiped with the rest.
        ads.fill(0, 0, adsUsed);
        for (let j = 0; j < jobs; j++) jobKek[j] = undefined;
        groups = 0;
        jobs = 0;
        outsUsed = POOL;
        adsUsed = 0;
      },
    };
  }

  return {
    generichash(outLength, data, key) {
      const kl = key ? key.length : 0;
      const n = outLength + kl + data.length;
      const base = region(n);
      const out = base;
      const k = base + outLength;
      const d = k + kl;
      const h = L.HEAPU8;
      if (key) h.set(key, k);
      h.set(data, d);
      const rc = L._crypto_generichash(out, outLength, d, data.length, 0, key ? k : 0, kl);
      const result = L.HEAPU8.slice(out, out + outLength);
      // Everything: the input may be secret too (a blind index hashes a clear ID number).
      release(base, n);
      if (rc !== 0) throw failed('crypto_generichash');
      return result;
    },
    aeadEncrypt(key, nonce, plaintext, ad) {
      const r = aeadRegion(key, nonce, ad, plaintext, plaintext.length + 16);
      const rc = L._crypto_aead_xchacha20poly1305_ietf_encrypt(
        r.out,
        0,
        r.input,
        plaintext.length,
        0,
        r.ad,
        ad.length,
        0,
        0,
        r.nonce,
        r.key,
      );
      const out = new Uint8Array(24 + plaintext.length + 16);
      out.set(nonce, 0);
      out.set(L.HEAPU8.subarray(r.out, r.out + plaintext.length + 16), 24);
      // The key always; the plaintext too, which may be a secret field value.
      release(r.key, r.out - r.key);
      if (rc !== 0) throw failed('crypto_aead_xchacha20poly1305_ietf_encrypt');
      return out;
    },
    recordSealer() {
      recordSealer ??= makeRecordSealer();
      return recordSealer;
    },
    macText(key, text, n) {
      // key ‖ text staged, copied in, hashed; the digest's first n bytes encoded from the heap.
      const st = staged(32 + 3 * text.length);
      st.set(key, 0);
      const len = utf8Into(text, st, 32);
      const base = region(32 + 32 + len);
      let h = L.HEAPU8;
      h.set(st.subarray(0, 32 + len), base + 32);
      const rc = L._crypto_generichash(base, 32, base + 64, len, 0, base + 32, 32);
      // The key and the input (a clear ID number, for a blind index) are wiped at once, in the staging
      // buffer and in the heap.
      h = L.HEAPU8;
      h.fill(0, base + 32, base + 64 + len);
      st.fill(0, 0, 32 + len);
      // Encoded straight from the heap (the view is HEAPU8's own, which a growing heap replaces).
      const out = rc === 0 ? toBase64UrlRange(h, base, base + n) : '';
      if (base !== arena) L._free(base);
      if (rc !== 0) throw failed('crypto_generichash');
      return out;
    },
    openText(key, sealed, ad) {
      const cLen = decodedLength(sealed, 'ciphertext');
      const mlen = cLen - 24 - 16;
      if (mlen < 0) return undefined;
      // key ‖ ad ‖ nonce ‖ ciphertext staged (the key last, once nothing can fail), then room in the
      // heap for the plaintext.
      const st = staged(32 + 3 * ad.length + cLen);
      const adLen = utf8Into(ad, st, 32);
      fromBase64UrlInto(sealed, st, 32 + adLen, 'ciphertext');
      st.set(key, 0);
      const total = 32 + adLen + cLen;
      const base = region(total + mlen);
      let h = L.HEAPU8;
      h.set(st.subarray(0, total), base);
      st.fill(0, 0, 32);
      const npub = base + 32 + adLen;
      const m = base + total;
      const rc = L._crypto_aead_xchacha20poly1305_ietf_decrypt(
        m,
        0,
        0,
        npub + 24,
        cLen - 24,
        0,
        base + 32,
        adLen,
        0,
        npub,
        base,
      );
      h = L.HEAPU8;
      let text: string | undefined;
      if (rc === 0) {
        try {
          text = strictDecoder.decode(h.subarray(m, m + mlen));
        } catch {
          text = undefined;
        }
      }
      h.fill(0, base, m + mlen);
      if (base !== arena) L._free(base);
      return text;
    },
    aeadDecrypt(key, nonce, ciphertext, ad) {
      if (ciphertext.length < 16) return undefined;
      const mlen = ciphertext.length - 16;
      const r = aeadRegion(key, nonce, ad, ciphertext, mlen);
      const rc = L._crypto_aead_xchacha20poly1305_ietf_decrypt(
        r.out,
        0,
        0,
        r.input,
        ciphertext.length,
        0,
        r.ad,
        ad.length,
        0,
        r.nonce,
        r.key,
      );
      const out = rc === 0 ? L.HEAPU8.slice(r.out, r.out + mlen) : undefined;
      release(r.key, r.out + mlen - r.key);
      return out;
    },
  };
}

// The suite objects built on the wasm module directly, so field encryption can take its fused path.
const rawOfSuite = new WeakMap<Suite, SodiumRaw>();

export function registerRaw(suite: Suite, raw: SodiumRaw): void {
  rawOfSuite.set(suite, raw);
}

export function rawFor(suite: Suite): SodiumRaw | undefined {
  return rawOfSuite.get(suite);
}

// Digest functions (the sodium suite's `digest`) that also take text: the envelope signing input is
// text, and encoding it into the heap directly saves an allocation and a copy of the whole body.
const textDigests = new WeakMap<(data: Uint8Array) => Uint8Array, (text: string) => Uint8Array>();

export function registerTextDigest(
  digest: (data: Uint8Array) => Uint8Array,
  ofText: (text: string) => Uint8Array,
): void {
  textDigests.set(digest, ofText);
}

/** The text form of a digest function, when it has one: `ofText(s)` equals `digest(utf8(s))`. */
export function textDigestFor(
  digest: (data: Uint8Array) => Uint8Array,
): ((text: string) => Uint8Array) | undefined {
  return textDigests.get(digest);
}
