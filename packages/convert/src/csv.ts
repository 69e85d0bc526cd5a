export { type CsvWriterOptions, createCsvWriter } from './csv/createCsvWriter.js';
export type { CsvReaderOptions } from './csv/readCsv.js';
export { readCsv } from './csv/readCsv.js';
