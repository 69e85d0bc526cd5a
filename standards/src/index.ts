export type { CodeList, CodeListEntry } from './codelist.js';
export { CODELIST_COLUMNS, parseCodeList } from './codelist.js';
export { parseCsv } from './csv.js';
