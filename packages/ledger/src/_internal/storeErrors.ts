import { GdsLedgerError } from '../errors.js';

export function conflict(expected: number, actual: number): GdsLedgerError {
  return new GdsLedgerError(
    'GDS_LEDGER_CONFLICT',
    `并发追加冲突：批次从 ${expected} 开始，但日志大小为 ${actual}`,
    `concurrent append: the batch starts at ${expected} but the log has ${actual} entries`,
  );
}

export function missingNode(level: number, index: number): GdsLedgerError {
  return new GdsLedgerError(
    'GDS_LEDGER_STORE',
    `存储中缺少节点 ${level}/${index}`,
    `node ${level}/${index} is missing from the store`,
  );
}

export function closed(): GdsLedgerError {
  return new GdsLedgerError('GDS_LEDGER_STORE', '存储已关闭', 'the store is closed');
}

export function storeFailure(zh: string, en: string, cause: unknown): GdsLedgerError {
  return new GdsLedgerError('GDS_LEDGER_STORE', zh, en, { cause });
}
