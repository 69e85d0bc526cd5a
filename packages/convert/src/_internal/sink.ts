import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** Where output bytes go. */
export type Sink = (chunk: Uint8Array) => void | Promise<void>;

/** A sink writing to a Node stream with backpressure. */
export function streamSink(stream: Writable): Sink {
  return async (chunk) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
}

/** A sink writing to a file, and how to close it. */
export function fileSink(path: string): { sink: Sink; close(): Promise<void> } {
  const ws = createWriteStream(path);
  return {
    sink: streamSink(ws),
    close: () =>
      new Promise((resolve, reject) => {
        ws.on('error', reject);
        ws.end(() => resolve());
      }),
  };
}

/** Batches small strings into larger chunks before handing them to a sink. */
export class TextBatcher {
  private parts: string[] = [];
  private size = 0;
  private readonly enc = new TextEncoder();
  constructor(
    private readonly sink: Sink,
    private readonly limit = 1 << 18,
  ) {}
  add(s: string): Promise<void> | undefined {
    this.parts.push(s);
    this.size += s.length;
    return this.size >= this.limit ? this.flush() : undefined;
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.sink(this.enc.encode(text));
  }
}
