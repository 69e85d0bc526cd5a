import { sm2 } from 'sm-crypto-v2';
import { toHex } from './_internal/hex.js';
import { assertPublicKey } from './_internal/sm.js';
import { SM2_DEFAULT_USER_ID } from './smSuite.js';

/**
 * Z_A of GB/T 32918.2-2016 section 5.5: SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), with the default
 * user id unless `userId` is given.
 *
 * @example
 * ```ts
 * import { sm2Za } from '@gds/crypto/sm';
 * const za = sm2Za(publicKey65);
 * ```
 */
export function sm2Za(publicKey: Uint8Array, userId: string = SM2_DEFAULT_USER_ID): Uint8Array {
  assertPublicKey(publicKey);
  return new Uint8Array(sm2.getZ(toHex(publicKey), userId));
}
