import { GdsPolicyError } from '../errors.js';

/** A time as a Date, epoch milliseconds or an RFC 3339 string, as epoch milliseconds. */
export function toMillis(t: Date | number | string, what: string): number {
  const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) {
    throw new GdsPolicyError(
      'GDS_POLICY_INVALID_INPUT',
      `${what} 不是有效的时间`,
      `${what} is not a valid time`,
    );
  }
  return ms;
}

/** RFC 3339 UTC with second precision, as GDS envelopes write times. */
export function toIso(t: Date | number | string, what = 'time'): string {
  return new Date(Math.floor(toMillis(t, what) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** 128 random bits, base64url: grant and disclosure ids. Web Crypto exists in Node >= 20 and browsers. */
export function randomId(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
