import { GdsLedgerError } from '../errors.js';

/** Sizes and indices are safe integers internally; a bigint is accepted when it fits, never truncated. */
export type IntLike = number | bigint;

export function toIndex(value: IntLike, name: string): number {
  if (typeof value === 'bigint') {
    if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw rangeError(name, value);
    return Number(value);
  }
  if (!Number.isSafeInteger(value) || value < 0) throw rangeError(name, value);
  return value;
}

/** Like toIndex but for untrusted data: undefined instead of a throw. */
export function asIndex(value: unknown): number | undefined {
  if (typeof value === 'bigint') {
    return value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
  }
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** Parses an ASCII decimal with no leading zeroes (as checkpoints and tlog-witness require). */
export function parseDecimal(text: string): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(text)) return undefined;
  if (text.length > 16) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function rangeError(name: string, value: unknown): GdsLedgerError {
  return new GdsLedgerError(
    'GDS_LEDGER_RANGE',
    `${name} 必须是 0 到 2^53-1 之间的整数，实际为 ${String(value)}`,
    `${name} must be an integer from 0 to 2^53-1, got ${String(value)}`,
  );
}

/** Largest power of two strictly smaller than n (n >= 2), by arithmetic: bit operators are 32-bit. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Number of set bits of a safe integer. */
export function popcount(n: number): number {
  let c = 0;
  while (n > 0) {
    if (n % 2 === 1) c++;
    n = Math.floor(n / 2);
  }
  return c;
}

/** Number of bits needed to write n (0 for 0). */
export function bitLength(n: number): number {
  let c = 0;
  while (n > 0) {
    c++;
    n = Math.floor(n / 2);
  }
  return c;
}
