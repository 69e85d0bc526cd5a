import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { GdsStoreError } from '../errors.js';
import type { Submission } from '../Submission.js';

/**
 * A {@link Submission} read from an NDJSON file (as `gds convert` writes accepted records): the file's
 * SHA-256 is computed first, then its records stream, one JSON object per line (blank lines skipped).
 * A line that is not JSON throws `GDS_STORE_INVALID_INPUT` naming the line, and the ingest under way
 * stores nothing. Throws `GDS_STORE_IO` when the file cannot be read.
 *
 * @example
 * ```ts
 * import { openStore } from '@gds/store';
 * import { submissionFromFile } from '@gds/store/node';
 * import { createSqliteAdapter } from '@gds/store/sqlite';
 * const store = openStore(createSqliteAdapter());
 * await store.ingest(await submissionFromFile('police.ndjson', {
 *   department: 'public-security', system: 'hukou', standard: 'person', version: '1.1.0',
 *   exportedAt: '2026-06-30T18:00:00Z', mode: 'full',
 * }));
 * ```
 */
export async function submissionFromFile(
  path: string,
  facts: Omit<Submission, 'records' | 'fileSha256'> & { fileSha256?: string },
): Promise<Submission> {
  let fileSha256 = facts.fileSha256;
  if (fileSha256 === undefined) {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    } catch (cause) {
      throw new GdsStoreError('GDS_STORE_IO', `无法读取 ${path}`, `cannot read ${path}`, { cause });
    }
    fileSha256 = hash.digest('hex');
  }
  return { ...facts, fileSha256, records: ndjsonRecords(path) };
}

async function* ndjsonRecords(path: string): AsyncGenerator<unknown> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  try {
    for await (let line of lines) {
      n++;
      if (n === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      if (line.trim() === '') continue;
      try {
        yield JSON.parse(line);
      } catch (cause) {
        throw new GdsStoreError(
          'GDS_STORE_INVALID_INPUT',
          `${path} 第 ${n} 行不是 JSON`,
          `${path} line ${n} is not JSON`,
          { cause },
        );
      }
    }
  } catch (cause) {
    if (cause instanceof GdsStoreError) throw cause;
    throw new GdsStoreError('GDS_STORE_IO', `无法读取 ${path}`, `cannot read ${path}`, { cause });
  } finally {
    lines.close();
  }
}
