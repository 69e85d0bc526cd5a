import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listEntities, listVersions, type StandardsLocation, standardsDir } from '@gds/standards/fs';
import { GdsKitError } from '../errors.js';
import { isObject } from './fields.js';

export interface LockFile {
  files: Record<string, string>;
}

export function lockPath(location: StandardsLocation = {}): string {
  return join(location.root ?? standardsDir(), 'releases.lock.json');
}

export function hashFile(path: string): string {
  return `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
}

function walk(dir: string, prefix: string, out: Map<string, string>) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) walk(full, rel, out);
    else if (entry.isFile()) out.set(rel, hashFile(full));
  }
}

/** Hashes of every file in a released version folder, keyed by path relative to the standards folder. */
export function hashReleasedFiles(
  location: StandardsLocation = {},
  only?: { entity: string; version: string },
): Map<string, string> {
  const root = location.root ?? standardsDir();
  const out = new Map<string, string>();
  for (const entity of only ? [only.entity] : listEntities(location)) {
    for (const version of only ? [only.version] : listVersions(entity, location)) {
      if (version === 'next') continue;
      walk(join(root, 'schemas', entity, version), `schemas/${entity}/${version}`, out);
    }
  }
  return out;
}

export function readLockFile(location: StandardsLocation = {}): LockFile {
  const file = lockPath(location);
  if (!existsSync(file)) return { files: {} };
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new GdsKitError('GDS_KIT_LOCK_MISMATCH', `${file} 不是合法的 JSON`, `${file} is not valid JSON`, {
      cause,
    });
  }
  if (!isObject(doc) || !isObject(doc.files)) {
    throw new GdsKitError('GDS_KIT_LOCK_MISMATCH', `${file} 缺少 files`, `${file}: missing files`);
  }
  return { files: doc.files as Record<string, string> };
}

export function writeLockFile(lock: LockFile, location: StandardsLocation = {}): void {
  const files = Object.fromEntries(
    Object.entries(lock.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const doc = {
    $comment:
      '由 gds standards release 写入，请勿手工修改（written by gds standards release; do not edit). SHA-256 of every released file: a released version is immutable and CI fails when one changes.',
    lockfileVersion: 1,
    files,
  };
  writeFileSync(lockPath(location), `${JSON.stringify(doc, null, 2)}\n`);
}
