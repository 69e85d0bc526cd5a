import { sha256 as portableSha256 } from '@gds/crypto';

/**
 * The RFC 9162 (RFC 6962) tree hash: SHA-256 with domain separation, `leaf = H(0x00 || entry)`,
 * `node = H(0x01 || left || right)`, empty tree = `H("")`.
 *
 * @example
 * ```ts
 * import { defaultMerkleHasher } from '@gds/ledger';
 * const h = defaultMerkleHasher();
 * const root = h.hashChildren(h.hashLeaf(new Uint8Array([1])), h.hashLeaf(new Uint8Array([2])));
 * ```
 */
export interface MerkleHasher {
  /** Output length in bytes (32). */
  readonly size: number;
  /** Root of the empty tree, SHA-256 of no bytes. */
  emptyRoot(): Uint8Array;
  hashLeaf(entry: Uint8Array): Uint8Array;
  hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array;
  /** Optional: writes the node hash into `out` (which may be `left` or `right`), allocating nothing. */
  hashChildrenInto?(left: Uint8Array, right: Uint8Array, out: Uint8Array): void;
}

/**
 * Builds an RFC 9162 tree hasher over any synchronous SHA-256, for example a hardware module's or a
 * test double; `sha256Into`, if given, writes a digest into a caller's buffer and lets proof
 * verification run without allocating. Most callers want {@link defaultMerkleHasher}.
 *
 * @example
 * ```ts
 * import { sha256 } from '@gds/crypto';
 * import { createMerkleHasher } from '@gds/ledger';
 * const hasher = createMerkleHasher(sha256);
 * ```
 */
export function createMerkleHasher(
  sha256: (data: Uint8Array) => Uint8Array,
  sha256Into?: (data: Uint8Array, out: Uint8Array) => void,
): MerkleHasher {
  const children = new Uint8Array(65);
  children[0] = 1;
  let leafScratch = new Uint8Array(64);
  return {
    size: 32,
    emptyRoot: () => sha256(new Uint8Array(0)),
    hashLeaf(entry) {
      if (leafScratch.length < entry.length + 1) leafScratch = new Uint8Array(entry.length + 1);
      leafScratch[0] = 0;
      leafScratch.set(entry, 1);
      return sha256(leafScratch.subarray(0, entry.length + 1));
    },
    hashChildren(left, right) {
      children.set(left, 1);
      children.set(right, 33);
      return sha256(children);
    },
    hashChildrenInto(left, right, out) {
      children.set(left, 1);
      children.set(right, 33);
      if (sha256Into) sha256Into(children, out);
      else out.set(sha256(children));
    },
  };
}

interface NodeCryptoLike {
  hash?: (algorithm: string, data: Uint8Array, encoding: 'latin1') => string;
  createHash: (algorithm: string) => { update(d: Uint8Array): { digest(): Uint8Array } };
}

let cached: MerkleHasher | undefined;

/**
 * The default tree hasher. In Node it hashes with `node:crypto` (OpenSSL, several times faster than
 * JavaScript), found at run time through `process.getBuiltinModule` so that no `node:` import is
 * reachable from this browser-safe entry; elsewhere it uses the portable SHA-256 of `@gds/crypto`.
 * Both give identical hashes.
 *
 * @example
 * ```ts
 * import { defaultMerkleHasher } from '@gds/ledger';
 * const leafHash = defaultMerkleHasher().hashLeaf(new TextEncoder().encode('entry'));
 * ```
 */
export function defaultMerkleHasher(): MerkleHasher {
  if (cached) return cached;
  const nodeCrypto = loadNodeCrypto();
  if (nodeCrypto) {
    const oneShot = nodeCrypto.hash;
    // The one-shot hash() with a latin1 string result, copied into a plain Uint8Array, is several times
    // faster than a Buffer result: no native Buffer allocation and no external memory for the GC.
    // (Plain Uint8Arrays also keep Buffer#slice's shared-memory semantics away from callers.)
    const into = (d: Uint8Array, out: Uint8Array) => {
      const s = oneShot!('sha256', d, 'latin1');
      for (let i = 0; i < 32; i++) out[i] = s.charCodeAt(i);
    };
    const sha = oneShot
      ? (d: Uint8Array) => {
          const out = new Uint8Array(32);
          into(d, out);
          return out;
        }
      : (d: Uint8Array) => {
          const b = nodeCrypto.createHash('sha256').update(d).digest();
          return new Uint8Array(b.buffer, b.byteOffset, b.length);
        };
    cached = createMerkleHasher(sha, oneShot ? into : undefined);
  } else {
    cached = createMerkleHasher(portableSha256);
  }
  return cached;
}

/**
 * The portable (pure JavaScript) hasher, whatever the runtime: for tests that compare both paths.
 *
 * @example
 * ```ts
 * import { defaultMerkleHasher, portableMerkleHasher } from '@gds/ledger';
 * const e = new Uint8Array([1]);
 * portableMerkleHasher().hashLeaf(e); // same bytes as defaultMerkleHasher().hashLeaf(e)
 * ```
 */
export function portableMerkleHasher(): MerkleHasher {
  return createMerkleHasher(portableSha256);
}

function loadNodeCrypto(): NodeCryptoLike | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== 'function') return undefined;
  try {
    const mod = proc.getBuiltinModule('node:crypto') as NodeCryptoLike | undefined;
    return mod && typeof mod.createHash === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
}
