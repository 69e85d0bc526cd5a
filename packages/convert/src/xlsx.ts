export { createXlsxWriter, type XlsxWriterOptions } from './xlsx/createXlsxWriter.js';
export type { XlsxReaderOptions } from './xlsx/readXlsx.js';
export { readXlsx } from './xlsx/readXlsx.js';
