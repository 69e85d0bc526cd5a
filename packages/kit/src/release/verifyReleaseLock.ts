import type { StandardsLocation } from '@gds/standards/fs';
import { hashReleasedFiles, readLockFile } from '../_internal/lock.js';

/** One way the released files disagree with `standards/releases.lock.json`. */
export interface ReleaseLockProblem {
  /** Path relative to the standards folder, `/`-separated. */
  file: string;
  /** modified: hash differs; missing: locked but gone; unlocked: a released file the lock does not know. */
  kind: 'modified' | 'missing' | 'unlocked';
  expected?: string;
  actual?: string;
  messageZh: string;
  messageEn: string;
}

/** The outcome of {@link verifyReleaseLock}. */
export interface ReleaseLockReport {
  ok: boolean;
  /** How many files the lock lists. */
  locked: number;
  problems: ReleaseLockProblem[];
}

/**
 * Checks every released file (everything under `schemas/<entity>/<version>/` except the `next` draft:
 * schema, code list copies, migration, examples) against the SHA-256 recorded in
 * `standards/releases.lock.json`. A released version is immutable: CI runs this and fails on any edit,
 * deletion or file added to a released folder behind the release tool's back.
 *
 * @example
 * ```ts
 * import { verifyReleaseLock } from '@gds/kit';
 * const report = verifyReleaseLock();
 * if (!report.ok) report.problems.map((p) => `${p.kind} ${p.file}`);
 * ```
 */
export function verifyReleaseLock(location: StandardsLocation = {}): ReleaseLockReport {
  const lock = readLockFile(location);
  const actual = hashReleasedFiles(location);
  const problems: ReleaseLockProblem[] = [];
  for (const [file, expected] of Object.entries(lock.files)) {
    const got = actual.get(file);
    if (got === undefined) {
      problems.push({
        file,
        kind: 'missing',
        expected,
        messageZh: `已发布文件被删除：${file}`,
        messageEn: `released file deleted: ${file}`,
      });
    } else if (got !== expected) {
      problems.push({
        file,
        kind: 'modified',
        expected,
        actual: got,
        messageZh: `已发布文件被修改：${file}；已发布的版本不可更改，请在 next/ 草案中修改并发布新版本`,
        messageEn: `released file modified: ${file}; released versions are immutable, change the next/ draft and release a new version`,
      });
    }
  }
  for (const [file, hash] of actual) {
    if (!(file in lock.files)) {
      problems.push({
        file,
        kind: 'unlocked',
        actual: hash,
        messageZh: `已发布目录中的文件未记录在 releases.lock.json：${file}；请用 gds standards release 发布`,
        messageEn: `file in a released folder not in releases.lock.json: ${file}; release with gds standards release`,
      });
    }
  }
  return { ok: problems.length === 0, locked: Object.keys(lock.files).length, problems };
}
