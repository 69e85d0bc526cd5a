/** Where output bytes go; may return a promise to apply backpressure. */
export type Sink = (chunk: Uint8Array) => void | Promise<void>;

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
