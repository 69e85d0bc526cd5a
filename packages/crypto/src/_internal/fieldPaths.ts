import { GdsCryptoError } from '../errors.js';

/** Splits a JSON pointer (`/a/0/b`) or a dotted path (`a.0.b`, `a[0].b`, `a.*.b`) into segments. */
export function parsePath(path: string): string[] {
  if (typeof path !== 'string' || path === '') {
    throw new GdsCryptoError(
      'GDS_CRYPTO_INVALID_INPUT',
      '字段路径不能为空',
      'a field path must not be empty',
    );
  }
  if (path.startsWith('/')) {
    return path
      .slice(1)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return path.replace(/\[(\d+|\*)\]/g, '.$1').split('.');
}

export function toPointer(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) out += `/${escapeSegment(s)}`;
  return out;
}

// Most segments (member names, array indexes) have nothing to escape: test before replacing.
function escapeSegment(s: string): string {
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

/** Concrete pointers of the values a (possibly wildcarded) path selects in `value`. */
export function expand(
  value: unknown,
  segments: readonly string[],
  at = 0,
  prefix: string[] = [],
): string[][] {
  if (at === segments.length) return value === undefined ? [] : [prefix];
  if (typeof value !== 'object' || value === null) return [];
  const seg = segments[at]!;
  if (seg === '*') {
    const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
    const out: string[][] = [];
    for (const k of keys) {
      for (const c of expand((value as Record<string, unknown>)[k], segments, at + 1, [...prefix, k]))
        out.push(c);
    }
    return out;
  }
  if (!Object.hasOwn(value, seg)) return [];
  return expand((value as Record<string, unknown>)[seg], segments, at + 1, [...prefix, seg]);
}

export function getAt(value: unknown, segments: readonly string[]): unknown {
  let v = value;
  for (const s of segments) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, s)) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

/** Sets a value in a copy-on-write way: containers along the path are copied once (tracked in `copied`). */
export function setAt(
  root: Record<string, unknown>,
  segments: readonly string[],
  v: unknown,
  copied: Set<unknown>,
): void {
  let node: Record<string, unknown> = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const s = segments[i]!;
    let child = node[s] as Record<string, unknown>;
    if (!copied.has(child)) {
      child = (Array.isArray(child) ? [...child] : { ...child }) as Record<string, unknown>;
      copied.add(child);
      node[s] = child;
    }
    node = child;
  }
  node[segments[segments.length - 1]!] = v;
}
