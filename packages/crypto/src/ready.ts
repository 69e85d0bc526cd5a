import { loadSodium } from './_internal/sodium.js';

/**
 * Loads and initialises libsodium once (later calls return the same promise). The async functions of
 * this package call it themselves; call it yourself only before using a `*Sync` variant.
 *
 * @example
 * ```ts
 * import { ready, ed25519SignSync } from '@gds/crypto';
 * await ready();
 * const signature = ed25519SignSync(message, secretKey);
 * ```
 */
export async function ready(): Promise<void> {
  await loadSodium();
}
