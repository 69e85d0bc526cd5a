export type { FileKeyringOptions } from './node/fileKeyring.js';
export { DEFAULT_KEYRING_DIR, loadFileKeyring, saveFileKeyring } from './node/fileKeyring.js';
