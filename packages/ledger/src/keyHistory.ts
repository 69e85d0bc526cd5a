import { canonicalizeToBytes } from '@gds/crypto';
import { fromBase64, utf8Decoder, utf8Encoder } from './_internal/bytes.js';
import { GdsLedgerError } from './errors.js';
import { fail, type LedgerIssue } from './issue.js';

/**
 * A change to the set of keys allowed to sign what goes into the log. Logged as an entry, it takes
 * effect for entries after its own index.
 *
 * @example
 * ```ts
 * import type { KeyEvent } from '@gds/ledger';
 * const e: KeyEvent = { op: 'revoke', keyId: 'health-2025', reason: 'compromised' };
 * ```
 */
export type KeyEvent =
  | { op: 'add'; keyId: string; publicKey: string; owner?: string }
  | { op: 'rotate'; keyId: string; newKeyId: string; newPublicKey: string }
  | { op: 'revoke'; keyId: string; reason?: string };

const PREFIX = 'gds-key-event/v1\n';

/**
 * Encodes a key event as a log entry: the line `gds-key-event/v1`, then its RFC 8785 canonical JSON.
 * Longer than 32 bytes, so it never collides with a data entry (a 32-byte hash).
 *
 * @example
 * ```ts
 * import { encodeKeyEvent } from '@gds/ledger';
 * await log.append(encodeKeyEvent({ op: 'add', keyId: 'health-2025', publicKey: 'base64...' }));
 * ```
 */
export function encodeKeyEvent(event: KeyEvent): Uint8Array {
  const body = canonicalizeToBytes(event as unknown as Parameters<typeof canonicalizeToBytes>[0]);
  const out = new Uint8Array(PREFIX.length + body.length);
  out.set(utf8Encoder.encode(PREFIX), 0);
  out.set(body, PREFIX.length);
  return out;
}

/**
 * Decodes a log entry as a key event; undefined when the entry is not one (for example a data hash).
 *
 * @example
 * ```ts
 * import { decodeKeyEvent } from '@gds/ledger';
 * const event = decodeKeyEvent(entry);
 * const revoked = event?.op === 'revoke' ? event.keyId : undefined;
 * ```
 */
export function decodeKeyEvent(entry: Uint8Array): KeyEvent | undefined {
  if (entry.length <= PREFIX.length) return undefined;
  let text: string;
  try {
    text = utf8Decoder.decode(entry);
  } catch {
    return undefined;
  }
  if (!text.startsWith(PREFIX)) return undefined;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text.slice(PREFIX.length));
  } catch {
    return undefined;
  }
  const str = (k: string) => typeof v[k] === 'string' && (v[k] as string).length > 0;
  if (v.op === 'add' && str('keyId') && str('publicKey')) return v as KeyEvent;
  if (v.op === 'rotate' && str('keyId') && str('newKeyId') && str('newPublicKey')) return v as KeyEvent;
  if (v.op === 'revoke' && str('keyId')) return v as KeyEvent;
  return undefined;
}

interface KeyRecord {
  publicKey: Uint8Array;
  addedAt: number;
  endedAt?: number;
  end?: 'revoked' | 'rotated';
}

/**
 * The history of signing keys as recorded in a log: which key was valid at which index. A signature
 * on the entry at index i is judged against the key state just before i, so a key revoked later does
 * not invalidate what it signed while valid, and a key added later cannot vouch for earlier entries.
 *
 * @example
 * ```ts
 * import { KeyHistory } from '@gds/ledger';
 * const history = KeyHistory.fromEntries(await log.entries(0));
 * const r = history.judge('health-2025', 1234);
 * if (r.valid) r.publicKey; // verify the envelope's signature with this key
 * ```
 */
export class KeyHistory {
  private readonly keys = new Map<string, KeyRecord>();
  private last = -1;
  /** Key events found in the log that could not apply (revoking an unknown key...), with why. */
  readonly ignored: Array<{ index: number; message: string }> = [];

  /** Builds the history from entries `[0, n)` (or `[start, ...)`), skipping those that are not key events. */
  static fromEntries(entries: Iterable<Uint8Array>, start = 0): KeyHistory {
    const h = new KeyHistory();
    let i = start;
    for (const e of entries) {
      const ev = decodeKeyEvent(e);
      if (ev) {
        try {
          h.apply(i, ev);
        } catch (err) {
          // A bad event in the log is data, not a fault: record it and keep the key state unchanged.
          h.ignored.push({ index: i, message: (err as Error).message });
        }
      }
      i++;
    }
    return h;
  }

  /** Applies the event logged at `index`; events must come in log order. Inapplicable events throw. */
  apply(index: number, event: KeyEvent): void {
    if (index <= this.last) {
      throw new GdsLedgerError(
        'GDS_LEDGER_INVALID_INPUT',
        '密钥事件必须按日志顺序应用',
        'key events must be applied in log order',
      );
    }
    this.last = index;
    const live = (id: string) => {
      const k = this.keys.get(id);
      return k && k.endedAt === undefined ? k : undefined;
    };
    const decode = (b64: string) => {
      const pk = fromBase64(b64);
      if (!pk)
        throw new GdsLedgerError(
          'GDS_LEDGER_INVALID_INPUT',
          '公钥不是 base64',
          'the public key is not base64',
        );
      return pk;
    };
    switch (event.op) {
      case 'add':
        if (this.keys.has(event.keyId)) throw dup(event.keyId);
        this.keys.set(event.keyId, { publicKey: decode(event.publicKey), addedAt: index });
        return;
      case 'rotate': {
        const old = live(event.keyId);
        if (!old) throw notLive(event.keyId);
        if (this.keys.has(event.newKeyId)) throw dup(event.newKeyId);
        old.endedAt = index;
        old.end = 'rotated';
        this.keys.set(event.newKeyId, { publicKey: decode(event.newPublicKey), addedAt: index });
        return;
      }
      case 'revoke': {
        const k = live(event.keyId);
        if (!k) throw notLive(event.keyId);
        k.endedAt = index;
        k.end = 'revoked';
        return;
      }
    }
  }

  /** Whether `keyId` could sign the entry at `index`, and its public key if so. */
  judge(
    keyId: string,
    index: number,
  ): { valid: true; publicKey: Uint8Array } | { valid: false; issue: LedgerIssue } {
    const k = this.keys.get(keyId);
    if (!k)
      return fail('GDS_LEDGER_KEY_UNKNOWN', `日志中没有密钥 ${keyId}`, `key ${keyId} is not in the log`);
    if (index <= k.addedAt) {
      return fail(
        'GDS_LEDGER_KEY_NOT_YET_VALID',
        `密钥 ${keyId} 在序号 ${k.addedAt} 才加入`,
        `key ${keyId} was only added at index ${k.addedAt}`,
      );
    }
    if (k.endedAt !== undefined && index > k.endedAt) {
      return k.end === 'revoked'
        ? fail(
            'GDS_LEDGER_KEY_REVOKED',
            `密钥 ${keyId} 已在序号 ${k.endedAt} 吊销`,
            `key ${keyId} was revoked at index ${k.endedAt}`,
          )
        : fail(
            'GDS_LEDGER_KEY_ROTATED',
            `密钥 ${keyId} 已在序号 ${k.endedAt} 轮换`,
            `key ${keyId} was rotated out at index ${k.endedAt}`,
          );
    }
    return { valid: true, publicKey: k.publicKey.slice() };
  }
}

function dup(id: string) {
  return new GdsLedgerError('GDS_LEDGER_INVALID_INPUT', `密钥 ${id} 已存在`, `key ${id} already exists`);
}
function notLive(id: string) {
  return new GdsLedgerError(
    'GDS_LEDGER_INVALID_INPUT',
    `密钥 ${id} 不存在或已失效`,
    `key ${id} is unknown or no longer valid`,
  );
}
