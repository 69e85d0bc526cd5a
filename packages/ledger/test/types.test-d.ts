import type { AppendResult, LedgerIssue, Receipt, Verification } from '@gds/ledger';
import { type Log, MerkleTree, verifyInclusion, verifyReceipt } from '@gds/ledger';
import { describe, expectTypeOf, it } from 'vitest';

describe('public types', () => {
  it('narrows verification results on valid', () => {
    const r = verifyInclusion(0, 1, new Uint8Array(32), [], new Uint8Array(32));
    expectTypeOf(r).toEqualTypeOf<Verification>();
    if (!r.valid) expectTypeOf(r.issue).toEqualTypeOf<LedgerIssue>();
  });

  it('accepts bigint sizes and returns plain byte arrays', () => {
    const tree = new MerkleTree();
    expectTypeOf(tree.root(0n)).toEqualTypeOf<Uint8Array>();
    expectTypeOf(tree.inclusionProof).parameter(0).toEqualTypeOf<number | bigint>();
  });

  it('types appends and receipts', () => {
    expectTypeOf<Log['appendBatch']>().returns.toEqualTypeOf<Promise<AppendResult>>();
    expectTypeOf<Receipt['index']>().toEqualTypeOf<number>();
    expectTypeOf(verifyReceipt).returns.resolves.toHaveProperty('valid');
  });
});
