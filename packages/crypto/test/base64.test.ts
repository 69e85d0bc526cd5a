// The strict base64url decoder (RFC 4648 section 5, no padding) against Node's lenient one: it reads
// exactly the canonical texts, and refuses everything else with a typed error.
import { fc, test } from '@fast-check/vitest';
import { GdsCryptoError } from '@gds/crypto';
import { describe, expect, it } from 'vitest';
// Internal: the decoder under every wrapped key, signature and field ciphertext.
import { fromBase64Url, toBase64Url } from '../src/_internal/base64.js';

const canonical = (s: string): boolean =>
  /^[A-Za-z0-9_-]*$/.test(s) && s.length % 4 !== 1 && Buffer.from(s, 'base64url').toString('base64url') === s;

describe('fromBase64Url', () => {
  test.prop([fc.uint8Array({ maxLength: 200 })])('reads back what toBase64Url writes', (b) => {
    const text = toBase64Url(b);
    expect(text).toBe(Buffer.from(b).toString('base64url'));
    expect(fromBase64Url(text)).toEqual(b);
  });

  test.prop(
    [
      fc.oneof(
        fc.string({ unit: fc.constantFrom(...'AQgw_-9zZ+/=. é\u0000'), maxLength: 13 }),
        fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b).toString('base64url')),
        fc
          .tuple(
            fc.uint8Array({ minLength: 1, maxLength: 20 }),
            fc.nat(),
            fc.string({ minLength: 1, maxLength: 1 }),
          )
          .map(([b, at, c]) => {
            const t = Buffer.from(b).toString('base64url');
            const i = at % t.length;
            return t.slice(0, i) + c + t.slice(i + 1);
          }),
      ),
    ],
    { numRuns: 3000 },
  )('accepts exactly the canonical texts, and refuses the rest with a typed error', (s) => {
    if (canonical(s)) expect(fromBase64Url(s)).toEqual(new Uint8Array(Buffer.from(s, 'base64url')));
    else expect(() => fromBase64Url(s)).toThrow(GdsCryptoError);
  });

  it('refuses padding, the standard alphabet, stray bits and a lone last character', () => {
    for (const s of ['AQ==', 'A+8', 'A/8', 'AR', 'AQF', 'A', 'AAAAA', 'AQ\u00e9', 'QUJD\u0141'])
      expect(() => fromBase64Url(s), s).toThrow(GdsCryptoError);
    expect(fromBase64Url('AQ')).toEqual(new Uint8Array([1]));
    expect(fromBase64Url('AQI')).toEqual(new Uint8Array([1, 2]));
    expect(fromBase64Url('')).toEqual(new Uint8Array(0));
  });
});
