import { Inflate, inflateSync } from 'fflate';
import { GdsConvertError } from '../errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const fail = (why: string) =>
  new GdsConvertError(
    'GDS_CONVERT_UNREADABLE_INPUT',
    `不是有效的 XLSX（ZIP）文件：${why}`,
    `not a valid XLSX (ZIP) file: ${why}`,
  );

/** Reads a ZIP archive's central directory (ZIP64 is not needed for spreadsheets under 4 GB). */
export function readZipDirectory(zip: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fail('end of central directory not found');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== 0x02014b50) throw fail('broken central directory');
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const name = names.decode(zip.subarray(p + 46, p + 46 + nameLen));
    entries.set(name.replace(/^\//, ''), {
      name,
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryData(zip: Uint8Array, e: ZipEntry): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  if (view.getUint32(e.localOffset, true) !== 0x04034b50) throw fail(`bad local header for ${e.name}`);
  const start =
    e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
  return zip.subarray(start, start + e.compressedSize);
}

/** Decompresses one entry whole (small parts: workbook, styles, shared strings). */
export function inflateEntry(zip: Uint8Array, e: ZipEntry): Uint8Array {
  const data = entryData(zip, e);
  if (e.method === 0) return data;
  if (e.method !== 8) throw fail(`unsupported compression method ${e.method}`);
  return inflateSync(data);
}

/** Decompresses one entry in slices, handing each decoded text slice to `onText` (sheets stream this way). */
export function* streamEntryText(zip: Uint8Array, e: ZipEntry): Generator<string> {
  const data = entryData(zip, e);
  const decoder = new TextDecoder('utf-8');
  const SLICE = 1 << 16;
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += SLICE) {
      yield decoder.decode(data.subarray(i, i + SLICE), { stream: i + SLICE < data.length });
    }
    return;
  }
  if (e.method !== 8) throw fail(`unsupported compression method ${e.method}`);
  const texts: string[] = [];
  const inflate = new Inflate((chunk, final) => {
    texts.push(decoder.decode(chunk, { stream: !final }));
  });
  for (let i = 0; i < data.length; i += SLICE) {
    inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
    yield* texts.splice(0);
  }
  if (data.length === 0) inflate.push(new Uint8Array(0), true);
  yield* texts.splice(0);
}
