// A growable array of fixed-size hashes in large chunks: a million leaves cost 64 MB of plain bytes
// instead of two million small objects for the garbage collector to trace.
const CHUNK = 8192;

export class HashArray {
  private readonly chunks: Uint8Array[] = [];
  length = 0;
  constructor(private readonly width = 32) {}

  push(hash: Uint8Array): void {
    const c = Math.floor(this.length / CHUNK);
    if (c === this.chunks.length) this.chunks.push(new Uint8Array(CHUNK * this.width));
    this.chunks[c]!.set(hash, (this.length % CHUNK) * this.width);
    this.length++;
  }

  get(i: number): Uint8Array {
    const o = (i % CHUNK) * this.width;
    return this.chunks[Math.floor(i / CHUNK)]!.subarray(o, o + this.width);
  }

  truncate(length: number): void {
    this.length = Math.min(this.length, length);
    this.chunks.length = Math.ceil(this.length / CHUNK);
  }
}
