export { type ConvertStreamOptions, convertStream } from './node/convertStream.js';
export { createSourceWriter, type SourceWriterOptions } from './node/createSourceWriter.js';
export { type ExportStreamOptions, type ExportSummary, exportStream } from './node/exportStream.js';
export { type LoadedMapping, loadMapping } from './node/loadMapping.js';
export { openReader } from './node/openReader.js';
