import { GdsCryptoError } from '../errors.js';

/** A time given as a Date, epoch milliseconds or an RFC 3339 string, as epoch milliseconds. */
export type TimeInput = Date | number | string;

export function toMillis(t: TimeInput, what = 'time'): number {
  const ms = t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_INPUT',
      `${what} 不是有效的时间`,
      `${what} is not a valid time`,
    );
  }
  return ms;
}

/** RFC 3339 UTC with second precision: what GDS writes. */
// Envelopes are stamped many times a second with the same times (issued-at and expiry): the last two
// seconds formatted are kept.
const seconds = [Number.NaN, Number.NaN];
const texts = ['', ''];
let next = 0;

export function toIso(t: TimeInput): string {
  const second = Math.floor(toMillis(t) / 1000);
  if (second === seconds[0]) return texts[0]!;
  if (second === seconds[1]) return texts[1]!;
  const iso = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  seconds[next] = second;
  texts[next] = iso;
  next ^= 1;
  return iso;
}
