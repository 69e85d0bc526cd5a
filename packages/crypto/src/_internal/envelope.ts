import { canonicalize } from '../canonicalize.js';
import type { Envelope, EnvelopeHeader, Proof, StandardRef } from '../Envelope.js';
import { GdsCryptoError } from '../errors.js';
import { parseJsonInOrder, readCanonicalJson } from '../parseJson.js';
import type { Signer } from '../Signer.js';
import { toBase64Url } from './base64.js';
import { concatBytes, utf8, utf8Into } from './bytes.js';
import { type JcsWriter, withWriter } from './jcsFast.js';
import { randomBytes } from './random.js';
import { textDigestFor } from './sodiumRaw.js';
import { sortKeys } from './sortKeys.js';
import { type TimeInput, toIso, toMillis } from './time.js';

/** Domain separation: a GDS envelope signature can never be mistaken for any other GDS signature. */
const PROOF_DOMAIN_BYTES = utf8('GDS-ENVELOPE-PROOF/v1\n');
const SEAL_DOMAIN = 'GDS-ENVELOPE-SEALED/v1\n';
const HEADER_NAMES = ['gds', 'typ', 'suite', 'iss', 'aud', 'iat', 'exp', 'jti', 'std'];

export function malformed(zh: string, en: string, cause?: unknown): GdsCryptoError {
  return new GdsCryptoError('GDS_CRYPTO_MALFORMED', `信封格式错误：${zh}`, `malformed envelope: ${en}`, {
    cause,
  });
}

// Canonical UTF-8 of an envelope's body around where "proof" sorts, kept for parsed envelopes so
// verification canonicalises the payload only once.
// As text when cut from canonical input text: a digest with a text form then encodes it straight into
// its own memory (see textDigestFor).
// As bytes: the body is bytes[0..cut) and bytes[resume..) (the whole envelope as written, one array).
type Body = { bytes: Uint8Array; cut: number; resume: number } | { headText: string; tailText: string };
const bodyParts = new WeakMap<object, Body>();

/** A member's canonical text and, for caller-held input, a private copy of its value. */
type MemberWriter = (value: unknown) => { text: string; copy: unknown };

const canonicalMember: MemberWriter = (v) => ({ text: canonicalize(v), copy: v });
// Caller-held objects the fast path declined: canonicalize names any error; the copy is read back from
// the text it wrote.
const copiedMember: MemberWriter = (v) => {
  const text = canonicalize(v);
  return { text, copy: JSON.parse(text) };
};
// Fresh from parseJsonInOrder with inOrder: the engine's JSON.stringify writes exactly the JCS text.
const inOrderMember: MemberWriter = (v) => ({ text: JSON.stringify(v), copy: v });

// The envelope's own member names are plain ASCII, quoted once; any other name is written by
// canonicalize (which refuses a lone surrogate) and then refused as an unknown member anyway.
const QUOTED = new Map(
  [...HEADER_NAMES, 'payload', 'sealed', 'proofs'].map((k) => [k, JSON.stringify(k)] as const),
);
function memberName(k: string): string {
  return QUOTED.get(k) ?? canonicalize(k);
}

// The careful path: member by member as text, each member written by `member`.
function splitBody(env: object, member: MemberWriter, copy?: Record<string, unknown>): Body {
  const e = env as Record<string, unknown>;
  let head = '{';
  let tail = '';
  for (const k of Object.keys(e).sort()) {
    // Would set the copy's prototype instead of a member: refused as the unknown member it is.
    if (k === '__proto__') throw malformed('未知成员 "__proto__"', 'unknown member "__proto__"');
    const v = e[k];
    if (v === undefined) continue;
    const m = member(v);
    if (copy) copy[k] = m.copy;
    if (k === 'proofs') continue;
    if (k < 'proof') head += `${memberName(k)}:${m.text},`;
    else tail += `,${memberName(k)}:${m.text}`;
  }
  const headBytes = utf8(head);
  return { bytes: concatBytes(headBytes, utf8(`${tail}}`)), cut: headBytes.length, resume: headBytes.length };
}

/**
 * Writes an envelope's members in JCS order as `{`…`}`, handing the `proofs` member to `atProofs` (its
 * comma written, its name not). False where the fast paths decline: a `__proto__` member, a member
 * sorting between `proof` and `proofs`, or no `proofs`; the careful path then decides, errors included.
 */
function writeMembers(
  w: JcsWriter,
  e: Record<string, unknown>,
  atProofs: (value: unknown) => void,
  copy?: Record<string, unknown>,
): boolean {
  const keys = sortKeys(Object.keys(e));
  w.byte(0x7b);
  let first = true;
  let seen = false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k === '__proto__' || (k >= 'proof' && k < 'proofs')) return false;
    const v = e[k];
    if (v === undefined) continue;
    if (!first) w.byte(0x2c);
    first = false;
    if (k === 'proofs') {
      seen = true;
      atProofs(v);
      continue;
    }
    w.name(k);
    const c = w.value(v, 1, copy !== undefined);
    if (copy) copy[k] = c;
  }
  w.byte(0x7d);
  return seen;
}

/**
 * The fast path of {@link splitBody}: one pass writes the whole envelope's canonical UTF-8 (see
 * jcsFast.ts) and cuts the body around `proofs`, which sorts right after where `proof` goes. With
 * `copy`, fills it with a private copy read in the same pass. `undefined` where {@link writeMembers}
 * declines or the byte writer does: the careful path then decides, errors included.
 */
function fastBody(e: Record<string, unknown>, copy?: Record<string, unknown>): Body | undefined {
  return withWriter((w) => {
    let cut = -1;
    let resume = -1;
    const written = writeMembers(
      w,
      e,
      (v) => {
        cut = w.at;
        w.name('proofs');
        const c = w.value(v, 1, copy !== undefined);
        if (copy) copy.proofs = c;
        resume = w.at;
      },
      copy,
    );
    if (!written) return undefined;
    // `{` and the members before `proofs`, each with its comma; after its value: `,` members `}`.
    return { bytes: w.bytes.slice(0, w.at), cut, resume };
  });
}

/**
 * The body of an envelope whose text is its canonical text (see readCanonicalJson): the text before
 * the `proofs` member, and after its value, cut at the member offsets the reader found. `undefined`
 * where {@link fastBody} would decline.
 */
function textBody(text: string, parsed: unknown, members: readonly number[]): Body | undefined {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  for (const k of Object.keys(parsed))
    if (k === '__proto__' || (k >= 'proof' && k < 'proofs')) return undefined;
  for (let m = 0; m < members.length; m += 2) {
    const at = members[m]!;
    if (text.startsWith('"proofs":', at))
      return { headText: text.slice(0, at), tailText: text.slice(members[m + 1]!) };
  }
  return undefined;
}

const PROOF_NAME = utf8('"proof":');
// The members of a proof's metadata, in JCS order.
const PROOF_MEMBERS = ['created', 'iss', 'kid', 'suite'] as const;
let assembly: Uint8Array | undefined = new Uint8Array(4096);

// A signer's or verifier's proofs repeat suite, kid and iss: their canonical members are kept for the
// last one seen (`created` sorts first, so the text is `{"created":…,` then those members).
let lastMeta: { suite: string; kid: string; iss: string; rest: string } | undefined;
function metaText(p: Omit<Proof, 'sig'>): string {
  const m = lastMeta;
  if (m === undefined || m.suite !== p.suite || m.kid !== p.kid || m.iss !== p.iss) {
    const rest = canonicalize({ suite: p.suite, kid: p.kid, iss: p.iss }).slice(1);
    lastMeta = { suite: p.suite, kid: p.kid, iss: p.iss, rest };
    return `{"created":${canonicalize(p.created)},${rest}`;
  }
  return `{"created":${canonicalize(p.created)},${m.rest}`;
}

/**
 * Bytes a proof signs: domain ‖ digest(JCS(envelope without proofs, with this proof's metadata as
 * `proof`)), the digest being the proof suite's (BLAKE2b-256 for sodium, SM3 for sm). Returned as a
 * function of the proof so the body (payload included) is canonicalised once however many proofs there
 * are: its members sort around "proof" into a fixed head and tail.
 */
export function proofInputs(
  env: Envelope,
): (proof: Omit<Proof, 'sig'>, digest: (data: Uint8Array) => Uint8Array) => Uint8Array {
  const parts =
    bodyParts.get(env) ??
    fastBody(env as unknown as Record<string, unknown>) ??
    splitBody(env, canonicalMember);
  return (proof, digest) => {
    const meta = metaText(proof);
    if ('headText' in parts) {
      const text = `${parts.headText}"proof":${meta}${parts.tailText}`;
      const ofText = textDigestFor(digest);
      return concatBytes(PROOF_DOMAIN_BYTES, ofText ? ofText(text) : digest(utf8(text)));
    }
    // Assembled in a buffer kept for this (digests read their input synchronously), then wiped and
    // put back: typed arrays beyond 64 bytes cost V8 an off-heap allocation each. A digest that
    // verified an envelope itself would find the spare taken and get a buffer of its own.
    const { bytes, cut, resume } = parts;
    const n = cut + PROOF_NAME.length + 3 * meta.length + (bytes.length - resume);
    const spare = assembly;
    const body = spare && spare.length >= n ? spare : new Uint8Array(Math.max(n, 4096));
    assembly = undefined;
    body.set(bytes.subarray(0, cut), 0);
    let o = cut;
    body.set(PROOF_NAME, o);
    o += PROOF_NAME.length;
    o += utf8Into(meta, body, o);
    body.set(bytes.subarray(resume), o);
    o += bytes.length - resume;
    try {
      return concatBytes(PROOF_DOMAIN_BYTES, digest(body.subarray(0, o)));
    } finally {
      body.fill(0, 0, o);
      assembly = body;
    }
  };
}

/** Associated data of a sealed payload: domain ‖ JCS(header ‖ recipient ids). */
export function sealAd(header: EnvelopeHeader, recipientKids: string[]): Uint8Array {
  return utf8(SEAL_DOMAIN + canonicalize({ ...headerOnly(header), recipients: recipientKids }));
}

export function headerOnly(h: EnvelopeHeader): EnvelopeHeader {
  const out: EnvelopeHeader = { gds: h.gds, typ: h.typ, suite: h.suite, iss: h.iss, iat: h.iat, jti: h.jti };
  if (h.aud !== undefined) out.aud = h.aud;
  if (h.exp !== undefined) out.exp = h.exp;
  if (h.std !== undefined) out.std = h.std;
  return out;
}

export interface HeaderOptions {
  /** The issuing department; defaults to the first signer's issuer. */
  iss?: string;
  /** Who the envelope is for; verifiers check they are named when they pass `audience`. */
  aud?: string | string[];
  /** Issue time; now by default. */
  iat?: TimeInput;
  /** Expiry, as a time or as seconds after `iat`. */
  exp?: TimeInput;
  expiresIn?: number;
  std?: StandardRef;
  jti?: string;
}

export function makeHeader(
  typ: 'signed' | 'sealed',
  suite: string,
  signers: Signer[],
  o: HeaderOptions,
): EnvelopeHeader {
  const iss = o.iss ?? signers[0]?.issuer;
  if (!iss) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_INPUT',
      '需要签发部门（iss），或带 issuer 的签名者',
      'an issuer (iss) is needed, or a signer with an issuer',
    );
  }
  const iatMs = toMillis(o.iat ?? Date.now(), 'iat');
  const h: EnvelopeHeader = {
    gds: 'envelope/v1',
    typ,
    suite,
    iss,
    iat: toIso(iatMs),
    jti: o.jti ?? toBase64Url(randomBytes(16)),
  };
  if (o.aud !== undefined) h.aud = Array.isArray(o.aud) ? [...o.aud] : [o.aud];
  if (o.exp !== undefined) h.exp = toIso(o.exp);
  else if (o.expiresIn !== undefined) h.exp = toIso(iatMs + o.expiresIn * 1000);
  if (o.std !== undefined) h.std = { id: o.std.id, version: o.std.version };
  return h;
}

/**
 * The fast path of `proofInputs(env)(proof, digest)` for an envelope being signed: one pass of the byte
 * writer writes the body itself, `proof` in the place of `proofs` (nothing sorts between them), so the
 * digest reads the writer's bytes with no head, tail or body copies. `proofs` is still written (and
 * dropped), so what the careful path refuses is declined here too. `undefined` where {@link fastBody}
 * would decline, or a proof member is not plainly writable: the careful path then decides.
 */
export function fastProofInput(
  env: Envelope,
  proof: Omit<Proof, 'sig'>,
  digest: (data: Uint8Array) => Uint8Array,
): Uint8Array | undefined {
  return withWriter((w) => {
    const written = writeMembers(w, env as unknown as Record<string, unknown>, (v) => {
      const mark = w.at;
      w.value(v, 1, false);
      w.at = mark;
      w.name('proof');
      w.byte(0x7b);
      for (let i = 0; i < PROOF_MEMBERS.length; i++) {
        const k = PROOF_MEMBERS[i]!;
        if (i > 0) w.byte(0x2c);
        w.name(k);
        w.value(proof[k], 2, false);
      }
      w.byte(0x7d);
    });
    if (!written) return undefined;
    return concatBytes(PROOF_DOMAIN_BYTES, digest(w.bytes.subarray(0, w.at)));
  });
}

// Not async: a signer that signs synchronously (ours do) costs no promise here; callers await anyway.
export function addProof(env: Envelope, signer: Signer, at: TimeInput | undefined): Proof | Promise<Proof> {
  const suite = signer.suite;
  const kid = signer.kid;
  const iss = signer.issuer ?? env.iss;
  const created = toIso(at ?? Date.now());
  const meta = { suite, kid, iss, created };
  const digest = (d: Uint8Array) => signer.digest(d);
  // A parsed envelope (cosigning) has its body cut already; one being signed is written once here.
  const input =
    (bodyParts.has(env) ? undefined : fastProofInput(env, meta, digest)) ?? proofInputs(env)(meta, digest);
  const sig = signer.sign(input);
  if (sig instanceof Uint8Array) return { suite, kid, iss, created, sig: toBase64Url(sig) };
  return Promise.resolve(sig).then((s) => ({ suite, kid, iss, created, sig: toBase64Url(s) }));
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const SIGNED_KEYS = new Set([...HEADER_NAMES, 'proofs', 'payload']);
const SEALED_KEYS = new Set([...HEADER_NAMES, 'proofs', 'sealed']);
const PROOF_KEYS = new Set(['suite', 'kid', 'iss', 'created', 'sig']);

function str(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length === 0)
    throw malformed(`${what} 必须是非空字符串`, `${what} must be a non-empty string`);
  return v;
}

function time(v: unknown, what: string): string {
  if (typeof v !== 'string' || !RFC3339.test(v) || !Number.isFinite(Date.parse(v))) {
    throw malformed(`${what} 必须是 RFC 3339 UTC 时间`, `${what} must be an RFC 3339 UTC time`);
  }
  return v;
}

/**
 * Checks the shape of an envelope given as text, bytes or an object (strictly: unknown members are
 * refused), so that verification only ever works on well-formed input.
 */
export function parseEnvelope(input: unknown): Envelope {
  let env: unknown = input;
  let inOrder = false;
  if (input instanceof Uint8Array || typeof input === 'string') {
    let text = '';
    try {
      text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch (cause) {
      throw malformed('不是有效的 UTF-8 JSON', 'not valid UTF-8 JSON', cause);
    }
    // Canonical text (what GDS writes) is read natively and its body cut from the text itself.
    const read = readCanonicalJson(text);
    const body = read?.members ? textBody(text, read.value, read.members) : undefined;
    if (body) {
      env = read!.value;
      bodyParts.set(env as object, body);
    } else {
      try {
        // The value JSON.parse read is checked, not read again.
        ({ value: env, inOrder } = parseJsonInOrder(text, read));
      } catch (cause) {
        throw typeof input === 'string'
          ? malformed('不是有效的 JSON', 'not valid JSON', cause)
          : malformed('不是有效的 UTF-8 JSON', 'not valid UTF-8 JSON', cause);
      }
      if (typeof env !== 'object' || env === null || Array.isArray(env))
        throw malformed('不是对象', 'not an object');
      // Parsed values can be written with no error and are held by no one else: no copy.
      bodyParts.set(env, splitBody(env, inOrder ? inOrderMember : canonicalMember));
    }
  } else {
    // A private copy: what is verified is exactly what is returned, whatever the caller does meanwhile.
    let copy: Record<string, unknown> = {};
    let parts: Body;
    try {
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw new Error('not an object');
      const fast = fastBody(input as Record<string, unknown>, copy);
      if (fast) parts = fast;
      else {
        copy = {};
        parts = splitBody(input, copiedMember, copy);
      }
    } catch (cause) {
      throw malformed('不是 JSON 数据', 'not JSON data', cause);
    }
    env = copy;
    bodyParts.set(copy, parts);
  }
  const e = env as Record<string, unknown>;
  if (e.gds !== 'envelope/v1') throw malformed('gds 必须是 "envelope/v1"', 'gds must be "envelope/v1"');
  if (e.typ !== 'signed' && e.typ !== 'sealed')
    throw malformed('typ 必须是 signed 或 sealed', 'typ must be signed or sealed');
  const allowed = e.typ === 'signed' ? SIGNED_KEYS : SEALED_KEYS;
  for (const k of Object.keys(e)) {
    if (!allowed.has(k))
      throw malformed(`未知成员 ${JSON.stringify(k)}`, `unknown member ${JSON.stringify(k)}`);
  }
  str(e.suite, 'suite');
  str(e.iss, 'iss');
  str(e.jti, 'jti');
  time(e.iat, 'iat');
  if (e.exp !== undefined) time(e.exp, 'exp');
  if (e.aud !== undefined && (!Array.isArray(e.aud) || !e.aud.every((a) => typeof a === 'string'))) {
    throw malformed('aud 必须是字符串数组', 'aud must be an array of strings');
  }
  if (e.std !== undefined) {
    const s = e.std as Record<string, unknown>;
    if (typeof s !== 'object' || s === null || Object.keys(s).some((k) => k !== 'id' && k !== 'version')) {
      throw malformed('std 必须是 {id, version}', 'std must be {id, version}');
    }
    str(s.id, 'std.id');
    str(s.version, 'std.version');
  }
  if (e.typ === 'signed') {
    if (e.payload === undefined) throw malformed('缺少 payload', 'payload is missing');
  } else {
    const s = e.sealed as Record<string, unknown>;
    if (typeof s !== 'object' || s === null || Array.isArray(s))
      throw malformed('缺少 sealed', 'sealed is missing');
    for (const k of Object.keys(s)) {
      if (k !== 'aead' && k !== 'recipients' && k !== 'ct')
        throw malformed(`sealed 中的未知成员 ${k}`, `unknown member ${k} in sealed`);
    }
    str(s.aead, 'sealed.aead');
    str(s.ct, 'sealed.ct');
    if (!Array.isArray(s.recipients) || s.recipients.length === 0) {
      throw malformed('sealed.recipients 必须是非空数组', 'sealed.recipients must be a non-empty array');
    }
    for (const r of s.recipients as Record<string, unknown>[]) {
      if (typeof r !== 'object' || r === null || Object.keys(r).length !== 2) {
        throw malformed('收件人必须是 {kid, key}', 'a recipient must be {kid, key}');
      }
      str(r.kid, 'recipient.kid');
      str(r.key, 'recipient.key');
    }
  }
  if (!Array.isArray(e.proofs)) throw malformed('proofs 必须是数组', 'proofs must be an array');
  for (const p of e.proofs as Record<string, unknown>[]) {
    if (typeof p !== 'object' || p === null || Array.isArray(p))
      throw malformed('proof 必须是对象', 'a proof must be an object');
    for (const k of Object.keys(p)) {
      if (!PROOF_KEYS.has(k)) {
        throw malformed(`proof 中的未知成员 ${k}`, `unknown member ${k} in a proof`);
      }
    }
    str(p.suite, 'proof.suite');
    str(p.kid, 'proof.kid');
    str(p.iss, 'proof.iss');
    time(p.created, 'proof.created');
    str(p.sig, 'proof.sig');
  }
  return env as Envelope;
}
