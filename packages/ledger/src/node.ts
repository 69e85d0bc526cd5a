import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { fromBase64, toBase64 } from './_internal/bytes.js';
import { storeFailure } from './_internal/storeErrors.js';

export type { NoteKeyFileContent } from './noteKeyFile.js';
export { readNoteKeyFile, writeNoteKeyFile } from './noteKeyFile.js';

import type { Witness, WitnessState, WitnessStateStore } from './Witness.js';
import { sameState } from './Witness.js';

/**
 * A witness state store in one JSON file, written atomically (temporary file, fsync, rename, fsync of
 * the folder) before a cosignature is returned, so a crash never leaves a half-written state or lets a
 * rolled-back checkpoint through after restart. One witness process per file.
 *
 * @example
 * ```ts
 * import { createFileWitnessStateStore } from '@gds/ledger/node';
 * const state = createFileWitnessStateStore('./.gds/witness-state.json');
 * ```
 */
export function createFileWitnessStateStore(path: string): WitnessStateStore {
  // Origins are the keys: a null-prototype table, so that an origin named `__proto__` or `constructor`
  // is an entry like any other (on a plain object one reads Object.prototype, the other is not saved).
  const load = (): Record<string, { size: number; rootHash: string }> => {
    const table = Object.create(null) as Record<string, { size: number; rootHash: string }>;
    try {
      return Object.assign(table, JSON.parse(readFileSync(path, 'utf8')));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return table;
      throw storeFailure(`无法读取见证人状态 ${path}`, `cannot read the witness state ${path}`, e);
    }
  };
  const get = (origin: string): WitnessState | undefined => {
    const s = load()[origin];
    const root = s && fromBase64(s.rootHash);
    return s && root ? { size: s.size, rootHash: root } : undefined;
  };
  return {
    async get(origin) {
      return get(origin);
    },
    async compareAndSwap(origin, expected, next) {
      if (!sameState(get(origin), expected)) return false;
      const all = load();
      all[origin] = { size: next.size, rootHash: toBase64(next.rootHash) };
      try {
        mkdirSync(dirname(path), { recursive: true });
        const tmp = `${path}.tmp`;
        const fd = openSync(tmp, 'w');
        writeSync(fd, `${JSON.stringify(all, null, 2)}\n`);
        fsyncSync(fd);
        closeSync(fd);
        renameSync(tmp, path);
        const dirFd = openSync(dirname(path), 'r');
        fsyncSync(dirFd);
        closeSync(dirFd);
      } catch (e) {
        throw storeFailure(`无法保存见证人状态 ${path}`, `cannot persist the witness state ${path}`, e);
      }
      return true;
    },
  };
}

/**
 * A node:http request handler serving the C2SP tlog-witness `add-checkpoint` endpoint
 * (`POST <prefix>/add-checkpoint`) for a {@link Witness}. Other paths get 404, other methods 405;
 * bodies over 64 KiB get 413.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createWitnessHandler } from '@gds/ledger/node';
 * createServer(createWitnessHandler(witness)).listen(7380);
 * ```
 */
export function createWitnessHandler(
  witness: Witness,
  options: { prefix?: string; maxBody?: number } = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const path = `${options.prefix ?? ''}/add-checkpoint`;
  const maxBody = options.maxBody ?? 64 * 1024;
  return (req, res) => {
    const send = (status: number, contentType: string, body: string) => {
      res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if ((req.url ?? '').split('?')[0] !== path) return send(404, 'text/plain; charset=utf-8', 'not found\n');
    if (req.method !== 'POST') return send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody && !aborted) {
        aborted = true;
        send(413, 'text/plain; charset=utf-8', 'request too large\n');
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (aborted) return;
      witness
        .handle(Buffer.concat(chunks).toString('utf8'))
        .then((r) => send(r.status, r.contentType, r.body))
        .catch(() => send(500, 'text/plain; charset=utf-8', 'internal error\n'));
    });
  };
}
