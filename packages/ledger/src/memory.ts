import { HashArray } from './_internal/hashArray.js';
import { closed, conflict, missingNode } from './_internal/storeErrors.js';
import type { AppendBatch, LogStore, StoredCheckpoint } from './LogStore.js';

/**
 * A {@link LogStore} in memory: for tests, browsers and short-lived tools. Hashes live in flat
 * buffers (about 64 bytes per entry plus the entries themselves). Nothing survives the process.
 *
 * @example
 * ```ts
 * import { Log } from '@gds/ledger';
 * import { createMemoryStore } from '@gds/ledger/memory';
 * const log = await Log.open(createMemoryStore());
 * await log.append(new Uint8Array(32));
 * ```
 */
export function createMemoryStore(): LogStore {
  const entries: Uint8Array[] = [];
  const levels: HashArray[] = [new HashArray()];
  const checkpoints = new Map<number, string>();
  let latest: StoredCheckpoint | undefined;
  let open = true;

  const check = () => {
    if (!open) throw closed();
  };

  return {
    kind: 'memory',
    async size() {
      check();
      return entries.length;
    },
    async append(batch: AppendBatch) {
      check();
      if (batch.start !== entries.length) throw conflict(batch.start, entries.length);
      // Validate before mutating so a refused batch leaves nothing behind (atomicity).
      const next = levels.map((lv) => lv.length);
      next[0] = entries.length + batch.entries.length;
      for (const n of batch.nodes) {
        const want = next[n.level] ?? 0;
        if (n.level < 1 || n.index !== want) throw missingNode(n.level, want);
        next[n.level] = want + 1;
      }
      for (let i = 0; i < batch.entries.length; i++) {
        entries.push(batch.entries[i]!.slice());
        levels[0]!.push(batch.leafHashes[i]!);
      }
      for (const n of batch.nodes) {
        while (levels.length <= n.level) levels.push(new HashArray());
        levels[n.level]!.push(n.hash);
      }
      if (batch.checkpoint) put(batch.checkpoint);
    },
    async readNodes(keys) {
      check();
      return keys.map(([level, index]) => {
        const lv = levels[level];
        if (!lv || index >= lv.length) throw missingNode(level, index);
        return lv.get(index).slice();
      });
    },
    async readEntries(start, end) {
      check();
      return entries.slice(start, end).map((e) => e.slice());
    },
    async putCheckpoint(cp) {
      check();
      put(cp);
    },
    async latestCheckpoint() {
      check();
      return latest ? { ...latest } : undefined;
    },
    async close() {
      open = false;
    },
  };

  function put(cp: StoredCheckpoint) {
    checkpoints.set(cp.size, cp.note);
    if (!latest || cp.size >= latest.size) latest = { size: cp.size, note: cp.note };
  }
}
