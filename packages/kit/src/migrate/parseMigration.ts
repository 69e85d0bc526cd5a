import { isObject } from '../_internal/fields.js';
import { GdsKitError } from '../errors.js';

/**
 * One step of a migration. Paths are field paths of the diff (`/name`, `/contacts/*\/phone`, `*` for every
 * element of an array). Operations run in order; each reads the record as the previous one left it.
 */
export type MigrationOperation =
  /** Move a value to a new path (a field renamed, or moved into an object). */
  | { op: 'rename'; from: string; to: string }
  /** Drop a field that no longer exists. */
  | { op: 'remove'; path: string }
  /** Give a field a value: always, or only when absent (`ifMissing`), e.g. a new required field. */
  | { op: 'set'; path: string; value: unknown; ifMissing?: boolean }
  /** Replace codes of a field by others (a code list revised); codes not in `map` are kept. */
  | { op: 'recode'; path: string; map: Readonly<Record<string, string>> }
  /**
   * A code list split in several: the value of `from` goes to the target whose `map` lists its code,
   * translated; `from` is removed. An unlisted code is an issue, not a guess.
   */
  | {
      op: 'split';
      from: string;
      into: ReadonlyArray<{ path: string; map: Readonly<Record<string, string>> }>;
    }
  /** Wrap a scalar into a one-element array of objects: `{ to: [{ [key]: value, ...with }] }`. */
  | { op: 'wrap'; from: string; to: string; key: string; with?: Readonly<Record<string, unknown>> };

/**
 * A declarative, language-neutral migration of records from one version of a standard to the next,
 * stored beside the newer version as `schemas/<entity>/<version>/<entity>.migration.json` (so a release
 * freezes it and the release lock covers it). Its JSON Schema is `standards/compat/migration.schema.json`.
 */
export interface Migration {
  entity: string;
  from: string;
  /** The newer version; `next` while it is a draft (the release writes the version). */
  to: string;
  description?: { zh: string; en: string };
  operations: MigrationOperation[];
}

const OPS: Record<string, string[]> = {
  rename: ['from', 'to'],
  remove: ['path'],
  set: ['path'],
  recode: ['path', 'map'],
  split: ['from', 'into'],
  wrap: ['from', 'to', 'key'],
};

/**
 * Checks the shape of a migration document and returns it typed; throws `GDS_KIT_INVALID_MIGRATION`
 * naming the first problem (a migration is normative, written by the standards body).
 *
 * @example
 * ```ts
 * import { parseMigration } from '@gds/kit';
 * parseMigration({ entity: 'person', from: '1.1.0', to: 'next', operations: [{ op: 'rename', from: '/phone', to: '/mobile' }] });
 * ```
 */
export function parseMigration(doc: unknown, source = 'migration'): Migration {
  const fail = (zh: string, en: string): never => {
    throw new GdsKitError('GDS_KIT_INVALID_MIGRATION', `${source}：${zh}`, `${source}: ${en}`);
  };
  if (!isObject(doc)) return fail('不是 JSON 对象', 'not a JSON object');
  for (const key of ['entity', 'from', 'to'] as const) {
    if (typeof doc[key] !== 'string') fail(`缺少 ${key}`, `missing ${key}`);
  }
  if (!Array.isArray(doc.operations)) return fail('缺少 operations 数组', 'missing the operations array');
  doc.operations.forEach((op, i) => {
    if (!isObject(op) || typeof op.op !== 'string' || !(op.op in OPS)) {
      fail(`第 ${i + 1} 个操作未知`, `operation ${i + 1}: unknown op ${isObject(op) ? String(op.op) : ''}`);
      return;
    }
    for (const key of OPS[op.op]!) {
      if (op[key] === undefined)
        fail(`第 ${i + 1} 个操作 ${op.op} 缺少 ${key}`, `operation ${i + 1} (${op.op}): missing ${key}`);
    }
    if (op.op === 'set' && !('value' in op))
      fail(`第 ${i + 1} 个操作 set 缺少 value`, `operation ${i + 1} (set): missing value`);
  });
  return doc as unknown as Migration;
}
