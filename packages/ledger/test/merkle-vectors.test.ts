// Conformance: transparency-dev/merkle testdata (inclusion/, consistency/) and testonly/constants.go
// roots, read from the shared vectors folder (see ../shared/vectors/README.md), never copied here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  MerkleTree,
  portableMerkleHasher,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from '@gds/ledger';
import { describe, expect, it } from 'vitest';
import { vectorPath } from './_vectors.js';

const merkle = vectorPath('merkle');
// Some vectors hold 2^64 - 1 (an index minus one): parse integers beyond 2^53 as bigint, never rounded.
const parse = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8').replace(/(:\s*)(\d{16,})/g, '$1"$2"'), (_k, v) =>
    typeof v === 'string' && /^\d{16,}$/.test(v) ? BigInt(v) : v,
  );
const b64 = (s: string | null | undefined) => new Uint8Array(Buffer.from(s ?? '', 'base64'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : name.endsWith('.json') ? [p] : [];
  });
}

describe.skipIf(!merkle)(
  `RFC 9162 vectors ${merkle ? '' : '(skipped: ../shared/vectors not found; set GDS_VECTORS)'}`,
  () => {
    const dir = merkle!;

    it('reproduces every root of tree-roots.json, with both hashers', () => {
      const data = JSON.parse(readFileSync(join(dir, 'tree-roots.json'), 'utf8'));
      for (const tree of [new MerkleTree(), new MerkleTree(portableMerkleHasher())]) {
        expect(Buffer.from(tree.root()).toString('hex')).toBe(data.rootHashes[0]);
        data.leafInputs.forEach((hex: string, i: number) => {
          tree.append(new Uint8Array(Buffer.from(hex, 'hex')));
          expect(Buffer.from(tree.root()).toString('hex'), `root of size ${i + 1}`).toBe(
            data.rootHashes[i + 1],
          );
        });
        // Historical roots from the same tree, not only the latest one.
        data.rootHashes.forEach((hex: string, n: number) => {
          expect(Buffer.from(tree.root(n)).toString('hex')).toBe(hex);
        });
      }
    });

    const inclusion = files(join(dir, 'inclusion'));
    const consistency = files(join(dir, 'consistency'));

    it('has the expected vector files', () => {
      expect(inclusion.length).toBeGreaterThan(50);
      expect(consistency.length).toBeGreaterThan(50);
    });

    it.each(inclusion.map((f) => [relative(dir, f), f]))('inclusion %s', (_name, file) => {
      const v = parse(file);
      const r = verifyInclusion(
        v.leafIdx,
        v.treeSize,
        b64(v.leafHash),
        (v.proof ?? []).map(b64),
        b64(v.root),
      );
      expect(r.valid, v.desc).toBe(!v.wantErr);
    });

    it.each(consistency.map((f) => [relative(dir, f), f]))('consistency %s', (_name, file) => {
      const v = parse(file);
      const r = verifyConsistency(v.size1, v.size2, (v.proof ?? []).map(b64), b64(v.root1), b64(v.root2));
      expect(r.valid, v.desc).toBe(!v.wantErr);
    });

    // Subtree proofs (draft-ietf-plants-merkle-tree-certs 4.3, 4.4), vectors from the same repository.
    const subInclusion = files(join(dir, 'subtreeinclusion'));
    const subConsistency = files(join(dir, 'subtreeconsistency'));

    it.each(subInclusion.map((f) => [relative(dir, f), f]))('subtree inclusion %s', (_name, file) => {
      const v = parse(file);
      const r = verifySubtreeInclusion(
        v.leafIdx,
        v.start,
        v.end,
        b64(v.leafHash),
        (v.proof ?? []).map(b64),
        b64(v.root),
      );
      expect(r.valid, v.desc).toBe(!v.wantErr);
    });

    it.each(subConsistency.map((f) => [relative(dir, f), f]))('subtree consistency %s', (_name, file) => {
      const v = parse(file);
      const r = verifySubtreeConsistency(
        v.start,
        v.end,
        v.size,
        (v.proof ?? []).map(b64),
        b64(v.root1),
        b64(v.root2),
      );
      expect(r.valid, v.desc).toBe(!v.wantErr);
    });

    it('generates the same proofs as the happy-path vectors', () => {
      const data = JSON.parse(readFileSync(join(dir, 'tree-roots.json'), 'utf8'));
      const tree = new MerkleTree();
      for (const hex of data.leafInputs) tree.append(new Uint8Array(Buffer.from(hex, 'hex')));
      let checked = 0;
      for (const f of [...inclusion, ...consistency].filter((f) => f.endsWith('happy-path.json'))) {
        const v = JSON.parse(readFileSync(f, 'utf8'));
        if ('leafIdx' in v && v.treeSize <= tree.size && v.leafIdx < v.treeSize) {
          const want = (v.proof ?? []).map((p: string) => p);
          const got = tree
            .inclusionProof(v.leafIdx, v.treeSize)
            .map((p) => Buffer.from(p).toString('base64'));
          if (Buffer.from(tree.root(v.treeSize)).toString('base64') === v.root) {
            expect(got).toEqual(want);
            checked++;
          }
        } else if (
          'size1' in v &&
          v.size2 <= tree.size &&
          Buffer.from(tree.root(v.size2)).toString('base64') === v.root2
        ) {
          const got = tree.consistencyProof(v.size1, v.size2).map((p) => Buffer.from(p).toString('base64'));
          expect(got).toEqual(v.proof ?? []);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  },
);
