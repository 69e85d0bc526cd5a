import type { ByteSource } from '../record.js';

const SLICE = 1 << 16;

/** Iterates a byte source as chunks; a whole buffer is sliced so that downstream work stays incremental. */
export async function* byteChunks(
  source: ByteSource,
  onBytes?: (chunk: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += SLICE) {
      const c = source.subarray(i, Math.min(source.length, i + SLICE));
      onBytes?.(c);
      yield c;
    }
    return;
  }
  for await (const c of source as AsyncIterable<Uint8Array>) {
    // Node streams may yield strings when an encoding was set on them; the caller asked for bytes.
    const chunk = typeof c === 'string' ? new TextEncoder().encode(c) : c;
    if (chunk.length === 0) continue;
    onBytes?.(chunk);
    yield chunk;
  }
}

/** Concatenates chunks into one buffer. */
export function concatBytes(parts: readonly Uint8Array[], total?: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const size = total ?? parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Reads a whole byte source into one buffer (formats that need random access: XLSX, JSON). */
export async function readAllBytes(
  source: ByteSource,
  onBytes?: (chunk: Uint8Array) => void,
): Promise<Uint8Array> {
  if (source instanceof Uint8Array) {
    onBytes?.(source);
    return source;
  }
  const parts: Uint8Array[] = [];
  for await (const c of byteChunks(source, onBytes)) parts.push(c);
  return concatBytes(parts);
}

/** Bytes as `0x81 0x20`, for messages. */
export function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
}
