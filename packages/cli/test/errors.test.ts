import { EXIT, exitCodeOf, UsageError } from '@gds/cli';
import { GdsConvertError } from '@gds/convert';
import { GdsCryptoError } from '@gds/crypto';
import { GdsError, isGdsError } from '@gds/errors';
import { GdsKitError } from '@gds/kit';
import { GdsLedgerError } from '@gds/ledger';
import { GdsPolicyError } from '@gds/policy';
import { GdsSchemaError } from '@gds/schema';
import { GdsStoreError } from '@gds/store';
import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

// One error of each package, with the kind its code has.
const cases = [
  [new GdsSchemaError('GDS_SCHEMA_INVALID_RECORD', '记录无效', 'invalid record'), 'input'],
  [new GdsSchemaError('GDS_SCHEMA_UNKNOWN_STANDARD', '未知标准', 'unknown standard'), 'caller'],
  [new GdsConvertError('GDS_CONVERT_UNREADABLE_INPUT', '无法读取', 'unreadable'), 'input'],
  [new GdsConvertError('GDS_CONVERT_INVALID_MAPPING', '映射无效', 'invalid mapping'), 'caller'],
  [new GdsCryptoError('GDS_CRYPTO_BAD_SIGNATURE', '签名无效', 'bad signature'), 'input'],
  [new GdsCryptoError('GDS_CRYPTO_INVALID_KEY', '密钥无效', 'invalid key'), 'caller'],
  [new GdsCryptoError('GDS_CRYPTO_KEY_STORE', '密钥库失败', 'key store failed'), 'environment'],
  [new GdsLedgerError('GDS_LEDGER_RANGE', '越界', 'out of range'), 'caller'],
  [new GdsLedgerError('GDS_LEDGER_STORE', '存储失败', 'store failed'), 'environment'],
  [new GdsPolicyError('GDS_POLICY_INVALID_INPUT', '输入无效', 'invalid input'), 'caller'],
  [new GdsPolicyError('GDS_POLICY_IO', '读写失败', 'i/o failed'), 'environment'],
  [new GdsStoreError('GDS_STORE_NOT_FOUND', '未找到', 'not found'), 'caller'],
  [new GdsStoreError('GDS_STORE_BACKEND', '后端失败', 'backend failed'), 'environment'],
  [
    new GdsKitError('GDS_KIT_PROFILE_VIOLATION', '违反规范', 'profile violation', { details: ['/a'] }),
    'input',
  ],
  [new GdsKitError('GDS_KIT_NOT_FOUND', '未找到', 'not found'), 'caller'],
  [new UsageError('未知选项', 'unknown option'), 'caller'],
] as const;

const exitOfKind = { input: EXIT.invalid, caller: EXIT.usage, environment: EXIT.environment } as const;

describe('the error family', () => {
  it.each(cases)('%s is a GdsError of its kind, with its message unchanged', (error, kind) => {
    expect(error).toBeInstanceOf(GdsError);
    expect(isGdsError(error)).toBe(true);
    expect(error.kind).toBe(kind);
    expect(error.message.startsWith(`${error.messageZh}（${error.messageEn}）`)).toBe(true);
    expect(error.name).toBe(error.constructor.name);
  });

  it('keeps the kit error details on its message', () => {
    expect(
      new GdsKitError('GDS_KIT_PROFILE_VIOLATION', '违反', 'violation', { details: ['/a', '/b'] }).message,
    ).toBe('违反（violation）\n  - /a\n  - /b');
  });
});

describe('exitCodeOf: one switch on the kind', () => {
  it.each(cases)('%s exits with the code of its kind', (error, kind) => {
    expect(exitCodeOf(error)).toBe(exitOfKind[kind]);
  });

  it('a Node system error is the environment (74), anything else a bug (70)', () => {
    expect(exitCodeOf(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBe(74);
    expect(exitCodeOf(new TypeError('x is undefined'))).toBe(70);
    expect(exitCodeOf('thrown string')).toBe(70);
    // A name that looks like ours does not make an error one of ours.
    expect(exitCodeOf(Object.assign(new Error('x'), { name: 'GdsFakeError' }))).toBe(70);
  });

  it('the command line exits 2 for a usage error', async () => {
    const r = await gds(['validate', '--no-such-option']);
    expect(r.code).toBe(2);
  });
});
