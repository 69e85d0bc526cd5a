export { sm2VerifyDigest } from './sm2VerifyDigest.js';
export { sm2Za } from './sm2Za.js';
export { sm3 } from './sm3.js';
export { sm4EncryptBlock } from './sm4EncryptBlock.js';
export { sm4GcmEncrypt } from './sm4GcmEncrypt.js';
export { SM2_DEFAULT_USER_ID, smSuite } from './smSuite.js';
