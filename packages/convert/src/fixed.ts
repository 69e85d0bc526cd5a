export { type FixedColumn, type FixedReaderOptions, readFixed } from './fixed/readFixed.js';
