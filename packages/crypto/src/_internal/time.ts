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
let lastSecond = Number.NaN;
let lastIso = '';

export function toIso(t: TimeInput): string {
  const second = Math.floor(toMillis(t) / 1000);
  // Envelopes are stamped many times a second with the same time: format each second once.
  if (second !== lastSecond) {
    lastIso = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastIso;
}
