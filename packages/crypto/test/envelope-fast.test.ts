// The envelope fast paths against the careful ones: the byte writer (jcsFast.ts) against canonicalize,
// the canonical-text reader (parseCanonicalJson) against parseJson, and envelopes signed by the build
// before them (fixture) still verifying.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import {
  canonicalize,
  canonicalizeToBytes,
  createSigner,
  type Envelope,
  GdsCryptoError,
  type JsonValue,
  Keyring,
  loadSodiumSuite,
  type Proof,
  parseJson,
  signEnvelope,
  verifyEnvelope,
} from '@gds/crypto';
import { describe, expect, it } from 'vitest';
// Internal: the fast paths themselves, which the public API reaches only through envelopes.
import { fastProofInput } from '../src/_internal/envelope.js';
import { jcsBytes, withWriter } from '../src/_internal/jcsFast.js';
import { parseCanonicalJson, readCanonicalJson } from '../src/parseJson.js';
import { toHex, vectorPath } from './_helpers/vectors.js';
import fixture from './fixtures/envelope-v1.json' with { type: 'json' };

function careful(v: unknown): { bytes?: Uint8Array; code?: string } {
  try {
    return { bytes: canonicalizeToBytes(v) };
  } catch (e) {
    if (e instanceof GdsCryptoError) return { code: e.code };
    throw e;
  }
}

// Strings with lone surrogates, escapes and pairs; numbers at the edges of what JCS writes.
const edgy = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    -0,
    2 ** 53 - 1,
    2 ** 53,
    -(2 ** 60),
    1e21,
    1e-7,
    5e-324,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ),
  fc.double(),
);
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    edgy,
    fc.jsonValue(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('byte writer (the fast path of canonicalizeToBytes for envelopes)', () => {
  const jcsDir = vectorPath('jcs');
  it.skipIf(!jcsDir)(
    'writes every RFC 8785 vector (cyberphone/json-canonicalization testdata) byte for byte',
    () => {
      for (const name of readdirSync(join(jcsDir!, 'input')).filter((f) => f.endsWith('.json'))) {
        const value = parseJson(readFileSync(join(jcsDir!, 'input', name), 'utf8'));
        const outhex = readFileSync(join(jcsDir!, 'outhex', name.replace(/\.json$/, '.txt')), 'utf8')
          .replace(/\s+/g, '')
          .toLowerCase();
        expect(toHex(jcsBytes(value)!), name).toBe(outhex);
      }
    },
  );

  test.prop([anyJson])('writes what canonicalize writes, or declines; declines all it refuses', (v) => {
    const ref = careful(v);
    const fast = jcsBytes(v);
    if (ref.code !== undefined) expect(fast).toBeUndefined();
    else if (fast !== undefined) expect(toHex(fast)).toBe(toHex(ref.bytes!));
  });

  test.prop([anyJson])('its private copy canonicalises to the same text and shares no object', (v) => {
    const copy = withWriter((w) => w.value(v, 0, true));
    if (copy === undefined) return;
    expect(canonicalize(copy)).toBe(canonicalize(v));
    if (typeof v === 'object' && v !== null) expect(copy).not.toBe(v);
  });

  it('declines what canonicalize refuses or names', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const v of [Number.NaN, 2 ** 53, '\ud800', { '\udc00': 1 }, [undefined], new Date(0), cyclic, 1n])
      expect(jcsBytes(v)).toBeUndefined();
    expect(withWriter((w) => w.value(JSON.parse('{"__proto__":1}'), 0, true))).toBeUndefined();
  });
});

describe('proof input written in one pass (the fast path of signing)', () => {
  const name = fc.oneof(
    fc.constantFrom('gds', 'iss', 'payload', 'proof', 'proofa', 'proofs', 'suite', 'typ', '__proto__'),
    fc.string({ unit: 'binary', maxLength: 6 }),
  );
  const text = fc.oneof(fc.string({ maxLength: 8 }), edgy);
  test.prop([
    fc.dictionary(name, anyJson, { maxKeys: 6 }),
    fc.option(fc.array(anyJson, { maxLength: 2 }), { nil: undefined }),
    fc.record({ suite: text, kid: text, iss: text, created: text }),
  ])(
    'is domain ‖ digest(JCS(envelope without proofs, with proof)), or declines; declines all canonicalize refuses',
    (extra, proofs, meta) => {
      const env = { ...extra, proofs } as unknown as Envelope;
      const proof = meta as unknown as Omit<Proof, 'sig'>;
      const fast = fastProofInput(env, proof, (d) => d.slice());
      let ref: Uint8Array | undefined;
      try {
        canonicalize(proofs as JsonValue);
        const { proofs: _, ...body } = env as unknown as Record<string, unknown>;
        ref = canonicalizeToBytes({ ...body, proof } as JsonValue);
      } catch (e) {
        if (!(e instanceof GdsCryptoError)) throw e;
      }
      if (ref === undefined || proofs === undefined) expect(fast).toBeUndefined();
      else if (fast !== undefined) {
        expect(toHex(fast)).toBe(toHex(new TextEncoder().encode('GDS-ENVELOPE-PROOF/v1\n')) + toHex(ref));
      }
    },
  );
});

describe('canonical text reader', () => {
  const jsonish = fc.jsonValue().filter((v) => !/\d{16,}/.test(JSON.stringify(v)));
  // A member name with a character RFC 8785 escapes: the text does not show its order, so it is declined.
  const escapedName = (v: unknown): boolean =>
    typeof v === 'object' &&
    v !== null &&
    (Array.isArray(v)
      ? v.some(escapedName)
      : Object.entries(v).some(([k, x]) => /["\\\u0000-\u001f]/.test(k) || escapedName(x)));
  test.prop([jsonish])(
    'reads canonical text as parseJson does (declining only big numbers and escaped names)',
    (v) => {
      const text = canonicalize(v);
      const got = parseCanonicalJson(text);
      if (got === undefined) expect(/e\+|\d{16}/.test(text) || escapedName(v), text).toBe(true);
      else expect(got).toEqual(parseJson(text));
    },
  );
  it('reads names the engine orders numerically, and members in text order', () => {
    expect(readCanonicalJson('{"10":1,"9":[2,{"a":{}}],"a":"x"}')).toEqual({
      value: { 10: 1, 9: [2, { a: {} }], a: 'x' },
      members: [1, 7, 8, 24, 25, 32],
    });
    expect(readCanonicalJson('{}')).toEqual({ value: {}, members: [] });
    expect(readCanonicalJson('[{"a":1}]')).toEqual({ value: [{ a: 1 }], members: [] });
    expect(parseCanonicalJson('{"9":1,"10":2}')).toBeUndefined();
    // Not canonical: the value JSON.parse read, for the strict checks, and no offsets.
    expect(readCanonicalJson('{"b":1, "a":2}')).toEqual({ value: { b: 1, a: 2 }, members: undefined });
    expect(readCanonicalJson('{"b":')).toBeUndefined();
  });
  it('reads an envelope written by canonicalize', () => {
    const env = { ...fixture.envelope, payload: { id: 'p-1', name: '张三', n: [1.5, -2] } };
    expect(parseCanonicalJson(canonicalize(env))).toEqual(env);
  });

  // Canonical text with one character inserted, deleted or replaced, from those that make JSON text
  // non-canonical yet still readable: whitespace, escapes, signs, exponents, quotes, digits.
  const edit = fc.tuple(
    fc.constantFrom('insert', 'delete', 'replace'),
    fc.nat(),
    fc.constantFrom(
      ' ',
      '\n',
      '\\',
      '/',
      'u',
      '0',
      '1',
      'e',
      'E',
      '+',
      '-',
      '.',
      '"',
      ',',
      'a',
      'F',
      '\u{d800}',
    ),
  );
  const mutated = fc.tuple(jsonish, fc.array(edit, { minLength: 1, maxLength: 3 })).map(([v, edits]) => {
    let t = canonicalize(v);
    for (const [op, at, ch] of edits) {
      const i = t.length === 0 ? 0 : at % t.length;
      t =
        op === 'insert'
          ? t.slice(0, i) + ch + t.slice(i)
          : t.slice(0, i) + (op === 'replace' ? ch : '') + t.slice(i + 1);
    }
    return t;
  });
  test.prop(
    [
      fc.oneof(
        fc.string({ unit: 'binary' }),
        jsonish.map((v) => JSON.stringify(v, null, 1)),
        mutated,
        mutated,
        mutated,
      ),
    ],
    { numRuns: 2000 },
  )('whatever it reads, parseJson reads the same without error, and it is canonical', (text) => {
    const v = parseCanonicalJson(text);
    if (v === undefined) return;
    expect(parseJson(text)).toEqual(v);
    expect(canonicalize(v)).toBe(text);
  });

  it('declines each way text can be readable but not canonical', () => {
    for (const text of [
      '{"a":"\\/"}', // an escaped solidus
      '["\\u0041"]', // an escape for a printable character
      '["\\u0008"]', // control characters with a short form
      '["\\u0009"]',
      '["\\u000a"]',
      '["\\u000c"]',
      '["\\u000d"]',
      '["\\u001F"]', // upper-case hex
      '["\\u007f"]', // DEL is written as it is
      '[1.0]',
      '[1E3]',
      '[0.10]',
      '[1e-7]', // written 1e-7: this one is canonical, the next is not
      '[1.5e-07]',
      '{"a":1,"":2}',
      '{"ab":1,"a":2}',
      '{"\\n":1}', // an escaped name
      '[\ud800]'.replace('\\ud800', '"\ud800"'), // a raw lone surrogate
      '["\udc00\ud800"]', // surrogates in the wrong order
    ]) {
      const got = parseCanonicalJson(text);
      if (text === '[1e-7]') expect(got, text).toEqual([1e-7]);
      else expect(got, text).toBeUndefined();
    }
  });

  it('leaves duplicates, lone surrogates, unsafe integers, overflow and disorder to the strict parser', () => {
    for (const text of [
      '{"a":1,"a":1}',
      '{"a":{"b":1,"b":1}}',
      '["\\ud800"]',
      '{"\\udc00":1}',
      '[9007199254740992]',
      '[1e400]',
      '{"b":1,"a":2}',
      '{"a":1} ',
      '[-0]',
    ])
      expect(parseCanonicalJson(text), text).toBeUndefined();
  });
});

describe('envelopes across the fast paths', () => {
  it('verifies an envelope signed by the build before the byte writer (wire format unchanged)', async () => {
    const keys = await Keyring.create();
    await keys.add({
      suite: 'sodium',
      use: 'sign',
      publicKey: Buffer.from(fixture.publicKey, 'hex'),
      label: 'mca',
      issuer: 'dept:mca',
    });
    const opts = { keys, audience: 'dept:health', now: '2026-11-26T08:30:00Z' };
    const text = canonicalize(fixture.envelope);
    for (const input of [fixture.envelope, text, JSON.stringify(fixture.envelope, null, 2)]) {
      const { payload } = await verifyEnvelope(input, opts);
      expect(payload).toEqual(fixture.envelope.payload);
    }
    // Signing the same payload with the same key, times and jti gives the same envelope, byte for byte.
    const suite = await loadSodiumSuite();
    const seed = new Uint8Array(32).fill(7);
    const signer = createSigner(suite, suite.generateKeyPair('sign', seed).secretKey, { issuer: 'dept:mca' });
    const again = await signEnvelope(fixture.envelope.payload, {
      signer,
      aud: ['dept:health', 'dept:stats'],
      iat: '2026-11-26T08:00:00Z',
      expiresIn: 3600,
      jti: 'fixture-jti-0000000001',
      std: { id: 'person', version: '1.0.0' },
    });
    expect(canonicalize(again)).toBe(text);
  });

  it('refuses canonical-looking text with a duplicate member, as before', async () => {
    const keys = await Keyring.create();
    const text = canonicalize(fixture.envelope);
    const dup = text.replace('"iss":"dept:mca"', '"iss":"dept:mca","iss":"dept:mca"');
    expect(dup).not.toBe(text);
    await expect(verifyEnvelope(dup, { keys })).rejects.toMatchObject({ code: 'GDS_CRYPTO_MALFORMED' });
    const inPayload = text.replace('"id":"p-000123"', '"id":"p-000123","id":"p-000123"');
    await expect(verifyEnvelope(inPayload, { keys })).rejects.toMatchObject({ code: 'GDS_CRYPTO_MALFORMED' });
  });
});
