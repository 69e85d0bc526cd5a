export {
  SM2_DEFAULT_USER_ID,
  sm2VerifyDigest,
  sm2Za,
  sm3,
  sm4EncryptBlock,
  sm4GcmEncrypt,
  smSuite,
} from './smSuite.js';
