import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** The lines of a UTF-8 file, read in chunks (1 MiB by default): memory does not grow with the file. */
export function* readLines(path: string, chunkBytes = 1 << 20): Generator<string> {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(chunkBytes);
  let carry: Buffer | null = null;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const chunk: Buffer = carry ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      const last = chunk.lastIndexOf(10);
      if (last < 0) {
        carry = Buffer.from(chunk);
        continue;
      }
      const text = chunk.toString('utf8', 0, last);
      carry = last + 1 < chunk.length ? Buffer.from(chunk.subarray(last + 1)) : null;
      yield* text.split('\n');
    }
    if (carry && carry.length > 0) yield carry.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Appends strings to a file through a buffer of `flushAt` characters (default 256 Ki). */
export class BufferedWriter {
  private parts: string[] = [];
  private size = 0;
  private readonly fd: number;
  private readonly flushAt: number;
  constructor(path: string, flushAt = 1 << 18) {
    this.fd = openSync(path, 'w');
    this.flushAt = flushAt;
  }
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > this.flushAt) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** FNV-1a over UTF-16 code units: a stable bucket for a key, the same on every run and platform. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
