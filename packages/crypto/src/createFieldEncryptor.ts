import { toBase64Url } from './_internal/base64.js';
import { assertKey, utf8 } from './_internal/bytes.js';
import { expand, getAt, parsePath, setAt, toPointer } from './_internal/fieldPaths.js';
import type { RecordSealer } from './_internal/fieldSealer.js';
import { suiteSealer } from './_internal/fieldSealer.js';
import { dataKeyAdText, fieldAd, recordIdOf } from './_internal/fields.js';
import { rawFor } from './_internal/sodiumRaw.js';
import { blindIndex, blindIndexInput, normalizeForIndex } from './blindIndex.js';
import { GdsCryptoError } from './errors.js';
import type { KeyInfo } from './KeyInfo.js';
import { loadSodiumSuite } from './loadSodiumSuite.js';
import type { Suite } from './suite.js';

/** How sensitive a field is, as the standard's field metadata says (`x-gds-sensitivity`). */
export type Sensitivity = 'sensitive' | 'personal' | 'none';

/**
 * Field metadata, structurally: `@gds/schema`'s field metadata (which has `path` and `sensitivity`)
 * plugs in directly, without this package importing it. `path` is a JSON pointer (`/idNumber`,
 * `/contacts/*\/phone`) or a dotted path (`contacts.*.phone`); `*` selects every array item.
 */
export interface FieldMeta {
  path: string;
  sensitivity: Sensitivity;
}

/** One reader of the encrypted fields and what it may read (default: every encrypted field). */
export interface FieldRecipient {
  /** Its encryption key (use `encrypt`, the encryptor's suite). */
  key: KeyInfo;
  /** Sensitivity levels it may read. */
  sensitivities?: Sensitivity[];
  /** Paths it may read, as written in `fields` or `encryptPaths`. */
  paths?: string[];
}

/** Options of {@link createFieldEncryptor}. */
export interface FieldEncryptorOptions {
  /** The standard and version of the records, e.g. `"person@1.0.0"`; bound into every ciphertext. */
  standard: string;
  /** Field metadata of the standard. */
  fields: readonly FieldMeta[];
  /** Which sensitivity levels are encrypted (default `["sensitive"]`). */
  encryptSensitivities?: Sensitivity[];
  /** Further paths a policy wants encrypted, whatever their metadata says. */
  encryptPaths?: string[];
  recipients: FieldRecipient[];
  /** Path of the record id (default `/id`); its value must be a non-empty string or a number. */
  recordIdPath?: string;
  /** Keyed blind indexes for equality lookup: the searchers' key and the paths to index. */
  blindIndex?: { key: Uint8Array; paths: string[]; normalize?: (value: unknown) => string };
  /** The suite (default: sodium). */
  suite?: Suite;
}

// fieldAd('', …) starts with exactly this text, followed by the (empty) record id.
const AD_HEAD = 'GDS-FIELD/v1\0';
const AD_HEAD_BYTES = AD_HEAD.length; // ASCII

function valueAt(record: unknown, segments: readonly string[]): unknown {
  let v = record;
  for (const s of segments) v = (v as Record<string, unknown>)[s];
  return v;
}

function present(record: unknown, segments: readonly string[]): boolean {
  let v = record;
  for (const s of segments) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, s)) return false;
    v = (v as Record<string, unknown>)[s];
  }
  return v !== undefined;
}

// The value at `segments[from..]` under `v` when every member on the way is an own one and the value
// is not undefined (what `present` tests), else undefined: one walk for both.
function walk(v: unknown, segments: readonly string[], from: number): unknown {
  let x = v;
  for (let i = from; i < segments.length; i++) {
    const s = segments[i]!;
    if (typeof x !== 'object' || x === null || !Object.hasOwn(x, s)) return undefined;
    x = (x as Record<string, unknown>)[s];
  }
  return x;
}

// setAt without its set of copies, for plans where no encrypted path runs through another: walking the
// copy and the caller's record side by side, a container is still the caller's exactly when it is the
// record's own at that place, so it is copied then (as setAt copies it) and written into otherwise.
function put(out: Record<string, unknown>, record: unknown, segments: readonly string[], v: unknown): void {
  let node = out;
  let orig = record as Record<string, unknown>;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    const s = segments[i]!;
    let child = node[s] as Record<string, unknown>;
    const o = orig[s] as Record<string, unknown>;
    if (child === o || typeof child !== 'object' || child === null) {
      child = (Array.isArray(child) ? [...child] : { ...child }) as Record<string, unknown>;
      node[s] = child;
    }
    node = child;
    orig = o;
  }
  node[segments[last]!] = v;
}

// Whether two paths select a common field (same length) or one runs through the other (a proper
// prefix), `*` matching any segment.
function meet(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && a[i] !== '*' && b[i] !== '*') return false;
  return true;
}

// A shallow copy that takes a member added later (gds:fields) without the slow path V8 has for
// adding to a `{ ...record }` clone. Object.assign sets rather than defines: an own `__proto__`
// member (from JSON.parse) would change the copy's prototype, so such a record is spread instead.
function copyRecord(record: Record<string, unknown>): Record<string, unknown> {
  return Object.hasOwn(record, '__proto__') ? { ...record } : Object.assign({}, record);
}

/** The member GDS adds to a record with encrypted fields. */
export const FIELDS_MEMBER = 'gds:fields';
/** The member that replaces an encrypted value: `{ "gds:enc": "<group>.<base64url>" }`. */
export const ENC_MEMBER = 'gds:enc';

/** Metadata stored in a record's `gds:fields` member. */
export interface EncryptedFieldsInfo {
  v: 1;
  suite: string;
  std: string;
  rid: string;
  /** One per distinct set of readers: the wrapped data key and the paths it encrypts. */
  groups: { kek: string; dk: string; paths: string[] }[];
  /** Key-encryption keys, each sealed to every reader of its group. */
  keks: Record<string, { kid: string; key: string }[]>;
  /** Blind indexes by concrete path. */
  bi?: Record<string, string>;
}

/**
 * Encrypts fields of records in place, as a standard's metadata (or a policy) says.
 *
 * @example
 * ```ts
 * import { createFieldEncryptor } from '@gds/crypto';
 * const enc = await createFieldEncryptor({
 *   standard: 'person@1.0.0',
 *   fields: [{ path: '/idNumber', sensitivity: 'sensitive' }, { path: '/name', sensitivity: 'personal' }],
 *   recipients: [{ key: healthEncryptionKey }],
 * });
 * const protectedRecord = enc.encrypt({ id: 'p-1', name: '张三', idNumber: '110101199003077777' });
 * ```
 */
export interface FieldEncryptor {
  /** Returns a copy of `record` with the selected fields encrypted and a `gds:fields` member added. */
  encrypt<T extends Record<string, unknown>>(record: T): Record<string, unknown>;
  /** The encrypted paths (as configured). */
  readonly paths: readonly string[];
}

/**
 * Creates a field encryptor: fields marked `sensitive` in the standard's metadata (or the levels in
 * `encryptSensitivities`, or named by `encryptPaths`) are encrypted in place with a fresh per-record
 * data key under the suite's AEAD. The associated data binds record id, field path, standard and key
 * id, so a ciphertext copied into another record or field fails to decrypt. Readers are grouped by
 * what they may read; each group's data key is wrapped under a key-encryption key (KEK) that is sealed
 * once to each reader of the group, so a reader decrypts exactly the fields its keys allow. The KEK
 * is made once per encryptor because sealing to a public key costs ~100 µs, ten times the budget of a
 * whole record; every record still has its own data keys. A keyed blind index allows equality lookup.
 *
 * @example
 * ```ts
 * import { createFieldEncryptor } from '@gds/crypto';
 * const enc = await createFieldEncryptor({
 *   standard: 'person@1.0.0',
 *   fields: personFieldMetadata, // from @gds/schema: [{ path, sensitivity }, ...]
 *   recipients: [
 *     { key: healthKey, sensitivities: ['sensitive', 'personal'] },
 *     { key: statsKey, paths: ['/birthDate'] },
 *   ],
 *   blindIndex: { key: searchKey, paths: ['/idNumber'] },
 * });
 * const out = enc.encrypt(record);
 * ```
 */
export async function createFieldEncryptor(options: FieldEncryptorOptions): Promise<FieldEncryptor> {
  const suite = options.suite ?? (await loadSodiumSuite());
  const std = options.standard;
  if (typeof std !== 'string' || std === '') {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_INPUT',
      '需要标准及版本',
      'the standard (and version) is needed',
    );
  }
  const levels = new Set(options.encryptSensitivities ?? ['sensitive']);
  const targets = new Map<string, Sensitivity>();
  for (const f of options.fields) if (levels.has(f.sensitivity)) targets.set(f.path, f.sensitivity);
  for (const p of options.encryptPaths ?? []) {
    if (!targets.has(p)) targets.set(p, options.fields.find((f) => f.path === p)?.sensitivity ?? 'sensitive');
  }
  if (options.recipients.length === 0) {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_INPUT',
      '至少需要一个收件人',
      'at least one recipient is needed',
    );
  }
  for (const r of options.recipients) {
    if (r.key.use !== 'encrypt' || r.key.suite !== suite.id) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_WRONG_KEY_USE',
        `收件人密钥 ${r.key.kid} 必须是 ${suite.id} 套件的加密密钥`,
        `recipient key ${r.key.kid} must be an encryption key of suite ${suite.id}`,
      );
    }
  }

  // Group the target paths by the exact set of recipients allowed to read them.
  interface Group {
    id: string;
    kek: Uint8Array;
    sealed: { kid: string; key: string }[];
  }
  const groups = new Map<string, Group>();
  const plan: {
    segments: string[];
    wildcard: boolean;
    pointer: string;
    group: Group;
    groupIndex: number;
    /** The fixed part of the associated data, for a path without wildcards. */
    tail: Uint8Array | undefined;
    /** For one `*`: its position, the path before it, and the concrete paths made so far by index. */
    star: number;
    before: string[];
    byIndex: { segments: string[]; pointer: string; tail: Uint8Array }[];
  }[] = [];
  // The associated data of a field is fieldAd(rid, path, std, kek); everything after the record id is
  // fixed per path and group, so it is encoded once here and joined to the record's part per field.
  const adTails = new Map<string, Map<string, Uint8Array>>();
  const adTail = (pointer: string, kek: string) => {
    let byPointer = adTails.get(kek);
    if (!byPointer) {
      byPointer = new Map();
      adTails.set(kek, byPointer);
    }
    let t = byPointer.get(pointer);
    if (!t) {
      t = fieldAd('', pointer, std, kek).subarray(AD_HEAD_BYTES);
      // Wildcards over arrays of any length: keep the cache bounded.
      if (byPointer.size >= 4096) byPointer.clear();
      byPointer.set(pointer, t);
    }
    return t;
  };
  const groupOrder: Group[] = [];
  for (const [path, sensitivity] of targets) {
    const readers = options.recipients.filter(
      (r) =>
        (r.sensitivities === undefined && r.paths === undefined) ||
        r.sensitivities?.includes(sensitivity) ||
        r.paths?.includes(path),
    );
    if (readers.length === 0) {
      throw new GdsCryptoError(
        'GDS_CRYPTO_INVALID_INPUT',
        `没有任何收件人可以读取字段 ${path}`,
        `no recipient may read field ${path}: it would be unreadable`,
      );
    }
    const sig = readers.map((r) => r.key.kid).join('\n');
    let g = groups.get(sig);
    if (!g) {
      const kek = suite.randomBytes(suite.symmetricKeyLength);
      g = {
        id: toBase64Url(suite.randomBytes(12)),
        kek,
        sealed: readers.map((r) => ({ kid: r.key.kid, key: toBase64Url(suite.seal(kek, r.key.publicKey)) })),
      };
      groups.set(sig, g);
      groupOrder.push(g);
    }
    const segments = parsePath(path);
    const wildcard = segments.includes('*');
    const pointer = toPointer(segments);
    plan.push({
      segments,
      wildcard,
      pointer,
      group: g,
      groupIndex: groupOrder.indexOf(g),
      tail: wildcard ? undefined : adTail(pointer, g.id),
      star: segments.indexOf('*') === segments.lastIndexOf('*') ? segments.indexOf('*') : -1,
      before: segments.slice(0, Math.max(0, segments.indexOf('*'))),
      byIndex: [],
    });
  }
  const ridSegments = parsePath(options.recordIdPath ?? '/id');
  const bi = options.blindIndex
    ? {
        key: options.blindIndex.key,
        paths: options.blindIndex.paths.map(parsePath),
        normalize: options.blindIndex.normalize ?? normalizeForIndex,
      }
    : undefined;
  const keks: Record<string, { kid: string; key: string }[]> = {};
  for (const g of groupOrder) keks[g.id] = g.sealed;
  const markers = groupOrder.map((_, i) => `${i}.`);
  // One field: base64url(nonce ‖ AEAD(data key, UTF-8 of the value's JCS, associated data)), through
  // the suite's operations on the general path, in the wasm heap on the sodium suite's fast path.
  const raw = rawFor(suite);
  const sealer = suiteSealer(suite);
  const macText = raw?.macText;
  if (macText && bi) assertKey(bi.key, 'blindIndex.key', 32);
  // Two spellings of one path, or a wildcard, can select a field twice: only then are fields tracked.
  const dedupe = plan.some((p) => p.wildcard) || new Set(plan.map((p) => p.pointer)).size < plan.length;

  // The fast path (the sodium suite): per encryptor, each group's wrap AD part, the blind index's
  // input prefix per path, and which paths meet; per record, the record id is encoded once and the
  // blind index hashed in the sealer's heap pass (its input wiped from staging and heap right after).
  const rs = raw && groupOrder.length <= 64 ? raw.recordSealer() : undefined;
  const stdBytes = utf8(std).length;
  // A field's AD tail is 0 path 0 std 0 kekId: all but the path is this many bytes (kek ids are ASCII).
  const tailFixed = groupOrder.map((g) => 3 + stdBytes + g.id.length);
  const adMids = groupOrder.map((g) => utf8(`\0${std}\0${g.id}\0`));
  const biPlan = (bi?.paths ?? []).map((segments) => {
    const pointer = toPointer(segments);
    return {
      segments,
      pointer,
      wildcard: segments.includes('*'),
      prefix: utf8(blindIndexInput(std, pointer, '')),
    };
  });
  // Fields are tracked (dedupe) only when two paths can select one field, and copies of containers
  // are tracked (setAt) only when one path can run through another's field.
  let overlap = false;
  let nested = false;
  for (let i = 0; i < plan.length; i++) {
    for (let j = i + 1; j < plan.length; j++) {
      const a = plan[i]!.segments;
      const b = plan[j]!.segments;
      if (!meet(a, b)) continue;
      if (a.length === b.length) overlap = true;
      else nested = true;
    }
  }
  const sealedSegments: (readonly string[])[] = [];

  // The groups of gds:fields in group order: a group that sealed carries its wrapped data key (the
  // results from index `from` on, one per such group) and its KEKs; an empty group keeps its place
  // (markers number the groups) and carries no key.
  function addGroups(info: EncryptedFieldsInfo, paths: string[][], results: string[], from: number): void {
    let w = from;
    for (let i = 0; i < groupOrder.length; i++) {
      const g = groupOrder[i]!;
      const ps = paths[i]!;
      if (ps.length > 0) {
        info.keks[g.id] = keks[g.id]!;
        info.groups.push({ kek: g.id, dk: results[w++]!, paths: ps });
      } else {
        info.groups.push({ kek: g.id, dk: '', paths: [] });
      }
    }
  }

  // A one-star wildcard's i-th item: its concrete path, pointer and associated-data tail depend only on
  // i, so they are made once per encryptor (for the first 4,096 items).
  function itemAt(
    item: (typeof plan)[number],
    i: number,
  ): NonNullable<(typeof plan)[number]['byIndex'][number]> {
    let c = item.byIndex[i];
    if (!c) {
      const segments = item.segments.slice();
      segments[item.star] = String(i);
      const pointer = toPointer(segments);
      c = { segments, pointer, tail: adTail(pointer, item.group.id) };
      if (i < 4096) item.byIndex[i] = c;
    }
    return c;
  }

  function encryptGeneral(record: Record<string, unknown>): Record<string, unknown> {
    const rid = recordIdOf(record, ridSegments);
    const out = copyRecord(record);
    const copied = new Set<unknown>();
    copied.add(out);
    // Blind indexes are computed on the clear values, before they are replaced.
    let indexes: Record<string, string> | undefined;
    if (bi) {
      indexes = {};
      for (const segs of bi.paths) {
        for (const concrete of expand(record, segs)) {
          const p = toPointer(concrete);
          const v = valueAt(record, concrete);
          if (v === null) continue;
          indexes[p] = macText
            ? macText(bi.key, blindIndexInput(std, p, bi.normalize(v)), 16)
            : blindIndex(suite, bi.key, std, p, v, bi.normalize);
        }
      }
    }
    const paths: string[][] = groupOrder.map(() => []);
    const done = dedupe ? new Set<string>() : undefined;
    const s = sealer;
    s.begin(groupOrder.length, AD_HEAD + rid);
    const info: EncryptedFieldsInfo = { v: 1, suite: suite.id, std, rid, groups: [], keks: {} };
    try {
      // Fields are queued, sealed together by finish(), then put in place: the values are read from
      // the caller's record, the markers written into the copy.
      const sealed: (readonly string[])[] = [];
      const one = (concrete: readonly string[], p: string, v: unknown, gi: number, tail: Uint8Array) => {
        if (done) {
          if (done.has(p)) return;
          done.add(p);
        }
        s.seal(gi, v, tail, markers[gi]!);
        sealed.push(concrete);
        paths[gi]!.push(p);
      };
      for (const item of plan) {
        // The common wildcard, one `*` over an array: the i-th item's concrete path, pointer and
        // associated-data tail depend only on i, so they are made once per encryptor.
        const items = item.star >= 0 ? getAt(record, item.before) : undefined;
        if (Array.isArray(items)) {
          for (let i = 0; i < items.length; i++) {
            const c = itemAt(item, i);
            if (present(record, c.segments))
              one(c.segments, c.pointer, valueAt(record, c.segments), item.groupIndex, c.tail);
          }
        } else if (item.wildcard) {
          for (const concrete of expand(record, item.segments)) {
            const p = toPointer(concrete);
            one(concrete, p, valueAt(record, concrete), item.groupIndex, adTail(p, item.group.id));
          }
        } else if (present(record, item.segments)) {
          one(item.segments, item.pointer, valueAt(record, item.segments), item.groupIndex, item.tail!);
        }
      }
      for (let i = 0; i < groupOrder.length; i++) {
        const ps = paths[i]!;
        if (ps.length > 0) s.wrap(i, groupOrder[i]!.kek, dataKeyAdText(rid, std, groupOrder[i]!.id, ps));
      }
      const results = s.finish();
      for (let j = 0; j < sealed.length; j++) setAt(out, sealed[j]!, { 'gds:enc': results[j] }, copied);
      addGroups(info, paths, results, sealed.length);
    } finally {
      s.end();
    }
    if (indexes) info.bi = indexes;
    out[FIELDS_MEMBER] = info;
    return out;
  }

  function encryptFast(record: Record<string, unknown>, s: RecordSealer): Record<string, unknown> {
    const rid = recordIdOf(record, ridSegments);
    const out = copyRecord(record);
    const groupCount = groupOrder.length;
    const paths: string[][] = new Array(groupCount);
    for (let i = 0; i < groupCount; i++) paths[i] = [];
    const done = overlap ? new Set<string>() : undefined;
    const info: EncryptedFieldsInfo = { v: 1, suite: suite.id, std, rid, groups: [], keks: {} };
    let indexes: Record<string, string> | undefined;
    const indexed: string[] = [];
    s.begin(groupCount, rid);
    try {
      // Blind indexes of the clear values, queued first; the record itself is only read.
      if (bi) {
        for (const b of biPlan) {
          if (b.wildcard) {
            for (const concrete of expand(record, b.segments)) {
              const v = valueAt(record, concrete);
              if (v === null) continue;
              const p = toPointer(concrete);
              s.mac(bi.key, utf8(blindIndexInput(std, p, '')), `${bi.normalize(v)}`);
              indexed.push(p);
            }
          } else {
            const v = walk(record, b.segments, 0);
            if (v === undefined || v === null) continue;
            s.mac(bi.key, b.prefix, `${bi.normalize(v)}`);
            indexed.push(b.pointer);
          }
        }
      }
      for (const item of plan) {
        const gi = item.groupIndex;
        const marker = markers[gi]!;
        const fixed = tailFixed[gi]!;
        const ps = paths[gi]!;
        const items = item.star >= 0 ? getAt(record, item.before) : undefined;
        if (Array.isArray(items)) {
          for (let i = 0; i < items.length; i++) {
            const c = itemAt(item, i);
            const v = walk(items, c.segments, item.star);
            if (v === undefined) continue;
            if (done) {
              if (done.has(c.pointer)) continue;
              done.add(c.pointer);
            }
            s.seal(gi, v, c.tail, c.tail.length - fixed, marker);
            sealedSegments.push(c.segments);
            ps.push(c.pointer);
          }
        } else if (item.wildcard) {
          for (const concrete of expand(record, item.segments)) {
            const p = toPointer(concrete);
            if (done) {
              if (done.has(p)) continue;
              done.add(p);
            }
            const tail = adTail(p, item.group.id);
            s.seal(gi, valueAt(record, concrete), tail, tail.length - fixed, marker);
            sealedSegments.push(concrete);
            ps.push(p);
          }
        } else {
          const v = walk(record, item.segments, 0);
          if (v === undefined) continue;
          if (done) {
            if (done.has(item.pointer)) continue;
            done.add(item.pointer);
          }
          s.seal(gi, v, item.tail!, item.tail!.length - fixed, marker);
          sealedSegments.push(item.segments);
          ps.push(item.pointer);
        }
      }
      for (let i = 0; i < groupCount; i++) {
        if (paths[i]!.length > 0) s.wrap(i, groupOrder[i]!.kek, adMids[i]!);
      }
      const results = s.finish();
      let r = 0;
      if (bi) {
        indexes = {};
        for (const p of indexed) indexes[p] = results[r++]!;
      }
      if (nested) {
        const copied = new Set<unknown>([out]);
        for (const segs of sealedSegments) setAt(out, segs, { 'gds:enc': results[r++] }, copied);
      } else {
        for (const segs of sealedSegments) put(out, record, segs, { 'gds:enc': results[r++] });
      }
      addGroups(info, paths, results, r);
    } finally {
      s.end();
      sealedSegments.length = 0;
    }
    if (indexes) info.bi = indexes;
    out[FIELDS_MEMBER] = info;
    return out;
  }

  return {
    paths: [...targets.keys()],
    encrypt(record) {
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        throw new GdsCryptoError('GDS_CRYPTO_INVALID_INPUT', '记录必须是对象', 'a record must be an object');
      }
      if (Object.hasOwn(record, FIELDS_MEMBER)) {
        throw new GdsCryptoError(
          'GDS_CRYPTO_INVALID_INPUT',
          '记录已经加密过',
          'the record is already encrypted',
        );
      }
      return rs ? encryptFast(record, rs) : encryptGeneral(record);
    },
  };
}
