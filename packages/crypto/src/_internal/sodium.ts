import type sodiumType from 'libsodium-wrappers';
import { GdsCryptoError } from '../errors.js';
import { selectEd25519 } from './ed25519.js';

export type Sodium = typeof sodiumType;

let instance: Sodium | undefined;
let loading: Promise<Sodium> | undefined;

// libsodium is loaded lazily so that importing canonicalize() or sha256() does not pull in the
// (large) libsodium module, and initialised exactly once however many callers race for it.
export function loadSodium(): Promise<Sodium> {
  if (instance) return Promise.resolve(instance);
  loading ??= import('libsodium-wrappers')
    .then(async (mod) => {
      const s = ((mod as { default?: Sodium }).default ?? mod) as Sodium;
      await s.ready;
      await selectEd25519(s);
      instance = s;
      return s;
    })
    .catch((cause: unknown) => {
      loading = undefined;
      throw new GdsCryptoError(
        'GDS_CRYPTO_NOT_READY',
        '无法加载或初始化 libsodium',
        'libsodium could not be loaded or initialised',
        { cause },
      );
    });
  return loading;
}

export function sodiumSync(): Sodium {
  if (instance) return instance;
  throw new GdsCryptoError(
    'GDS_CRYPTO_NOT_READY',
    '请先 await ready()，再调用同步的密码函数',
    'await ready() before calling a synchronous crypto function',
  );
}
