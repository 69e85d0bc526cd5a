export type { GdsErrorKind, GdsErrorOptions } from './errors.js';
export { GdsError, isGdsError } from './errors.js';
