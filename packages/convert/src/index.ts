export { createNdjsonWriter } from './createNdjsonWriter.js';
export { GdsConvertError, type GdsConvertErrorCode } from './errors.js';
export { type JsonReaderOptions, readJson } from './readJson.js';
export { readNdjson } from './readNdjson.js';
export type {
  ByteSource,
  ReaderOptions,
  SourceInfo,
  SourceReader,
  SourceRecord,
  SourceValue,
} from './record.js';
export type { TableWriter } from './writer.js';
