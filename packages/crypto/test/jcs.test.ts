// RFC 8785 conformance over the reference vectors of cyberphone/json-canonicalization (testdata/),
// read from ../shared/vectors/jcs, plus the input checks GDS adds (RFC 8785 section 3.2.2 and 3.2.3).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { canonicalize, canonicalizeToBytes, GdsCryptoError, parseJson } from '@gds/crypto';
import { describe, expect, it } from 'vitest';
import { skipReason, toHex, vectorPath } from './_helpers/vectors.js';

const jcsDir = vectorPath('jcs');

describe('RFC 8785 vectors (cyberphone/json-canonicalization testdata)', () => {
  if (!jcsDir) {
    it.skip(skipReason('jcs'), () => {});
    return;
  }
  const names = readdirSync(join(jcsDir, 'input')).filter((f) => f.endsWith('.json'));
  it('has the six reference vectors', () => expect(names.length).toBeGreaterThanOrEqual(6));
  for (const name of names) {
    it(`testdata/${name}: canonical text and bytes`, () => {
      const input = readFileSync(join(jcsDir, 'input', name), 'utf8');
      const expected = readFileSync(join(jcsDir, 'output', name), 'utf8').replace(/\n$/, '');
      const outhex = readFileSync(join(jcsDir, 'outhex', name.replace(/\.json$/, '.txt')), 'utf8')
        .replace(/\s+/g, '')
        .toLowerCase();
      const value = parseJson(input);
      expect(canonicalize(value)).toBe(expected);
      expect(toHex(canonicalizeToBytes(value))).toBe(outhex);
      // JSON.parse agrees with parseJson on these inputs (no duplicates, no big integers).
      expect(canonicalize(JSON.parse(input))).toBe(expected);
    });
  }
});

// Integers beyond 2^53 are refused by parseJson by design, so the round-trip properties avoid them.
const safeJson = fc.jsonValue().filter((v) => !/\d{16,}/.test(JSON.stringify(v)));

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof GdsCryptoError) return e.code;
    throw e;
  }
  return undefined;
}

describe('canonicalize input checks', () => {
  it('RFC 8785 section 3.2.2.3: -0 as 0, exponents as ES Number::toString', () => {
    expect(canonicalize([-0, 1e21, 1e-7, 0.000001, 123e-20, 5e-324, 1.7976931348623157e308])).toBe(
      '[0,1e+21,1e-7,0.000001,1.23e-18,5e-324,1.7976931348623157e+308]',
    );
  });
  it('sorts by UTF-16 code units, not code points (RFC 8785 section 3.2.3)', () => {
    expect(canonicalize({ '\ufb33': 1, '\ud83d\ude02': 2 })).toBe('{"\ud83d\ude02":2,"\ufb33":1}');
  });
  it('refuses NaN and infinities', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(code(() => canonicalize({ a: [v] }))).toBe('GDS_CRYPTO_JSON_NON_FINITE');
    }
  });
  it('refuses lone surrogates in values and names', () => {
    expect(code(() => canonicalize('\ud800'))).toBe('GDS_CRYPTO_JSON_LONE_SURROGATE');
    expect(code(() => canonicalize({ '\udc00x': 1 }))).toBe('GDS_CRYPTO_JSON_LONE_SURROGATE');
    expect(code(() => canonicalize(['a\ud83d']))).toBe('GDS_CRYPTO_JSON_LONE_SURROGATE');
  });
  it('refuses what is not JSON data, and cycles', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const v of [
      10n,
      () => 1,
      Symbol('s'),
      new Date(0),
      new Uint8Array(1),
      [undefined],
      cyclic,
      undefined,
    ]) {
      expect(code(() => canonicalize(v))).toBe('GDS_CRYPTO_JSON_UNSUPPORTED_TYPE');
    }
  });
  it('refuses integers beyond 2^53 that would print as plain integers, so parseJson reads back all it writes', () => {
    expect(code(() => canonicalize(2 ** 53))).toBe('GDS_CRYPTO_JSON_UNSAFE_INTEGER');
    expect(code(() => canonicalize([-(2 ** 60)]))).toBe('GDS_CRYPTO_JSON_UNSAFE_INTEGER');
    expect(canonicalize([2 ** 53 - 1, 1e21, -1e30, 1.5])).toBe('[9007199254740991,1e+21,-1e+30,1.5]');
  });
  it('leaves out members whose value is undefined, like JSON.stringify', () => {
    expect(canonicalize({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
  it('says where the problem is', () => {
    try {
      canonicalize({ a: [1, { 'b/c': Number.NaN }] });
      expect.unreachable();
    } catch (e) {
      expect((e as GdsCryptoError).messageEn).toContain('/a/1/b~1c');
      expect((e as GdsCryptoError).message).toMatch(/^.+（.+）$/);
    }
  });
  test.prop([fc.jsonValue({ stringUnit: 'binary' }).filter((v) => !/\d{16,}/.test(JSON.stringify(v)))])(
    'equals a plain reference (sort() + JSON.stringify) on any Unicode data',
    (v) => {
      const ref = (x: unknown): string => {
        if (Array.isArray(x)) return `[${x.map(ref).join(',')}]`;
        if (x !== null && typeof x === 'object') {
          return `{${Object.keys(x)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${ref((x as Record<string, unknown>)[k])}`)
            .join(',')}}`;
        }
        return JSON.stringify(x);
      };
      expect(canonicalize(v)).toBe(ref(v));
    },
  );
  test.prop([safeJson])('agrees with JSON.stringify on already-sorted data', (v) => {
    const text = canonicalize(v);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
    expect(canonicalize(parseJson(text))).toBe(text);
  });
});

describe('parseJson', () => {
  it('refuses duplicate member names, which JSON.parse silently merges', () => {
    expect(code(() => parseJson('{"a":1,"b":{"c":1,"c":2}}'))).toBe('GDS_CRYPTO_JSON_DUPLICATE_KEY');
    // The same name spelled with an escape is still a duplicate.
    expect(code(() => parseJson('{"a":1,"\\u0061":2}'))).toBe('GDS_CRYPTO_JSON_DUPLICATE_KEY');
    // Escaped quotes and colons inside values do not confuse the member count.
    expect(code(() => parseJson('{"a":"x\\":1","b":["\\":"],"a":2}'))).toBe('GDS_CRYPTO_JSON_DUPLICATE_KEY');
    expect(parseJson('{"a":"x\\":1","b":["\\":"]}')).toEqual({ a: 'x":1', b: ['":'] });
  });
  it('refuses integers beyond 2^53 instead of rounding them', () => {
    expect(code(() => parseJson('9007199254740993'))).toBe('GDS_CRYPTO_JSON_UNSAFE_INTEGER');
    expect(code(() => parseJson('[-9007199254740992]'))).toBe('GDS_CRYPTO_JSON_UNSAFE_INTEGER');
    expect(parseJson('9007199254740991')).toBe(9007199254740991);
    expect(parseJson('1E30')).toBe(1e30);
  });
  it('refuses escapes that leave lone surrogates', () => {
    expect(code(() => parseJson('"\\ud800"'))).toBe('GDS_CRYPTO_JSON_LONE_SURROGATE');
    expect(code(() => parseJson('"\\udc00\\ud800"'))).toBe('GDS_CRYPTO_JSON_LONE_SURROGATE');
    expect(parseJson('"\\ud83d\\ude02"')).toBe('😂');
  });
  it('refuses overflow and syntax errors', () => {
    expect(code(() => parseJson('1e400'))).toBe('GDS_CRYPTO_JSON_NON_FINITE');
    for (const bad of [
      '',
      '{',
      '[1,]',
      '{"a":1,}',
      '01',
      '1.',
      '.5',
      'NaN',
      "'a'",
      '"\t"',
      '\ufeff{}',
      '{} x',
      '"\\x"',
    ]) {
      expect(
        code(() => parseJson(bad)),
        bad,
      ).toBe('GDS_CRYPTO_JSON_SYNTAX');
    }
  });
  it('keeps "__proto__" as data', () => {
    const v = parseJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(canonicalize(v)).toBe('{"__proto__":{"polluted":true}}');
  });
  test.prop([safeJson])('parses what JSON.stringify writes as JSON.parse does', (v) => {
    const text = JSON.stringify(v);
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });
});

describe('UTF-8 of canonical text', () => {
  test.prop([fc.string({ unit: 'binary', maxLength: 120 })])(
    'matches TextEncoder for short and long strings',
    (s) => {
      expect(Buffer.from(canonicalizeToBytes(s)).toString('hex')).toBe(
        Buffer.from(new TextEncoder().encode(JSON.stringify(s))).toString('hex'),
      );
    },
  );
});
