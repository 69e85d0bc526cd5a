import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared vectors folder (../shared/vectors from the repo root, or $GDS_VECTORS), if present. */
export function vectorsDir(): string | undefined {
  const dir = process.env.GDS_VECTORS ?? resolve(import.meta.dirname, '../../../../shared/vectors');
  if (existsSync(dir)) return dir;
  if (process.env.GDS_REQUIRE_VECTORS === '1') {
    throw new Error(`conformance vectors required (GDS_REQUIRE_VECTORS=1) but not found at ${dir}`);
  }
  return undefined;
}

export function vectorPath(...parts: string[]): string | undefined {
  const dir = vectorsDir();
  return dir ? join(dir, ...parts) : undefined;
}
