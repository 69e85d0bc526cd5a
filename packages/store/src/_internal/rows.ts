import { canonicalize, sha256 } from '@gds/crypto';
import type { GoldenRecord, Provenance } from '../GoldenRecord.js';
import type { FieldChange, GoldenRow } from '../StoreAdapter.js';
import { isPlainObject } from './fieldTree.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const enc = new TextEncoder();

export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX[b];
  return s;
}

export function sha256Hex(text: string): string {
  return hex(sha256(enc.encode(text)));
}

export function canon(v: unknown): string {
  return canonicalize(v as never);
}

/** The golden id of an entity's match key: stable, and it reveals neither the key nor the entity. */
export function goldenId(entity: string, key: string): string {
  return `g${sha256Hex(`GDS-GOLDEN/v1\u0000${entity}\u0000${key}`).slice(0, 31)}`;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The administrative division code of a record (person 1.x `residence`, 2.0 `currentResidence`, …). */
export function divisionOf(record: Record<string, unknown>): string | undefined {
  const direct = str(record.divisionCode) ?? str(record.registrationDivision);
  if (direct) return direct;
  for (const k of ['residence', 'currentResidence', 'address', 'location', 'registeredResidence']) {
    const a = record[k];
    if (isPlainObject(a) && str(a.divisionCode)) return a.divisionCode as string;
  }
  return undefined;
}

/** The grid code of a record, when it has one. */
export function gridOf(entity: string, record: Record<string, unknown>): string | undefined {
  if (entity === 'grid') return str(record.code);
  const direct = str(record.gridCode);
  if (direct) return direct;
  for (const k of ['residence', 'currentResidence', 'address', 'location']) {
    const a = record[k];
    if (isPlainObject(a) && str(a.gridCode)) return a.gridCode as string;
  }
  return undefined;
}

function at(record: Record<string, unknown>, path: string): unknown {
  let v: unknown = record;
  for (const s of path.split('/').slice(1)) {
    if (!isPlainObject(v)) return undefined;
    v = v[s];
  }
  return v;
}

/** The same state: record, provenance and sources, byte for byte in canonical form. */
export function sameState(a: GoldenRow | undefined, b: GoldenRecord): boolean {
  if (!a || a.withdrawn) return false;
  return (
    canon(a.record) === canon(b.record) &&
    canon(a.provenance) === canon(b.provenance) &&
    canon(a.sources) === canon(b.sources)
  );
}

/**
 * Field-level changes from one state to the next, in path order: a value that changed, appeared or
 * went, or the same value now standing on another source. The same source re-asserting a value with a
 * newer time is no change.
 */
export function diff(
  before: { record: Record<string, unknown>; provenance: Record<string, Provenance> } | undefined,
  after: { record: Record<string, unknown>; provenance: Record<string, Provenance> } | undefined,
): FieldChange[] {
  const paths = new Set([...Object.keys(before?.provenance ?? {}), ...Object.keys(after?.provenance ?? {})]);
  const out: FieldChange[] = [];
  const source = (p: Provenance | undefined) =>
    p ? `${p.department}\u0000${p.system ?? ''}\u0000${p.recordId ?? ''}` : '';
  for (const path of [...paths].sort()) {
    const bp = before?.provenance[path];
    const ap = after?.provenance[path];
    const b = bp ? at(before!.record, path) : undefined;
    const a = ap ? at(after!.record, path) : undefined;
    const sameValue = (b === undefined) === (a === undefined) && (a === undefined || canon(a) === canon(b));
    if (sameValue && source(ap) === source(bp)) continue;
    const c: FieldChange = { path };
    if (b !== undefined) c.before = b;
    if (a !== undefined) c.after = a;
    if (ap) c.provenance = ap;
    out.push(c);
  }
  return out;
}

/** 128 random bits as hex: correction ids. Web Crypto exists in Node >= 20 and browsers. */
export function randomHex(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  return hex(b);
}
