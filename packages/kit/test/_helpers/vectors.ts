import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Vectors live outside the repository (../shared/vectors from the repo root, or $GDS_VECTORS). When they
// are absent a conformance suite is skipped with a visible reason, unless GDS_REQUIRE_VECTORS=1.
const repoRoot = resolve(import.meta.dirname, '../../../..');
export const vectorsDir = process.env.GDS_VECTORS ?? resolve(repoRoot, '../shared/vectors');

export function vectorPath(...parts: string[]): string | undefined {
  const p = join(vectorsDir, ...parts);
  if (existsSync(p)) return p;
  if (process.env.GDS_REQUIRE_VECTORS === '1') {
    throw new Error(`GDS_REQUIRE_VECTORS=1 but the vectors are missing: ${p}`);
  }
  return undefined;
}

export function skipReason(...parts: string[]): string {
  return `vectors not found at ${join(vectorsDir, ...parts)} (set GDS_VECTORS)`;
}
